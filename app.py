"""fundmatch chat app (Streamlit). Wiring only: state, sidebar, chat, panels. Run: fundmatch app."""

from __future__ import annotations

from datetime import date

import streamlit as st

from fundmatch.app.ui.labels import label
from fundmatch.app.ui.messages import render_messages
from fundmatch.app.ui.panels import render_exports, render_proposal_helper
from fundmatch.app.ui.resources import app_settings, current_engine, load_llm, load_translator
from fundmatch.app.ui.sidebar import (
    chosen_backend,
    chosen_language,
    render_sidebar,
    sync_profile_widgets,
    take_sidebar_change,
)
from fundmatch.chat.assistant import Assistant
from fundmatch.chat.passages import as_plain_text
from fundmatch.chat.phrasing import LLMPhrasing
from fundmatch.chat.state import Conversation
from fundmatch.core.errors import FundmatchError

CHAT_INPUT_KEY = "chat_input"

st.set_page_config(page_title="fundmatch", page_icon="🇪🇺", layout="wide")
st.title("fundmatch")
st.caption("EU funding that fits your project: Horizon Europe, EIC, Innovation Fund, InvestEU. Offline.")

settings = st.session_state.get("settings") or app_settings()
today = settings.as_of or date.today()
try:
    engine = st.session_state.get("engine") or current_engine(settings)
except FundmatchError as error:
    st.error(f"{error}")
    st.info("Build the index first: run `fundmatch ingest`, then reload this page.")
    st.stop()

backend = chosen_backend(settings.llm_backend)
try:
    llm = load_llm(settings, backend)
    translator = load_translator(settings, backend)
except FundmatchError as error:
    st.warning(f"{error} Answering with templates instead.")
    llm = translator = None

conversation: Conversation = st.session_state.setdefault("conversation", Conversation())
assistant = Assistant(
    engine, polish=LLMPhrasing(llm) if llm else None, translate=translator.run if translator else None
)

render_messages(conversation.messages, today, engine.passages_for)
shown = len(conversation.messages)

# The message sent this run; the input box is drawn below, once the answer language is known.
prompt = st.session_state.get(CHAT_INPUT_KEY)
ui = chosen_language() or conversation.profile.language
if prompt:
    with st.chat_message("user"):
        st.markdown(as_plain_text(prompt))
    with st.status(label(ui, "searching"), expanded=False) as progress:
        try:
            assistant.respond(conversation, prompt, chosen_language(), today)
            ui = chosen_language() or conversation.profile.language
            progress.update(label=label(ui, "done"), state="complete")
        except FundmatchError as error:
            progress.update(label=label(ui, "failed"), state="error")
            st.error(str(error))
    sync_profile_widgets(conversation.profile)

st.chat_input(label(ui, "chat_placeholder"), key=CHAT_INPUT_KEY)

choices = render_sidebar(conversation.profile.language, settings.llm_backend, today, engine.programmes())
if take_sidebar_change():
    conversation.profile, conversation.filters = choices.profile, choices.filters
    if conversation.description:
        with st.spinner(label(ui, "searching_again")):
            assistant.refresh(conversation, choices.language or conversation.profile.language)

new_messages = [m for m in conversation.messages[shown:] if m.reply is not None]
render_messages(new_messages, today, engine.passages_for)

if conversation.recommendations:
    with st.expander(label(ui, "export")):
        render_exports(conversation.recommendations, conversation.profile, today)
    with st.expander(label(ui, "proposal_helper")):
        render_proposal_helper(conversation, engine, llm)
