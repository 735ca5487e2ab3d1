"""Deterministic answers built from templates, records and passages; every claim carries a [n] marker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from fundmatch.chat.facts import (
    budget_range,
    days_phrase,
    format_eur,
    is_financial_product,
    is_information,
    next_deadline,
    opportunity_name,
    shown_name,
)
from fundmatch.chat.passages import as_plain_text, quote, rank_passages
from fundmatch.chat.proposal import partner_line, suggest_partners
from fundmatch.chat.reply import CitationBook
from fundmatch.chat.templates import text
from fundmatch.core.models import Evidence, FundedProject, Opportunity, Passage, Profile, Recommendation
from fundmatch.retrieval.eligibility_text import localised_reasons

_ROUTE_SECTIONS = ("how to apply", "how to access", "how smes", "apply", "intermediar", "route")


def record_evidence(opportunity: Opportunity) -> Evidence:
    """The opportunity's own record (portal metadata or fact sheet) as a citable source of its facts."""
    facts = [f"{opportunity_name(opportunity)}: {opportunity.title}", f"Programme: {opportunity.programme}"]
    facts.append(f"Status: {opportunity.status}")
    if opportunity.deadlines:
        facts.append("Deadlines: " + ", ".join(d.isoformat() for d in sorted(opportunity.deadlines)))
    if budget := budget_range(opportunity):
        facts.append(f"Budget per grant: {budget}")
    if call_budget := format_eur(opportunity.call_budget):
        facts.append(f"Call budget: {call_budget}")
    if opportunity.type_of_action:
        facts.append(f"Type of action: {opportunity.type_of_action}")
    if opportunity.summary:
        facts.append(opportunity.summary)
    return Evidence(
        text=". ".join(facts) + ".",
        source=opportunity.source,
        section=opportunity_name(opportunity),
        passage_id=f"record:{opportunity.id}",
    )


def profile_summary(profile: Profile, language: str) -> str:
    """The profile as one line of values, e.g. ``sme · DE · TRL 6 · EUR 2 million · loan``."""
    parts: list[str] = []
    if profile.organisation_type:
        parts.append(profile.organisation_type)
    parts.extend(v for v in (profile.country, profile.region, profile.sector) if v)
    if profile.staff:
        parts.append(text(language, "profile_staff", n=profile.staff))
    if profile.trl:
        parts.append(text(language, "profile_trl", n=profile.trl))
    if amount := format_eur(profile.amount_eur, language):
        parts.append(amount)
    if profile.finance_form:
        parts.append(profile.finance_form)
    if profile.consortium == "alone":
        parts.append(text(language, "profile_alone"))
    elif profile.partners:
        parts.append(text(language, "profile_partners", n=profile.partners))
    if profile.countries:
        parts.append(text(language, "profile_countries", n=profile.countries))
    return " · ".join(parts)


def results_answer(recommendations: Sequence[Recommendation], language: str) -> str:
    """The sentence above the result cards, or the nothing-fits message with what to change."""
    if not recommendations:
        return f"{text(language, 'nothing_fits')} {text(language, 'suggest_changes')}"
    return text(language, "results_intro", n=len(recommendations))


def route_passage(passages: Sequence[Passage]) -> Passage | None:
    """The passage that says how to reach a financial product (intermediary, entry point)."""
    for passage in passages:
        if any(cue in (passage.section or "").lower() for cue in _ROUTE_SECTIONS):
            return passage
    ranked = rank_passages("apply intermediary bank", passages, "route", limit=1)
    return ranked[0] if ranked else None


def fact_lines(opportunity: Opportunity, aspect: str, language: str, today: date, marker: str) -> list[str]:
    name = shown_name(opportunity)
    lines: list[str] = []
    wants = {aspect} if aspect != "general" else {"deadline", "budget", "type"}
    if is_financial_product(opportunity) or is_information(opportunity):
        wants -= {"deadline", "type"}
    if "deadline" in wants:
        deadline = next_deadline(opportunity, today)
        if deadline is None:
            lines.append(text(language, "deadline_rolling", name=name) + f" {marker}")
        else:
            days = days_phrase(deadline, today, language)
            lines.append(
                text(language, "deadline_answer", name=name, date=deadline.isoformat(), days=days)
                + f" {marker}"
            )
            later = [d.isoformat() for d in sorted(opportunity.deadlines) if d > deadline]
            if later:
                lines.append(text(language, "deadlines_more", dates=", ".join(later)) + f" {marker}")
    if "budget" in wants:
        budget = budget_range(opportunity, language)
        if budget:
            lines.append(text(language, "budget_answer", name=name, budget=budget) + f" {marker}")
        if call_budget := format_eur(opportunity.call_budget, language):
            lines.append(text(language, "budget_call", budget=call_budget) + f" {marker}")
        if not budget and not opportunity.call_budget and aspect == "budget":
            lines.append(text(language, "budget_unknown", name=name) + f" {marker}")
    if "type" in wants and opportunity.type_of_action:
        toa = as_plain_text(opportunity.type_of_action)
        lines.append(text(language, "type_answer", name=name, toa=toa) + f" {marker}")
    return lines


def about_answer(
    opportunity: Opportunity,
    recommendation: Recommendation | None,
    question: str,
    aspect: str,
    passages: Sequence[Passage],
    language: str,
    today: date,
    book: CitationBook,
) -> str:
    """What the records and passages say about one opportunity, focused on ``aspect``."""

    name = shown_name(opportunity)
    marker = book.cite(record_evidence(opportunity), opportunity.url)
    status = text(language, f"status_{recommendation.status if recommendation else opportunity.status}")
    title = as_plain_text(opportunity.title)
    programme = as_plain_text(opportunity.programme)
    if opportunity_name(opportunity) == opportunity.title:
        intro = f"{title} ({programme}, {status})."
    else:
        intro = text(language, "about_intro", name=name, title=title, programme=programme, status=status)
    lines = [f"{intro} {marker}"]
    lines += fact_lines(opportunity, aspect, language, today, marker)
    if recommendation and aspect in {"general", "eligibility"}:
        verdict = text(language, f"verdict_{recommendation.eligibility.verdict}")
        reasons = " ".join(as_plain_text(r) for r in localised_reasons(recommendation.eligibility, language))
        lines.append(f"{text(language, 'eligibility_answer', name=name, verdict=verdict)} {reasons} {marker}")
    if is_financial_product(opportunity) and aspect in {"general", "route"}:
        route = route_passage(passages)
        if route:
            route_marker = book.cite(Evidence.from_passage(route), opportunity.url)
            route_text = quote(route.text, "apply through bank intermediary", max_chars=400)
            lines.append(text(language, "route_answer", name=name, route=route_text) + f" {route_marker}")
    quoted = rank_passages(f"{question} {opportunity.title}", passages, aspect, limit=2)
    if quoted:
        lines.append(text(language, "passage_intro"))
        for passage in quoted:
            lines.append(
                f"> {quote(passage.text, question)} {book.cite(Evidence.from_passage(passage), opportunity.url)}"
            )
    return "\n\n".join(lines)


def comparison_rows(
    recommendations: Sequence[Recommendation], language: str, today: date
) -> list[dict[str, str]]:
    """One row per attribute, one column per compared opportunity (named by call id or title)."""
    missing = text(language, "not_stated")
    columns = [shown_name(r.opportunity) for r in recommendations]

    def row(label_key: str, values: Sequence[str | None]) -> dict[str, str]:
        return {
            "": text(language, label_key),
            **{c: v or missing for c, v in zip(columns, values, strict=True)},
        }

    def deadline_of(rec: Recommendation) -> str | None:
        deadline = next_deadline(rec.opportunity, today)
        return f"{deadline.isoformat()} ({days_phrase(deadline, today, language)})" if deadline else None

    return [
        row("label_title", [as_plain_text(r.opportunity.title) for r in recommendations]),
        row("label_programme", [as_plain_text(r.opportunity.programme) for r in recommendations]),
        row("label_status", [text(language, f"status_{r.status}") for r in recommendations]),
        row("label_deadline", [deadline_of(r) for r in recommendations]),
        row("label_budget", [budget_range(r.opportunity, language) for r in recommendations]),
        row("label_toa", [as_plain_text(r.opportunity.type_of_action or "") for r in recommendations]),
        row(
            "label_eligibility",
            [text(language, f"verdict_{r.eligibility.verdict}") for r in recommendations],
        ),
    ]


def compare_answer(recommendations: Sequence[Recommendation], language: str, book: CitationBook) -> str:
    """The sentence above a comparison table, citing each compared record."""
    names = [
        f"{shown_name(r.opportunity)} {book.cite(record_evidence(r.opportunity), r.opportunity.url)}"
        for r in recommendations
    ]
    return text(language, "compare_intro", names=", ".join(names))


def question_answer(
    question: str,
    aspect: str,
    passages_by_name: Mapping[str, tuple[Opportunity, Sequence[Passage]]],
    language: str,
    book: CitationBook,
) -> str | None:
    """Quotes from the shown results' passages that answer a general question; None when none does."""

    pool = [(name, opp, p) for name, (opp, ps) in passages_by_name.items() for p in ps]
    best = rank_passages(question, [p for _, _, p in pool], aspect, limit=3)
    if not best:
        return None
    owner = {id(p): (name, opp) for name, opp, p in pool}
    lines = [text(language, "passage_intro")]
    for passage in best:
        name, opp = owner[id(passage)]
        lines.append(
            f"> {quote(passage.text, question)} ({name}) {book.cite(Evidence.from_passage(passage), opp.url)}"
        )
    return "\n\n".join(lines)


def partners_answer(name: str, projects: Sequence[FundedProject], language: str) -> str:
    """Organisations of the funded projects like the user's, as partner ideas for the call ``name``."""
    partners = suggest_partners(projects)
    if not partners:
        return text(language, "partners_none", name=name)
    acronyms = ", ".join(as_plain_text(p.acronym or p.id) for p in projects)
    lines = [text(language, "partners_intro", projects=acronyms, name=name), ""]
    lines += [f"- {partner_line(partner, language)}" for partner in partners]
    return "\n".join(lines)
