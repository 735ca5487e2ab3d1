"""``fundmatch recommend "TEXT"``: the calls and instruments that fit a project, with reasons."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from fundmatch.core.errors import QueryError
from fundmatch.core.models import CORE_PROGRAMMES, Filters, Recommendation
from fundmatch.retrieval.recommend import RecommendationRun


def _profile_option(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise QueryError(f'--profile is not valid JSON ({exc.msg}); e.g. \'{{"country": "DE"}}\'') from None
    if not isinstance(value, dict):
        raise QueryError('--profile must be a JSON object, e.g. \'{"organisation_type": "sme"}\'')
    return value


def _filters(programmes: tuple[str, ...], all_programmes: bool, closed: bool) -> Filters:
    if programmes and all_programmes:
        raise QueryError("Give --programme or --all-programmes, not both.")
    chosen = () if all_programmes else programmes or CORE_PROGRAMMES
    return Filters(programmes=chosen, statuses=() if closed else Filters().statuses)


def _known_programmes(programmes: tuple[str, ...], indexed: list[str]) -> tuple[str, ...]:
    """``programmes`` as the index spells them; a QueryError naming the choices for an unknown one."""
    known = {name.lower(): name for name in indexed}
    for name in programmes:
        if name.lower() not in known:
            raise QueryError(f"Unknown programme {name!r}; the index has: {'; '.join(indexed)}.")
    return tuple(known[name.lower()] for name in programmes)


def _as_json(run: RecommendationRun) -> str:
    def default(value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    payload = {
        "profile": dataclasses.asdict(run.profile),
        "translation": run.translation,
        "nothing_fits": run.nothing_fits,
        "recommendations": [dataclasses.asdict(r) for r in run.recommendations],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=default)


def _describe(rank: int, item: Recommendation) -> list[str]:
    opportunity = item.opportunity
    deadline = f", deadline {item.deadline.isoformat()}" if item.deadline else ""
    lines = [
        f"{rank}. {opportunity.id}: {opportunity.title}",
        f"   {opportunity.programme} · {opportunity.kind} · {item.status}{deadline} · score {item.score:.2f}",
        f"   Eligibility: {item.eligibility.verdict}. " + " ".join(item.eligibility.reasons[:2]),
    ]
    if item.why:
        lines.append(f"   Why: {item.why}")
    for evidence in item.evidence[:1]:
        snippet = " ".join(evidence.text.split())[:220]
        lines.append(f'   Evidence [{evidence.source}]: "{snippet}..."')
    return lines


def _as_text(run: RecommendationRun) -> str:
    profile = {k: v for k, v in dataclasses.asdict(run.profile).items() if v is not None}
    lines = [f"Profile used: {json.dumps(profile, ensure_ascii=False)}"]
    if run.translation:
        lines.append(f"Searched in English: {run.translation}")
    lines.append("")
    if run.nothing_fits:
        lines.append("Nothing in the corpus fits this description closely enough; no recommendation is made.")
    elif not run.recommendations:
        lines.append(
            "No opportunity of the chosen programmes and statuses matches; try --closed or --all-programmes."
        )
    for rank, item in enumerate(run.recommendations, start=1):
        lines += [*_describe(rank, item), ""]
    return "\n".join(lines)


@click.command("recommend")
@click.argument("text")
@click.option("--profile", "profile_json", help="JSON object overriding fields read from TEXT.")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 50), help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--programme",
    "programmes",
    multiple=True,
    help="Only this programme (repeatable), e.g. --programme 'Innovation Fund'.",
)
@click.option("--all-programmes", is_flag=True, help="Every programme in the index (EuropeAid, LIFE, ...).")
@click.option("--closed", is_flag=True, help="Closed opportunities too (default: open and forthcoming).")
def recommend_command(
    text: str,
    profile_json: str | None,
    k: int,
    as_json: bool,
    programmes: tuple[str, ...],
    all_programmes: bool,
    closed: bool,
) -> None:
    """Recommend the calls and instruments that fit the project described in TEXT.

    By default only open and forthcoming opportunities of Horizon Europe (with the EIC), Euratom,
    the Innovation Fund and InvestEU are ranked; when the request is a cluster organisation's, or
    asks for cooperation between clusters or regions, the cluster programmes join them (Single
    Market Programme: Euroclusters, tourism SMEs, agri-food biotech; Interregional Innovation
    Investments strands 1, 2a, 2b). Each result names its instrument (the kind of money: an
    InvestEU guarantee, an Innovation Fund grant of a size class, a Hydrogen Bank premium, ...)
    and says why it fits.

    With an LLM configured (llm_backend), a description in another language is searched in its
    English translation; set translate_queries = false to search it as written.
    """
    from fundmatch.app.wiring import open_recommender, query_translator
    from fundmatch.core.settings import load_settings

    profile = _profile_option(profile_json)
    settings = load_settings()
    recommender = open_recommender(settings)
    chosen = _known_programmes(programmes, recommender.programmes())
    filters = _filters(chosen, all_programmes, closed)
    translator = query_translator(settings)
    translation = translator.run(text) if translator else None
    run = recommender.run(text, profile=profile, filters=filters, k=k, translation=translation)
    click.echo(_as_json(run) if as_json else _as_text(run))


COMMANDS: list[click.Command] = [recommend_command]
