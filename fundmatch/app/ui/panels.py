"""Panels under the chat: shortlist downloads and the proposal helper."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from fundmatch.chat.engine import Engine
from fundmatch.chat.exports import deadlines_ics, shortlist_csv, shortlist_markdown
from fundmatch.chat.facts import is_financial_product, opportunity_name
from fundmatch.chat.proposal import outline_for, outline_markdown, polish_outline
from fundmatch.chat.state import Conversation
from fundmatch.core.models import Profile, Recommendation
from fundmatch.lang.i18n import t
from fundmatch.llm.base import LLM


def render_exports(
    recommendations: Sequence[Recommendation], profile: Profile, today: date, language: str
) -> None:
    """Download buttons for the current shortlist as CSV, Markdown and an ICS calendar, in ``language``."""
    csv_col, md_col, ics_col = st.columns(3)
    csv_col.download_button(
        t(language, "Shortlist (CSV)"),
        shortlist_csv(recommendations, today, language),
        "fundmatch-shortlist.csv",
        "text/csv",
    )
    md_col.download_button(
        t(language, "Report (Markdown)"),
        shortlist_markdown(recommendations, profile, today, language),
        "fundmatch-report.md",
        "text/markdown",
    )
    ics_col.download_button(
        t(language, "Deadlines (ICS)"),
        deadlines_ics(recommendations, language=language),
        "fundmatch-deadlines.ics",
        "text/calendar",
    )


def render_proposal_helper(
    conversation: Conversation, engine: Engine, language: str, llm: LLM | None = None
) -> None:
    """Pick a call, draft an outline quoting it, and list partners from similar funded projects."""
    calls = [r for r in conversation.recommendations if not is_financial_product(r.opportunity)]
    if not calls:
        st.caption(
            t(language, "The proposal helper works on calls; the current results are financial products.")
        )
        return
    names = [opportunity_name(r.opportunity) for r in calls]
    chosen = st.selectbox(t(language, "Call"), names, key="proposal_call")
    if not st.button(t(language, "Draft outline"), key="proposal_draft"):
        return
    rec = calls[names.index(chosen)]
    with st.spinner(t(language, "Reading the call text…")):
        outline = outline_for(rec, engine)
        polished = polish_outline(outline, llm, conversation.description, language) if llm else None
        markdown = polished or outline_markdown(outline, language=language)
    st.markdown(markdown)
    st.download_button(t(language, "Outline (Markdown)"), markdown, "fundmatch-outline.md", "text/markdown")
