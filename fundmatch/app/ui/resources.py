"""Process-wide resources the app loads once: settings and the engine behind the chat."""

from __future__ import annotations

import streamlit as st

from fundmatch.chat.engine import Engine
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.base import LLM
from fundmatch.llm.registry import get_llm
from fundmatch.llm.translate import QueryTranslator, make_translator


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """Settings from defaults, FUNDMATCH_CONFIG and the FUNDMATCH_* environment."""
    return load_settings()


def current_engine(settings: Settings) -> Engine:
    """The engine over the live index generation: after an ingest, the next message reads the new
    one (the previous engine stays with the sessions still answering from it)."""
    from fundmatch.index.layout import IndexLayout

    live = IndexLayout(settings.resolved_index_dir).live()
    return load_engine(settings, live.name if live else "")


@st.cache_resource(show_spinner="Loading the index and the recommender…", max_entries=2)
def load_engine(settings: Settings, generation: str) -> Engine:
    """The index-backed engine for one generation, opened once per process (raises
    IndexNotFoundError when there is none)."""
    from fundmatch.app.wiring import open_engine

    return open_engine(settings)


@st.cache_resource(show_spinner="Loading the language model…")
def load_llm(settings: Settings, backend: str) -> LLM | None:
    """The answer backend chosen in the sidebar (None for templates only), built once per process."""
    return get_llm(settings.replace(llm_backend=backend))


@st.cache_resource(show_spinner=False)
def load_translator(settings: Settings, backend: str) -> QueryTranslator | None:
    """The query translator on the chosen backend (None without an LLM), kept with its cache."""
    return make_translator(load_llm(settings, backend), settings)
