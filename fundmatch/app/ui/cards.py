"""A recommendation as a card: what it shows is computed here, how it looks is Streamlit's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import streamlit as st

from fundmatch.chat.answers import route_passage
from fundmatch.chat.facts import (
    budget_range,
    deadline_text,
    is_financial_product,
    is_information,
    next_deadline,
    product_name,
    reference_id,
    status_label,
    verdict_label,
)
from fundmatch.chat.passages import as_plain_text, quote
from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.chat.reply import source_label
from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_ADVISORY,
    Passage,
    Recommendation,
)
from fundmatch.lang.i18n import colon, t

BADGE_COLOURS = {HORIZON_EUROPE: "blue", INNOVATION_FUND: "green", INVESTEU: "orange"}
VERDICT_ICONS = {
    "eligible": ":green[:material/check_circle:]",
    "check": ":orange[:material/help:]",
    "not eligible": ":red[:material/block:]",
}


@dataclass(frozen=True)
class CardView:
    """Everything one card displays, already phrased in the user's language."""

    rank: int
    title: str
    programme: str
    call_id: str | None
    url: str | None
    facts: tuple[tuple[str, str], ...]
    verdict: str
    verdict_icon: str
    reasons: tuple[str, ...]
    why: str
    evidence: tuple[tuple[str, str], ...]
    similar: tuple[str, ...]
    route: str | None
    mode_note: str | None = None  # "keyword match, semantic index 40 %" while the dense side is built


def card_view(
    rec: Recommendation, rank: int, language: str, today: date, passages: Sequence[Passage] = ()
) -> CardView:
    """The card of one recommendation; ``passages`` supply the access route of a financial product."""
    opp = rec.opportunity
    missing = t(language, "not stated")
    status = (t(language, "Status"), status_label(rec, language))
    # An information sheet has no status worth a column unless the corpus gives one.
    facts: list[tuple[str, str]] = [] if is_information(opp) and rec.status == "unknown" else [status]
    route = None
    if is_financial_product(opp):
        facts.append((t(language, "Financial product"), product_name(opp)))
        found = route_passage(passages)
        route = quote(found.text, "apply bank intermediary", 400) if found else None
    elif is_information(opp):
        kind = (
            t(language, "advisory service, not a call")
            if opp.kind == KIND_ADVISORY
            else t(language, "programme information, not a call")
        )
        facts.append((t(language, "What it is"), kind))
    else:
        deadline = next_deadline(opp, today)
        facts += [
            (t(language, "Deadline"), deadline_text(deadline, today, language) if deadline else missing),
            (t(language, "Type of action"), opp.type_of_action or missing),
        ]
    budget = budget_range(opp, language)
    if budget or not (is_financial_product(opp) or is_information(opp)):
        facts.append((t(language, "Budget per grant"), budget or missing))
    why = why_text(rec.why_codes, language)
    evidence = tuple(
        (quote(e.text, why, 500), source_label(e.source, e.section, e.page, language)) for e in rec.evidence
    )
    similar = tuple(
        f"{p.acronym} – {p.title} ({p.topic or p.call_family or t(language, 'n/a')}{', ' + p.coordinator_country if p.coordinator_country else ''})"
        for p in rec.similar_projects
    )
    return CardView(
        rank=rank,
        title=opp.title,
        programme=opp.programme,
        call_id=reference_id(opp),
        url=opp.url,
        facts=tuple(facts),
        verdict=verdict_label(rec, language),
        verdict_icon=VERDICT_ICONS.get(rec.eligibility.verdict, ""),
        reasons=eligibility_reasons(rec.eligibility, language),
        why=why,
        evidence=evidence,
        similar=similar,
        route=route,
        mode_note=keyword_note(rec, language),
    )


def keyword_note(rec: Recommendation, language: str) -> str | None:
    """The card's note for a keyword-only match (None for a hybrid one)."""
    if rec.semantic_progress is None:
        return None
    return t(
        language, "keyword match, semantic index {percent} %", percent=str(int(100 * rec.semantic_progress))
    )


def render_card(view: CardView, language: str) -> None:
    """Draw one card in a bordered container."""
    with st.container(border=True):
        colour = BADGE_COLOURS.get(view.programme, "gray")
        st.markdown(f"**{view.rank}. {view.title}**  \n:{colour}-badge[{view.programme}]")
        if view.mode_note:
            st.caption(f":orange[{view.mode_note}]")
        if view.call_id:
            st.markdown(f"[{view.call_id}]({view.url})" if view.url else f"`{view.call_id}`")
        columns = st.columns(len(view.facts))
        for column, (label, value) in zip(columns, view.facts, strict=True):
            column.caption(label)
            column.markdown(value)
        if view.route:
            st.markdown(f"**{colon(language, t(language, 'How to access it'))}** {view.route}")
        reasons = " ".join(view.reasons)
        verdict = f"{colon(language, t(language, 'Eligibility'))} {view.verdict}"
        st.markdown(f"{view.verdict_icon} **{verdict}** {reasons}")
        with st.expander(t(language, "Why it matches")):
            if view.why:
                st.markdown(as_plain_text(view.why))
            for number, (excerpt, source) in enumerate(view.evidence, start=1):
                st.markdown(f"> {excerpt} [{number}]")
                st.caption(f"[{number}] {source}")
        if view.similar:
            with st.expander(t(language, "Similar funded projects")):
                st.markdown("\n".join(f"- {line}" for line in view.similar))
