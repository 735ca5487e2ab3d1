"""Reproducible builds: the same corpus, code and settings give the same catalogue, the same vectors
and the same top 10 for 20 queries, in one process (fast) and in two processes with different hash
seeds (slow)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from fundmatch.core.settings import load_settings
from fundmatch.corpus.load import load_corpus
from fundmatch.index import build_index, open_index
from fundmatch.index.exact import ExactVectors
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender
from fundmatch.retrieval.similar import SimilarProjectModel
from tests.index_fixtures import minilm
from tests.lifecycle_fixtures import QUERIES, REPO, cli_environment, fundmatch, write_source

AS_OF = date(2026, 8, 20)


def _build(source: Path, data_dir: Path) -> tuple[dict[str, list[str]], dict, np.ndarray]:
    settings = load_settings(
        env={}, overrides={"data_dir": data_dir, "embedding_model": "all-minilm-l6-v2", "as_of": AS_OF}
    )
    build_index(load_corpus(source), settings, embedder=minilm())
    index = open_index(settings)
    similar = SimilarProjectModel.fit(index.projects())
    recommender = Recommender(index, minilm(), similar, settings)
    tops = {
        query: [r.opportunity.id for r in recommender.run(query, filters=ALL_STATUSES).recommendations]
        for query in QUERIES
    }
    vectors = ExactVectors.load(index._collection("passages"), index.manifest.dimension)
    order = np.argsort(vectors.ids)
    manifest = json.loads((index.directory / "manifest.json").read_text())
    return tops, manifest, vectors.matrix[order]


def test_two_builds_of_one_corpus_rank_the_same(tmp_path: Path) -> None:
    source = write_source(tmp_path / "source")
    first, first_manifest, first_vectors = _build(source, tmp_path / "one")
    second, second_manifest, second_vectors = _build(source, tmp_path / "two")
    assert first == second
    assert all(len(top) == 10 for top in first.values())
    assert len({tuple(top[:3]) for top in first.values()}) >= 12  # the queries rank differently
    assert first_manifest["catalogue_digest"] == second_manifest["catalogue_digest"]
    assert first_manifest["counts"] == second_manifest["counts"]
    assert np.array_equal(first_vectors, second_vectors)


PROBE = """
import json, sys
from fundmatch.app.wiring import open_recommender
from fundmatch.retrieval.recommend import ALL_STATUSES
from tests.lifecycle_fixtures import QUERIES
recommender = open_recommender()
print(json.dumps({q: [r.opportunity.id for r in recommender.run(q, filters=ALL_STATUSES).recommendations]
                  for q in QUERIES}))
"""


@pytest.mark.slow
def test_builds_in_processes_with_different_hash_seeds_rank_the_same(tmp_path: Path) -> None:
    source = write_source(tmp_path / "source")
    tops = []
    for seed in ("1", "4242"):
        data_dir = tmp_path / f"data-{seed}"
        built = fundmatch(["ingest", "--source", str(source)], data_dir, PYTHONHASHSEED=seed)
        assert built.returncode == 0, built.stderr[-2000:]
        probe = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=cli_environment(data_dir, PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=600,
        )
        assert probe.returncode == 0, probe.stderr[-2000:]
        tops.append(json.loads(probe.stdout))
    assert tops[0] == tops[1]
