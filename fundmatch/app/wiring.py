"""The one place where settings become components: the recommender (index, embedder, similar-project
model), the chat engine, and the optional LLM translator. Lower floors receive what they need."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from fundmatch.chat.index_engine import IndexEngine
from fundmatch.core.models import Filters, Profile, Recommendation
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.translate import QueryTranslator, translator_from_settings
from fundmatch.retrieval.recommend import Recommender
from fundmatch.retrieval.similar import SimilarProjectModel


def open_recommender(settings: Settings | None = None) -> Recommender:
    """Open the index, the embedder, the (cached) similar-project model and the ranker named by the
    settings; a learned ranker that is missing or stale is logged as a one-line warning (fusion ranks)."""
    from fundmatch.embeddings.registry import get_embedder
    from fundmatch.index import open_index
    from fundmatch.retrieval.learned import load_ranker

    settings = settings or load_settings()
    index = open_index(settings)
    similar = SimilarProjectModel.load_or_fit(index.projects(), settings.data_dir / "cache")
    ranker, notice = load_ranker(settings, index)
    if notice:
        logging.getLogger("fundmatch").warning(notice)
    return Recommender(index, get_embedder(settings), similar, settings, ranker)


def open_engine(settings: Settings) -> IndexEngine:
    """The chat's engine over the index named by ``settings`` (IndexNotFoundError when there is none)."""
    return IndexEngine(open_recommender(settings))


def query_translator(settings: Settings) -> QueryTranslator | None:
    """The LLM translator for non-English queries, or None without an LLM or with translation off."""
    return translator_from_settings(settings)


@cache
def _default_recommender(settings: Settings) -> Recommender:
    return open_recommender(settings)


@cache
def _default_translator(settings: Settings) -> QueryTranslator | None:
    return query_translator(settings)


def recommend(
    text: str,
    profile: Profile | Mapping[str, Any] | None = None,
    filters: Filters | None = None,
    k: int = 10,
    as_of: date | None = None,
) -> list[Recommendation]:
    """The ``k`` best opportunities for a project description; empty when nothing fits.

    Uses the index and models named by the current settings (opened once per process); with an
    LLM configured, a non-English description is searched in its English translation.
    """
    settings = load_settings()
    translator = _default_translator(settings)
    translation = translator.run(text) if translator else None
    run = _default_recommender(settings).run(
        text, profile=profile, filters=filters, k=k, as_of=as_of, translation=translation
    )
    return run.recommendations
