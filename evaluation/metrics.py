"""Ranking metrics: hit@k and MRR by call family, routing accuracy, overlap and latency percentiles."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def first_rank(ranked: Sequence[str], gold: str, k: int) -> int | None:
    """1-based rank of the first ``gold`` among the first ``k`` items, else None."""
    for position, item in enumerate(ranked[:k], start=1):
        if item == gold:
            return position
    return None


def hit_at(rank: int | None, k: int) -> float:
    """1.0 when the first hit is within the top ``k``."""
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    """1/rank when the first hit is within the top ``k``, else 0."""
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def family_metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    """hit@1, hit@5, hit@10 and mrr@10 over the first-hit ranks of a set of cases."""
    if not ranks:
        return {}
    return {
        "hit@1": float(np.mean([hit_at(r, 1) for r in ranks])),
        "hit@5": float(np.mean([hit_at(r, 5) for r in ranks])),
        "hit@10": float(np.mean([hit_at(r, 10) for r in ranks])),
        "mrr@10": float(np.mean([reciprocal_rank(r, 10) for r in ranks])),
    }


def matches_acceptable(
    opportunity_id: str, family: str | None, source: str, acceptable: Sequence[str]
) -> bool:
    """True when an acceptable entry is the opportunity id, its call family, or names its source file."""
    for entry in acceptable:
        entry_lower = entry.lower()
        if entry == opportunity_id or (family is not None and entry == family):
            return True
        if entry_lower in opportunity_id.lower() or (source and entry_lower in source.lower()):
            return True
    return False


def overlap_at(first: Sequence[str], second: Sequence[str], k: int = 5) -> int:
    """How many of the first ``k`` items of ``second`` are among the first ``k`` of ``first``."""
    return len(set(first[:k]) & set(second[:k]))


def latency_percentiles(seconds: Sequence[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    if not seconds:
        return {}
    values = np.asarray(seconds) * 1000.0
    return {
        "latency_p50_ms": round(float(np.percentile(values, 50)), 1),
        "latency_p95_ms": round(float(np.percentile(values, 95)), 1),
    }
