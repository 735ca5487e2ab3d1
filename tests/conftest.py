"""Shared test isolation: every test gets its own data dir and a clean FUNDMATCH_* environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fundmatch.retrieval.recommend import Recommender
from tests.recommend_fixtures import build_recommender

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SHARED_EVAL = REPO_ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point fundmatch at a temporary data dir and drop any FUNDMATCH_* settings from the host."""
    for key in list(os.environ):
        if key.startswith("FUNDMATCH_"):
            monkeypatch.delenv(key)
    data_dir = tmp_path / "fundmatch-data"
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    # The default suite embeds with torch, as it always has; tests/test_embeddings_onnx.py and the
    # keyword-first tests run the ONNX runtime (the users' default) explicitly.
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_RUNTIME", "torch")
    return data_dir


@pytest.fixture
def shared_corpus() -> Path:
    """The real programme snapshot beside the repository; skips when it is not there."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available")
    return SHARED_CORPUS


@pytest.fixture
def shared_eval() -> Path:
    """The real evaluation cases beside the repository; skips when they are not there."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not available")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def recommender(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    """The recommender over the small hand-written corpus of tests/recommend_fixtures.py (built once)."""
    return build_recommender(tmp_path_factory.mktemp("recommend-data"))
