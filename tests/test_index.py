"""The hybrid index with real Chroma and the real MiniLM model: build, search, increments, atomicity."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fundmatch.core.errors import IndexMismatchError, IndexNotFoundError, RegistryError
from fundmatch.index import build_index, open_index
from fundmatch.index.base import PassageIndex
from fundmatch.index.layout import IndexLayout
from tests.index_fixtures import CountingEmbedder, minilm, minilm_settings, small_snapshot


@pytest.fixture
def settings(tmp_path: Path):
    return minilm_settings(tmp_path / "data")


def test_build_then_open_finds_passages_by_meaning_and_keyword(settings) -> None:
    report = build_index(small_snapshot(), settings, embedder=minilm())
    assert report.changed and report.passages.new == 5 and report.projects.new == 2

    index: PassageIndex = open_index(settings)
    query = minilm().embed_query("decarbonising steel with renewable hydrogen")
    assert index.dense_search(query, k=1)[0].id == "he-hydrogen"
    assert index.keyword_search("Photovoltaik Förderung", k=3)[0].id == "de-solar"
    assert index.passage("he-health").opportunity_id == "HORIZON-HLTH-AMR"
    assert index.opportunity("IF25-BATT").programme == "Innovation Fund"
    assert index.opportunities()[0].id == "HORIZON-CL5-H2"
    assert len(index.passages()) == 5


def test_catalogue_round_trips_records_with_dates_and_organisations(settings) -> None:
    snapshot = small_snapshot()
    build_index(snapshot, settings, embedder=minilm())
    index = open_index(settings)
    assert list(index.opportunities()) == snapshot.opportunities
    assert list(index.passages()) == snapshot.passages
    assert list(index.projects()) == snapshot.projects


def test_where_filters_restrict_dense_search(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    index = open_index(settings)
    query = minilm().embed_query("hydrogen for steel")
    investeu = index.dense_search(query, k=10, where={"programme": "InvestEU"})
    assert {hit.id for hit in investeu} == {"ie-sme-loans", "de-solar"}
    open_ia = index.dense_search(query, k=10, where={"status": "open", "type_of_action": "IA"})
    assert [hit.id for hit in open_ia] == ["he-hydrogen"]
    late = index.dense_search(query, k=10, where={"deadline_int": {"$gte": 20270101}})
    assert [hit.id for hit in late] == ["he-health"]
    statuses = index.dense_search(query, k=10, where={"status": {"$in": ["forthcoming", "unknown"]}})
    assert {hit.id for hit in statuses} == {"he-health", "ie-sme-loans", "de-solar"}


def test_project_search_finds_similar_projects(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    index = open_index(settings)
    hits = index.project_search(minilm().embed_query("bacteriophages for infections"), k=2)
    assert hits[0].id == "101000002"
    assert index.project("101000001").organisations[0].country == "DE"
    only_de = index.project_search(
        minilm().embed_query("infections"), k=2, where={"coordinator_country": "DE"}
    )
    assert [hit.id for hit in only_de] == ["101000001"]


def test_second_run_with_nothing_changed_embeds_nothing(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    live = IndexLayout(settings.resolved_index_dir).live()
    counting = CountingEmbedder(minilm())
    report = build_index(small_snapshot(), settings, embedder=counting)
    assert counting.embedded == []
    assert not report.changed and report.passages.unchanged == 5 and report.projects.unchanged == 2
    assert IndexLayout(settings.resolved_index_dir).live() == live


def test_changed_passage_is_the_only_one_embedded_again_and_removed_one_disappears(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    snapshot = small_snapshot()
    new_text = "Offshore wind farms and floating turbines in the North Sea."
    snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text=new_text)
    del snapshot.passages[1]  # he-health
    counting = CountingEmbedder(minilm())
    report = build_index(snapshot, settings, embedder=counting)

    assert counting.embedded == [new_text]
    assert (report.passages.changed, report.passages.removed, report.passages.unchanged) == (1, 1, 3)
    index = open_index(settings)
    assert index.dense_search(minilm().embed_query("floating wind turbines"), k=1)[0].id == "he-hydrogen"
    assert "he-health" not in {
        hit.id for hit in index.dense_search(minilm().embed_query("antibiotics"), k=10)
    }
    assert "he-health" not in {hit.id for hit in index.keyword_search("antibiotics clinical trials", k=10)}
    with pytest.raises(KeyError):
        index.passage("he-health")


def test_status_change_updates_filter_metadata_without_embedding(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    snapshot = small_snapshot()
    snapshot.opportunities[0] = dataclasses.replace(snapshot.opportunities[0], status="closed")
    counting = CountingEmbedder(minilm())
    report = build_index(snapshot, settings, embedder=counting)
    assert counting.embedded == [] and report.changed and report.passages.metadata_updated == 1
    index = open_index(settings)
    closed = index.dense_search(minilm().embed_query("steel"), k=10, where={"status": "closed"})
    assert [hit.id for hit in closed] == ["he-hydrogen"]
    assert index.opportunity("HORIZON-CL5-H2").status == "closed"


def test_failure_mid_build_keeps_previous_index_intact(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    layout = IndexLayout(settings.resolved_index_dir)
    live = layout.live()
    snapshot = small_snapshot()
    snapshot.passages = [dataclasses.replace(p, text=p.text + " Revised.") for p in snapshot.passages]
    failing = CountingEmbedder(minilm(), fail_after_calls=0)
    with pytest.raises(RuntimeError, match="mid-build"):
        build_index(snapshot, settings, embedder=failing)

    assert layout.live() == live
    assert [p.name for p in settings.resolved_index_dir.iterdir() if p.name.startswith(".building")] == []
    index = open_index(settings)
    assert index.passage("he-hydrogen").text == small_snapshot().passages[0].text
    assert index.dense_search(minilm().embed_query("green hydrogen steel"), k=1)[0].id == "he-hydrogen"


def test_failure_in_the_projects_stage_after_passages_were_written_keeps_previous(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm(), embed_projects=False)
    snapshot = small_snapshot()
    snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text="Quantum computing testbeds.")
    failing = CountingEmbedder(minilm(), fail_after_calls=1)  # passages succeed, projects fail
    with pytest.raises(RuntimeError):
        build_index(snapshot, settings, embedder=failing)
    assert failing.embedded == ["Quantum computing testbeds."]
    index = open_index(settings)
    assert index.passage("he-hydrogen").text == small_snapshot().passages[0].text


def test_no_projects_keeps_records_in_catalogue_but_embeds_none(settings) -> None:
    counting = CountingEmbedder(minilm())
    report = build_index(small_snapshot(), settings, embedder=counting, embed_projects=False)
    assert len(counting.embedded) == 5 and report.projects.skipped == 2 and report.projects_embedded == 0
    index = open_index(settings)
    assert len(index.projects()) == 2
    assert index.project_search(minilm().embed_query("steel"), k=5) == []


def test_opening_with_another_model_is_a_one_line_error(settings) -> None:
    build_index(small_snapshot(), settings, embedder=minilm())
    with pytest.raises(IndexMismatchError) as error:
        open_index(settings.replace(embedding_model="multilingual-e5-small"))
    assert "all-minilm-l6-v2" in str(error.value) and "\n" not in str(error.value)


def test_missing_index_tells_the_user_to_ingest(settings) -> None:
    with pytest.raises(IndexNotFoundError, match="fundmatch ingest"):
        open_index(settings)


def test_unknown_vector_store_names_the_valid_ones(settings) -> None:
    with pytest.raises(RegistryError, match="chroma, chroma-http"):
        build_index(small_snapshot(), settings.replace(vector_store="faiss"), embedder=minilm())


def test_only_live_and_previous_generation_are_kept(settings) -> None:
    for suffix in ("one", "two", "three"):
        snapshot = small_snapshot()
        snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text=f"Text {suffix}")
        build_index(snapshot, settings, embedder=minilm())
    generations = [p for p in settings.resolved_index_dir.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 2
    assert open_index(settings).passage("he-hydrogen").text == "Text three"
