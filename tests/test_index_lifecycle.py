"""The index over many ingests: retention of generations, the writer lock taken first, readers of a
deleted generation, ``fundmatch index status`` / ``prune`` (real Chroma, real MiniLM)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands import ingest as ingest_module
from fundmatch.app.commands.index import index_group
from fundmatch.core.errors import IndexBusyError, IndexChangedError, IndexNotFoundError, SettingsError
from fundmatch.core.settings import load_settings
from fundmatch.index import build_index, open_index
from fundmatch.index.layout import POINTER, IndexLayout
from fundmatch.index.lock import WriterLock
from fundmatch.index.retention import prune
from fundmatch.index.vector_store import EmbeddedChroma
from tests.index_fixtures import minilm, minilm_settings, small_snapshot
from tests.lifecycle_fixtures import REPO


def _revised(number: int):
    snapshot = small_snapshot()
    snapshot.passages[0] = dataclasses.replace(snapshot.passages[0], text=f"Hydrogen revision {number}.")
    return snapshot


def _generations(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith("gen-"))


def _hidden_folders(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.is_dir() and path.name.startswith("."))


@pytest.mark.parametrize("keep", [0, 1, 2])
def test_retention_keeps_the_live_generation_and_the_newest_before_it(tmp_path: Path, keep: int) -> None:
    settings = minilm_settings(tmp_path, keep_generations=keep)
    built = []
    for number in range(4):
        built.append(build_index(_revised(number), settings, embedder=minilm()).generation)
    root = settings.resolved_index_dir
    assert _generations(root) == [f"gen-{name}" for name in built[-(keep + 1) :]]
    assert IndexLayout(root).live() == root / f"gen-{built[-1]}"
    assert _hidden_folders(root) == []
    assert open_index(settings).passage("he-hydrogen").text == "Hydrogen revision 3."


def test_a_negative_keep_generations_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="keep_generations"):
        load_settings(env={}, overrides={"keep_generations": -1})


def test_leftovers_of_crashes_go_at_the_next_ingest_even_when_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    index_dir = tmp_path / "index"
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setattr(ingest_module, "load_snapshot", lambda settings, limit, files, **_: small_snapshot())
    args = ["--source", str(source), "--index", str(index_dir)]
    assert CliRunner().invoke(ingest_module.ingest, args, catch_exceptions=False).exit_code == 0
    layout = IndexLayout(index_dir)
    live = layout.live()
    assert live is not None
    (index_dir / ".building-20200101T000000-000000-dead" / "chroma").mkdir(parents=True)
    (index_dir / ".retired-20200101T000000-000000-beef").mkdir()
    (index_dir / ".CURRENT.x1y2.part").write_text("gen-half-written")
    orphan = index_dir / "gen-29991231T235959-000000-f00d"  # renamed but never made live
    shutil.copytree(live, orphan)

    again = CliRunner().invoke(ingest_module.ingest, args, catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "unchanged" in again.stdout and "Generations: 1 kept, 3 deleted" in again.stdout
    assert _hidden_folders(index_dir) == [] and not (index_dir / ".CURRENT.x1y2.part").exists()
    assert _generations(index_dir) == [live.name]
    assert layout.live() == live


def test_nothing_complete_is_deleted_when_the_pointer_is_gone(tmp_path: Path) -> None:
    settings = minilm_settings(tmp_path, keep_generations=0)
    for number in range(2):
        build_index(_revised(number), settings, embedder=minilm())
    root = settings.resolved_index_dir
    (root / POINTER).unlink()
    with WriterLock(root).hold("test"):
        report = prune(IndexLayout(root), 0, EmbeddedChroma())
    assert report.removed == [] and len(_generations(root)) == 1


def _hold_lock_in_child(root: Path, seconds: float) -> subprocess.Popen[str]:
    """A separate process that takes the writer lock, says "held", and keeps it for ``seconds``."""
    code = (
        "import sys, time; from pathlib import Path; from fundmatch.index.lock import WriterLock\n"
        f"with WriterLock(Path({str(root)!r})).hold('ingest'):\n"
        "    print('held', flush=True); time.sleep(float(sys.argv[1]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(seconds)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_a_second_writer_is_refused_at_once_with_the_holder_named(tmp_path: Path) -> None:
    settings = minilm_settings(tmp_path)
    root = settings.resolved_index_dir
    child = _hold_lock_in_child(root, 60)
    try:
        with pytest.raises(IndexBusyError) as error:
            build_index(small_snapshot(), settings, embedder=minilm())
        message = str(error.value)
        assert f"pid {child.pid} (ingest, since " in message and "--wait" in message
        assert "\n" not in message
        assert WriterLock(root).holder().pid == child.pid
        assert not IndexLayout(root).generations()
    finally:
        child.kill()
        child.wait()
    assert WriterLock(root).holder() is None  # the OS released the lock of the killed holder
    build_index(small_snapshot(), settings, embedder=minilm())


def test_ingest_takes_the_lock_before_reading_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fundmatch.corpus.load as load_module

    source = tmp_path / "corpus"
    source.mkdir()
    index_dir = tmp_path / "index"
    seen: list[bool] = []
    real = load_module.source_files

    def listing(directory: Path) -> list[Path]:
        seen.append(WriterLock(index_dir).is_held())
        return real(directory)

    monkeypatch.setattr(load_module, "source_files", listing)
    child = _hold_lock_in_child(index_dir, 60)
    try:
        refused = CliRunner().invoke(
            ingest_module.ingest, ["--source", str(source), "--index", str(index_dir)]
        )
    finally:
        child.kill()
        child.wait()
    assert refused.exit_code == 1 and isinstance(refused.exception, IndexBusyError)
    assert seen == []  # refused before the source directory was even listed

    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setattr(ingest_module, "load_snapshot", lambda settings, limit, files, **_: small_snapshot())
    done = CliRunner().invoke(ingest_module.ingest, ["--source", str(source), "--index", str(index_dir)])
    assert done.exit_code == 0, done.output
    assert seen == [True]


def test_wait_waits_for_the_holder_and_then_ingests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    index_dir = tmp_path / "index"
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setattr(ingest_module, "load_snapshot", lambda settings, limit, files, **_: small_snapshot())
    child = _hold_lock_in_child(index_dir, 2)
    try:
        result = CliRunner().invoke(
            ingest_module.ingest, ["--source", str(source), "--index", str(index_dir), "--wait"]
        )
        assert child.wait(timeout=30) == 0  # the holder finished its work first
    finally:
        child.kill()
    assert result.exit_code == 0, result.output
    assert f"Waiting for pid {child.pid} (ingest, since " in result.stderr
    assert "Passages: 5 new" in result.stdout


def test_a_reader_of_a_deleted_generation_keeps_its_vectors_or_gets_one_line(tmp_path: Path) -> None:
    settings = minilm_settings(tmp_path)
    build_index(_revised(0), settings, embedder=minilm())
    used = open_index(settings)
    used.keyword_search("hydrogen", 3)
    query = minilm().embed_query("hydrogen for steel")
    before = used.dense_search(query, 3)
    untouched = open_index(settings)
    for number in (1, 2):  # keep_generations = 1: the first generation goes at the second build
        build_index(_revised(number), settings, embedder=minilm())
    assert not used.directory.exists()

    assert used.dense_search(query, 3) == before
    assert used.keyword_search("hydrogen", 3)[0].id == "he-hydrogen"
    assert used.passage("he-hydrogen").text == "Hydrogen revision 0."
    with pytest.raises(IndexChangedError) as error:
        untouched.keyword_search("hydrogen", 3)  # its BM25 tokens were never read and are gone
    assert "retry" in str(error.value) and "\n" not in str(error.value)
    assert open_index(settings).passage("he-hydrogen").text == "Hydrogen revision 2."


def test_a_damaged_catalogue_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    settings = minilm_settings(tmp_path)
    build_index(small_snapshot(), settings, embedder=minilm())
    live = IndexLayout(settings.resolved_index_dir).require_live()
    for name in ("records.pkl", "passages.jsonl.gz"):  # the pickle falls back to the JSON lines
        data = (live / name).read_bytes()
        (live / name).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexNotFoundError) as error:
        open_index(settings)
    assert "catalogue" in str(error.value) and "fundmatch ingest" in str(error.value)
    assert "\n" not in str(error.value)


def test_index_status_and_prune_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = minilm_settings(tmp_path, keep_generations=2)
    for number in range(3):
        build_index(_revised(number), settings, embedder=minilm())
    root = settings.resolved_index_dir
    (root / ".building-20200101T000000-000000-dead").mkdir()
    monkeypatch.setenv("FUNDMATCH_KEEP_GENERATIONS", "0")
    status = CliRunner().invoke(index_group, ["status", "--index", str(root)], catch_exceptions=False)
    assert status.exit_code == 0, status.output
    lines = status.stdout.splitlines()
    live = IndexLayout(root).require_live().name
    assert f"Live generation: {live}" in lines and "Writer: none" in lines
    assert (
        sum(" to delete " in line for line in lines) == 2 and sum(" leftover " in line for line in lines) == 1
    )
    assert "model all-minilm-l6-v2  4 opportunities, 5 passages" in status.stdout
    assert "`fundmatch index prune` would delete 3 folder(s)" in status.stdout

    pruned = CliRunner().invoke(index_group, ["prune", "--index", str(root)], catch_exceptions=False)
    assert pruned.exit_code == 0, pruned.output
    assert f"Kept 1: {live}" in pruned.stdout and "Deleted 3 (" in pruned.stdout
    assert _generations(root) == [live] and _hidden_folders(root) == []

    child = _hold_lock_in_child(root, 60)
    try:
        busy = CliRunner().invoke(index_group, ["status", "--index", str(root)])
        refused = CliRunner().invoke(index_group, ["prune", "--index", str(root)])
    finally:
        child.kill()
        child.wait()
    assert f"Writer: pid {child.pid} (ingest" in busy.stdout
    assert refused.exit_code == 1 and isinstance(refused.exception, IndexBusyError)


def test_generation_names_sort_in_build_order() -> None:
    from fundmatch.index.layout import new_generation_id

    names = []
    for _ in range(5):
        names.append(new_generation_id())
        time.sleep(0.001)
    assert names == sorted(names) and len(set(names)) == 5
