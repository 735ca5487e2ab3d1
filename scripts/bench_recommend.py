"""Warm recommend latency: p50/p95 over N queries, after one warm-up call (no LLM involved).

Usage: python scripts/bench_recommend.py [--cases FILE] [--n 100] [--threads 2]
(FUNDMATCH_RANKER=learned times the learned ranker; the output names the ranker used.)

Queries come from a cases file (default: the dev cases beside the repository, else the shipped
routing cases). Loading the index, the embedder and the similar-project model is timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = (
    REPO.parent / "shared" / "eval" / "dev_cases.jsonl",
    REPO / "evaluation" / "cases" / "routing.jsonl",
)


def _queries(path: Path | None, n: int) -> list[str]:
    candidates = [path] if path else [p for p in DEFAULT_CASES if p.is_file()]
    lines = candidates[0].read_text(encoding="utf-8").splitlines()
    queries = [json.loads(line)["query"] for line in lines if line.strip()]
    return (queries * (n // len(queries) + 1))[:n]


def main() -> None:
    """Print the load time and the warm p50/p95 latency of ``Recommender.run``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    from fundmatch.app.wiring import open_recommender
    from fundmatch.core.settings import load_settings

    start = time.perf_counter()
    recommender = open_recommender(load_settings().replace(embedding_threads=args.threads))
    load_s = time.perf_counter() - start
    queries = _queries(args.cases, args.n)
    recommender.run(queries[0])
    timings = []
    for query in queries:
        start = time.perf_counter()
        recommender.run(query)
        timings.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "embedding_model": recommender.settings.embedding_model,
                "ranker": "learned" if recommender.ranker else "fusion",
                "mode": "keyword" if recommender.keyword_only else "hybrid",
                "load_average": round(os.getloadavg()[0], 1),
                "queries": len(timings),
                "threads": args.threads,
                "cpus": os.cpu_count(),
                "load_s": round(load_s, 2),
                "p50_ms": round(float(np.percentile(timings, 50)), 1),
                "p95_ms": round(float(np.percentile(timings, 95)), 1),
                "max_ms": round(max(timings), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
