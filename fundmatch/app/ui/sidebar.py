"""Sidebar widgets: the editable profile, the filters, the answer language and the answer backend.

Every option is a code (``sme``, ``open``, ``30``); the user sees it through ``format_func`` in the
sidebar's language. A keyed widget keeps the option as its shown text, so when the language
changes the values are seated again (``_reseat``) before the widgets are drawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import streamlit as st
from babel import Locale

from fundmatch.chat.terms import word
from fundmatch.core.models import CORE_PROGRAMMES, Filters, Profile
from fundmatch.lang.i18n import LANGUAGES, N_, NC_, t, tc
from fundmatch.lang.request_words import FINANCE_FORMS, ORGANISATION_TYPES, request_words

STATUSES = ("open", "forthcoming", "closed")
TYPES_OF_ACTION = ("RIA", "IA", "CSA", "COFUND", "EIC", "Lump sum", "Grant", "Loan", "Guarantee", "Equity")
# The types of action that are words rather than acronyms, as the sidebar shows them.
_TYPE_WORDS = {
    "Lump sum": NC_("type of action", "Lump sum"),
    "Grant": NC_("type of action", "Grant"),
    "Loan": NC_("type of action", "Loan"),
    "Guarantee": NC_("type of action", "Guarantee"),
    "Equity": NC_("type of action", "Equity"),
}
DEADLINE_WINDOWS = {"any": None, "30": 30, "90": 90, "182": 182, "365": 365}
LLM_BACKENDS = ("none", "local", "openai-compatible")
LANGUAGE_CHOICES = ("auto", *LANGUAGES)
PROFILE_KEY = "profile_{}"
CHANGED_KEY = "sidebar_changed"
LANGUAGE_KEY = "answer_language"
BACKEND_KEY = "llm_backend"
SHOWN_IN_KEY = "sidebar_shown_in"
_NUMBER_FIELDS = ("staff", "partners", "countries")
_CHOICE_FIELDS = ("organisation_type", "trl", "finance_form", "consortium", "sector")
_FILTER_KEYS = ("filter_statuses", "filter_window", "filter_types")
_FIELD_LABELS = {
    "staff": N_("Staff"),
    "partners": N_("Partners"),
    "countries": N_("Countries"),
}
_NONE = "–"


def sector_options() -> tuple[str, ...]:
    """The sector codes the profile reads (``request_words.toml``)."""
    return tuple(request_words().sectors)


@dataclasses.dataclass(frozen=True)
class SidebarChoices:
    """What the sidebar says this run."""

    profile: Profile
    filters: Filters
    language: str | None
    llm_backend: str


def _mark_changed() -> None:
    st.session_state[CHANGED_KEY] = True


def take_sidebar_change() -> bool:
    """True once after the user changed a profile or filter widget."""
    return bool(st.session_state.pop(CHANGED_KEY, False))


def chosen_language() -> str | None:
    """The answer language picked in the sidebar, None for automatic detection."""
    choice = st.session_state.get(LANGUAGE_KEY, "auto")
    return None if choice == "auto" else choice


def chosen_backend(default: str) -> str:
    """The answer backend picked in the sidebar, ``default`` before the sidebar was drawn."""
    return st.session_state.get(BACKEND_KEY, default)


def sync_profile_widgets(profile: Profile) -> None:
    """Show ``profile`` in the widgets; call before the widgets are drawn in a run."""
    for name, value in dataclasses.asdict(profile).items():
        if name == "amount_eur":
            value = float(value) if value is not None else None
        elif name in {"country", "region"}:
            value = value or ""
        if name != "language":
            st.session_state[PROFILE_KEY.format(name)] = value


def _reseat(ui: str) -> None:
    """Seat the choice widgets' values again when the sidebar's language changed since it was last
    drawn, so that each keeps its code although its shown text changes."""
    if st.session_state.get(SHOWN_IN_KEY, ui) != ui:
        keys = [PROFILE_KEY.format(name) for name in _CHOICE_FIELDS] + [
            *_FILTER_KEYS,
            LANGUAGE_KEY,
            BACKEND_KEY,
        ]
        for key in keys:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[SHOWN_IN_KEY] = ui


def _choice(
    caption: str, options: tuple[Any, ...], name: str, ui: str, shown: Callable[[Any], str] = str
) -> Any:
    key = PROFILE_KEY.format(name)
    if st.session_state.get(key) not in options:
        st.session_state[key] = None
    return st.selectbox(
        caption,
        (None, *options),
        key=key,
        format_func=lambda v: _NONE if v is None else shown(v),
        on_change=_mark_changed,
        placeholder=t(ui, "Choose an option"),
    )


def language_name(code: str, ui: str) -> str:
    """A language as its speakers write it (``Deutsch``, ``Polski``); ``auto`` in the sidebar's language."""
    if code == "auto":
        return word("language", "auto", ui)
    name = Locale.parse(code).display_name or code
    return name[:1].upper() + name[1:]


def _type_of_action(value: str, ui: str) -> str:
    marked = _TYPE_WORDS.get(value)
    return tc(ui, *marked) if marked else value


def _profile_widgets(profile_language: str, ui: str) -> Profile:
    values: dict[str, Any] = {
        "organisation_type": _choice(
            t(ui, "Organisation type"),
            ORGANISATION_TYPES,
            "organisation_type",
            ui,
            lambda v: word("organisation", v, ui),
        ),
        "country": st.text_input(
            t(ui, "Country (ISO code)"), key=PROFILE_KEY.format("country"), on_change=_mark_changed
        )
        or None,
        "trl": _choice(t(ui, "TRL"), tuple(range(1, 10)), "trl", ui),
        "finance_form": _choice(
            t(ui, "Form of finance"), FINANCE_FORMS, "finance_form", ui, lambda v: word("finance", v, ui)
        ),
        "consortium": _choice(
            t(ui, "Applying"), ("alone", "consortium"), "consortium", ui, lambda v: word("consortium", v, ui)
        ),
        "amount_eur": st.number_input(
            t(ui, "Amount sought (EUR)"),
            min_value=0.0,
            step=50_000.0,
            value=None,
            key=PROFILE_KEY.format("amount_eur"),
            on_change=_mark_changed,
        ),
        "sector": _choice(t(ui, "Sector"), sector_options(), "sector", ui, lambda v: word("sector", v, ui)),
        "region": st.text_input(t(ui, "Region"), key=PROFILE_KEY.format("region"), on_change=_mark_changed)
        or None,
    }
    for name in _NUMBER_FIELDS:
        values[name] = st.number_input(
            t(ui, _FIELD_LABELS[name]),
            min_value=0,
            step=1,
            value=None,
            key=PROFILE_KEY.format(name),
            on_change=_mark_changed,
        )
    values = {
        k: (int(v) if k in {*_NUMBER_FIELDS, "trl"} and v is not None else v) for k, v in values.items()
    }
    return Profile(**values, language=profile_language)


def programme_options(indexed: Sequence[str]) -> tuple[list[str], list[str]]:
    """The programme choices (the core programmes first, then the rest of the index) and the default."""
    core = [name for name in CORE_PROGRAMMES if name in indexed]
    return core + sorted(set(indexed) - set(core)), core


def sync_filter_widgets(filters: Filters, indexed_programmes: Sequence[str]) -> None:
    """Show ``filters`` in the filter widgets (those the widgets can show); call before they are drawn."""
    options, _ = programme_options(indexed_programmes)
    st.session_state["filter_programmes"] = [p for p in filters.programmes if p in options]
    st.session_state["filter_statuses"] = [s for s in filters.statuses if s in STATUSES]
    st.session_state["filter_types"] = [t for t in filters.types_of_action if t in TYPES_OF_ACTION]
    for name in ("budget_min", "budget_max"):
        value = getattr(filters, name)
        st.session_state[f"filter_{name}"] = value / 1_000_000 if value is not None else None


def _filter_widgets(today: date, indexed_programmes: Sequence[str], ui: str) -> Filters:
    options, default = programme_options(indexed_programmes)
    # Defaults go through the session state, so that sync_filter_widgets can set them as well.
    st.session_state.setdefault("filter_programmes", default)
    st.session_state.setdefault("filter_statuses", ["open", "forthcoming"])
    placeholder = t(ui, "Choose an option")
    programmes = st.multiselect(
        t(ui, "Programme"),
        options,
        key="filter_programmes",
        on_change=_mark_changed,
        help=t(ui, "Empty: every programme in the corpus."),
        placeholder=placeholder,
    )
    statuses = st.multiselect(
        t(ui, "Status"),
        STATUSES,
        key="filter_statuses",
        on_change=_mark_changed,
        format_func=lambda v: word("status", v, ui),
        placeholder=placeholder,
    )
    window = st.selectbox(
        t(ui, "Deadline within"),
        tuple(DEADLINE_WINDOWS),
        key="filter_window",
        on_change=_mark_changed,
        format_func=lambda v: word("window", v, ui),
    )
    low, high = st.columns(2)
    budget_min = low.number_input(
        t(ui, "Min. budget (EUR m)"),
        min_value=0.0,
        value=None,
        key="filter_budget_min",
        on_change=_mark_changed,
    )
    budget_max = high.number_input(
        t(ui, "Max. budget (EUR m)"),
        min_value=0.0,
        value=None,
        key="filter_budget_max",
        on_change=_mark_changed,
    )
    types = st.multiselect(
        t(ui, "Type of action"),
        TYPES_OF_ACTION,
        key="filter_types",
        on_change=_mark_changed,
        format_func=lambda v: _type_of_action(v, ui),
        placeholder=placeholder,
    )
    days = DEADLINE_WINDOWS[window]
    return Filters(
        programmes=tuple(programmes),
        statuses=tuple(statuses),
        types_of_action=tuple(types),
        deadline_from=today if days else None,
        deadline_to=today + timedelta(days=days) if days else None,
        budget_min=budget_min * 1_000_000 if budget_min is not None else None,
        budget_max=budget_max * 1_000_000 if budget_max is not None else None,
    )


def render_sidebar(
    profile_language: str, default_backend: str, today: date, programmes: Sequence[str]
) -> SidebarChoices:
    """Draw the sidebar and return the profile, filters, language and backend it shows.

    ``programmes`` are those the index holds; the core programmes are selected at first. The labels
    follow the chosen answer language, else the language of the description; options are codes
    shown in that language (see the module docstring).
    """
    ui = chosen_language() or profile_language
    _reseat(ui)
    with st.sidebar:
        st.header(t(ui, "Your profile"))
        profile = _profile_widgets(profile_language, ui)
        st.header(t(ui, "Filters"))
        filters = _filter_widgets(today, programmes, ui)
        st.header(t(ui, "Answers"))
        language = st.selectbox(
            t(ui, "Language"), LANGUAGE_CHOICES, key=LANGUAGE_KEY, format_func=lambda v: language_name(v, ui)
        )
        backends = LLM_BACKENDS if default_backend in LLM_BACKENDS else (default_backend, *LLM_BACKENDS)
        backend = st.selectbox(
            t(ui, "Answer backend"),
            backends,
            index=backends.index(default_backend),
            key=BACKEND_KEY,
            format_func=lambda v: word("backend", v, ui),
        )
    return SidebarChoices(profile, filters, None if language == "auto" else language, backend)
