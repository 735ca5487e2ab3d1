"""Proposal helper for cluster managers: an outline from the call's own text, and partner ideas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fundmatch.chat.engine import Engine
from fundmatch.chat.facts import opportunity_name
from fundmatch.chat.passages import as_plain_text, looks_like_instruction
from fundmatch.chat.reply import Citation, CitationBook
from fundmatch.chat.terms import word
from fundmatch.core.models import (
    INNOVATION_FUND,
    Evidence,
    FundedProject,
    Opportunity,
    Passage,
    Recommendation,
)
from fundmatch.lang.i18n import N_, t
from fundmatch.llm.base import LLM
from fundmatch.llm.guard import guarded_answer
from fundmatch.llm.prompting import build_proposal_prompt

_HORIZON_SECTIONS = (
    (
        N_("Excellence"),
        ("scope",),
        (
            N_(
                "Clear, measurable objectives that go beyond the state of the art and address the topic's scope."
            ),
            N_(
                "A sound methodology, with the TRL at start and end, interdisciplinarity and gender dimension."
            ),
        ),
    ),
    (
        N_("Impact"),
        ("expected outcome", "expected impact"),
        (
            N_("Credible pathways from your results to each expected outcome below, with indicators."),
            N_("Measures to maximise impact: dissemination, exploitation and communication, target groups."),
        ),
    ),
    (
        N_("Quality and efficiency of the implementation"),
        ("specific conditions", "conditions", "eligibility", "indicative budget"),
        (
            N_(
                "A work plan with work packages, deliverables, milestones and risks, and resources that fit it."
            ),
            N_("A consortium whose members together bring every capacity the work needs."),
        ),
    ),
)
_INNOVATION_FUND_SECTIONS = (
    (
        N_("Greenhouse gas emission avoidance"),
        ("expected outcome", "scope"),
        (N_("Absolute and relative avoidance."),),
    ),
    (
        N_("Degree of innovation"),
        ("scope", "description"),
        (N_("Why this goes beyond the state of the art."),),
    ),
    (N_("Project maturity"), ("conditions",), (N_("Technical, financial and operational maturity."),)),
    (N_("Replicability"), ("expected outcome",), (N_("Further deployment and European added value."),)),
    (N_("Cost efficiency"), ("indicative budget", "conditions"), (N_("Relevant costs per tonne avoided."),)),
)
_QUOTES_PER_SECTION = 3
_LABEL = re.compile(r"\b(?:Expected Outcome|Expected Impact|Scope|Specific conditions)\s*:\s*", re.I)
# A sentence end, or a bullet ("- Text"); a dash between numbers ("150°C - 400°C") is a range.
_STATEMENT_BREAK = re.compile(r"(?<=[.;])\s+|\s+•\s+|\s+-\s+(?=[^\W\d_])")


@dataclass(frozen=True)
class OutlineSection:
    """One proposal section: what it must show and the call's words it must answer, each cited
    (``title`` and ``must_show`` are catalogue messages, phrased by ``outline_markdown``)."""

    title: str
    must_show: tuple[str, ...]
    quotes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class PartnerSuggestion:
    """An organisation seen in similar funded projects (``activity_type``: the CORDIS code, PRC, HES, ...)."""

    name: str
    country: str | None
    activity_type: str | None
    sme: bool | None
    projects: tuple[str, ...]


@dataclass
class ProposalOutline:
    """The outline for one call, with the citations its quotes refer to."""

    opportunity: Opportunity
    sections: list[OutlineSection]
    citations: list[Citation] = field(default_factory=list)
    partners: list[PartnerSuggestion] = field(default_factory=list)


def _sentences(text: str) -> list[str]:
    """The call text's statements, one per sentence or bullet, without labels or lead-ins."""
    cleaned = _LABEL.sub(" ", " ".join(text.split()))
    parts = (p.strip(" -•") for p in _STATEMENT_BREAK.split(cleaned))
    return [
        p.rstrip(".;") + "."
        for p in parts
        if len(p) > 25 and not p.endswith(":") and not looks_like_instruction(p)
    ]


def _matching(passages: Sequence[Passage], cues: Sequence[str]) -> list[Passage]:
    return [p for p in passages if any(cue in (p.section or "").lower() for cue in cues)]


def build_outline(
    opportunity: Opportunity, passages: Sequence[Passage], projects: Sequence[FundedProject] = ()
) -> ProposalOutline:
    """Sections for the call's evaluation criteria, quoting its outcomes, scope and conditions."""
    template = _INNOVATION_FUND_SECTIONS if opportunity.programme == INNOVATION_FUND else _HORIZON_SECTIONS
    book = CitationBook()
    sections: list[OutlineSection] = []
    for title, cues, must_show in template:
        quotes: list[tuple[str, int]] = []
        for passage in _matching(passages, cues):
            number = int(book.cite(Evidence.from_passage(passage), opportunity.url).strip("[]"))
            for sentence in _sentences(passage.text):
                if len(quotes) < _QUOTES_PER_SECTION:
                    quotes.append((as_plain_text(sentence), number))
        sections.append(OutlineSection(title, must_show, tuple(quotes)))
    return ProposalOutline(opportunity, sections, book.citations, suggest_partners(projects))


def similar_funded_projects(recommendation: Recommendation, engine: Engine) -> list[FundedProject]:
    """The funded projects shown as like the user's on ``recommendation``, as the engine records them."""
    return [p for s in recommendation.similar_projects if (p := engine.funded_project(s.id)) is not None]


def outline_for(recommendation: Recommendation, engine: Engine) -> ProposalOutline:
    """The outline of ``recommendation``'s call, from its passages and the funded projects like the user's."""
    opportunity = recommendation.opportunity
    return build_outline(
        opportunity, engine.passages_for(opportunity.id), similar_funded_projects(recommendation, engine)
    )


def suggest_partners(projects: Sequence[FundedProject], limit: int = 12) -> list[PartnerSuggestion]:
    """Organisations of similar funded projects, most frequent first, coordinators before others."""
    seen: dict[str, dict] = {}
    for project in projects:
        for org in project.organisations:
            key = " ".join(org.name.upper().split())
            entry = seen.setdefault(key, {"org": org, "projects": [], "coordinator": False})
            if project.acronym not in entry["projects"]:
                entry["projects"].append(project.acronym)
            entry["coordinator"] |= (org.role or "").lower() == "coordinator"
    ranked = sorted(seen.values(), key=lambda e: (-len(e["projects"]), not e["coordinator"], e["org"].name))
    return [
        PartnerSuggestion(
            name=e["org"].name,
            country=e["org"].country,
            activity_type=e["org"].activity_type,
            sme=e["org"].sme,
            projects=tuple(e["projects"]),
        )
        for e in ranked[:limit]
    ]


def outline_markdown(
    outline: ProposalOutline, body: str | None = None, document: bool = True, language: str = "en"
) -> str:
    """The outline as Markdown in ``language`` with [n] citations; ``body`` replaces the sections. As
    a ``document`` it has a title, section headings and the source list; in a chat reply, whose
    message carries the sources, the headings are bold lines."""
    opp = outline.opportunity

    def heading(title: str) -> str:
        return f"## {title}" if document else f"**{title}**"

    lines = (
        [f"# {t(language, 'Proposal outline')}: {opportunity_name(opp)}", "", opp.title, ""]
        if document
        else []
    )
    if body is not None:
        lines += [body.strip(), ""]
    for section in outline.sections if body is None else ():
        lines += [heading(t(language, section.title)), "", t(language, "What this section must show:")]
        lines += [f"- {t(language, item)}" for item in section.must_show]
        if section.quotes:
            lines += ["", t(language, "What the call asks for:")]
            lines += [f"> {quote} [{number}]" for quote, number in section.quotes]
        lines.append("")
    if outline.partners:
        lines += [heading(t(language, "Possible partners (from similar funded projects)")), ""]
        lines += [f"- {partner_line(partner, language)}" for partner in outline.partners]
        lines.append("")
    if document and outline.citations:
        lines += [heading(t(language, "Sources")), ""] + [
            f"[{c.number}] {c.label(language)}" for c in outline.citations
        ]
    return "\n".join(lines).rstrip() + "\n"


def partner_line(partner: PartnerSuggestion, language: str = "en") -> str:
    """``NAME (country, type, SME): PROJECT, ...`` in ``language``."""
    kind = [partner.country or "?"]
    if partner.activity_type:
        kind.append(word("activity", partner.activity_type, language))
    if partner.sme:
        kind.append(word("organisation", "sme", language))
    return f"{partner.name} ({', '.join(kind)}): {', '.join(partner.projects)}"


def polish_outline(outline: ProposalOutline, llm: LLM, description: str, language: str = "en") -> str | None:
    """The outline phrased by ``llm`` from the cited passages, None when the guard rejects it."""
    opp = outline.opportunity
    prompt = build_proposal_prompt(description, [c.evidence for c in outline.citations], language)
    allowed = {opp.id, *([opp.call_id] if opp.call_id else [])}
    guarded = guarded_answer(llm, prompt, allowed, fallback="", max_tokens=700)
    return outline_markdown(outline, body=guarded.text, language=language) if guarded.used_llm else None
