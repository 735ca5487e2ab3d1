"""Drawing the conversation: user messages, assistant replies with cards, tables and sources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from fundmatch.app.ui.cards import card_view, render_card
from fundmatch.chat.facts import is_financial_product
from fundmatch.chat.reply import Reply
from fundmatch.chat.state import Message
from fundmatch.core.errors import FundmatchError, QueryError
from fundmatch.core.models import Passage
from fundmatch.lang.i18n import t

PassagesFor = Callable[[str], Sequence[Passage]]


def render_reply(reply: Reply, today: date, passages_for: PassagesFor) -> None:
    """One assistant reply: its text, a comparison table, result cards and the numbered sources."""
    language = reply.language
    st.markdown(reply.text)
    if reply.comparison:
        st.table(reply.comparison)
    for rank, rec in enumerate(reply.recommendations, start=1):
        passages = passages_for(rec.opportunity.id) if is_financial_product(rec.opportunity) else ()
        render_card(card_view(rec, rank, language, today, passages), language)
    if sources := reply.sources_markdown():
        st.markdown(sources)
    if reply.polished_by:
        st.caption(t(language, "Phrased by {model} from the cited passages.", model=reply.polished_by))


def render_messages(messages: Sequence[Message], today: date, passages_for: PassagesFor) -> None:
    """Every message so far, in order."""
    for message in messages:
        with st.chat_message(message.role):
            if message.reply is None:
                st.markdown(message.text)
            else:
                render_reply(message.reply, today, passages_for)


def render_error(error: FundmatchError, language: str, warning: bool = False) -> None:
    """One error in the user's language: a request fundmatch cannot use says why and what to do;
    any other failure names itself as it happened."""
    if isinstance(error, QueryError):
        shown = t(language, error.message, **error.values)
    else:
        shown = t(language, "fundmatch could not do this: {detail}", detail=str(error))
    (st.warning if warning else st.error)(shown)
