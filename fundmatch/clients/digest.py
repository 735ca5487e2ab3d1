"""What changed for one client since its last digest: new opportunities, changed deadlines or
budgets, calls that opened, and deadlines that came within 30, 14 or 7 days.

The comparison is pure: ``compare(seen, recommendations, today)`` takes the facts the last digest
saw (per opportunity id) and the client's list ranked again now, and returns one ``DigestItem`` per
opportunity with something to report plus the facts to remember. ``fundmatch.clients.digest_state``
stores both; ``digest_render`` writes them out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fundmatch.chat.exports import REMINDER_DAYS
from fundmatch.clients.store import SavedProfile
from fundmatch.core.models import Recommendation
from fundmatch.retrieval.status import next_deadline

NEW, DEADLINE, BUDGET, OPENED, CLOSING = "new", "deadline_changed", "budget_changed", "opened", "closing"

Ranker = Callable[[SavedProfile], list[Recommendation]]
"""Ranks the current index for a saved client (its description, profile, filters, documents)."""


@dataclass(frozen=True)
class SeenFacts:
    """What a digest saw of one opportunity; ``reminded`` is the (deadline, days) last warned of."""

    title: str
    status: str
    deadlines: tuple[date, ...] = ()
    budget_min: float | None = None
    budget_max: float | None = None
    reminded: tuple[date, int] | None = None


@dataclass(frozen=True)
class Change:
    """One thing to report: its kind, the value before and after (ISO dates, EUR), days to go."""

    kind: str
    before: str = ""
    after: str = ""
    days: int | None = None


@dataclass(frozen=True)
class DigestItem:
    """An opportunity of the client's current list and what is new about it."""

    recommendation: Recommendation
    changes: tuple[Change, ...]


def facts_of(recommendation: Recommendation, reminded: tuple[date, int] | None = None) -> SeenFacts:
    """The facts of a recommendation that later digests compare against."""
    opportunity = recommendation.opportunity
    return SeenFacts(
        title=opportunity.title,
        status=recommendation.status,
        deadlines=tuple(sorted(set(opportunity.deadlines))),
        budget_min=opportunity.budget_min,
        budget_max=opportunity.budget_max,
        reminded=reminded,
    )


def reminder_due(deadline: date | None, today: date) -> int | None:
    """The smallest of 30, 14, 7 that the days to ``deadline`` are within; None beyond 30 or past."""
    if deadline is None or deadline < today:
        return None
    days = (deadline - today).days
    within = [limit for limit in REMINDER_DAYS if days <= limit]
    return min(within) if within else None


def _dates(deadlines: Sequence[date]) -> str:
    return ", ".join(d.isoformat() for d in deadlines)


def _budget(low: float | None, high: float | None) -> str:
    values = sorted({v for v in (low, high) if v is not None})
    return " – ".join(f"{v:.0f}" for v in values)


def compare(
    seen: Mapping[str, SeenFacts], recommendations: Sequence[Recommendation], today: date
) -> tuple[list[DigestItem], dict[str, SeenFacts]]:
    """The items to report (in the list's order) and the facts to remember for each listed opportunity."""
    items: list[DigestItem] = []
    remember: dict[str, SeenFacts] = {}
    for rec in recommendations:
        before = seen.get(rec.opportunity.id)
        now = facts_of(rec)
        changes: list[Change] = []
        if before is None:
            changes.append(Change(NEW))
        else:
            if before.deadlines != now.deadlines:
                changes.append(Change(DEADLINE, _dates(before.deadlines), _dates(now.deadlines)))
            if (before.budget_min, before.budget_max) != (now.budget_min, now.budget_max):
                old = _budget(before.budget_min, before.budget_max)
                changes.append(Change(BUDGET, old, _budget(now.budget_min, now.budget_max)))
            if before.status == "forthcoming" and now.status == "open":
                changes.append(Change(OPENED, before.status, now.status))
        deadline = next_deadline(rec.opportunity, today)
        due = reminder_due(deadline, today)
        reminded = before.reminded if before else None
        if due is not None and deadline is not None:
            already = reminded is not None and reminded[0] == deadline and reminded[1] <= due
            if not already:
                changes.append(Change(CLOSING, after=deadline.isoformat(), days=(deadline - today).days))
                reminded = (deadline, due)
        remember[rec.opportunity.id] = facts_of(rec, reminded)
        if changes:
            items.append(DigestItem(rec, tuple(changes)))
    return items, remember


@dataclass(frozen=True)
class ClientDigest:
    """One client's digest: what is reported, against which earlier digest, and why it may be empty.

    ``previous`` is the date of the digest compared against (None for the first one); ``since`` the
    date asked for with ``--since`` (earlier reports from then on are listed again); ``ranked`` the
    client's whole current list (its calendar); ``missing`` says why nothing could be ranked (no
    description), else it is empty.
    """

    profile: SavedProfile
    as_of: date
    items: tuple[DigestItem, ...]
    previous: date | None = None
    since: date | None = None
    ranked: tuple[Recommendation, ...] = ()
    missing: str = ""

    @property
    def first(self) -> bool:
        """True for the client's first digest (everything on its list is new)."""
        return self.previous is None and self.since is None
