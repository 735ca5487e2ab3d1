"""A fitted TF-IDF space applied without scikit-learn: what a query needs of a ``TfidfVectorizer``.

The similar-project model is fitted with scikit-learn at ingest; a query only transforms one text,
and importing scikit-learn for that costs a cold process more (one to several seconds) than
everything else it does. ``TfidfTransform.from_vectorizer`` keeps the fitted vocabulary and idf
weights and reproduces ``transform`` for the settings the model uses (word analyser, lowercase,
the default token pattern, a stop-word list, n-grams, sublinear tf, l2 norm); a test compares it
with scikit-learn's own transform.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class TfidfTransform:
    """Vocabulary (term -> column), idf weights and the analyser settings of a fitted vectorizer."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    stop_words: frozenset[str]
    token_pattern: str
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    dtype: Any

    @classmethod
    def from_vectorizer(cls, vectorizer: Any) -> TfidfTransform:
        """Keep what ``transform`` needs of a fitted ``TfidfVectorizer`` (word analyser, l2 norm)."""
        if vectorizer.analyzer != "word" or vectorizer.norm != "l2" or not vectorizer.lowercase:
            raise ValueError("only the word analyser with lowercase and l2 norm is reproduced")
        if (
            vectorizer.preprocessor is not None
            or vectorizer.tokenizer is not None
            or vectorizer.strip_accents
        ):
            raise ValueError("custom preprocessing is not reproduced")
        return cls(
            vocabulary={term: int(column) for term, column in vectorizer.vocabulary_.items()},
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            stop_words=frozenset(vectorizer.get_stop_words() or ()),
            token_pattern=vectorizer.token_pattern,
            ngram_range=tuple(vectorizer.ngram_range),
            sublinear_tf=bool(vectorizer.sublinear_tf),
            dtype=vectorizer.dtype,
        )

    def _terms(self, text: str) -> list[str]:
        words = [w for w in re.findall(self.token_pattern, text.lower()) if w not in self.stop_words]
        low, high = self.ngram_range
        terms = list(words) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            terms.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return terms

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """``texts`` in the fitted space: one l2-normalised row each (as ``TfidfVectorizer.transform``)."""
        indptr, indices, values = [0], [], []
        for text in texts:
            counts = Counter(self.vocabulary[t] for t in self._terms(text) if t in self.vocabulary)
            columns = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
            tf = np.array([counts[c] for c in columns], dtype=np.float64)
            if self.sublinear_tf:
                tf = np.log(tf) + 1.0
            weights = tf * self.idf[columns]
            norm = np.sqrt(np.sum(weights * weights))
            if norm > 0:
                weights /= norm
            indices.append(columns)
            values.append(weights)
            indptr.append(indptr[-1] + len(columns))
        shape = (len(texts), len(self.idf))
        if not indices:
            return sparse.csr_matrix(shape, dtype=self.dtype)
        return sparse.csr_matrix(
            (np.concatenate(values).astype(self.dtype), np.concatenate(indices), np.array(indptr)),
            shape=shape,
        )
