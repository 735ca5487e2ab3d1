"""Cold start: how long a fresh process takes to its first answer, from the shell and in the app.

Usage: python scripts/bench_cold_start.py [--runs 5] [--query TEXT] [--skip-app]

* ``fundmatch recommend TEXT``: wall time from starting the process to its first line of output,
  each run a new process (the first run also warms the disk cache; the figures are the runs after).
* ``fundmatch --help``: the same, for the command line alone.
* the app: a new process runs ``app.py`` under Streamlit's AppTest; times to the page drawn with the
  engine loaded ("ready") and to the first answer's cards.

Uses the index and settings of the environment (``FUNDMATCH_DATA_DIR`` ...). Prints one JSON line
with the load average, so that figures measured on a busy machine say so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "We are an SME in Saxony recycling solid-state lithium batteries to recover critical raw materials, TRL 5."
APP_PROBE = """
import sys, time
started = float(sys.argv[1])
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[2], default_timeout=600)
at.run()
assert not at.exception, at.exception
ready = time.time() - started
at.chat_input[0].set_value(sys.argv[3]).run()
assert not at.exception, at.exception
answered = time.time() - started
cards = sum(1 for m in at.markdown if m.value.startswith("**1. "))
print(f"{ready:.2f} {answered:.2f} {cards}")
"""


def first_line_seconds(command: list[str]) -> float:
    """Seconds from starting ``command`` to its first line on stdout (the whole run must succeed)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    process.stdout.readline()
    seconds = time.perf_counter() - started
    process.stdout.read()
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(command[:3])} ... failed with exit code {process.returncode}")
    return seconds


def app_seconds(query: str) -> tuple[float, float, int]:
    """(ready, first answer, cards shown) for a new process running the app under AppTest."""
    out = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(time.time()), str(REPO / "app.py"), query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def summary(values: list[float]) -> dict[str, float]:
    """Median, min and max of the runs after the first, in seconds."""
    measured = values[1:] or values
    return {
        "median_s": round(statistics.median(measured), 2),
        "min_s": round(min(measured), 2),
        "max_s": round(max(measured), 2),
        "first_run_s": round(values[0], 2),
    }


def main() -> None:
    """Print the cold-start figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--skip-app", action="store_true")
    args = parser.parse_args()
    fundmatch = str(Path(sys.executable).with_name("fundmatch"))
    result: dict[str, object] = {"load_average_start": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}
    result["help"] = summary([first_line_seconds([fundmatch, "--help"]) for _ in range(args.runs)])
    result["recommend_first_line"] = summary(
        [first_line_seconds([fundmatch, "recommend", args.query, "--k", "5"]) for _ in range(args.runs)]
    )
    if not args.skip_app:
        runs = [app_seconds(args.query) for _ in range(max(2, args.runs // 2))]
        result["app_ready"] = summary([ready for ready, _, _ in runs])
        result["app_first_answer"] = summary([answered for _, answered, _ in runs])
        result["app_cards"] = runs[-1][2]
    result["load_average_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
