"""Concurrency (slow): two ingests into one index, readers during ingests, 8 threads in one
recommender, 20 app sessions at once. ``scripts/repeat_tests.sh`` runs this file 20 times."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fundmatch.app.wiring import open_engine, open_recommender
from fundmatch.core.errors import IndexChangedError
from fundmatch.core.settings import load_settings
from fundmatch.index.lock import WriterLock
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender
from tests.apptest_threads import shared_streamlit_runtime
from tests.lifecycle_fixtures import CLI, QUERIES, REPO, cli_environment, fundmatch, topic_id, write_source

pytestmark = pytest.mark.slow
AS_OF = date(2026, 8, 20)


def _settings(data_dir: Path):
    return load_settings(
        env={}, overrides={"data_dir": data_dir, "embedding_model": "all-minilm-l6-v2", "as_of": AS_OF}
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the lifecycle corpus ingested through the CLI."""
    root = tmp_path_factory.mktemp("concurrency")
    source = write_source(root / "source")
    result = fundmatch(["ingest", "--source", str(source)], root / "data")
    assert result.returncode == 0, result.stderr[-2000:]
    return root / "data"


def _top10(recommender: Recommender, query: str) -> list[str]:
    return [r.opportunity.id for r in recommender.run(query, filters=ALL_STATUSES).recommendations]


def test_eight_threads_get_what_one_thread_gets(built: Path) -> None:
    recommender = open_recommender(_settings(built))
    alone = {query: _top10(recommender, query) for query in QUERIES}
    fresh = open_recommender(_settings(built))  # lazy loads race on first use too
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda q: (q, _top10(fresh, q)), QUERIES * 3))
    assert all(top == alone[query] for query, top in together)
    assert len({tuple(top) for top in alone.values()}) > 10  # the queries do rank differently


def test_a_second_ingest_refuses_naming_the_first_and_wait_waits(tmp_path: Path) -> None:
    source = write_source(tmp_path / "source")
    data_dir = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-c", CLI, "ingest", "--source", str(source)],
        env=cli_environment(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    lock = WriterLock(data_dir / "index")
    deadline = time.monotonic() + 120
    while lock.holder() is None:
        assert first.poll() is None and time.monotonic() < deadline, "the first ingest never took the lock"
        time.sleep(0.05)
    second = fundmatch(["ingest", "--source", str(source)], data_dir)
    waiting = fundmatch(["ingest", "--source", str(source), "--wait"], data_dir)
    _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err[-2000:]
    assert second.returncode == 1
    assert second.stderr.startswith(
        f"Error: the index at {data_dir / 'index'} is being written by pid {first.pid} (ingest"
    )
    assert second.stderr.count("\n") == 1
    assert waiting.returncode == 0, waiting.stderr[-2000:]
    assert f"Waiting for pid {first.pid} (ingest" in waiting.stderr
    assert "unchanged" in waiting.stdout  # the first one had built everything


def test_readers_never_see_a_half_written_index_while_ingests_run(tmp_path: Path) -> None:
    source = write_source(tmp_path / "source")
    data_dir = tmp_path / "data"
    assert fundmatch(["ingest", "--source", str(source)], data_dir).returncode == 0
    done = threading.Event()
    failures: list[str] = []

    def ingests() -> None:
        try:
            for revision in (1, 2, 3):
                write_source(source, revision)
                result = fundmatch(["ingest", "--source", str(source)], data_dir)
                if result.returncode != 0:
                    failures.append(result.stderr[-500:])
        finally:
            done.set()

    writer = threading.Thread(target=ingests)
    writer.start()
    settings = _settings(data_dir)
    seen: set[str] = set()
    retries = reads = 0
    while not done.is_set() or reads < 3:
        try:
            recommender = open_recommender(settings)
            index = recommender.index
            catalogue = sorted(p.id for p in index.passages())
            stored = sorted(index._collection("passages").get(include=[])["ids"])
            assert catalogue == stored and len(catalogue) == index.manifest.counts["passages"]
            revisions = {
                p.text.split("Revision ", 1)[1][:1]
                for p in index.passages()
                if p.opportunity_id == topic_id("01") and "Revision " in p.text
            }
            assert len(revisions) <= 1, revisions  # never passages of two revisions at once
            assert _top10(recommender, "hydrogen valleys in industrial regions")[0] == topic_id("01")
            seen.add(index.directory.name)
            reads += 1
        except IndexChangedError:
            retries += 1  # the documented "retry" answer; the next read opens the new generation
    writer.join()
    assert failures == []
    assert reads >= 3 and len(seen) >= 2, (reads, seen, retries)


@pytest.fixture
def one_runtime():
    with shared_streamlit_runtime():
        yield


def test_twenty_app_sessions_at_once_each_get_their_own_answer(built: Path, one_runtime: None) -> None:
    settings = _settings(built)
    engine = open_engine(settings)
    expected = {q: [r.opportunity.id for r in engine.recommender.run(q).recommendations] for q in QUERIES}

    def session(query: str) -> tuple[str, str]:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
        at.session_state["engine"] = engine
        at.session_state["settings"] = settings.replace(as_of=AS_OF)
        at.run()
        at.chat_input[0].set_value(query).run()
        assert not at.exception, at.exception
        titles = [m.value for m in at.markdown if m.value.startswith("**1. ")]
        return query, titles[0] if titles else ""

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(session, QUERIES))
    titles = {o.id: o.title for o in engine.recommender.index.opportunities()}
    for query, first_card in answers:
        assert first_card.startswith(f"**1. {titles[expected[query][0]]}**"), (query, first_card)
