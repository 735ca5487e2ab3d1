"""Index lifecycle figures: disk use over many incremental ingests, and how fast a second ingest
is refused while another one holds the index.

    python scripts/bench_lifecycle.py --ingests 30 --data DIR

Writes nothing into the repository: the small source corpus of the tests (tests/lifecycle_fixtures.py,
18 opportunities, 56 passages) goes to DIR/source, the index to DIR/data (MiniLM). Each ingest
changes one topic's text, so every run builds a new generation. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the test fixtures' corpus writer lives in tests/
CLI = "from fundmatch.app.cli import main; main()"


def folders(index_dir: Path) -> tuple[int, int]:
    """(complete generations, leftover .building-/.retired- folders)."""
    names = [path.name for path in index_dir.iterdir() if path.is_dir()] if index_dir.is_dir() else []
    return sum(n.startswith("gen-") for n in names), sum(
        n.startswith((".building-", ".retired-")) for n in names
    )


def _run_ingest(source: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``fundmatch ingest`` of ``source`` into ``data_dir`` in a new process."""
    from tests.lifecycle_fixtures import cli_environment

    return subprocess.run(
        [sys.executable, "-c", CLI, "ingest", "--source", str(source)],
        env=cli_environment(data_dir),
        capture_output=True,
        text=True,
        cwd=REPO,
    )


def ingest(source: Path, data_dir: Path) -> float:
    started = time.perf_counter()
    result = _run_ingest(source, data_dir)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return time.perf_counter() - started


def refusal_seconds(source: Path, data_dir: Path, runs: int) -> list[float]:
    """Wall time of ``fundmatch ingest`` refused while a child process holds the writer lock."""
    index_dir = data_dir / "index"
    code = (
        "import time; from pathlib import Path; from fundmatch.index.lock import WriterLock\n"
        f"with WriterLock(Path({str(index_dir)!r})).hold('ingest'):\n"
        "    print('held', flush=True); time.sleep(600)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            result = _run_ingest(source, data_dir)
            times.append(time.perf_counter() - started)
            assert result.returncode == 1 and f"pid {holder.pid}" in result.stderr, result.stderr
        return times
    finally:
        holder.kill()
        holder.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingests", type=int, default=30)
    parser.add_argument("--refusals", type=int, default=5)
    parser.add_argument("--data", type=Path, required=True, help="scratch folder (emptied first)")
    args = parser.parse_args()
    from fundmatch.index.retention import tree_size
    from tests.lifecycle_fixtures import write_source

    shutil.rmtree(args.data, ignore_errors=True)
    source, data_dir = args.data / "source", args.data / "data"
    index_dir = data_dir / "index"
    write_source(source)
    first = ingest(source, data_dir)
    print("| after ingest | generations | leftovers | index size (MB) | wall (s) |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| 1 (fresh) | {folders(index_dir)[0]} | {folders(index_dir)[1]} | {tree_size(index_dir) / 1e6:.2f} | {first:.1f} |"
    )
    sizes, most = [], 0
    for number in range(2, args.ingests + 1):
        write_source(source, revision=number)
        seconds = ingest(source, data_dir)
        generations, leftovers = folders(index_dir)
        most = max(most, generations + leftovers)
        sizes.append(tree_size(index_dir))
        if number in (2, 3, 5, 10, 20, args.ingests):
            print(f"| {number} | {generations} | {leftovers} | {sizes[-1] / 1e6:.2f} | {seconds:.1f} |")
    print(f"\nmost folders after any ingest: {most}; largest index size: {max(sizes) / 1e6:.2f} MB")
    times = refusal_seconds(source, data_dir, args.refusals)
    print(
        f"second ingest refused in {statistics.median(times):.2f} s median, {max(times):.2f} s max "
        f"({len(times)} runs, wall time of the whole `fundmatch ingest` process)"
    )


if __name__ == "__main__":
    main()
