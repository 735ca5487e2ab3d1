"""Load figures: warm recommend latency under concurrent callers, app sessions at once, memory.

    python scripts/bench_reliability.py [--n 48] [--callers 1,4,8] [--sessions 1,5,10,20]

Uses the index and models named by the settings (FUNDMATCH_DATA_DIR ...). Callers are threads
sharing one Recommender in this process; app sessions are Streamlit AppTest sessions run in
threads against one shared engine, each sending one description and waiting for its cards (the
app's own code path, without a browser). Memory is this process's resident set (VmRSS). Queries
come from the dev cases beside the repository, else the shipped routing cases. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the AppTest thread helper lives in tests/
DEFAULT_CASES = (
    REPO.parent / "shared" / "eval" / "dev_cases.jsonl",
    REPO / "evaluation" / "cases" / "routing.jsonl",
)


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def queries(n: int) -> list[str]:
    path = next(p for p in DEFAULT_CASES if p.is_file())
    rows = [
        json.loads(line)["query"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return (rows * (n // len(rows) + 1))[:n]


def percentiles(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(float(np.percentile(values, 50)), 1),
        "p95": round(float(np.percentile(values, 95)), 1),
    }


def callers_figures(recommender, texts: list[str], callers: int) -> dict[str, object]:
    def timed(text: str) -> float:
        started = time.perf_counter()
        recommender.run(text)
        return (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=callers) as pool:
        timings = list(pool.map(timed, texts))
    wall = time.perf_counter() - started
    return {"callers": callers, "ms": percentiles(timings), "queries_per_s": round(len(texts) / wall, 2)}


def session_figures(engine, settings, texts: list[str], sessions: int) -> dict[str, object]:
    from streamlit.testing.v1 import AppTest

    kept = []

    def session(text: str) -> float:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=900)
        at.session_state["engine"] = engine
        at.session_state["settings"] = settings
        at.run()
        started = time.perf_counter()
        at.chat_input[0].set_value(text).run()
        seconds = time.perf_counter() - started
        if at.exception or not any(m.value.startswith("**1. ") for m in at.markdown):
            raise RuntimeError(f"session got no cards: {at.exception}")
        kept.append(at)
        return seconds

    from tests.apptest_threads import shared_streamlit_runtime

    before = rss_mb()
    started = time.perf_counter()
    with shared_streamlit_runtime(), ThreadPoolExecutor(max_workers=sessions) as pool:
        timings = list(pool.map(session, texts[:sessions]))
    wall = time.perf_counter() - started
    grown = rss_mb() - before
    return {
        "sessions_at_once": sessions,
        "answer_s": {
            key: round(value / 1000, 2) for key, value in percentiles([t * 1000 for t in timings]).items()
        },
        "wall_s": round(wall, 1),
        "rss_growth_mb_per_session": round(grown / sessions, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="queries per caller setting")
    parser.add_argument("--callers", default="1,4,8")
    parser.add_argument("--sessions", default="1,5,10,20")
    args = parser.parse_args()
    from fundmatch.app.wiring import open_engine
    from fundmatch.core.settings import load_settings

    settings = load_settings()
    start_rss = rss_mb()
    started = time.perf_counter()
    engine = open_engine(settings)
    recommender = engine.recommender
    load_s = time.perf_counter() - started
    texts = queries(max(args.n, 20))
    recommender.run(texts[0])  # warm-up: lazy loads, first-query costs
    report: dict[str, object] = {
        "embedding_model": settings.embedding_model,
        "load_s": round(load_s, 1),
        "rss_after_load_mb": round(rss_mb(), 0),
        "rss_before_load_mb": round(start_rss, 0),
        "callers": [callers_figures(recommender, texts[: args.n], int(c)) for c in args.callers.split(",")],
    }
    report["app_sessions"] = [
        session_figures(engine, settings, texts, int(s)) for s in args.sessions.split(",")
    ]
    report["rss_end_mb"] = round(rss_mb(), 0)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
