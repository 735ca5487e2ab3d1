"""The first run, as `make run` does it on a fresh clone with empty caches, timed from the start.

Usage: python scripts/bench_first_run.py [--workdir DIR] [--setup] [--keep]

1. With ``--setup``: clone this repository into the work folder and run ``scripts/setup.sh dev``
   there (the install of ``make run``; needs PyPI or a warm pip cache). Without it, this checkout's
   ``.venv`` is used and the clock starts at step 2.
2. ``fundmatch ingest --background`` into an empty data dir: the keyword index goes live and the
   background embedding starts (the model build included).
3. A new process runs the app under Streamlit's AppTest and sends a description: the time of its
   first answer, and whether the cards say "keyword match".
4. Waits for the background embedding to make the complete index live, then asks the app again:
   the time the hybrid index was complete and that its answer is a hybrid one.

Prints one JSON line (seconds since the start, load averages). Deletes the work folder unless
``--keep``. The corpus is the default one (``../shared/corpus``) unless FUNDMATCH_CORPUS_DIR says.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "We are an SME in Saxony recycling solid-state lithium batteries to recover critical raw materials, TRL 5."
APP_PROBE = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=600)
at.run()
assert not at.exception, at.exception
at.chat_input[0].set_value(sys.argv[2]).run()
assert not at.exception, at.exception
cards = [m.value for m in at.markdown if m.value.startswith("**1. ")]
notes = [c.value for c in at.caption if "keyword match" in c.value]
print(f"{len(cards)} {len(notes)}")
"""
POLL_SECONDS = 2.0


def _run(command: list[str], env: dict[str, str], cwd: Path) -> None:
    subprocess.run(
        command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _ask_app(python: str, app: Path, env: dict[str, str]) -> tuple[int, int]:
    """(cards, cards marked "keyword match") of the app's first answer, in a new process."""
    out = subprocess.run(
        [python, "-c", APP_PROBE, str(app), QUERY], env=env, capture_output=True, text=True, check=True
    )
    cards, notes = out.stdout.split()[-2:]
    return int(cards), int(notes)


def main() -> None:
    """Print the first-run timeline as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="fundmatch-first-run-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("FUNDMATCH_")}
    env["FUNDMATCH_DATA_DIR"] = str(work / "data")
    env["FUNDMATCH_CORPUS_DIR"] = os.environ.get(
        "FUNDMATCH_CORPUS_DIR", str(REPO.parent / "shared" / "corpus")
    )
    started = time.perf_counter()
    timeline: dict[str, object] = {"load_average_start": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}
    checkout = REPO
    if args.setup:
        checkout = work / "fundmatch"
        _run(["git", "clone", "-q", str(REPO), str(checkout)], env, work)
        _run(["scripts/setup.sh", "dev"], env, checkout)
        timeline["setup_s"] = round(time.perf_counter() - started, 1)
    python = str(checkout / ".venv" / "bin" / "python")
    _run([str(checkout / ".venv" / "bin" / "fundmatch"), "ingest", "--background"], env, checkout)
    timeline["keyword_index_live_s"] = round(time.perf_counter() - started, 1)
    cards, keyword_notes = _ask_app(python, checkout / "app.py", env)
    timeline["first_answer_s"] = round(time.perf_counter() - started, 1)
    timeline["first_answer_cards"], timeline["first_answer_keyword_notes"] = cards, keyword_notes

    sys.path.insert(0, str(checkout))
    from fundmatch.index.background import read_progress
    from fundmatch.index.layout import IndexLayout

    index_dir = work / "data" / "index"
    while True:
        manifest = IndexLayout(index_dir).live_manifest()
        if manifest is not None and manifest.dense_complete:
            break
        progress = read_progress(index_dir)
        if progress is not None and progress.state == "failed":
            raise SystemExit(f"the background embedding failed: {progress.message}")
        time.sleep(POLL_SECONDS)
    timeline["hybrid_index_live_s"] = round(time.perf_counter() - started, 1)
    cards, keyword_notes = _ask_app(python, checkout / "app.py", env)
    timeline["hybrid_answer_cards"], timeline["hybrid_answer_keyword_notes"] = cards, keyword_notes
    timeline["load_average_end"] = round(os.getloadavg()[0], 1)
    print(json.dumps(timeline))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
