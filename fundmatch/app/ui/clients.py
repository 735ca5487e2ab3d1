"""The sidebar's client panel: save this client; open, rename or delete a saved one; upload a
project description (used as the description) or a call document (searched for this client only)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from fundmatch.app.ui.messages import render_error
from fundmatch.app.ui.sidebar import chosen_language, sync_filter_widgets, sync_profile_widgets
from fundmatch.app.wiring import ClientRanking
from fundmatch.chat.assistant import Assistant
from fundmatch.chat.engine import Engine
from fundmatch.chat.index_engine import IndexEngine
from fundmatch.chat.state import Conversation
from fundmatch.clients.store import SavedProfile, name_key
from fundmatch.clients.uploads import CALL_TYPES, DESCRIPTION_TYPES, read_call_document, read_description
from fundmatch.core.errors import FundmatchError
from fundmatch.core.settings import Settings
from fundmatch.lang.i18n import n, t, tc

CLIENT_KEY = "client"
NOTICE_KEY = "client_notice"
OPENED_KEY = "client_opened"
SEEN_KEY = "client_uploads_seen"
NAME_KEY = "client_name"
NEW_NAME_KEY = "client_new_name"
CHOICE_KEY = "client_choice"
SYNC_KEY = "client_sync_profile"


@dataclass(frozen=True)
class ClientEvents:
    """What the panel asks of this run: a description to search for, or to search again."""

    description: str | None = None
    refresh: bool = False


def current_client() -> str | None:
    """The name of the client opened or saved in this session, None before."""
    return st.session_state.get(CLIENT_KEY)


def client_engine(ranking: ClientRanking | None, base: Engine) -> Engine:
    """The chat's engine: over the snapshot and the current client's documents when it has some."""
    if ranking is None:
        return base
    recommender = ranking.recommender_for(current_client())
    return base if recommender is ranking.recommender else IndexEngine(recommender)


def _notice(kind: str, message: str) -> None:
    st.session_state[NOTICE_KEY] = (kind, message)


def error_text(error: FundmatchError, ui: str) -> str:
    """An error in the user's language (its catalogue message filled with its values)."""
    return t(ui, error.message, **error.values) if error.message else str(error)


def _conversation() -> Conversation:
    return st.session_state.setdefault("conversation", Conversation())


def _open(ranking: ClientRanking, ui: str) -> None:
    name = st.session_state.get(CHOICE_KEY)
    if not name:
        return
    try:
        saved = ranking.store.get(name)
    except FundmatchError as error:
        _notice("error", error_text(error, ui))
        return
    profile = dataclasses.replace(saved.profile, language=saved.language)
    st.session_state["conversation"] = Conversation(
        profile=profile, filters=saved.filters, description=saved.description
    )
    st.session_state[CLIENT_KEY] = saved.name
    st.session_state[NAME_KEY] = saved.name
    sync_profile_widgets(profile)
    sync_filter_widgets(saved.filters, ranking.recommender.programmes())
    st.session_state[OPENED_KEY] = True
    _notice("success", t(ui, "Opened {name}.", name=saved.name))


def _save(ranking: ClientRanking, ui: str) -> None:
    name = st.session_state.get(NAME_KEY) or ""
    conversation = _conversation()
    current = current_client()
    same = current is not None and name_key(name) == name_key(current)
    profile = SavedProfile(
        name=name,
        description=conversation.description,
        profile=conversation.profile,
        filters=conversation.filters,
        language=conversation.profile.language,
    )
    try:
        stored = ranking.store.save(profile, overwrite=same)
    except FundmatchError as error:
        _notice("error", error_text(error, ui))
        return
    st.session_state[CLIENT_KEY] = stored.name
    _notice("success", t(ui, "Saved {name}.", name=stored.name))


def _rename(ranking: ClientRanking, ui: str) -> None:
    current, new = current_client(), st.session_state.get(NEW_NAME_KEY) or ""
    if not current:
        return
    try:
        stored = ranking.store.rename(current, new)
    except FundmatchError as error:
        _notice("error", error_text(error, ui))
        return
    st.session_state[CLIENT_KEY] = st.session_state[NAME_KEY] = stored.name
    st.session_state[NEW_NAME_KEY] = ""
    _notice("success", t(ui, "Renamed to {name}.", name=stored.name))


def _delete(ranking: ClientRanking, ui: str) -> None:
    name = st.session_state.get(CHOICE_KEY)
    if not name:
        return
    try:
        ranking.store.delete(name)
    except FundmatchError as error:
        _notice("error", error_text(error, ui))
        return
    if current_client() and name_key(current_client() or "") == name_key(name):
        st.session_state.pop(CLIENT_KEY, None)
    st.session_state.pop(CHOICE_KEY, None)
    _notice("success", t(ui, "Deleted {name}.", name=name))


def _new_upload(uploaded) -> bool:
    """True the first time a given uploaded file is seen in this session."""
    if uploaded is None:
        return False
    seen: set[str] = st.session_state.setdefault(SEEN_KEY, set())
    if uploaded.file_id in seen:
        return False
    seen.add(uploaded.file_id)
    return True


def _show_notice(slot: DeltaGenerator, rerun_follows: bool) -> None:
    """The last action's notice in ``slot``; kept for the next run when this one is followed by a
    rerun (opening a client searches again and reruns the page, which would wipe it at once)."""
    notice = st.session_state.get(NOTICE_KEY) if rerun_follows else st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, message = notice
        (slot.success if kind == "success" else slot.error)(message)


def render_clients(ranking: ClientRanking | None, settings: Settings, ui: str) -> ClientEvents:
    """Draw the client panel in the sidebar and read its uploads (nothing without saved clients)."""
    if ranking is None:
        return ClientEvents()
    max_bytes = int(settings.upload_max_mb * 1e6)
    description: str | None = None
    refresh = bool(st.session_state.pop(OPENED_KEY, False))
    with st.sidebar:
        st.header(t(ui, "Clients"))
        notice_slot = st.empty()
        names = ranking.store.names()
        current = current_client()
        if current:
            st.caption(t(ui, "Current client: {name}", name=current))
        st.selectbox(t(ui, "Saved clients"), names, index=None, key=CHOICE_KEY)
        open_column, delete_column = st.columns(2)
        open_column.button(tc(ui, "button", "Open"), on_click=_open, args=(ranking, ui), key="client_open")
        delete_column.button(t(ui, "Delete"), on_click=_delete, args=(ranking, ui), key="client_delete")
        st.text_input(t(ui, "Client name"), key=NAME_KEY)
        st.button(t(ui, "Save this client"), on_click=_save, args=(ranking, ui), key="client_save")
        if current:
            st.text_input(t(ui, "New name"), key=NEW_NAME_KEY)
            st.button(t(ui, "Rename"), on_click=_rename, args=(ranking, ui), key="client_rename")
        described = st.file_uploader(
            t(ui, "Project description (PDF, DOCX, TXT, MD)"),
            type=[t.lstrip(".") for t in DESCRIPTION_TYPES],
            key="upload_description",
        )
        if _new_upload(described):
            try:
                read = read_description(described.name, described.getvalue(), max_bytes)
                description = read.text
                if read.cut:
                    st.info(
                        t(ui, "The description in {name} is long; its start is used.", name=described.name)
                    )
            except FundmatchError as error:
                st.error(error_text(error, ui))
        call = st.file_uploader(
            t(ui, "Call document for this client (PDF, HTML)"),
            type=[t.lstrip(".") for t in CALL_TYPES],
            key="upload_call",
        )
        if call is not None and not current:
            st.info(t(ui, "Save this client first; its call documents are kept with it."))
        elif _new_upload(call) and current:
            refresh = _add_call_document(ranking, current, call, max_bytes, ui) or refresh
        if current and ranking.store.find(current):
            documents = ranking.documents.list(current)
            if documents:
                st.caption(t(ui, "This client's documents") + ": " + ", ".join(d.name for d in documents))
        # apply_client_events searches again and reruns the page in these cases.
        _show_notice(notice_slot, description is not None or (refresh and bool(_conversation().description)))
    return ClientEvents(description, refresh)


def _add_call_document(ranking: ClientRanking, client: str, uploaded, max_bytes: int, ui: str) -> bool:
    """Read, embed and keep a call document for ``client``; True when it was added."""
    recommender = ranking.recommender
    known = {o.id: o for o in recommender.index.opportunities()}
    try:
        with st.spinner(uploaded.name):
            document = read_call_document(
                uploaded.name,
                uploaded.getvalue(),
                max_bytes,
                known,
                recommender.settings.chunk_size,
                recommender.settings.chunk_overlap,
            )
            added = ranking.documents.add(client, document, recommender.embedder)
    except FundmatchError as error:
        st.error(error_text(error, ui))
        return False
    if added:
        message = n(
            ui,
            "Added {name} ({n} passage) to this client's documents.",
            "Added {name} ({n} passages) to this client's documents.",
            len(document.passages),
            name=document.name,
        )
    else:
        message = t(ui, "{name} is already among this client's documents.", name=document.name)
    st.success(message)
    return added


def sync_pending_profile(conversation: Conversation) -> None:
    """After an upload was answered, show the profile it read in the sidebar (before it is drawn)."""
    if st.session_state.pop(SYNC_KEY, False):
        sync_profile_widgets(conversation.profile)


def apply_client_events(
    events: ClientEvents,
    assistant: Assistant,
    ranking: ClientRanking | None,
    base: Engine,
    conversation: Conversation,
    today: date,
) -> None:
    """Search for an uploaded description, or again after a client was opened or got a document;
    then run the page again so that the sidebar shows the profile read."""
    assistant.engine = client_engine(ranking, base)
    language = chosen_language() or conversation.profile.language
    try:
        if events.description:
            assistant.respond(conversation, events.description, chosen_language(), today)
        elif events.refresh and conversation.description:
            assistant.refresh(conversation, language)
        else:
            return
    except FundmatchError as error:
        render_error(error, language)
        return
    st.session_state[SYNC_KEY] = True
    st.rerun()
