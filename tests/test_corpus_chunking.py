"""Chunking: size and overlap, section and opportunity boundaries, stable ids, filterable metadata."""

from __future__ import annotations

from datetime import date

import pytest

from fundmatch.core.models import KIND_CALL_TOPIC, Opportunity
from fundmatch.corpus.chunking import OVERVIEW, chunk_opportunity, make_splitter, passage_id
from fundmatch.corpus.documents import OpportunityText, Section


def _sentences(word: str, count: int) -> str:
    return " ".join(f"Sentence {number} talks about {word} in some detail." for number in range(count))


def _item(topic_id: str, word: str, **changes: object) -> OpportunityText:
    opportunity = Opportunity(
        id=topic_id,
        programme="Horizon Europe",
        kind=KIND_CALL_TOPIC,
        title=f"Topic on {word}",
        source="test.jsonl.gz",
        call_title="A call",
        destination="A destination",
        summary=f"Short summary about {word}.",
        deadlines=(date(2027, 1, 5), date(2027, 5, 6)),
        **changes,
    )
    sections = (Section("Expected Outcome", _sentences(word, 40)), Section("Scope", _sentences(word, 5)))
    return OpportunityText(opportunity, sections)


def test_passages_respect_size_and_overlap_and_never_mix_sections() -> None:
    splitter = make_splitter(300, 60)
    passages = chunk_opportunity(_item("T-1", "hydrogen"), splitter)
    assert passages[0].section == OVERVIEW
    assert "Topic on hydrogen" in passages[0].text and "A destination" in passages[0].text
    outcome = [p for p in passages if p.section == "Expected Outcome"]
    assert len(outcome) > 5
    assert all(len(p.text) <= 300 for p in passages)
    # consecutive chunks overlap: the start of each chunk repeats the end of the one before
    assert outcome[1].text[:20] in outcome[0].text
    scope = [p for p in passages if p.section == "Scope"]
    assert all(p.text.startswith("Sentence") for p in scope)
    assert not any("Scope" in p.text for p in outcome)


def test_passages_never_span_two_opportunities() -> None:
    splitter = make_splitter(500, 50)
    first = chunk_opportunity(_item("T-1", "hydrogen"), splitter)
    second = chunk_opportunity(_item("T-2", "robots"), splitter)
    assert all("robots" not in p.text for p in first)
    assert all(p.opportunity_id == "T-2" and "hydrogen" not in p.text for p in second)


def test_ids_are_stable_and_content_derived() -> None:
    splitter = make_splitter(400, 40)
    once = [p.id for p in chunk_opportunity(_item("T-1", "hydrogen"), splitter)]
    again = [p.id for p in chunk_opportunity(_item("T-1", "hydrogen"), splitter)]
    other = [p.id for p in chunk_opportunity(_item("T-9", "hydrogen"), splitter)]
    assert once == again
    assert len(set(once)) == len(once)
    assert not set(once) & set(other)
    assert passage_id("T-1", "Scope", "x") != passage_id("T-1", "Scope", "y")


def test_metadata_is_filterable_and_never_none() -> None:
    passages = chunk_opportunity(_item("HORIZON-CL5-2027-D3-01-02", "solar"), make_splitter(1000, 150))
    metadata = passages[1].metadata
    assert metadata["programme"] == "Horizon Europe"
    assert metadata["kind"] == KIND_CALL_TOPIC
    assert metadata["deadline"] == "2027-05-06"  # the last deadline of a two-stage topic
    assert metadata["opening_date"] == ""
    assert metadata["type_of_action"] == ""
    assert metadata["section"] == "Expected Outcome"
    assert metadata["call_family"] == "CL5-D3"
    assert metadata["page"] == 0
    for passage in passages:
        assert all(isinstance(value, str | int | float | bool) for value in passage.metadata.values())


@pytest.mark.parametrize(("size", "overlap"), [(0, 0), (100, 100), (100, -1)])
def test_bad_chunk_settings_are_refused(size: int, overlap: int) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        make_splitter(size, overlap)
