"""Hybrid retrieval: dense and BM25 passage search, fused, then aggregated to opportunities.

An opportunity's text score is its best passage's fused score plus a share of its second best
(two matching passages are better evidence than one); its best passages are kept as evidence.

The passages and funded projects are written in English. For a query in another language the
keyword side (BM25, and the TF-IDF search for similar funded projects) searches the query followed
by the English names of the domain terms it uses (``fundmatch.lang.glossary``): "pompes à chaleur"
adds "heat pump". The dense side is multilingual and searches the query as written. The passages
the dense search finds are not added to the keyword side: BM25 would echo the dense list, errors
included (docs/benchmarks/matching.md). A query that names fewer than ``MIN_GLOSSARY_TERMS`` domain
terms gets no BM25 list: its one English term would decide the keyword ranking alone ("intelligenza
artificiale" in a description of museum replicas made BM25 a search for "artificial intelligence").
English queries are searched as written.

Without an embedder (``embedder=None``: the index's dense side is still being embedded, see
``fundmatch.index.background``) the retriever is keyword-only: BM25 alone, every query language
included, and no query vector.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import Embedder
from fundmatch.index.base import Hit, PassageIndex
from fundmatch.lang.glossary import english_terms
from fundmatch.retrieval.fusion import fuse

SECOND_PASSAGE_SHARE = 0.5
MIN_GLOSSARY_TERMS = 2
EVIDENCE_PER_OPPORTUNITY = 3


@dataclass(frozen=True)
class OpportunityMatch:
    """An opportunity's text score (best = 1.0) and its best passages, best first."""

    opportunity_id: str
    score: float
    passage_ids: tuple[str, ...]


@dataclass(frozen=True)
class HybridResult:
    """The opportunities found, best first, the best dense similarity seen (for the relevance guard),
    the query vector and the text keyword search used (both reused for project search; keyword-only
    results have no query vector), and the two passage lists before fusion (features of the learned
    ranker, ``fundmatch.retrieval.features``)."""

    matches: list[OpportunityMatch]
    top_dense_similarity: float
    query_vector: np.ndarray | None
    keyword_text: str
    dense_hits: Sequence[Hit] = ()
    keyword_hits: Sequence[Hit] = ()


class HybridRetriever:
    """Dense + BM25 over passages, fused by ``settings.fusion`` and aggregated to opportunities."""

    def __init__(self, index: PassageIndex, embedder: Embedder | None, settings: Settings) -> None:
        self._index = index
        self._embedder = embedder
        self._settings = settings
        self._opportunity_of = {p.id: p.opportunity_id for p in index.passages() if p.opportunity_id}

    def run(self, text: str, language: str = "en") -> HybridResult:
        """Search passages for ``text`` (written in ``language``) and rank their opportunities."""
        settings = self._settings
        k = settings.candidate_passages
        vector = self._embedder.embed_query(text) if self._embedder is not None else None
        dense = (
            self._index.dense_search(vector, k) if vector is not None and settings.dense_weight > 0 else []
        )
        terms = self._terms(text, language)
        keyword_text = text if language == "en" else self._keyword_text(text, terms)
        searchable = language == "en" or len(terms) >= MIN_GLOSSARY_TERMS or vector is None
        keyword = (
            self._index.keyword_search(keyword_text, k) if settings.bm25_weight > 0 and searchable else []
        )
        fused = fuse(
            settings.fusion,
            [dense, keyword],
            [settings.dense_weight, settings.bm25_weight],
            settings.rrf_k,
        )
        top_dense = max((hit.score for hit in dense), default=0.0)
        return HybridResult(self._aggregate(fused), top_dense, vector, keyword_text, dense, keyword)

    def _terms(self, text: str, language: str) -> list[str]:
        """The English glossary terms of a non-English text (none for English)."""
        return english_terms(text, language)

    def _keyword_text(self, text: str, terms: Sequence[str]) -> str:
        """The text, then the English names of its domain terms on a line of their own."""
        return "\n".join([text, "; ".join(terms)]).strip()

    def _aggregate(self, passage_scores: dict[str, float]) -> list[OpportunityMatch]:
        by_opportunity: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for passage_id, score in passage_scores.items():
            opportunity_id = self._opportunity_of.get(passage_id)
            if opportunity_id:
                by_opportunity[opportunity_id].append((score, passage_id))
        raw: dict[str, tuple[float, tuple[str, ...]]] = {}
        for opportunity_id, scored in by_opportunity.items():
            scored.sort(reverse=True)
            second = scored[1][0] if len(scored) > 1 else 0.0
            evidence = tuple(pid for _, pid in scored[:EVIDENCE_PER_OPPORTUNITY])
            raw[opportunity_id] = (scored[0][0] + SECOND_PASSAGE_SHARE * second, evidence)
        best = max((score for score, _ in raw.values()), default=0.0) or 1.0
        matches = [OpportunityMatch(oid, score / best, ids) for oid, (score, ids) in raw.items()]
        matches.sort(key=lambda m: (-m.score, m.opportunity_id))
        return matches
