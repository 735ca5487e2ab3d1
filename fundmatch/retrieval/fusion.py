"""Fusing ranked lists from several retrievers into one score per id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from fundmatch.index.base import Hit

FUSION_METHODS = ("rrf", "weighted")


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Hit]], weights: Sequence[float], k: int
) -> dict[str, float]:
    """Sum over retrievers of weight / (k + rank), ranks counted from 1."""
    scores: dict[str, float] = defaultdict(float)
    for hits, weight in zip(rankings, weights, strict=True):
        for rank, hit in enumerate(hits, start=1):
            scores[hit.id] += weight / (k + rank)
    return dict(scores)


def weighted_score_fusion(rankings: Sequence[Sequence[Hit]], weights: Sequence[float]) -> dict[str, float]:
    """Sum over retrievers of weight x score min-max normalised within that retriever's list."""
    scores: dict[str, float] = defaultdict(float)
    for hits, weight in zip(rankings, weights, strict=True):
        if not hits:
            continue
        values = [hit.score for hit in hits]
        low, high = min(values), max(values)
        span = high - low
        for hit in hits:
            scores[hit.id] += weight * ((hit.score - low) / span if span > 0 else 1.0)
    return dict(scores)


def fuse(
    method: str, rankings: Sequence[Sequence[Hit]], weights: Sequence[float], rrf_k: int
) -> dict[str, float]:
    """Fuse with ``method`` ("rrf" or "weighted"); an unknown method is a ValueError naming the valid ones."""
    if method == "rrf":
        return reciprocal_rank_fusion(rankings, weights, rrf_k)
    if method == "weighted":
        return weighted_score_fusion(rankings, weights)
    raise ValueError(f"unknown fusion {method!r}; choose one of: {', '.join(FUSION_METHODS)}")
