"""A small grid over the ranking settings on dev cases, with a split to check it holds out of sample.

Usage: python scripts/tune_matching.py [--cases FILE]

Query vectors are computed once and reused, so each setting costs only the ranking. Cases are
split by position: settings are chosen on the even cases and reported on the odd ones (and on
all). Prints one JSON line per setting, then the choice.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from fundmatch.embeddings.base import Embedder

REPO = Path(__file__).resolve().parent.parent
GRID = {
    "query_max_tokens": (0, 128),
    "fusion": ("rrf", "weighted"),
    "similar_projects_weight": (1.0, 1.5, 2.0),
    "family_diversity": (0.3, 0.5),
}


class CachedEmbedder:
    """Wraps an embedder so that a repeated query is embedded once."""

    def __init__(self, embedder: Embedder) -> None:
        self.name, self.dimension = embedder.name, embedder.dimension
        self._embedder = embedder
        self.embed_query = cache(embedder.embed_query)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.embed_passages(texts)


def main() -> None:
    """Evaluate every setting of the grid and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO.parent / "shared" / "eval" / "dev_cases.jsonl")
    args = parser.parse_args()

    from evaluation.cases import load_cases
    from evaluation.metrics import family_metrics
    from evaluation.runner import run_evaluation
    from fundmatch.core.settings import load_settings
    from fundmatch.embeddings.registry import get_embedder
    from fundmatch.index import open_index
    from fundmatch.retrieval.precomputed import load_side
    from fundmatch.retrieval.recommend import Recommender

    base = load_settings()
    index = open_index(base)
    similar = load_side(index).similar
    embedders = {
        cap: CachedEmbedder(get_embedder(base.replace(query_max_tokens=cap)))
        for cap in GRID["query_max_tokens"]
    }
    cases = load_cases(args.cases)
    rows = []
    for values in itertools.product(*GRID.values()):
        changes = dict(zip(GRID, values, strict=True))
        settings = base.replace(**changes)
        recommender = Recommender(index, embedders[settings.query_max_tokens], similar, settings)
        ranks = [r.family_rank for r in run_evaluation(recommender, cases, baselines=False).results]
        row = {
            **changes,
            "tune": family_metrics(ranks[0::2]),
            "held_out": family_metrics(ranks[1::2]),
            "all": family_metrics(ranks),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    best = max(rows, key=lambda r: r["tune"]["hit@5"] + r["tune"]["mrr@10"])
    print(json.dumps({"chosen_on_tune_half": best}))


if __name__ == "__main__":
    main()
