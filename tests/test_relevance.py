"""The low-relevance guard with the real MiniLM model: off-topic requests sit near the anchors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fundmatch.core.settings import load_settings
from fundmatch.retrieval.relevance import CALIBRATED_MIN_RELEVANCE, RelevanceGuard, guard_threshold
from tests.index_fixtures import minilm

PASSAGES = [
    "Projects develop recycling processes for solid-state batteries that recover lithium and cobalt.",
    "Demonstrate renewable hydrogen production to decarbonise primary steelmaking.",
]


def _relevance(guard: RelevanceGuard, query: str) -> float:
    embedder = minilm()
    vector = embedder.embed_query(query)
    top = float(np.max(embedder.embed_passages(PASSAGES) @ vector))
    return guard.relevance(top, vector)


def test_project_scores_above_a_personal_request() -> None:
    guard = RelevanceGuard(minilm(), threshold=0.0)
    project = _relevance(guard, "We recycle lithium batteries and recover critical raw materials.")
    bakery = _relevance(guard, "I run a bakery and want money to buy flour and sugar for Christmas.")
    assert project > 0.0 > bakery
    assert guard.blocks(bakery) and not guard.blocks(project)


def test_no_threshold_never_blocks() -> None:
    guard = RelevanceGuard(minilm(), threshold=None)
    assert not guard.blocks(-1.0)


def test_threshold_comes_from_the_setting_else_the_model(tmp_path: Path) -> None:
    e5 = load_settings(env={}, overrides={"data_dir": tmp_path, "embedding_model": "multilingual-e5-small"})
    assert guard_threshold(e5) == CALIBRATED_MIN_RELEVANCE["multilingual-e5-small"]
    assert guard_threshold(e5.replace(min_relevance=0.1)) == 0.1
    minilm_settings = e5.replace(embedding_model="all-minilm-l6-v2")
    assert guard_threshold(minilm_settings) is None
