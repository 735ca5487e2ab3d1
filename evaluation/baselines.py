"""Baselines computed in the same run over the same opportunities: TF-IDF and BM25 on topic texts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from fundmatch.core.models import Opportunity, Passage
from fundmatch.index.bm25 import OkapiBm25


def opportunity_documents(opportunities: Sequence[Opportunity], passages: Sequence[Passage]) -> list[str]:
    """One document per opportunity: its title, summary and every passage of it."""
    texts: dict[str, list[str]] = defaultdict(list)
    for passage in passages:
        if passage.opportunity_id:
            texts[passage.opportunity_id].append(passage.text)
    return [f"{o.title}\n{o.summary}\n" + "\n".join(texts.get(o.id, [])) for o in opportunities]


def _tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in ENGLISH_STOP_WORDS and len(t) > 1]


class TfidfBaseline:
    """Cosine similarity between the query and each opportunity document in a TF-IDF space."""

    name = "tfidf"

    def __init__(self, ids: Sequence[str], documents: Sequence[str]) -> None:
        self._ids = list(ids)
        self._vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5)
        self._matrix = self._vectorizer.fit_transform(documents)

    def rank(self, query: str, k: int) -> list[str]:
        """The ``k`` best opportunity ids."""
        scores = (self._matrix @ self._vectorizer.transform([query]).T).toarray().ravel()
        return [self._ids[i] for i in np.argsort(-scores)[:k]]


class Bm25Baseline:
    """Okapi BM25 between the query and each opportunity document."""

    name = "bm25"

    def __init__(self, ids: Sequence[str], documents: Sequence[str]) -> None:
        self._ids = list(ids)
        self._bm25 = OkapiBm25([_tokens(d) or ["_"] for d in documents])

    def rank(self, query: str, k: int) -> list[str]:
        """The ``k`` best opportunity ids."""
        scores = self._bm25.scores(_tokens(query))
        return [self._ids[i] for i in np.argsort(-scores)[:k]]
