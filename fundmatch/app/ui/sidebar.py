"""Sidebar widgets: the editable profile, the filters, the answer language and the answer backend."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import streamlit as st

from fundmatch.app.ui.labels import label
from fundmatch.core.models import CORE_PROGRAMMES, Filters, Profile
from fundmatch.lang.detect import SUPPORTED_LANGUAGES
from fundmatch.retrieval.profile import FINANCE_FORMS, ORGANISATION_TYPES

STATUSES = ("open", "forthcoming", "closed")
TYPES_OF_ACTION = ("RIA", "IA", "CSA", "COFUND", "EIC", "Lump sum", "Grant", "Loan", "Guarantee", "Equity")
DEADLINE_WINDOWS = {"any time": None, "30 days": 30, "90 days": 90, "6 months": 182, "12 months": 365}
LLM_BACKENDS = ("none", "local", "openai-compatible")
LANGUAGE_CHOICES = ("auto", *SUPPORTED_LANGUAGES)
PROFILE_KEY = "profile_{}"
CHANGED_KEY = "sidebar_changed"
LANGUAGE_KEY = "answer_language"
BACKEND_KEY = "llm_backend"
_NUMBER_FIELDS = ("staff", "partners", "countries")


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
        elif name in {"country", "sector", "region"}:
            value = value or ""
        if name != "language":
            st.session_state[PROFILE_KEY.format(name)] = value


def _choice(caption: str, options: tuple[Any, ...], name: str) -> Any:
    key = PROFILE_KEY.format(name)
    if st.session_state.get(key) not in options:
        st.session_state[key] = None
    return st.selectbox(
        caption,
        (None, *options),
        key=key,
        format_func=lambda v: "–" if v is None else str(v),
        on_change=_mark_changed,
    )


def _profile_widgets(profile_language: str, ui: str) -> Profile:
    values: dict[str, Any] = {
        "organisation_type": _choice(label(ui, "organisation_type"), ORGANISATION_TYPES, "organisation_type"),
        "country": st.text_input(
            label(ui, "country"), key=PROFILE_KEY.format("country"), on_change=_mark_changed
        )
        or None,
        "trl": _choice(label(ui, "trl"), tuple(range(1, 10)), "trl"),
        "finance_form": _choice(label(ui, "finance_form"), FINANCE_FORMS, "finance_form"),
        "consortium": _choice(label(ui, "applying"), ("alone", "consortium"), "consortium"),
        "amount_eur": st.number_input(
            label(ui, "amount"),
            min_value=0.0,
            step=50_000.0,
            value=None,
            key=PROFILE_KEY.format("amount_eur"),
            on_change=_mark_changed,
        ),
        "sector": st.text_input(
            label(ui, "sector"), key=PROFILE_KEY.format("sector"), on_change=_mark_changed
        )
        or None,
        "region": st.text_input(
            label(ui, "region"), key=PROFILE_KEY.format("region"), on_change=_mark_changed
        )
        or None,
    }
    for name in _NUMBER_FIELDS:
        values[name] = st.number_input(
            label(ui, name),
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
    programmes = st.multiselect(
        label(ui, "programme"),
        options,
        key="filter_programmes",
        on_change=_mark_changed,
        help=label(ui, "programme_help"),
    )
    statuses = st.multiselect(
        label(ui, "status"),
        STATUSES,
        key="filter_statuses",
        on_change=_mark_changed,
    )
    window = st.selectbox(
        label(ui, "deadline_within"),
        tuple(DEADLINE_WINDOWS),
        key="filter_window",
        on_change=_mark_changed,
    )
    low, high = st.columns(2)
    budget_min = low.number_input(
        label(ui, "budget_min"), min_value=0.0, value=None, key="filter_budget_min", on_change=_mark_changed
    )
    budget_max = high.number_input(
        label(ui, "budget_max"), min_value=0.0, value=None, key="filter_budget_max", on_change=_mark_changed
    )
    types = st.multiselect(
        label(ui, "type_of_action"), TYPES_OF_ACTION, key="filter_types", on_change=_mark_changed
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
    follow the chosen answer language, else the language of the description. Options are shown as
    they are: a keyed widget whose shown options change between runs loses its value.
    """
    ui = chosen_language() or profile_language
    with st.sidebar:
        st.header(label(ui, "your_profile"))
        profile = _profile_widgets(profile_language, ui)
        st.header(label(ui, "filters"))
        filters = _filter_widgets(today, programmes, ui)
        st.header(label(ui, "answers"))
        language = st.selectbox(label(ui, "language"), LANGUAGE_CHOICES, key=LANGUAGE_KEY)
        backends = LLM_BACKENDS if default_backend in LLM_BACKENDS else (default_backend, *LLM_BACKENDS)
        backend = st.selectbox(
            label(ui, "backend"), backends, index=backends.index(default_backend), key=BACKEND_KEY
        )
    return SidebarChoices(profile, filters, None if language == "auto" else language, backend)
