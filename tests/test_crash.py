"""kill -9 of ``fundmatch ingest`` at every step of a fresh and of an incremental build (slow).

After each crash a reader must see the previous complete index (or, for a fresh build, the one-line
"no index" error), and the next ingest must end with the same counts and the same top 10 of 20
queries as a clean build, with every catalogue passage stored exactly once in Chroma.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.lifecycle_fixtures import CLI, REPO, cli_environment, fundmatch, write_source

pytestmark = pytest.mark.slow

DRIVER = "from tests.crash_driver import main; main()"
FRESH_POINTS = ["reading", "passages-written", "catalogue-written", "before-rename", "before-pointer"]
WENT_LIVE = {"before-prune", "mid-prune"}  # kill points after the new CURRENT was written
INCREMENTAL_POINTS = [
    "passages-written",
    "before-rename",
    "before-pointer",
    "pointer-written-not-renamed",
    "before-prune",
    "mid-prune",
]


def _ingest(source: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    result = fundmatch(["ingest", "--source", str(source), "--projects"], data_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _killed_ingest(point: str, source: Path, data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, "kill", point, "ingest", "--source", str(source), "--projects"],
        env=cli_environment(data_dir),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert result.returncode == -signal.SIGKILL, (point, result.returncode, result.stderr[-2000:])


def _probe(data_dir: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, "probe"],
        env=cli_environment(data_dir),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _counts(output: str) -> list[str]:
    """The totals of an ingest summary (opportunities per programme, projects in the catalogue and
    embedded), without what changed since the previous generation."""
    lines = [line for line in output.splitlines() if line.startswith(("Opportunities:", "Projects:"))]
    return [line.split(" (")[0] if line.startswith("Projects:") else line for line in lines]


@cache
def _clean(revision: int, root: Path) -> tuple[list[str], dict]:
    """Counts lines and probe of a clean build of ``revision`` (built once per session)."""
    source = write_source(root / f"clean-source-{revision}", revision)
    data_dir = root / f"clean-data-{revision}"
    output = _ingest(source, data_dir).stdout
    return _counts(output), _probe(data_dir)


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clean")


def _assert_intact(probe: dict) -> None:
    assert probe["duplicated"] == 0 and probe["vectors_match_catalogue"], probe
    assert probe["vectors"] == probe["passages"]


@pytest.mark.parametrize("point", FRESH_POINTS)
def test_kill_during_a_fresh_build(point: str, tmp_path: Path, clean_root: Path) -> None:
    counts, clean = _clean(0, clean_root)
    source = write_source(tmp_path / "source")
    data_dir = tmp_path / "data"
    _killed_ingest(point, source, data_dir)

    after_crash = _probe(data_dir)
    assert "no index" in after_crash["error"] and "fundmatch ingest" in after_crash["error"]
    recommend = fundmatch(["recommend", "hydrogen valleys"], data_dir)
    assert recommend.returncode == 1 and recommend.stderr.startswith("Error: no index at")
    assert recommend.stderr.count("\n") == 1 and "Traceback" not in recommend.stderr

    rebuilt = _ingest(source, data_dir)
    assert _counts(rebuilt.stdout) == counts
    assert "Passages: 56 new, 0 changed, 0 removed, 0 unchanged" in rebuilt.stdout
    final = _probe(data_dir)
    _assert_intact(final)
    assert final["top10"] == clean["top10"]
    assert final["leftovers"] == [] and len(final["generations"]) == 1


def test_kill_from_outside_while_embedding(tmp_path: Path, clean_root: Path) -> None:
    counts, clean = _clean(0, clean_root)
    source = write_source(tmp_path / "source")
    data_dir = tmp_path / "data"
    ingest = subprocess.Popen(
        [sys.executable, "-c", CLI, "ingest", "--source", str(source), "--projects"],
        env=cli_environment(data_dir),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )
    assert ingest.stderr is not None
    for line in ingest.stderr:
        if line.startswith("Embedding passages: 0/"):
            os.kill(ingest.pid, signal.SIGKILL)
            break
    assert ingest.wait(timeout=600) == -signal.SIGKILL
    assert "no index" in _probe(data_dir)["error"]
    rebuilt = fundmatch(["ingest", "--source", str(source), "--projects"], data_dir)
    assert rebuilt.returncode == 0 and _counts(rebuilt.stdout) == counts
    final = _probe(data_dir)
    _assert_intact(final)
    assert final["top10"] == clean["top10"]


@pytest.mark.parametrize("point", INCREMENTAL_POINTS)
def test_kill_during_an_incremental_build(point: str, tmp_path: Path, clean_root: Path) -> None:
    _, previous = _clean(1, clean_root)
    counts, clean = _clean(2, clean_root)
    source = write_source(tmp_path / "source", revision=0)
    data_dir = tmp_path / "data"
    _ingest(source, data_dir)
    write_source(source, revision=1)
    _ingest(source, data_dir)  # two generations now: the kill must lose neither
    live_before = (data_dir / "index" / "CURRENT").read_text()
    write_source(source, revision=2)
    _killed_ingest(point, source, data_dir)

    after_crash = _probe(data_dir)
    _assert_intact(after_crash)
    recommend = fundmatch(["recommend", "hydrogen valleys in industrial regions"], data_dir)
    assert recommend.returncode == 0, recommend.stderr[-2000:]
    if point in WENT_LIVE:  # the new generation went live just before the kill
        assert after_crash["live"] != live_before and after_crash["top10"] == clean["top10"]
    else:
        assert after_crash["live"] == live_before and after_crash["top10"] == previous["top10"]

    rebuilt = _ingest(source, data_dir)
    if point in WENT_LIVE:  # nothing left to build: the next ingest only prunes
        assert ": unchanged" in rebuilt.stdout and _counts(rebuilt.stdout)[0] == counts[0]
    else:
        assert _counts(rebuilt.stdout) == counts
    final = _probe(data_dir)
    _assert_intact(final)
    assert final["top10"] == clean["top10"]
    assert final["leftovers"] == [] and len(final["generations"]) <= 2
    assert list((data_dir / "index").glob(".*.part")) == []
