"""The snapshot's index with a client's own passages laid over it, searched as one index.

A client's call documents (``fundmatch.clients``) are a few hundred passages at most: their vectors
are held in memory and searched exactly (cosine, the same score the vector store gives), then
merged with the snapshot's nearest passages by score. The keyword side is one BM25 over the
snapshot's stored tokens and the client's, so the client's passages get the same idf as the
snapshot's. Everything else (funded projects, manifest) is the snapshot's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from fundmatch.core.models import FundedProject, Opportunity, Passage
from fundmatch.index.base import Hit, PassageIndex
from fundmatch.index.bm25 import KeywordIndex, read_tokens
from fundmatch.lang.tokenize import tokenize


@dataclass(frozen=True)
class ExtraPassages:
    """Passages with their unit-length vectors (one row each) and the opportunities they add."""

    passages: tuple[Passage, ...]
    vectors: np.ndarray
    opportunities: tuple[Opportunity, ...] = ()

    def __post_init__(self) -> None:
        if len(self.passages) != len(self.vectors):
            raise ValueError(f"{len(self.passages)} passages but {len(self.vectors)} vectors")


class OverlayIndex:
    """A ``PassageIndex``: the ``base`` index plus ``extra`` passages and opportunities."""

    def __init__(self, base: PassageIndex, extra: ExtraPassages) -> None:
        self.base = base
        self.extra = extra
        self._passage_by_id = {p.id: p for p in extra.passages}
        known = {o.id for o in base.opportunities()}
        self._added = [o for o in extra.opportunities if o.id not in known]
        self._opportunity_by_id = {o.id: o for o in self._added}
        base_ids = {p.id for p in base.passages()}
        self._new_passages = [p for p in extra.passages if p.id not in base_ids]
        self._passages = [*base.passages(), *self._new_passages]
        self._opportunities = [*base.opportunities(), *self._added]
        self._keywords: KeywordIndex | None = None

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Mapping[str, Any] | None = None
    ) -> list[Hit]:
        """The base's nearest passages and the extra ones (exact cosine), best first."""
        hits = self.base.dense_search(query_vector, k, where)
        if len(self.extra.passages) and k > 0:
            vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
            scores = self.extra.vectors @ (vector / (np.linalg.norm(vector) or 1.0))
            extra = [
                Hit(p.id, float(score))
                for p, score in zip(self.extra.passages, scores, strict=True)
                if _matches(p, where)
            ]
            hits = sorted([*hits, *extra], key=lambda hit: -hit.score)[:k]
        return hits

    def keyword_search(self, query: str, k: int) -> list[Hit]:
        """BM25 over the base's passages and the extra ones together."""
        if self._keywords is None:
            ids, tokens = read_tokens(self.base.directory)  # type: ignore[attr-defined]
            extra = self._new_passages
            self._keywords = KeywordIndex(
                [*ids, *(p.id for p in extra)], [*tokens, *(tokenize(p.text) for p in extra)]
            )
        return self._keywords.search(query, k)

    def passage(self, passage_id: str) -> Passage:
        found = self._passage_by_id.get(passage_id)
        return found if found is not None else self.base.passage(passage_id)

    def opportunity(self, opportunity_id: str) -> Opportunity:
        found = self._opportunity_by_id.get(opportunity_id)
        return found if found is not None else self.base.opportunity(opportunity_id)

    def opportunities(self) -> Sequence[Opportunity]:
        return self._opportunities

    def passages(self) -> Sequence[Passage]:
        return self._passages

    def projects(self) -> Sequence[FundedProject]:
        return self.base.projects()

    def __getattr__(self, name: str) -> Any:
        """Project search, the manifest and the rest come from the base index."""
        return getattr(self.base, name)


def _matches(passage: Passage, where: Mapping[str, Any] | None) -> bool:
    """Plain equality filters on passage metadata; an operator filter (``$in``, ``$gte``) excludes."""
    if not where:
        return True
    return all(not isinstance(v, dict) and passage.metadata.get(key) == v for key, v in where.items())
