"""Portal topic records (open/forthcoming dump and eu-grants-feed union) as opportunities with text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fundmatch.core.models import KIND_CALL_TOPIC, Opportunity
from fundmatch.corpus.dates import find_dates, parse_date
from fundmatch.corpus.documents import OpportunityText, Section
from fundmatch.corpus.portal_sections import (
    SPECIFIC_CONDITIONS,
    labelled_sections,
    split_specific_conditions,
    tidy_conditions,
)
from fundmatch.corpus.text import clean, repair
from fundmatch.corpus.vocabulary import normalise_status, programme_name, type_of_action

SUMMARY_CHARS = 500
_SUMMARY_SECTIONS = ("Expected Outcome", "Objective", "Expected Impact", "Description", "Scope")


@dataclass(frozen=True)
class PortalRecord:
    """One topic as a source saw it, with the date of that view (for newest-wins merging)."""

    text: OpportunityText
    seen: date | None


def _number(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _count(value: object) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def summary_of(sections: list[Section] | tuple[Section, ...]) -> str:
    """The start of the most telling section (expected outcome first), about 500 characters."""
    by_heading = {section.heading: section.text for section in sections}
    for heading in _SUMMARY_SECTIONS:
        if by_heading.get(heading):
            return _shorten(by_heading[heading], SUMMARY_CHARS)
    return _shorten(sections[0].text, SUMMARY_CHARS) if sections else ""


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")].rstrip() + " …" if " " in cut else cut


def _keywords(*values: str | None) -> tuple[str, ...]:
    words: dict[str, None] = {}
    for value in values:
        for word in (value or "").split(","):
            if word.strip():
                words.setdefault(word.strip(), None)
    return tuple(words)


def from_full_record(record: dict, source: str, seen: date | None) -> PortalRecord:
    """A record of the open/forthcoming dump: full description, conditions, per-grant budget."""
    description, specific = split_specific_conditions(clean(record.get("description")))
    sections = labelled_sections(description)
    if specific:
        sections.append(Section(SPECIFIC_CONDITIONS, specific))
    general = tidy_conditions(clean(record.get("topicConditions")))
    conditions = "\n\n".join(
        part
        for part in (
            f"{SPECIFIC_CONDITIONS}: {specific}" if specific else "",
            f"General conditions: {general}" if general else "",
        )
        if part
    )
    opportunity = Opportunity(
        id=record["topicId"].strip(),
        programme=programme_name(record.get("programme")),
        kind=KIND_CALL_TOPIC,
        title=clean(record.get("title")),
        source=source,
        call_id=record.get("callIdentifier") or None,
        call_title=clean(record.get("callTitle")) or None,
        type_of_action=type_of_action(record.get("actionType"), record.get("typesOfAction")),
        status=normalise_status(record.get("callStatus")),
        deadlines=tuple(sorted(set(find_dates(str(record.get("deadline") or ""))))),
        deadline_model=record.get("deadlineModel") or None,
        budget_min=_number(record.get("budgetMin")),
        budget_max=_number(record.get("budgetMax")),
        expected_grants=_count(record.get("expectedGrants")),
        conditions=conditions,
        url=record.get("portalUrl") or None,
        keywords=_keywords(record.get("keywords"), record.get("crossCuttingPriorities")),
        summary=summary_of(sections),
    )
    return PortalRecord(OpportunityText(opportunity, tuple(sections)), seen)


def from_union_record(record: dict, source: str) -> PortalRecord:
    """A record of the eu-grants-feed union: opening date, call budget, status label, cut abstract."""
    budget = record.get("budget") or {}
    programmes = record.get("frameworkProgrammes") or []
    sections = labelled_sections(clean(record.get("abstract")))
    opening = parse_date(record.get("startDate")) or parse_date(record.get("plannedOpeningDate"))
    opportunity = Opportunity(
        id=record["identifier"].strip(),
        programme=programme_name(programmes[0].get("label") if programmes else None),
        kind=KIND_CALL_TOPIC,
        title=clean(record.get("title")),
        source=source,
        call_id=record.get("callIdentifier") or None,
        call_title=clean(record.get("callTitle")) or None,
        destination=repair(record.get("destination") or "").strip() or None,
        type_of_action=type_of_action(None, record.get("actionType")),
        status=normalise_status((record.get("status") or {}).get("label")),
        opening_date=opening,
        deadlines=tuple(sorted(set(find_dates(str(record.get("deadlineDate") or ""))))),
        deadline_model=record.get("deadlineModel") or None,
        budget_min=_number(budget.get("minContributionEur")),
        budget_max=_number(budget.get("maxContributionEur")),
        call_budget=_number(budget.get("totalBudgetEur")),
        expected_grants=_count(budget.get("expectedGrants")),
        url=record.get("url") or None,
        summary=summary_of(sections),
    )
    return PortalRecord(OpportunityText(opportunity, tuple(sections)), parse_date(record.get("_snapshot")))
