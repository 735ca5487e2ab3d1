"""``fundmatch recommend "TEXT"``: the calls and instruments that fit a project, with reasons."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from fundmatch.errors import QueryError
from fundmatch.models import Recommendation
from retrieval.recommend import RecommendationRun


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
    for rank, item in enumerate(run.recommendations, start=1):
        lines += [*_describe(rank, item), ""]
    return "\n".join(lines)


@click.command("recommend")
@click.argument("text")
@click.option("--profile", "profile_json", help="JSON object overriding fields read from TEXT.")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 50), help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def recommend_command(text: str, profile_json: str | None, k: int, as_json: bool) -> None:
    """Recommend the calls and instruments that fit the project described in TEXT.

    With an LLM configured (llm_backend), a description in another language is searched in its
    English translation; set translate_queries = false to search it as written.
    """
    from fundmatch.llm.registry import get_llm
    from fundmatch.llm.translate import make_translator
    from fundmatch.settings import load_settings
    from retrieval.recommend import Recommender

    profile = _profile_option(profile_json)
    settings = load_settings()
    translator = make_translator(get_llm(settings), settings)
    translation = translator.run(text) if translator else None
    run = Recommender.from_settings(settings).run(text, profile=profile, k=k, translation=translation)
    click.echo(_as_json(run) if as_json else _as_text(run))


COMMANDS: list[click.Command] = [recommend_command]
