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


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """Settings from defaults, FUNDMATCH_CONFIG and the FUNDMATCH_* environment."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def load_engine(settings: Settings) -> Engine:
    """The index-backed engine, opened once per process (raises IndexNotFoundError when missing)."""
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


@st.cache_resource(show_spinner=False)
def _ranking(settings: Settings) -> ClientRanking:
    from fundmatch.app.wiring import ClientRanking, open_profile_store

    engine = load_engine(settings)
    return ClientRanking(engine.recommender, open_profile_store(settings))  # type: ignore[attr-defined]


def load_ranking(settings: Settings, engine: Engine) -> ClientRanking | None:
    """The saved clients and the ranking over each one's documents, on the index engine's
    recommender; None for an engine without one (a test's fake): the app then has no client panel."""
    from fundmatch.chat.index_engine import IndexEngine

    return _ranking(settings) if isinstance(engine, IndexEngine) else None
