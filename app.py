"""fundmatch chat app (Streamlit). Wiring only: state, sidebar, chat, panels. Run: fundmatch app."""

from __future__ import annotations

from datetime import date

import streamlit as st

from fundmatch.app.ui.clients import apply_client_events, client_engine, render_clients, sync_pending_profile
from fundmatch.app.ui.index_status import render_index_status
from fundmatch.app.ui.messages import render_error, render_messages
from fundmatch.app.ui.panels import render_exports, render_proposal_helper
from fundmatch.app.ui.resources import app_settings, load_engine, load_llm, load_ranking, load_translator
from fundmatch.app.ui.sidebar import (
    chosen_backend,
    chosen_language,
    render_sidebar,
    sync_profile_widgets,
    take_sidebar_change,
)
from fundmatch.chat.assistant import Assistant
from fundmatch.chat.phrasing import LLMPhrasing
from fundmatch.chat.state import Conversation
from fundmatch.core.errors import FundmatchError
from fundmatch.lang.i18n import N_, t

CHAT_INPUT_KEY = "chat_input"
TAGLINE = N_("EU funding that fits your project: Horizon Europe, EIC, Innovation Fund, InvestEU. Offline.")

conversation: Conversation = st.session_state.setdefault("conversation", Conversation())
ui = chosen_language() or conversation.profile.language

st.set_page_config(page_title="fundmatch", page_icon="🇪🇺", layout="wide")
st.title("fundmatch")
# Filled at the end of the run, once the language of this run's message is known.
tagline = st.empty()

settings = st.session_state.get("settings") or app_settings()
today = settings.as_of or date.today()
try:
    with st.spinner(t(ui, "Loading the index and the recommender…")):
        base_engine = st.session_state.get("engine") or load_engine(settings)
        ranking = load_ranking(settings, base_engine)
except FundmatchError as error:
    render_error(error, ui)
    st.info(t(ui, "Build the index first: run `fundmatch ingest`, then reload this page."))
    tagline.caption(t(ui, TAGLINE))
    st.stop()
engine = client_engine(ranking, base_engine)

backend = chosen_backend(settings.llm_backend)
try:
    with st.spinner(t(ui, "Loading the language model…")):
        llm = load_llm(settings, backend)
        translator = load_translator(settings, backend)
except FundmatchError as error:
    render_error(error, ui, warning=True)
    st.warning(t(ui, "Answering with templates instead."))
    llm = translator = None

render_index_status(base_engine, ui)
assistant = Assistant(
    engine, polish=LLMPhrasing(llm) if llm else None, translate=translator.run if translator else None
)

render_messages(conversation.messages, today, engine.passages_for)
shown = len(conversation.messages)

# The message sent this run; the input box is drawn below, once the answer language is known.
prompt = st.session_state.get(CHAT_INPUT_KEY)
if prompt:
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.status(t(ui, "Searching the programmes…"), expanded=False) as progress:
        try:
            assistant.respond(conversation, prompt, chosen_language(), today)
            ui = chosen_language() or conversation.profile.language
            progress.update(label=t(ui, "Done"), state="complete")
        except FundmatchError as error:
            progress.update(label=t(ui, "Failed"), state="error")
            render_error(error, ui)
    sync_profile_widgets(conversation.profile)

st.chat_input(t(ui, "Describe your project, or ask about the results"), key=CHAT_INPUT_KEY)

sync_pending_profile(conversation)
choices = render_sidebar(conversation.profile.language, settings.llm_backend, today, engine.programmes())
if take_sidebar_change():
    conversation.profile, conversation.filters = choices.profile, choices.filters
    if conversation.description:
        with st.spinner(t(ui, "Searching again…")):
            assistant.refresh(conversation, choices.language or conversation.profile.language)

events = render_clients(ranking, settings, ui)
if events.description or events.refresh:
    with st.spinner(t(ui, "Searching the programmes…")):
        apply_client_events(events, assistant, ranking, base_engine, conversation, today)

new_messages = [m for m in conversation.messages[shown:] if m.reply is not None]
render_messages(new_messages, today, engine.passages_for)

if conversation.recommendations:
    with st.expander(t(ui, "Export the shortlist")):
        render_exports(conversation.recommendations, conversation.profile, today, ui)
    with st.expander(t(ui, "Proposal helper")):
        render_proposal_helper(conversation, engine, ui, llm)

tagline.caption(t(ui, TAGLINE))
