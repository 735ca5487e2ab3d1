"""Calibrate ``min_relevance``: relevance of relevant vs off-topic cases, and the threshold between.

Usage: python scripts/calibrate_guard.py CASES.jsonl [CASES.jsonl ...]

Every case runs with the guard off. Cases whose gold programme is "none" are off-topic; all
others (dev and routing forms) are relevant. Prints each group's relevance spread and the
threshold from ``evaluation.guard.calibrate_threshold`` as JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "min": round(min(values), 4),
        "p05": round(float(np.percentile(values, 5)), 4),
        "p50": round(float(np.percentile(values, 50)), 4),
        "max": round(max(values), 4),
    }


def main() -> None:
    """Run the cases with the guard off and print the calibration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, nargs="+")
    parser.add_argument("--limit", type=int, help="at most N cases per file")
    args = parser.parse_args()

    from evaluation.cases import load_cases
    from evaluation.guard import calibrate_threshold
    from evaluation.runner import run_evaluation
    from fundmatch.app.wiring import open_recommender
    from fundmatch.core.settings import load_settings

    # Relevance differences lie in [-2, 2]: -2 turns the guard off.
    recommender = open_recommender(load_settings().replace(min_relevance=-2.0))
    results = [
        result
        for path in args.cases
        for result in run_evaluation(recommender, load_cases(path)[: args.limit], baselines=False).results
    ]
    relevant = sorted((r.relevance, r.case.id) for r in results if not r.case.expects_nothing)
    off_topic = [r.relevance for r in results if r.case.expects_nothing]
    calibration = calibrate_threshold([score for score, _ in relevant], off_topic)
    print(
        json.dumps(
            {
                "embedding_model": recommender.settings.embedding_model,
                "relevant": _spread([score for score, _ in relevant]),
                "off_topic": _spread(off_topic),
                "lowest_relevant": [{"case": c, "relevance": round(r, 4)} for r, c in relevant[:5]],
                "calibration": calibration.__dict__,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
