"""Process-wide resources the app loads once: settings and the engine behind the chat."""

from __future__ import annotations

import streamlit as st

from fundmatch.chat.engine import Engine
from fundmatch.settings import Settings, load_settings


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """Settings from defaults, FUNDMATCH_CONFIG and the FUNDMATCH_* environment."""
    return load_settings()


@st.cache_resource(show_spinner="Loading the index and the recommender…")
def load_engine(settings: Settings) -> Engine:
    """The index-backed engine, opened once per process (raises IndexNotFoundError when missing)."""
    from fundmatch.chat.index_engine import IndexEngine

    return IndexEngine.from_settings(settings)
