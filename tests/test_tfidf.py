"""The TF-IDF transform that queries use without scikit-learn equals scikit-learn's own."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from fundmatch.retrieval.tfidf import TfidfTransform
from tests.index_fixtures import TEXTS

CORPUS = [
    *TEXTS.values(),
    "Hydrogen direct reduction of iron ore in a steel plant, with renewable hydrogen.",
    "Phage therapy against antibiotic resistant infections in hospitals; clinical study.",
    "Battery recycling: recovering lithium, cobalt and nickel from end-of-life batteries.",
]
QUERIES = [
    "green hydrogen for steel plants",
    "We recycle batteries and recover lithium; the recycling of batteries is our job.",
    "nothing known here at all",
    "",
]


@pytest.mark.parametrize("sublinear", [True, False])
def test_transform_equals_scikit_learn(sublinear: bool) -> None:
    vectorizer = TfidfVectorizer(
        sublinear_tf=sublinear, ngram_range=(1, 2), stop_words="english", dtype=np.float32
    ).fit(CORPUS)
    ours = TfidfTransform.from_vectorizer(vectorizer).transform(QUERIES + CORPUS)
    theirs = vectorizer.transform(QUERIES + CORPUS)
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert np.allclose(ours.toarray(), theirs.toarray(), atol=1e-6)
    assert ours[2].nnz == 0 and ours[3].nnz == 0


def test_settings_it_does_not_reproduce_are_refused() -> None:
    with pytest.raises(ValueError, match="analyser"):
        TfidfTransform.from_vectorizer(TfidfVectorizer(analyzer="char").fit(CORPUS))
