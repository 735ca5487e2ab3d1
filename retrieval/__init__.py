"""Design-card entry point for Python callers: ``from retrieval import recommend``.

The recommender lives in ``fundmatch.retrieval``; ``recommend`` opens it from the settings
(``fundmatch.app.wiring``).
"""

from fundmatch.app.wiring import open_recommender, recommend
from fundmatch.retrieval.recommend import RecommendationRun, Recommender

__all__ = ["RecommendationRun", "Recommender", "open_recommender", "recommend"]
