"""Between two calls of a programme: which call closed last and when the earlier ones opened."""

from __future__ import annotations

from datetime import date

from fundmatch.chat.reasons import why_text
from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    KIND_AUCTION,
    KIND_CALL_TOPIC,
    KIND_PROGRAMME_INFO,
    Opportunity,
)
from fundmatch.retrieval.call_gap import call_gap


def _call(
    ident: str, opened: date, *deadlines: date, call_id: str | None = None, **fields: object
) -> Opportunity:
    values: dict = {"programme": INNOVATION_FUND, "kind": KIND_CALL_TOPIC} | fields
    return Opportunity(
        id=ident,
        title=ident,
        source="if.md",
        call_id=call_id,
        opening_date=opened,
        deadlines=deadlines,
        **values,
    )


CATALOGUE = [
    _call("IF24-LSP", date(2024, 12, 3), date(2025, 4, 24), call_id="INNOVFUND-2024-NZT"),
    _call("IF25-LSP", date(2025, 12, 4), date(2026, 4, 23), call_id="INNOVFUND-2025-NZT"),
    _call("IF25-PILOTS", date(2025, 12, 4), date(2026, 4, 23), call_id="INNOVFUND-2025-NZT"),
    _call("IF25-PILOTS-SHEET", date(2025, 12, 4), date(2026, 4, 23), call_id="INNOVFUND-2025-NZT-PILOTS"),
    _call("HEAT-AUCTION", date(2025, 12, 4), date(2026, 2, 19), kind=KIND_AUCTION),
    _call("HORIZON-TOPIC", date(2026, 5, 1), date(2027, 1, 20), programme=HORIZON_EUROPE),
    Opportunity(id="overview", programme=INNOVATION_FUND, kind=KIND_PROGRAMME_INFO, title="o", source="o.md"),
]


def test_with_every_call_closed_the_gap_names_the_last_call_and_the_openings() -> None:
    gap = call_gap(CATALOGUE, INNOVATION_FUND, date(2026, 11, 24))
    assert gap is not None
    assert (gap.last_call, gap.closed_on) == ("INNOVFUND-2025-NZT", date(2026, 4, 23))
    assert gap.openings == (date(2024, 12, 3), date(2025, 12, 4))


def test_an_open_or_announced_call_means_no_gap() -> None:
    assert call_gap(CATALOGUE, INNOVATION_FUND, date(2026, 3, 1)) is None
    announced = _call("IF26-LSP", date(2026, 12, 3), date(2027, 4, 22), call_id="INNOVFUND-2026-NZT")
    assert call_gap([*CATALOGUE, announced], INNOVATION_FUND, date(2026, 11, 24)) is None


def test_no_dated_call_of_the_programme_means_no_gap() -> None:
    assert call_gap(CATALOGUE[-1:], INNOVATION_FUND, date(2026, 11, 24)) is None
    assert call_gap(CATALOGUE, "InvestEU", date(2026, 11, 24)) is None


def test_the_gap_reads_as_one_sentence_in_each_language() -> None:
    gap = call_gap(CATALOGUE, INNOVATION_FUND, date(2026, 11, 24))
    assert gap is not None
    reason = gap.reason()
    assert why_text([reason]) == (
        "No Innovation Fund call is open now: the last one, INNOVFUND-2025-NZT, closed on 23 April 2026; "
        "earlier calls opened on 3 December 2024, 4 December 2025. The Funding & Tenders Portal announces "
        "the next one."
    )
    closed = {
        "de": "23. April 2026",
        "fr": "23 avril 2026",
        "it": "23 aprile 2026",
        "es": "23 de abril de 2026",
    }
    for language in ("de", "fr", "it", "es", "pl"):
        text = why_text([reason], language)
        assert "INNOVFUND-2025-NZT" in text and closed.get(language, "23 kwietnia 2026") in text
        assert "No Innovation" not in text
