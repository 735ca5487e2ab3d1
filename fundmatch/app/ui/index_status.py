"""The line above the chat that says which search answers and how far the semantic index is."""

from __future__ import annotations

import streamlit as st

from fundmatch.app.live import IndexStatus, LiveEngine
from fundmatch.chat.engine import Engine
from fundmatch.lang.i18n import t

REFRESH_SECONDS = 3.0


def status_text(status: IndexStatus, language: str) -> str:
    """The mode line in ``language``: hybrid, or keyword-only with the embedding's count, rate and ETA."""
    if status.hybrid:
        return t(language, "Search: hybrid (semantic and keyword).")
    progress = status.progress
    percent = str(int(100 * status.share))
    if not status.embedding_running and (progress is None or progress.state != "done"):
        return t(
            language,
            "Search: keyword only; the semantic index stopped at {percent} % and resumes with "
            "`fundmatch app` or `fundmatch embed`.",
            percent=percent,
        )
    if progress is not None and progress.state == "model":
        return t(
            language,
            "Search: keyword only; the embedding model is being prepared ({detail}).",
            detail=progress.message,
        )
    done, total = (progress.done, progress.total) if progress else (0, 0)
    if progress is not None and progress.rate > 0 and progress.eta_seconds is not None:
        return t(
            language,
            "Search: keyword only while the semantic index is built: {percent} % ({done} of {total} "
            "passages, {rate} per second, about {minutes} min left).",
            percent=percent,
            done=done,
            total=total,
            rate=round(progress.rate),
            minutes=max(1, round(progress.eta_seconds / 60)),
        )
    return t(
        language,
        "Search: keyword only while the semantic index is built: {percent} % ({done} of {total} passages).",
        percent=percent,
        done=done,
        total=total,
    )


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
