"""The keyword side of the hybrid index: Okapi BM25 over the passages, persisted as tokens.

Scores equal ``rank_bm25.BM25Okapi`` (same k1, b and idf floor) but come from a sparse
document-term matrix of precomputed term weights, so a query costs one sparse product instead of
a Python loop over every document per query term. The matrix is computed at ingest and stored in
the generation (``bm25.npz``: weights, terms, ids, format version), so opening the index reads it
instead of rebuilding it from the tokens (seconds per process on the full corpus).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from fundmatch.index.base import Hit
from fundmatch.lang.tokenize import tokenize

TOKENS_FILE = "bm25_tokens.json.gz"
WEIGHTS_FILE = "bm25.npz"
WEIGHTS_VERSION = 1


def write_tokens(directory: Path, ids: Sequence[str], texts: Sequence[str]) -> None:
    """Tokenise the passages, store ids and tokens, and the BM25 weights computed from them."""
    tokens = [tokenize(text) for text in texts]
    data = {"ids": list(ids), "tokens": tokens}
    with gzip.open(directory / TOKENS_FILE, "wt", encoding="utf-8", compresslevel=3) as handle:
        json.dump(data, handle, ensure_ascii=False)
    if tokens:
        KeywordIndex(list(ids), tokens).save(directory)


def read_tokens(directory: Path) -> tuple[list[str], list[list[str]]]:
    """The passage ids and tokens stored in a generation."""
    with gzip.open(directory / TOKENS_FILE, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return data["ids"], data["tokens"]


class OkapiBm25:
    """Okapi BM25 (ATIRE idf with a floor of ``epsilon`` x mean idf) over tokenised documents."""

    def __init__(
        self, documents: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25
    ) -> None:
        self.size = len(documents)
        if not self.size:
            raise ValueError("BM25 needs at least one document")
        self._column: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        frequencies: list[int] = []
        for row, document in enumerate(documents):
            for term, count in Counter(document).items():
                rows.append(row)
                columns.append(self._column.setdefault(term, len(self._column)))
                frequencies.append(count)
        lengths = np.array([len(document) for document in documents], dtype=float)
        average_length = lengths.sum() / self.size or 1.0
        tf = np.array(frequencies, dtype=float)
        row_index = np.array(rows, dtype=np.int64)
        column_index = np.array(columns, dtype=np.int64)
        idf = self._idf(np.bincount(column_index, minlength=len(self._column)), epsilon)
        norm = k1 * (1 - b + b * lengths[row_index] / average_length)
        weights = idf[column_index] * tf * (k1 + 1) / (tf + norm)
        shape = (self.size, len(self._column))
        self._weights = sparse.csc_matrix((weights, (row_index, column_index)), shape=shape)

    @classmethod
    def from_weights(cls, weights: sparse.csc_matrix, terms: Sequence[str]) -> OkapiBm25:
        """The scorer of stored weights (``weights`` column i is term ``terms[i]``)."""
        bm25 = cls.__new__(cls)
        bm25.size = weights.shape[0]
        bm25._column = {term: column for column, term in enumerate(terms)}
        bm25._weights = weights
        return bm25

    @property
    def terms(self) -> list[str]:
        """The terms, in column order."""
        return list(self._column)

    @property
    def weights(self) -> sparse.csc_matrix:
        """The document-term weight matrix."""
        return self._weights

    def _idf(self, document_frequency: np.ndarray, epsilon: float) -> np.ndarray:
        idf = np.log(self.size - document_frequency + 0.5) - np.log(document_frequency + 0.5)
        if idf.size:
            idf[idf < 0] = epsilon * float(idf.mean())
        return idf

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """The score of every document for ``query`` (a repeated term counts again, as in Okapi)."""
        counts = Counter(term for term in query if term in self._column)
        if not counts:
            return np.zeros(self.size)
        columns = [self._column[term] for term in counts]
        weights = np.fromiter(counts.values(), dtype=float, count=len(counts))
        return np.asarray(self._weights[:, columns] @ weights).ravel()


class KeywordIndex:
    """BM25 over stored passage tokens."""

    def __init__(self, ids: list[str], tokens: list[list[str]]) -> None:
        self._ids = ids
        self._bm25 = OkapiBm25(tokens) if tokens else None

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        """The stored BM25 weights of a generation; rebuilt from its tokens when they are missing
        or of another format version (generations written before the weights were stored)."""
        stored = _read_weights(directory / WEIGHTS_FILE)
        if stored is not None:
            ids, bm25 = stored
            index = cls([], [])
            index._ids, index._bm25 = ids, bm25
            return index
        return cls(*read_tokens(directory))

    def save(self, directory: Path) -> None:
        """Store ids, terms and weights as ``bm25.npz`` (nothing for an empty index)."""
        if self._bm25 is None:
            return
        weights = self._bm25.weights
        np.savez(
            directory / WEIGHTS_FILE,
            version=np.array(WEIGHTS_VERSION),
            ids=np.array(self._ids),
            terms=np.array(self._bm25.terms),
            data=weights.data,
            indices=weights.indices,
            indptr=weights.indptr,
            shape=np.array(weights.shape),
        )

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` passages with the highest BM25 score above zero, best first."""
        terms = tokenize(query)
        if self._bm25 is None or not terms or k <= 0:
            return []
        scores = self._bm25.scores(terms)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(top, key=lambda i: -scores[i])
        return [Hit(self._ids[i], float(scores[i])) for i in ranked if scores[i] > 0]


def _read_weights(path: Path) -> tuple[list[str], OkapiBm25] | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            if int(stored["version"]) != WEIGHTS_VERSION:
                return None
            shape = tuple(int(n) for n in stored["shape"])
            weights = sparse.csc_matrix((stored["data"], stored["indices"], stored["indptr"]), shape=shape)
            return stored["ids"].tolist(), OkapiBm25.from_weights(weights, stored["terms"].tolist())
    except (OSError, KeyError, ValueError):
        return None
