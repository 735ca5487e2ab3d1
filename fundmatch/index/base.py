"""The index seam that matching reads from, whatever stores the vectors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from fundmatch.core.models import FundedProject, Opportunity, Passage

PASSAGES = "passages"  # the two kinds of vector collection a generation holds
PROJECTS = "projects"


def collection_names(generation: str) -> dict[str, str]:
    """The collection name of each kind for one generation."""
    return {kind: f"{kind}-{generation}" for kind in (PASSAGES, PROJECTS)}


@dataclass(frozen=True)
class Hit:
    """A passage (or project) id and its score from one retriever; higher is better."""

    id: str
    score: float


class PassageIndex(Protocol):
    """Read access to a built index: dense and keyword search plus the catalogue behind them."""

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Mapping[str, Any] | None = None
    ) -> list[Hit]:
        """Nearest passages by cosine similarity, optionally filtered on passage metadata."""
        ...

    def keyword_search(self, query: str, k: int) -> list[Hit]:
        """Best passages by BM25."""
        ...

    def passage(self, passage_id: str) -> Passage: ...

    def opportunity(self, opportunity_id: str) -> Opportunity: ...

    def opportunities(self) -> Sequence[Opportunity]: ...

    def passages(self) -> Sequence[Passage]: ...

    def projects(self) -> Sequence[FundedProject]: ...


def id_ranks(ids: Sequence[str]) -> np.ndarray:
    """The position of each id in sorted order, for ``top_by_score``'s tie-break."""
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[np.argsort(np.asarray(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    return ranks


def top_by_score(scores: np.ndarray, ranks: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` highest scores, best first; equal scores in id order (``ranks`` from
    ``id_ranks``), so that the same scores always give the same ranking, whatever the storage order."""
    if k <= 0 or scores.size == 0:
        return np.empty(0, dtype=np.int64)
    if k < scores.size:
        kth_best = -np.partition(-scores, k - 1)[k - 1]
        candidates = np.flatnonzero(scores >= kth_best)  # every tie of the k-th score comes along
    else:
        candidates = np.arange(scores.size)
    order = np.lexsort((ranks[candidates], -scores[candidates]))
    return candidates[order][:k]
