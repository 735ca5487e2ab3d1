"""The line above the chat that says which search answers and how far the semantic index is."""

from __future__ import annotations

import streamlit as st

from fundmatch.app.live import IndexStatus, LiveEngine
from fundmatch.app.ui.labels import label
from fundmatch.chat.engine import Engine

REFRESH_SECONDS = 3.0


def status_text(status: IndexStatus, language: str) -> str:
    """The mode line in ``language``: hybrid, or keyword-only with the embedding's count, rate and ETA."""
    if status.hybrid:
        return label(language, "mode_hybrid")
    progress = status.progress
    percent = int(100 * status.share)
    if not status.embedding_running and (progress is None or progress.state != "done"):
        return label(language, "mode_stopped").format(percent=percent)
    if progress is not None and progress.state == "model":
        return label(language, "mode_model").format(detail=progress.message)
    speed = ""
    if progress is not None and progress.rate > 0 and progress.eta_seconds is not None:
        minutes = max(1, round(progress.eta_seconds / 60))
        speed = label(language, "speed").format(rate=progress.rate, minutes=minutes)
    done, total = (progress.done, progress.total) if progress else (0, 0)
    return label(language, "mode_keyword").format(percent=percent, done=done, total=total, speed=speed)


def render_index_status(engine: Engine, language: str) -> None:
    """The mode line and, while the semantic index is built, a progress bar refreshed every few
    seconds; nothing for an engine that is not over a live index (a test's fake)."""
    if not isinstance(engine, LiveEngine):
        return
    status = engine.status()
    if status.hybrid:
        st.caption(status_text(status, language))
        return

    @st.fragment(run_every=REFRESH_SECONDS)
    def live_status() -> None:
        current = engine.status()
        if current.hybrid:
            st.caption(status_text(current, language))
            return
        st.progress(current.share, text=status_text(current, language))

    live_status()
