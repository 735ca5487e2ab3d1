"""The keyword side of the hybrid index: BM25 over the passages, persisted as tokens."""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.base import Hit
from retrieval.index.tokenize import tokenize

TOKENS_FILE = "bm25_tokens.json.gz"


def write_tokens(directory: Path, ids: Sequence[str], texts: Sequence[str]) -> None:
    """Tokenise the passages and store ids and tokens; BM25 statistics are rebuilt on open."""
    data = {"ids": list(ids), "tokens": [tokenize(text) for text in texts]}
    with gzip.open(directory / TOKENS_FILE, "wt", encoding="utf-8", compresslevel=3) as handle:
        json.dump(data, handle, ensure_ascii=False)


class KeywordIndex:
    """BM25Okapi over stored passage tokens."""

    def __init__(self, ids: list[str], tokens: list[list[str]]) -> None:
        self._ids = ids
        # BM25Okapi divides by the corpus size; an empty corpus gets no model at all.
        self._bm25 = BM25Okapi(tokens) if tokens else None

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        """Read the stored tokens of a generation and build the BM25 statistics."""
        with gzip.open(directory / TOKENS_FILE, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(data["ids"], data["tokens"])

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` passages with the highest BM25 score above zero, best first."""
        terms = tokenize(query)
        if self._bm25 is None or not terms or k <= 0:
            return []
        scores = self._bm25.get_scores(terms)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(top, key=lambda i: -scores[i])
        return [Hit(self._ids[i], float(scores[i])) for i in ranked if scores[i] > 0]
