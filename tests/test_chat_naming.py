"""Results are named by the id an applicant quotes: a topic's own id, not the call it shares."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fundmatch.app.ui.cards import card_view
from fundmatch.chat.answers import comparison_rows
from fundmatch.chat.facts import opportunity_name, reference_id
from fundmatch.core.models import HORIZON_EUROPE, KIND_CALL_TOPIC, Opportunity
from tests.chat_fakes import FakeEngine

TODAY = date(2026, 11, 24)


def _topic(topic_id: str, title: str) -> Opportunity:
    return Opportunity(
        id=topic_id,
        programme=HORIZON_EUROPE,
        kind=KIND_CALL_TOPIC,
        title=title,
        source="ft_portal_topics.jsonl",
        call_id="HORIZON-CL4-2027-01",
        status="open",
        deadlines=(date(2027, 2, 2),),
    )


MATERIALS = _topic("HORIZON-CL4-2027-01-MAT-PROD-06", "Circular innovative advanced materials")
MANUFACTURING = _topic("HORIZON-CL4-2027-01-MAT-PROD-02", "Advanced manufacturing for key products")


def test_a_portal_topic_is_named_by_its_topic_id_a_fact_sheet_by_its_call_or_title() -> None:
    assert reference_id(MATERIALS) == "HORIZON-CL4-2027-01-MAT-PROD-06"
    sheet = replace(MATERIALS, id="eic_accelerator", call_id="HORIZON-EIC-2026-ACCELERATOR-01", title="EIC")
    assert opportunity_name(sheet) == "HORIZON-EIC-2026-ACCELERATOR-01"
    assert opportunity_name(replace(sheet, call_id=None)) == "EIC"
    infra = replace(MATERIALS, id="HORIZON-INFRA-2027-TECH-01-02", call_id="HORIZON-INFRA-2027-01")
    assert reference_id(infra) == "HORIZON-INFRA-2027-TECH-01-02"


def test_two_topics_of_one_call_stay_two_columns_of_a_comparison() -> None:
    rec = FakeEngine().recommend("heat pumps", None, None, 10)[0]
    recs = [replace(rec, opportunity=MATERIALS), replace(rec, opportunity=MANUFACTURING)]
    rows = comparison_rows(recs, "en", TODAY)
    assert list(rows[0])[1:] == ["HORIZON-CL4-2027-01-MAT-PROD-06", "HORIZON-CL4-2027-01-MAT-PROD-02"]


def test_a_card_links_the_topic_id() -> None:
    rec = replace(FakeEngine().recommend("heat pumps", None, None, 10)[0], opportunity=MATERIALS)
    assert card_view(rec, 1, "en", TODAY).call_id == "HORIZON-CL4-2027-01-MAT-PROD-06"
