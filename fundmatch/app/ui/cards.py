"""A recommendation as a card: what it shows is computed here, how it looks is Streamlit's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import streamlit as st

from fundmatch.chat.answers import route_passage
from fundmatch.chat.facts import (
    budget_range,
    days_phrase,
    is_financial_product,
    is_information,
    next_deadline,
    product_name,
    reference_id,
    status_label,
    verdict_label,
)
from fundmatch.chat.passages import as_plain_text, inert_markdown, quote
from fundmatch.chat.templates import text
from fundmatch.core.models import (
    INNOVATION_FUND,
    INVESTEU,
    KIND_ADVISORY,
    Passage,
    Recommendation,
)
from fundmatch.retrieval.eligibility_text import localised_reasons
from fundmatch.retrieval.why_text import why_text

SAFE_URL = re.compile(r"https?://[^/\s]+", re.IGNORECASE)
BADGE_COLOURS = {"Horizon Europe": "blue", INNOVATION_FUND: "green", INVESTEU: "orange"}
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


def card_view(
    rec: Recommendation, rank: int, language: str, today: date, passages: Sequence[Passage] = ()
) -> CardView:
    """The card of one recommendation; ``passages`` supply the access route of a financial product."""
    opp = rec.opportunity
    missing = text(language, "not_stated")
    status = (text(language, "label_status"), status_label(rec, language))
    # An information sheet has no status worth a column unless the corpus gives one.
    facts: list[tuple[str, str]] = [] if is_information(opp) and rec.status == "unknown" else [status]
    route = None
    if is_financial_product(opp):
        facts.append((text(language, "label_product"), product_name(opp)))
        found = route_passage(passages)
        route = quote(found.text, "apply bank intermediary", 400) if found else None
    elif is_information(opp):
        kind = "kind_advisory" if opp.kind == KIND_ADVISORY else "kind_info"
        facts.append((text(language, "label_kind"), text(language, kind)))
    else:
        deadline = next_deadline(opp, today)
        when = f"{deadline.isoformat()} ({days_phrase(deadline, today, language)})" if deadline else missing
        facts += [
            (text(language, "label_deadline"), when),
            (
                text(language, "label_toa"),
                as_plain_text(opp.type_of_action) if opp.type_of_action else missing,
            ),
        ]
    budget = budget_range(opp, language)
    if budget or not (is_financial_product(opp) or is_information(opp)):
        facts.append((text(language, "label_budget"), budget or missing))
    evidence = tuple(
        (
            quote(e.text, rec.why, 500),
            ", ".join(
                [e.source]
                + ([e.section] if e.section else [])
                + ([f"p. {e.page}"] if e.page is not None else [])
            ),
        )
        for e in rec.evidence
    )
    similar = tuple(
        f"{as_plain_text(p.acronym)} – {as_plain_text(p.title)} ({as_plain_text(p.topic or p.call_family or 'n/a')}"
        f"{', ' + as_plain_text(p.coordinator_country) if p.coordinator_country else ''})"
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
        reasons=localised_reasons(rec.eligibility, language),
        why=why_text(rec.why_codes, language) if rec.why_codes else rec.why,
        evidence=evidence,
        similar=similar,
        route=route,
    )


def safe_link(label: str, url: str | None) -> str:
    """``label`` as Markdown text, linked to ``url`` only when it is an http(s) address: a corpus
    never puts a ``javascript:`` or ``data:`` link on the page."""
    shown = as_plain_text(label)
    if url and SAFE_URL.match(url) and not re.search(r"[\s()<>]", url):
        return f"[{shown}]({url})"
    return f"`{label.replace('`', '')}`"


def render_card(view: CardView, language: str) -> None:
    """Draw one card in a bordered container; corpus text on it is inert (escaped in ``card_view`` or
    here, and no link other than an http(s) one)."""
    with st.container(border=True):
        colour = BADGE_COLOURS.get(view.programme, "gray")
        st.markdown(
            f"**{view.rank}. {as_plain_text(view.title)}**  \n:{colour}-badge[{as_plain_text(view.programme)}]"
        )
        if view.call_id:
            st.markdown(safe_link(view.call_id, view.url))
        columns = st.columns(len(view.facts))
        for column, (label, value) in zip(columns, view.facts, strict=True):
            column.caption(label)
            column.markdown(inert_markdown(value))
        if view.route:
            st.markdown(f"**{text(language, 'label_route')}:** {view.route}")
        reasons = inert_markdown(" ".join(view.reasons))
        st.markdown(
            f"{view.verdict_icon} **{text(language, 'label_eligibility')}: {view.verdict}** {reasons}"
        )
        with st.expander(text(language, "label_why")):
            if view.why:
                st.markdown(as_plain_text(view.why))
            for number, (excerpt, source) in enumerate(view.evidence, start=1):
                st.markdown(f"> {excerpt} [{number}]")
                st.caption(f"[{number}] {as_plain_text(source)}")
        if view.similar:
            with st.expander(text(language, "label_similar")):
                st.markdown("\n".join(f"- {line}" for line in view.similar))
