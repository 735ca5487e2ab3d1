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
