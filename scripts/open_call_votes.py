"""Dev figures with and without carrying votes over from call families that have no current call.

Usage: FUNDMATCH_DATA_DIR=<data_dir> python scripts/open_call_votes.py [--as-of 2026-11-24] [--share 0.5]

One process, two recommenders (``carry_over_votes`` = SHARE and 0), the dev cases twice: every
status ranked (the usual dev run), then as the app ranks them (open and forthcoming as of AS_OF,
core programmes), scored on the cases whose funded call family has an opportunity there, and on
the cases funded under a family with none, scored against its successor in the 2026-2027 work
programmes (``SUCCESSORS``: our reading of the work programmes, written before any run).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path

from evaluation.cases import load_cases
from evaluation.runner import run_evaluation
from fundmatch.core.models import Filters
from fundmatch.core.settings import load_settings
from fundmatch.embeddings.registry import get_embedder
from fundmatch.index import open_index
from fundmatch.retrieval.precomputed import load_side
from fundmatch.retrieval.ranking import passes_filters
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender, opportunity_family
from fundmatch.retrieval.status import opportunity_status

REPO = Path(__file__).resolve().parent.parent
METRICS = ("hit@1", "hit@5", "hit@10", "mrr@10")
# Families of 2021-2024 calls with no call open now, and where their work continues: Made in Europe
# production and raw-materials topics moved to Cluster 4's MAT-PROD destination, Teaming and
# Twinning to the Widening calls, the CBE JU's bio-based themes to Cluster 6 CIRCBIO, the SNS JU's
# network themes to Cluster 4's data and edge-cloud topics.
SUCCESSORS = {
    "CL4-TWIN": "CL4-MAT",
    "CL4-RESILIENCE": "CL4-MAT",
    "WIDERA-ACCESS": "WIDERA-WIDENING",
    "JU-CBE": "CL6-CIRCBIO",
    "JU-SNS": "CL4-DATA",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO.parent / "shared" / "eval" / "dev_cases.jsonl")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--share", type=float, default=0.5)
    args = parser.parse_args()
    settings = load_settings().replace(as_of=args.as_of)
    index = open_index(settings)
    embedder = get_embedder(settings)
    similar = load_side(index).similar
    cases = load_cases(args.cases)
    current = {
        opportunity_family(o)
        for o in index.opportunities()
        if passes_filters(o, opportunity_status(o, args.as_of), Filters(), args.as_of)
    }
    current_cases = [c for c in cases if c.gold_family in current]
    successor_cases = [
        replace(c, gold_family=SUCCESSORS[c.gold_family])
        for c in cases
        if c.gold_family in SUCCESSORS and c.gold_family not in current
    ]
    print(f"{len(cases)} cases; {len(current_cases)} funded under a family with a current opportunity")
    print("| run | carried share | " + " | ".join(METRICS) + " |")
    print("|---" * (len(METRICS) + 2) + "|")
    for share in (0.0, args.share):
        recommender = Recommender(index, embedder, similar, settings.replace(carry_over_votes=share))
        for name, subset, filters in (
            ("every status", cases, ALL_STATUSES),
            (f"open and forthcoming on {args.as_of}", current_cases, Filters()),
            ("same, gold = the successor family", successor_cases, Filters()),
        ):
            summary = run_evaluation(recommender, subset, baselines=False, filters=filters).summary
            figures = " | ".join(f"{summary[m]:.3f}" for m in METRICS)
            print(f"| {name} ({len(subset)}) | {share} | {figures} |", flush=True)


if __name__ == "__main__":
    main()
