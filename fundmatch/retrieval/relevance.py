"""The low-relevance guard: is this request something the programme corpus could fund at all?

The best passage's similarity alone does not tell: with multilingual e5 a bakery asking for flour
money scores as high against some passage as a real project does against its topic. What does
tell is whether the request sits closer to the corpus than to descriptions of what EU programmes
never fund (personal spending, routine running costs). Relevance is the best passage's
similarity minus the best of those anchors'; below the threshold, nothing fits.
"""

from __future__ import annotations

import numpy as np

from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import Embedder

# Generic descriptions of requests no EU funding programme serves; compared as passages.
OFF_TOPIC_ANCHORS = (
    "Personal and household spending: a holiday, a wedding, a birthday party, a car, furniture, a television.",
    "Renovating or repainting a private home, a kitchen or a bathroom.",
    "Day-to-day running costs of a shop, café, restaurant or salon: rent, bills, stock, ingredients, chairs.",
    "Buying ordinary supplies and consumer goods for a small local business with no research or innovation.",
)

# ``min_relevance`` per embedding model, from scripts/calibrate_guard.py (docs/benchmarks/matching.md).
# A model without an entry has no guard unless ``Settings.min_relevance`` sets one.
CALIBRATED_MIN_RELEVANCE: dict[str, float] = {"multilingual-e5-small": 0.03}


def guard_threshold(settings: Settings) -> float | None:
    """The threshold in force: the setting when given, else the model's calibrated value, else None."""
    if settings.min_relevance is not None:
        return settings.min_relevance
    return CALIBRATED_MIN_RELEVANCE.get(settings.embedding_model)


class RelevanceGuard:
    """Scores how much closer a query is to the corpus than to the off-topic anchors."""

    def __init__(self, embedder: Embedder, threshold: float | None) -> None:
        self.threshold = threshold
        self._anchors = embedder.embed_passages(list(OFF_TOPIC_ANCHORS))

    def relevance(self, top_passage_similarity: float, query_vector: np.ndarray) -> float:
        """The best passage's similarity minus the closest anchor's."""
        return top_passage_similarity - float(np.max(self._anchors @ query_vector))

    def blocks(self, relevance: float) -> bool:
        """True when a threshold is in force and ``relevance`` falls below it."""
        return self.threshold is not None and relevance < self.threshold
