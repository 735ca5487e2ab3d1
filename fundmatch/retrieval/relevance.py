"""The low-relevance guard: is this request something the programme corpus could fund at all?

The best passage's similarity alone does not tell: with multilingual e5 a bakery asking for flour
money scores as high against some passage as a real project does against its topic. What does
tell is whether the request sits closer to the corpus than to descriptions of what EU programmes
never fund (personal spending, routine running costs). Relevance is the best passage's
similarity minus the best of those anchors'; below the threshold, nothing fits.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

import numpy as np

from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import Embedder

# ``min_relevance`` per embedding model, from scripts/calibrate_guard.py (docs/benchmarks/matching.md).
# A model without an entry has no guard unless ``Settings.min_relevance`` sets one.
CALIBRATED_MIN_RELEVANCE: dict[str, float] = {"multilingual-e5-small": 0.03}


@cache
def off_topic_anchors() -> tuple[str, ...]:
    """Generic descriptions of requests no EU programme funds (``off_topic_anchors.toml``)."""
    text = files("fundmatch.retrieval").joinpath("off_topic_anchors.toml").read_text(encoding="utf-8")
    anchors = tomllib.loads(text).get("anchors")
    if not isinstance(anchors, list) or not anchors or not all(isinstance(a, str) and a for a in anchors):
        raise ValueError("off_topic_anchors.toml: anchors must be a non-empty list of descriptions")
    return tuple(anchors)


def guard_threshold(settings: Settings) -> float | None:
    """The threshold in force: the setting when given, else the model's calibrated value, else None."""
    if settings.min_relevance is not None:
        return settings.min_relevance
    return CALIBRATED_MIN_RELEVANCE.get(settings.embedding_model)


class RelevanceGuard:
    """Scores how much closer a query is to the corpus than to the off-topic anchors."""

    def __init__(self, embedder: Embedder, threshold: float | None) -> None:
        self.threshold = threshold
        self._anchors = embedder.embed_passages(list(off_topic_anchors()))

    def relevance(self, top_passage_similarity: float, query_vector: np.ndarray) -> float:
        """The best passage's similarity minus the closest anchor's."""
        return top_passage_similarity - float(np.max(self._anchors @ query_vector))

    def blocks(self, relevance: float) -> bool:
        """True when a threshold is in force and ``relevance`` falls below it."""
        return self.threshold is not None and relevance < self.threshold
