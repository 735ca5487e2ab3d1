"""The background embedding as a real process: `ingest --background` answers at once and the embedder
it starts makes the index hybrid; a `fundmatch embed` killed with SIGKILL resumes on the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from fundmatch.app.background import start_background_embedding
from fundmatch.core.settings import Settings
from fundmatch.index import build_index
from fundmatch.index.background import read_progress
from fundmatch.index.layout import IndexLayout
from fundmatch.index.vector_cache import VectorCache
from fundmatch.retrieval.precomputed import write_side
from tests.index_fixtures import minilm_settings, small_snapshot

pytestmark = pytest.mark.slow
WAIT_SECONDS = 300


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = minilm_settings(tmp_path / "data", embed_projects=False)
    for key, value in {
        "FUNDMATCH_DATA_DIR": settings.data_dir,
        "FUNDMATCH_EMBEDDING_MODEL": "all-minilm-l6-v2",
        "FUNDMATCH_EMBEDDING_RUNTIME": "torch",
    }.items():
        monkeypatch.setenv(key, str(value))
    build_index(small_snapshot(), settings, defer_embedding=True, derive=write_side)
    return settings


def _complete(settings: Settings) -> bool:
    manifest = IndexLayout(settings.resolved_index_dir).live_manifest()
    return manifest is not None and manifest.dense_complete


def test_the_started_background_process_makes_the_index_hybrid(settings: Settings) -> None:
    pid = start_background_embedding(settings)
    assert pid is not None
    assert start_background_embedding(settings) is None  # one at a time
    _wait_for(lambda: _complete(settings), "the complete generation")
    progress = read_progress(settings.resolved_index_dir)
    assert progress is not None and progress.state == "done" and progress.done == 5
    assert "Complete index live" in (settings.resolved_index_dir / "embedding.log").read_text()


def test_a_killed_embedding_process_resumes_without_embedding_anything_twice(settings: Settings) -> None:
    root = settings.resolved_index_dir
    environment = dict(os.environ)
    code = (
        "import os, time\n"
        "from fundmatch.index import background\n"
        "background.EMBED_CHUNK = 1\n"
        "from fundmatch.embeddings import registry\n"
        "real = registry.get_embedder\n"
        "class Slow:\n"
        "    def __init__(self, inner): self.inner = inner; self.name = inner.name\n"
        "    dimension = 384\n"
        "    runtime = 'torch'\n"
        "    def embed_passages(self, texts):\n"
        "        time.sleep(1.0)\n"
        "        return self.inner.embed_passages(texts)\n"
        "background.get_embedder = lambda s, build_progress=None: Slow(real(s))\n"
        "from fundmatch.app.cli import main\n"
        "import sys; sys.argv = ['fundmatch', 'embed']; main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=environment)
    cache = lambda: VectorCache(root, "all-minilm-l6-v2", "float32", 384)  # noqa: E731
    _wait_for(lambda: len(cache()) >= 2, "two embedded batches")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    kept = len(cache())
    assert 2 <= kept < 5 and not _complete(settings)

    resumed = subprocess.run(
        [sys.executable, "-c", "from fundmatch.app.cli import main; main()", "embed"],
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    assert _complete(settings), resumed.stderr
    progress = read_progress(root)
    assert progress is not None and progress.state == "done"
    # Every text's vector was written once: the kept ones were not embedded again after the kill.
    written = [key for path in cache().directory.glob("shard-*.keys.npy") for key in np.load(path).tolist()]
    assert sorted(written) == sorted(set(written)) and len(written) == 5
