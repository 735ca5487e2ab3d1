"""The sparse Okapi BM25 scores exactly as the reference rank_bm25 implementation."""

from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from fundmatch.index.bm25 import KeywordIndex, OkapiBm25

DOCUMENTS = [
    ["battery", "recycling", "solid", "state", "battery"],
    ["hydrogen", "electrolyser", "plant"],
    ["battery", "cell", "manufacturing", "pilot", "line", "europe"],
    ["soil", "health", "living", "lab"],
    ["europe", "europe", "europe"],
    ["battery"],
]


@pytest.mark.parametrize(
    "query",
    [
        ["battery"],
        ["battery", "battery", "recycling"],
        ["europe", "hydrogen", "unknown"],
        ["unknown"],
        [],
    ],
)
def test_scores_equal_rank_bm25(query: list[str]) -> None:
    reference = BM25Okapi(DOCUMENTS).get_scores(query)
    np.testing.assert_allclose(OkapiBm25(DOCUMENTS).scores(query), reference, rtol=1e-12, atol=1e-12)


def test_common_term_gets_the_idf_floor_not_a_negative_weight() -> None:
    documents = [["common", "a"], ["common", "b"], ["common", "c"], ["rare"]]
    scores = OkapiBm25(documents).scores(["common"])
    assert (scores[:3] > 0).all()
    assert scores[3] == 0


def test_an_empty_corpus_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one document"):
        OkapiBm25([])


def test_keyword_search_ranks_and_drops_zero_scores() -> None:
    index = KeywordIndex([f"p{i}" for i in range(len(DOCUMENTS))], DOCUMENTS)
    hits = index.search("Battery recycling manufacturing", k=10)
    # "battery" is in half the documents: idf 0, so p5 (battery only) scores 0 and is dropped.
    # p0 and p2 each match one rare term; the shorter p0 scores higher.
    assert [hit.id for hit in hits] == ["p0", "p2"]
    assert hits[0].score > hits[1].score
    assert KeywordIndex([], []).search("battery", 5) == []
