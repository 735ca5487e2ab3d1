"""Ordering scored opportunities: filters, family diversity and the low-relevance guard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fundmatch.core.models import Filters, Opportunity, Status
from fundmatch.retrieval.status import next_deadline

# Only the best few candidates are considered for the final list; diversity reorders them.
DIVERSITY_POOL = 200
# A candidate judged "not eligible" keeps this share of its score: shown, but after those that fit.
NOT_ELIGIBLE_FACTOR = 0.5


@dataclass(frozen=True)
class Scored:
    """A candidate opportunity with its final score and the family used for diversity."""

    opportunity: Opportunity
    family: str
    score: float


def passes_filters(opportunity: Opportunity, status: Status, filters: Filters, as_of: date) -> bool:
    """True when the opportunity meets every restriction in ``filters`` (empty = no restriction)."""
    if filters.statuses and status not in filters.statuses and status != "unknown":
        return False
    if filters.programmes and opportunity.programme not in filters.programmes:
        return False
    if filters.types_of_action and not any(
        t.lower() in (opportunity.type_of_action or "").lower() for t in filters.types_of_action
    ):
        return False
    deadline = next_deadline(opportunity, as_of)
    if filters.deadline_from and (deadline is None or deadline < filters.deadline_from):
        return False
    if filters.deadline_to and (deadline is None or deadline > filters.deadline_to):
        return False
    if filters.budget_min is not None and (opportunity.budget_max or 0) < filters.budget_min:
        return False
    return not (
        filters.budget_max is not None
        and opportunity.budget_min is not None
        and opportunity.budget_min > filters.budget_max
    )


def diversify(candidates: Sequence[Scored], k: int, decay: float) -> list[Scored]:
    """Greedy top-``k``: each earlier pick from the same call family multiplies a score by ``decay``.

    With decay 1.0 this is the plain score order; below 1.0 the list covers more families, which
    is what a user comparing routes (and the family-level metrics) needs.
    """
    # Ties go to the smaller id, so the order never depends on how the candidates were collected.
    pool = sorted(candidates, key=lambda c: (-c.score, c.opportunity.id))[:DIVERSITY_POOL]
    picked: list[Scored] = []
    seen: dict[str, int] = {}
    while pool and len(picked) < k:
        best = max(pool, key=lambda c: c.score * decay ** seen.get(c.family, 0))
        pool.remove(best)
        picked.append(best)
        seen[best.family] = seen.get(best.family, 0) + 1
    return picked
