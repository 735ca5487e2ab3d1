"""What an index stores for a fast open: the CORDIS side, BM25 weights, records, a vector copy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from fundmatch.core.settings import Settings
from fundmatch.index import build_index, open_index
from fundmatch.index.bm25 import WEIGHTS_FILE, KeywordIndex
from fundmatch.index.catalogue import RECORDS, read_opportunities, read_passages, read_records
from fundmatch.index.dense import VECTORS_FILE
from fundmatch.index.vector_cache import VectorCache, text_key
from fundmatch.lang.tokenize import tokenize
from fundmatch.retrieval import precomputed
from fundmatch.retrieval.precomputed import (
    SIDE_FILE,
    SideWriter,
    compute_side,
    load_side,
    model_key,
    side_key,
    write_side,
)
from fundmatch.retrieval.similar import SimilarProjectModel
from tests.index_fixtures import minilm, minilm_settings, small_snapshot


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = minilm_settings(tmp_path / "data", embed_projects=False)
    build_index(small_snapshot(), settings, embedder=minilm(), derive=write_side)
    return settings


def test_a_stale_cordis_side_is_rebuilt_not_used(settings: Settings) -> None:
    index = open_index(settings)
    path = index.directory / SIDE_FILE
    one_project = compute_side([], [], small_snapshot().projects[:1])
    precomputed._store(path, side_key("the catalogue of an older generation"), one_project)

    side = load_side(index)

    assert len(side.similar) == 2  # computed from this index's projects, not the stale file's one
    assert precomputed._header(path) == side_key(index.manifest.catalogue_digest)  # and stored again
    assert len(load_side(index).similar) == 2


def test_a_current_cordis_side_is_read_not_recomputed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def recompute(*args: object) -> None:
        raise AssertionError("a current side must be read, not computed")

    monkeypatch.setattr(precomputed, "compute_side", recompute)
    side = load_side(open_index(settings))
    assert len(side.similar) == 2
    assert side.similar.search("hydrogen direct reduction of iron ore", k=1)[0].acronym == "H2STEEL"
    assert side.opportunity_ids == sorted(o.id for o in small_snapshot().opportunities)


def test_a_missing_or_corrupt_side_is_rebuilt(settings: Settings) -> None:
    index = open_index(settings)
    (index.directory / SIDE_FILE).write_bytes(b"not a pickle")
    assert len(load_side(index).similar) == 2


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of projects of each ``SimilarProjectModel.fit`` call, in order."""
    calls: list[int] = []
    real = SimilarProjectModel.fit.__func__

    def counting(cls: type, projects: object) -> SimilarProjectModel:
        calls.append(len(projects))  # type: ignore[arg-type]
        return real(cls, projects)

    monkeypatch.setattr(SimilarProjectModel, "fit", classmethod(counting))
    return calls


def _same_side(settings: Settings) -> None:
    """The live generation's side equals one computed from scratch from its records."""
    index = open_index(settings)
    stored = load_side(index)
    fresh = compute_side(index.opportunities(), index.passages(), index.projects())
    assert stored.opportunity_ids == fresh.opportunity_ids
    assert (stored.opportunity_matrix != fresh.opportunity_matrix).nnz == 0
    for text in ("hydrogen direct reduction of iron ore", "phage therapy", "battery cells"):
        assert stored.similar.search(text, k=2) == fresh.similar.search(text, k=2)


def test_changed_opportunities_with_the_same_projects_reuse_the_fitted_model(
    settings: Settings, fits: list[int]
) -> None:
    snapshot = small_snapshot()
    snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text="Floating offshore wind farms.")
    build_index(snapshot, settings, embedder=minilm(), derive=write_side)
    assert fits == []  # the opportunity side was recomputed, the model taken from the previous file
    directory = open_index(settings).directory
    assert precomputed._read_header(directory / SIDE_FILE)["model"] == model_key(snapshot.projects)
    _same_side(settings)


def test_changed_projects_fit_the_model_again(settings: Settings, fits: list[int]) -> None:
    snapshot = small_snapshot()
    snapshot.projects[1] = dataclasses.replace(snapshot.projects[1], title="Phage cocktails for wounds")
    build_index(snapshot, settings, embedder=minilm(), derive=write_side)
    assert fits == [2]
    assert open_index(settings).projects()[1].title == "Phage cocktails for wounds"
    _same_side(settings)


def test_an_early_fit_is_used_by_the_build_and_not_repeated(tmp_path: Path, fits: list[int]) -> None:
    settings = minilm_settings(tmp_path / "fresh", embed_projects=False)
    snapshot = small_snapshot()
    writer = SideWriter(None)
    writer.start(snapshot.projects)  # what the load does once it has read the projects
    build_index(snapshot, settings, embedder=minilm(), derive=writer)
    assert fits == [2]
    _same_side(settings)
    fits.clear()

    again = SideWriter(open_index(settings).directory)
    again.start(snapshot.projects)  # the live generation's side holds the model: nothing to fit
    changed = small_snapshot()
    changed.opportunities[0] = dataclasses.replace(changed.opportunities[0], title="Hydrogen valleys")
    build_index(changed, settings, embedder=minilm(), derive=again)
    assert fits == []
    _same_side(settings)


def test_bm25_weights_are_stored_and_score_as_the_rebuilt_ones(settings: Settings) -> None:
    directory = open_index(settings).directory
    assert (directory / WEIGHTS_FILE).is_file()
    stored = KeywordIndex.load(directory)
    passages = read_passages(directory)
    rebuilt = KeywordIndex([p.id for p in passages], [tokenize(p.text) for p in passages])
    for query in ("hydrogen steel", "Photovoltaik Förderung", "bank loans guarantees"):
        assert stored.search(query, 5) == rebuilt.search(query, 5)
    (directory / WEIGHTS_FILE).unlink()  # a generation from before the weights were stored
    assert KeywordIndex.load(directory).search("hydrogen steel", 5) == rebuilt.search("hydrogen steel", 5)


def test_pickled_records_equal_the_json_lines(settings: Settings) -> None:
    directory = open_index(settings).directory
    assert (directory / RECORDS).is_file()
    assert read_records(directory) == (read_opportunities(directory), read_passages(directory))


def test_the_vector_copy_answers_as_chroma_does(settings: Settings) -> None:
    index = open_index(settings)
    assert (index.directory / VECTORS_FILE).is_file()
    for query in ("hydrogen for steel", "antibiotics in hospitals", "solar panels on factory roofs"):
        vector = minilm().embed_query(query)
        fast = index.dense_search(vector, k=3)
        chroma = index.dense_search(vector, k=3, where={"programme": {"$ne": "none"}})  # through Chroma
        assert [hit.id for hit in fast] == [hit.id for hit in chroma]
        assert np.allclose([hit.score for hit in fast], [hit.score for hit in chroma], atol=1e-4)


def test_the_vector_cache_survives_processes_and_ignores_half_written_shards(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "m", "onnx", 3)
    cache.add(["a", "b"], np.eye(3, dtype=np.float32)[:2])
    (cache.directory / "shard-9-dead.vectors.npy").write_bytes(b"half")  # killed before its keys file
    again = VectorCache(tmp_path, "m", "onnx", 3)
    assert len(again) == 2 and np.allclose(again.get(["b"]), [[0, 1, 0]])
    assert text_key("two  words\n") == text_key("two words") != text_key("two Words")
    assert again.compact(["b"]) == 1
    assert len(VectorCache(tmp_path, "m", "onnx", 3)) == 1
