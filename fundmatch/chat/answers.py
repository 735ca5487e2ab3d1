"""Deterministic answers built from templates, records and passages; every claim carries a [n] marker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from fundmatch.chat.facts import (
    budget_range,
    days_phrase,
    deadline_text,
    format_eur,
    is_financial_product,
    is_information,
    next_deadline,
    opportunity_name,
)
from fundmatch.chat.passages import as_plain_text, quote, rank_passages
from fundmatch.chat.proposal import partner_line, suggest_partners
from fundmatch.chat.reasons import eligibility_reasons
from fundmatch.chat.reply import CitationBook
from fundmatch.chat.terms import word
from fundmatch.core.models import Evidence, FundedProject, Opportunity, Passage, Profile, Recommendation
from fundmatch.lang.i18n import N_, colon, day, n, t

_ROUTE_SECTIONS = ("how to apply", "how to access", "how smes", "apply", "intermediar", "route")


def record_evidence(opportunity: Opportunity, language: str = "en") -> Evidence:
    """The opportunity's own record (portal metadata or fact sheet) as a citable source of its facts."""
    facts = [
        f"{opportunity_name(opportunity)}: {opportunity.title}",
        t(language, "Programme: {programme}", programme=opportunity.programme),
        t(language, "Status: {status}", status=word("status", opportunity.status, language)),
    ]
    if opportunity.deadlines:
        dates = ", ".join(day(d, language) for d in sorted(opportunity.deadlines))
        facts.append(t(language, "Deadlines: {dates}", dates=dates))
    if budget := budget_range(opportunity, language):
        facts.append(t(language, "Budget per grant: {budget}", budget=budget))
    if call_budget := format_eur(opportunity.call_budget, language):
        facts.append(t(language, "Call budget: {budget}", budget=call_budget))
    if opportunity.type_of_action:
        facts.append(t(language, "Type of action: {type}", type=opportunity.type_of_action))
    if opportunity.summary:
        facts.append(opportunity.summary)
    return Evidence(
        text=". ".join(facts) + ".",
        source=opportunity.source,
        section=opportunity_name(opportunity),
        passage_id=f"record:{opportunity.id}",
    )


def profile_summary(profile: Profile, language: str) -> str:
    """The profile as one line of values, e.g. ``SME · DE · TRL 6 · EUR 2 million · loan``."""
    parts: list[str] = []
    if profile.organisation_type:
        parts.append(word("organisation", profile.organisation_type, language))
    if profile.country:
        parts.append(profile.country)
    if profile.region:
        parts.append(profile.region)
    if profile.sector:
        parts.append(word("sector", profile.sector, language))
    if profile.staff:
        parts.append(n(language, "{n} staff member", "{n} staff", profile.staff))
    if profile.trl:
        parts.append(t(language, "TRL {trl}", trl=str(profile.trl)))
    if amount := format_eur(profile.amount_eur, language):
        parts.append(amount)
    if profile.finance_form:
        parts.append(word("finance", profile.finance_form, language))
    if profile.consortium == "alone":
        parts.append(t(language, "single applicant"))
    elif profile.partners:
        parts.append(n(language, "{n} partner", "{n} partners", profile.partners))
    if profile.countries:
        parts.append(n(language, "{n} country", "{n} countries", profile.countries))
    return " · ".join(parts)


_FIELD_LABELS = {
    "finance_form": N_("Form of finance"),
    "partners": N_("Partners"),
    "countries": N_("Countries"),
    "consortium": N_("Applying"),
}
_FIELD_WORDS = {"finance_form": "finance", "consortium": "consortium"}


def profile_changes_text(changes: Mapping[str, object], language: str) -> str:
    """The profile fields a message changed, as ``Form of finance: loan, Partners: 5``."""
    shown = []
    for name, value in changes.items():
        label = t(language, _FIELD_LABELS[name]) if name in _FIELD_LABELS else name
        if name in _FIELD_WORDS:
            value = word(_FIELD_WORDS[name], str(value), language)
        shown.append(f"{colon(language, label)} {value}")
    return ", ".join(shown)


def results_answer(recommendations: Sequence[Recommendation], language: str) -> str:
    """The sentence above the result cards, or the nothing-fits message with what to change."""
    if not recommendations:
        nothing = t(language, "Nothing in the corpus fits this request with the current profile and filters.")
        change = t(
            language,
            "You could widen the deadline window, allow forthcoming calls, drop the programme or budget "
            "filter, change the form of finance, or describe the project in more detail.",
        )
        return f"{nothing} {change}"
    return n(
        language,
        "I found {n} opportunity that fits.",
        "I found {n} opportunities that fit, best match first.",
        len(recommendations),
    )


def route_passage(passages: Sequence[Passage]) -> Passage | None:
    """The passage that says how to reach a financial product (intermediary, entry point)."""
    for passage in passages:
        if any(cue in (passage.section or "").lower() for cue in _ROUTE_SECTIONS):
            return passage
    ranked = rank_passages("apply intermediary bank", passages, "route", limit=1)
    return ranked[0] if ranked else None


def fact_lines(opportunity: Opportunity, aspect: str, language: str, today: date, marker: str) -> list[str]:
    name = opportunity_name(opportunity)
    lines: list[str] = []
    wants = {aspect} if aspect != "general" else {"deadline", "budget", "type"}
    if is_financial_product(opportunity) or is_information(opportunity):
        wants -= {"deadline", "type"}
    if "deadline" in wants:
        deadline = next_deadline(opportunity, today)
        if deadline is None:
            rolling = t(
                language,
                "{name} has no fixed deadline: applications are accepted on a rolling basis.",
                name=name,
            )
            lines.append(f"{rolling} {marker}")
        else:
            answer = t(
                language,
                "The deadline of {name} is {date} ({days}).",
                name=name,
                date=day(deadline, language),
                days=days_phrase(deadline, today, language),
            )
            lines.append(f"{answer} {marker}")
            later = [day(d, language) for d in sorted(opportunity.deadlines) if d > deadline]
            if later:
                lines.append(
                    t(language, "Further deadlines: {dates}.", dates=", ".join(later)) + f" {marker}"
                )
    if "budget" in wants:
        budget = budget_range(opportunity, language)
        if budget:
            lines.append(
                t(language, "{name} funds {budget} per grant.", name=name, budget=budget) + f" {marker}"
            )
        if call_budget := format_eur(opportunity.call_budget, language):
            lines.append(t(language, "The call budget is {budget}.", budget=call_budget) + f" {marker}")
        if not budget and not opportunity.call_budget and aspect == "budget":
            unknown = t(language, "The corpus states no budget per grant for {name}.", name=name)
            lines.append(f"{unknown} {marker}")
    if "type" in wants and opportunity.type_of_action:
        kind = t(language, "{name} is a {type}.", name=name, type=opportunity.type_of_action)
        lines.append(f"{kind} {marker}")
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

    name = opportunity_name(opportunity)
    marker = book.cite(record_evidence(opportunity, language), opportunity.url)
    status = word("status", recommendation.status if recommendation else opportunity.status, language)
    title = as_plain_text(opportunity.title)
    if name == opportunity.title:
        intro = f"{title} ({opportunity.programme}, {status})."
    else:
        intro = t(
            language,
            "{name}: {title} ({programme}, {status}).",
            name=name,
            title=title,
            programme=opportunity.programme,
            status=status,
        )
    lines = [f"{intro} {marker}"]
    lines += fact_lines(opportunity, aspect, language, today, marker)
    if recommendation and aspect in {"general", "eligibility"}:
        verdict = word("verdict", recommendation.eligibility.verdict, language)
        reasons = " ".join(
            as_plain_text(r) for r in eligibility_reasons(recommendation.eligibility, language)
        )
        answer = t(language, "Eligibility for {name}: {verdict}.", name=name, verdict=verdict)
        lines.append(f"{answer} {reasons} {marker}")
    if is_financial_product(opportunity) and aspect in {"general", "route"}:
        route = route_passage(passages)
        if route:
            route_marker = book.cite(Evidence.from_passage(route), opportunity.url)
            route_text = quote(route.text, "apply through bank intermediary", max_chars=400)
            answer = t(
                language,
                "{name} is a financial product, not a call. How to access it: {route}",
                name=name,
                route=route_text,
            )
            lines.append(f"{answer} {route_marker}")
    quoted = rank_passages(f"{question} {opportunity.title}", passages, aspect, limit=2)
    if quoted:
        lines.append(t(language, "What the documents say:"))
        for passage in quoted:
            lines.append(
                f"> {quote(passage.text, question)} {book.cite(Evidence.from_passage(passage), opportunity.url)}"
            )
    return "\n\n".join(lines)


def comparison_rows(
    recommendations: Sequence[Recommendation], language: str, today: date
) -> list[dict[str, str]]:
    """One row per attribute, one column per compared opportunity (named by call id or title)."""
    missing = t(language, "not stated")
    columns = [opportunity_name(r.opportunity) for r in recommendations]

    def row(label: str, values: Sequence[str | None]) -> dict[str, str]:
        return {"": label, **{c: v or missing for c, v in zip(columns, values, strict=True)}}

    def deadline_of(rec: Recommendation) -> str | None:
        deadline = next_deadline(rec.opportunity, today)
        return deadline_text(deadline, today, language) if deadline else None

    return [
        row(t(language, "Title"), [r.opportunity.title for r in recommendations]),
        row(t(language, "Programme"), [r.opportunity.programme for r in recommendations]),
        row(t(language, "Status"), [word("status", r.status, language) for r in recommendations]),
        row(t(language, "Deadline"), [deadline_of(r) for r in recommendations]),
        row(
            t(language, "Budget per grant"), [budget_range(r.opportunity, language) for r in recommendations]
        ),
        row(t(language, "Type of action"), [r.opportunity.type_of_action for r in recommendations]),
        row(
            t(language, "Eligibility"),
            [word("verdict", r.eligibility.verdict, language) for r in recommendations],
        ),
    ]


def compare_answer(recommendations: Sequence[Recommendation], language: str, book: CitationBook) -> str:
    """The sentence above a comparison table, citing each compared record."""
    names = [
        f"{opportunity_name(r.opportunity)} {book.cite(record_evidence(r.opportunity, language), r.opportunity.url)}"
        for r in recommendations
    ]
    return t(language, "Comparison of {names}:", names=", ".join(names))


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
    lines = [t(language, "What the documents say:")]
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
        return t(
            language,
            "No funded project like yours is linked to {name}, so I have no partner names for it; the "
            "partner search of the Funding & Tenders Portal lists organisations looking for a consortium.",
            name=name,
        )
    acronyms = ", ".join(p.acronym or p.id for p in projects)
    intro = t(
        language,
        "Organisations of funded projects like yours ({projects}) that could partner on {name}, most "
        "frequent first:",
        projects=acronyms,
        name=name,
    )
    lines = [intro, ""]
    lines += [f"- {partner_line(partner, language)}" for partner in partners]
    return "\n".join(lines)
