"""Keyword-first generations and the background embedding: an answer at once, a resume after a
crash with nothing embedded twice, and the switch to hybrid search without a restart."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from fundmatch.app.wiring import open_engine, open_recommender
from fundmatch.core.models import INVESTEU, Filters
from fundmatch.core.settings import Settings
from fundmatch.index import background, build_index, open_index
from fundmatch.index.background import embed_pending, read_progress
from fundmatch.index.layout import IndexLayout
from fundmatch.retrieval.precomputed import write_side
from tests.index_fixtures import TEXTS, CountingEmbedder, minilm, minilm_settings, small_snapshot

EVERY_STATUS = Filters(statuses=())
HYDROGEN = "green hydrogen electrolysers to decarbonise steel plants"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return minilm_settings(tmp_path / "data", embed_projects=False)


def _no_model(*args: object, **kwargs: object) -> None:
    raise AssertionError("a keyword-only index must not load the embedding model")


def _keyword_first(settings: Settings) -> None:
    report = build_index(small_snapshot(), settings, defer_embedding=True, derive=write_side)
    assert report.pending_passages == 5 and report.passages.new == 5


def _use_embedder(monkeypatch: pytest.MonkeyPatch, embedder: object) -> None:
    monkeypatch.setattr(background, "get_embedder", lambda settings, build_progress=None: embedder)


def test_a_keyword_first_index_answers_without_any_model(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fundmatch.index.builder.get_embedder", _no_model)
    monkeypatch.setattr("fundmatch.embeddings.registry.get_embedder", _no_model)
    _keyword_first(settings)
    assert not IndexLayout(settings.resolved_index_dir).live_manifest().dense_complete

    recommender = open_recommender(settings)
    assert recommender.keyword_only
    run = recommender.run(HYDROGEN, filters=EVERY_STATUS)
    assert run.recommendations[0].opportunity.id == "HORIZON-CL5-H2"
    assert {r.semantic_progress for r in run.recommendations} == {0.0}
    assert math.isnan(run.relevance) and not run.nothing_fits  # no query vector: no guard verdict


def test_the_background_embedding_completes_and_the_engine_turns_hybrid(settings: Settings) -> None:
    _keyword_first(settings)
    engine = open_engine(settings)
    assert not engine.status().hybrid
    assert engine.recommend(HYDROGEN, None, EVERY_STATUS, 3)[0].semantic_progress == 0.0

    report = embed_pending(settings, lambda opportunity: True, derive=write_side)

    assert report is not None and report.pending_passages == 0
    assert engine.status().hybrid  # the same engine, reopened on the new generation
    best = engine.recommend(HYDROGEN, None, EVERY_STATUS, 3)[0]
    assert best.opportunity.id == "HORIZON-CL5-H2" and best.semantic_progress is None
    progress = read_progress(settings.resolved_index_dir)
    assert progress is not None and progress.state == "done" and progress.share == 1.0
    assert embed_pending(settings, lambda opportunity: True) is None  # nothing left to do


def test_a_crashed_background_embedding_resumes_and_embeds_nothing_twice(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _keyword_first(settings)
    monkeypatch.setattr(background, "EMBED_CHUNK", 2)
    crashing = CountingEmbedder(minilm(), fail_after_calls=1)  # one batch of two, then it dies
    _use_embedder(monkeypatch, crashing)
    current = lambda opportunity: opportunity.programme == INVESTEU  # noqa: E731

    with pytest.raises(RuntimeError, match="mid-build"):
        embed_pending(settings, current)

    # InvestEU's two passages were current, so they went first.
    assert sorted(crashing.embedded) == sorted([TEXTS["ie-sme-loans"], TEXTS["de-solar"]])
    stopped = read_progress(settings.resolved_index_dir)
    assert stopped is not None and stopped.state == "failed" and stopped.done == 2 and stopped.total == 5
    assert not IndexLayout(settings.resolved_index_dir).live_manifest().dense_complete

    resumed = CountingEmbedder(minilm())
    _use_embedder(monkeypatch, resumed)
    embed_pending(settings, current)

    assert sorted(resumed.embedded) == sorted(set(TEXTS.values()) - set(crashing.embedded))
    index = open_index(settings)
    assert index.dense_complete
    assert (
        index.dense_search(minilm().embed_query("bank loans for digitalisation"), k=1)[0].id == "ie-sme-loans"
    )


def test_an_ingest_after_a_complete_embedding_embeds_only_new_text(settings: Settings) -> None:
    _keyword_first(settings)
    embed_pending(settings, lambda opportunity: True)
    snapshot = small_snapshot()
    snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text="Floating offshore wind turbines.")
    counting = CountingEmbedder(minilm())
    report = build_index(snapshot, settings, embedder=counting)
    assert counting.embedded == ["Floating offshore wind turbines."] and report.pending_passages == 0


def test_repeated_texts_are_embedded_once(settings: Settings) -> None:
    snapshot = small_snapshot()
    twin = dataclasses.replace(snapshot.passages[0], id="he-hydrogen-twin", text="  " + TEXTS["he-hydrogen"])
    snapshot.passages.append(twin)
    counting = CountingEmbedder(minilm())
    build_index(snapshot, settings, embedder=counting)
    assert len(counting.embedded) == 5  # six passages, five distinct texts
    index = open_index(settings)
    query = minilm().embed_query(HYDROGEN)
    assert {hit.id for hit in index.dense_search(query, k=2)} == {"he-hydrogen", "he-hydrogen-twin"}
