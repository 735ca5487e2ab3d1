"""The one place where settings become components: the recommender (index, embedder, similar-project
model), the chat engine, and the optional LLM translator. Lower floors receive what they need."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from fundmatch.app.live import LiveEngine
from fundmatch.chat.index_engine import IndexEngine
from fundmatch.core.models import Filters, Profile, Recommendation
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.translate import QueryTranslator, translator_from_settings
from fundmatch.retrieval.precomputed import load_side
from fundmatch.retrieval.recommend import Recommender


def open_recommender(settings: Settings | None = None) -> Recommender:
    """Open the index, its stored CORDIS side and, once every passage has a vector, the embedder.

    Queries are embedded on the configured runtime when it gives the vectors the index was embedded
    with (``registry.query_runtime``: an index embedded with torch is queried on ONNX, without torch),
    else on the index's own runtime. While the
    background embedding runs, the recommender is keyword-only and loads no model.
    """
    from fundmatch.index import open_index

    settings = settings or load_settings()
    index = open_index(settings)
    side = load_side(index)
    embedder = None
    if index.dense_complete:
        from fundmatch.embeddings.registry import get_embedder, query_runtime

        runtime = query_runtime(index.manifest.embedding_runtime, settings.embedding_runtime)
        embedder = get_embedder(settings.replace(embedding_runtime=runtime))
    return Recommender(index, embedder, side.similar, settings, side.carrier(settings.carry_over_votes))


def open_engine(settings: Settings) -> LiveEngine:
    """The chat's engine over the index named by ``settings`` (IndexNotFoundError when there is none);
    it reopens the index when a newer generation goes live (the background embedding's)."""
    return LiveEngine(lambda: IndexEngine(open_recommender(settings)), settings.resolved_index_dir)


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
