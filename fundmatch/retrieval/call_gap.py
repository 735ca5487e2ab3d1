"""When a programme has no call open or announced: its last call and when earlier calls opened.

The Innovation Fund runs one call (and auctions) a year. Between two calls a request for a large
decarbonisation plant still belongs there, so the recommendations show the programme's information
and advisory sheets, and say that no call is open now, which call closed last and when the earlier
ones opened (facts from the catalogue, no forecast).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fundmatch.core.models import KIND_AUCTION, KIND_CALL_TOPIC, Opportunity, ReasonCode
from fundmatch.retrieval.status import opportunity_status

CALL_KINDS = frozenset({KIND_CALL_TOPIC, KIND_AUCTION})


@dataclass(frozen=True)
class CallGap:
    """No call of ``programme`` is open or forthcoming: the last one and the earlier openings."""

    programme: str
    last_call: str
    closed_on: date
    openings: tuple[date, ...]

    def reason(self) -> ReasonCode:
        """The gap as a reason on a card (phrased by fundmatch/chat/reasons.py)."""
        return ReasonCode(
            "no_open_call",
            (
                ("programme", self.programme),
                ("call", self.last_call),
                ("closed_date", self.closed_on.isoformat()),
                ("opening_dates", ", ".join(day.isoformat() for day in self.openings)),
            ),
        )


def call_gap(opportunities: Iterable[Opportunity], programme: str, day: date) -> CallGap | None:
    """The gap for ``programme`` on ``day``; None when one of its calls is open or forthcoming, or
    when the catalogue holds no dated call of it."""
    calls = [o for o in opportunities if o.programme == programme and o.kind in CALL_KINDS and o.deadlines]
    if not calls or any(opportunity_status(o, day) != "closed" for o in calls):
        return None
    closed_on = max(max(o.deadlines) for o in calls)
    # The topics of the last call share its call id; name the call by the id most of them carry.
    last = Counter(o.call_id or o.id for o in calls if max(o.deadlines) == closed_on).most_common(1)[0][0]
    openings = sorted({o.opening_date for o in calls if o.opening_date})
    return CallGap(programme, last, closed_on, tuple(openings))
