"""Process-wide resources the app loads once: settings, the engine behind the chat, the saved clients."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from fundmatch.chat.engine import Engine
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.base import LLM
from fundmatch.llm.registry import get_llm
from fundmatch.llm.translate import QueryTranslator, make_translator

if TYPE_CHECKING:
    from fundmatch.app.wiring import ClientRanking
    from fundmatch.retrieval.recommend import Recommender


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """Settings from defaults, FUNDMATCH_CONFIG and the FUNDMATCH_* environment."""
    return load_settings()


def load_engine(settings: Settings) -> Engine:
    """The engine over the live index generation (raises IndexNotFoundError when there is none):
    after an ingest, the next message reads the new one; the previous engine stays with the
    sessions still answering from it."""
    from fundmatch.index.layout import IndexLayout

    live = IndexLayout(settings.resolved_index_dir).live()
    return _engine_for(settings, live.name if live else "")


@st.cache_resource(show_spinner=False, max_entries=2)
def _engine_for(settings: Settings, generation: str) -> Engine:
    """The index-backed engine of one generation, opened once per process."""
    from fundmatch.app.wiring import open_engine

    return open_engine(settings)


@st.cache_resource(show_spinner=False)
def load_llm(settings: Settings, backend: str) -> LLM | None:
    """The answer backend chosen in the sidebar (None for templates only), built once per process."""
    return get_llm(settings.replace(llm_backend=backend))


@st.cache_resource(show_spinner=False)
def load_translator(settings: Settings, backend: str) -> QueryTranslator | None:
    """The query translator on the chosen backend (None without an LLM), kept with its cache."""
    return make_translator(load_llm(settings, backend), settings)


@st.cache_resource(show_spinner=False, max_entries=2)
def _ranking(settings: Settings, generation: str, _recommender: Recommender) -> ClientRanking:
    """The saved clients ranked by the recommender of one generation (``_recommender`` is not
    hashed: the generation names it)."""
    from fundmatch.app.wiring import ClientRanking, open_profile_store

    return ClientRanking(_recommender, open_profile_store(settings))


def load_ranking(settings: Settings, engine: Engine) -> ClientRanking | None:
    """The saved clients and the ranking over each one's documents, on the index engine's
    recommender; None for an engine without one (a test's fake): the app then has no client panel."""
    from fundmatch.app.live import LiveEngine
    from fundmatch.chat.index_engine import IndexEngine

    if isinstance(engine, LiveEngine):
        engine = engine.engine  # the engine of the generation live now
    if not isinstance(engine, IndexEngine):
        return None
    recommender = engine.recommender
    return _ranking(settings, recommender.index.directory.name, recommender)
