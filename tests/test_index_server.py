"""Client/server mode against a real local Chroma server (``chroma run``); slow."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from fundmatch.index import build_index, open_index
from tests.index_fixtures import CountingEmbedder, minilm, minilm_settings, small_snapshot

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    """A Chroma server on a free local port, stopped after the test."""
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the Chroma server did not start")
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_http_store_builds_queries_and_updates_incrementally(tmp_path: Path, chroma_server: int) -> None:
    settings = minilm_settings(tmp_path / "data", vector_store="chroma-http", chroma_port=chroma_server)
    build_index(small_snapshot(), settings, embedder=minilm())
    index = open_index(settings)
    assert index.dense_search(minilm().embed_query("hydrogen steel"), k=1)[0].id == "he-hydrogen"
    assert index.keyword_search("antibiotics", k=1)[0].id == "he-health"
    assert not (index.directory / "chroma").exists()  # vectors live on the server

    snapshot = small_snapshot()
    snapshot.passages[1] = dataclasses.replace(snapshot.passages[1], text="Offshore wind turbines.")
    counting = CountingEmbedder(minilm())
    report = build_index(snapshot, settings, embedder=counting)
    assert counting.embedded == ["Offshore wind turbines."] and report.passages.unchanged == 4
    index = open_index(settings)
    assert index.dense_search(minilm().embed_query("wind turbines at sea"), k=1)[0].id == "he-health"
    assert index.dense_search(minilm().embed_query("hydrogen steel"), k=1)[0].id == "he-hydrogen"
    assert index.project_search(minilm().embed_query("phage therapy"), k=1)[0].id == "101000002"
