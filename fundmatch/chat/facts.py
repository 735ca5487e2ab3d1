"""Facts about an opportunity phrased for people: names, amounts, dates, days left, labels."""

from __future__ import annotations

import re
from datetime import date

from fundmatch.chat.terms import word
from fundmatch.core.models import (
    KIND_ADVISORY,
    KIND_FINANCIAL_PRODUCT,
    KIND_PROGRAMME_INFO,
    Opportunity,
    Recommendation,
)
from fundmatch.lang.i18n import day, eur, n, t

# Portal identifiers (HORIZON-INFRA-2027-TECH-01-02, ...-D3-07-two-stage), not fact-sheet names (eic_accelerator).
_PORTAL_ID = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+$")


def reference_id(opportunity: Opportunity) -> str | None:
    """The identifier an applicant quotes: a portal topic's own id (HORIZON-CL4-2027-01-MAT-PROD-06,
    not its call HORIZON-CL4-2027-01, which several topics share), else the call id, if any."""
    if opportunity.call_id and _PORTAL_ID.match(opportunity.id):
        return opportunity.id
    return opportunity.call_id


def opportunity_name(opportunity: Opportunity) -> str:
    """The topic or call id when there is one, else the title: how the user refers to it."""
    return reference_id(opportunity) or opportunity.title


def is_financial_product(opportunity: Opportunity) -> bool:
    """True for InvestEU-style products reached through an intermediary rather than a call."""
    return opportunity.kind == KIND_FINANCIAL_PRODUCT


def is_information(opportunity: Opportunity) -> bool:
    """True for programme information and advisory sheets: no call, so no deadline or action type."""
    return opportunity.kind in {KIND_PROGRAMME_INFO, KIND_ADVISORY}


def product_name(opportunity: Opportunity) -> str:
    """What a financial product is: its instrument as the fact sheet names it, else its title."""
    return opportunity.type_of_action or (
        opportunity.keywords[0] if opportunity.keywords else opportunity.title
    )


def format_eur(amount: float | None, language: str = "en") -> str | None:
    """``EUR 2.5 million``, ``EUR 500,000`` (``EUR 2,5 Millionen``, ``EUR 500.000``); None for no amount."""
    return None if amount is None else eur(amount, language)


def budget_range(opportunity: Opportunity, language: str = "en") -> str | None:
    """The per-grant budget as one amount or a range, None when the corpus states none."""
    low = format_eur(opportunity.budget_min, language)
    high = format_eur(opportunity.budget_max, language)
    if low and high and low != high:
        return f"{low} – {high}"
    return high or low


def days_phrase(deadline: date, today: date, language: str = "en") -> str:
    """``12 days left`` / ``tomorrow`` / ``today`` / ``passed 3 days ago`` in the user's language."""
    days = (deadline - today).days
    if days == 0:
        return t(language, "today")
    if days == 1:
        return t(language, "tomorrow")
    if days == -1:
        return t(language, "yesterday")
    if days > 0:
        return n(language, "{n} day left", "{n} days left", days)
    return n(language, "passed {n} day ago", "passed {n} days ago", -days)


def deadline_text(deadline: date, today: date, language: str = "en") -> str:
    """The deadline and how far off it is: ``3 December 2026 (12 days left)``."""
    return f"{day(deadline, language)} ({days_phrase(deadline, today, language)})"


def next_deadline(opportunity: Opportunity, today: date) -> date | None:
    """The first deadline on or after ``today``, else the last one, None when rolling."""
    upcoming = [d for d in sorted(opportunity.deadlines) if d >= today]
    if upcoming:
        return upcoming[0]
    return max(opportunity.deadlines) if opportunity.deadlines else None


def status_label(recommendation: Recommendation, language: str = "en") -> str:
    """The localised status word."""
    return word("status", recommendation.status, language)


def verdict_label(recommendation: Recommendation, language: str = "en") -> str:
    """The localised eligibility verdict."""
    return word("verdict", recommendation.eligibility.verdict, language)
