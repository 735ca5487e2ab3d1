"""``fundmatch recommend "TEXT"``: the calls and instruments that fit a project, with reasons."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

import click

from fundmatch.chat.facts import status_label, verdict_label
from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.core.errors import QueryError
from fundmatch.core.models import CORE_PROGRAMMES, Filters, Recommendation
from fundmatch.lang.detect import detect_language
from fundmatch.lang.i18n import LANGUAGES, colon, day, t

if TYPE_CHECKING:
    from fundmatch.app.run_json import PrintedRun


def profile_option(raw: str | None) -> dict[str, Any] | None:
    """The ``--profile`` JSON object; a QueryError with an example when it is not one."""
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise QueryError(f'--profile is not valid JSON ({exc.msg}); e.g. \'{{"country": "DE"}}\'') from None
    if not isinstance(value, dict):
        raise QueryError('--profile must be a JSON object, e.g. \'{"organisation_type": "sme"}\'')
    return value


def filters_from_options(programmes: tuple[str, ...], all_programmes: bool, closed: bool) -> Filters:
    """The filters of ``--programme``, ``--all-programmes`` and ``--closed``."""
    if programmes and all_programmes:
        raise QueryError("Give --programme or --all-programmes, not both.")
    chosen = () if all_programmes else programmes or CORE_PROGRAMMES
    return Filters(programmes=chosen, statuses=() if closed else Filters().statuses)


def known_programmes(programmes: tuple[str, ...], indexed: list[str]) -> tuple[str, ...]:
    """``programmes`` as the index spells them; a QueryError naming the choices for an unknown one."""
    known = {name.lower(): name for name in indexed}
    for name in programmes:
        if name.lower() not in known:
            raise QueryError(f"Unknown programme {name!r}; the index has: {'; '.join(indexed)}.")
    return tuple(known[name.lower()] for name in programmes)


def _describe(rank: int, item: Recommendation, language: str) -> list[str]:
    opportunity = item.opportunity
    status = status_label(item, language)
    if item.deadline:
        status = t(language, "{status}, deadline {date}", status=status, date=day(item.deadline, language))
    reasons = " ".join(eligibility_reasons(item.eligibility, language)[:2])
    lines = [
        f"{rank}. {opportunity.id}: {opportunity.title}",
        f"   {opportunity.programme} · {opportunity.kind} · {status} · {t(language, 'score')} {item.score:.2f}",
        f"   {colon(language, t(language, 'Eligibility'))} {verdict_label(item, language)}. {reasons}",
    ]
    if item.why_codes:
        lines.append(
            f"   {colon(language, t(language, 'Why it matches'))} {why_text(item.why_codes, language)}"
        )
    for evidence in item.evidence[:1]:
        snippet = " ".join(evidence.text.split())[:220]
        lines.append(f'   {t(language, "Evidence")} [{evidence.source}]: "{snippet}..."')
    return lines


def _as_text(run: PrintedRun, language: str) -> str:
    profile = {k: v for k, v in dataclasses.asdict(run.profile).items() if v is not None}
    lines = [t(language, "Profile used: {profile}", profile=json.dumps(profile, ensure_ascii=False))]
    if run.translation:
        lines.append(t(language, "Searched in English: {translation}", translation=run.translation))
    if run.semantic_progress is not None:
        lines.append(
            t(
                language,
                "Keyword match only: the semantic index is {percent} % embedded (`fundmatch embed`); "
                "the ranking turns hybrid when it is done.",
                percent=str(int(100 * run.semantic_progress)),
            )
        )
    lines.append("")
    if run.nothing_fits:
        lines.append(
            t(
                language,
                "Nothing in the corpus fits this description closely enough; no recommendation is made.",
            )
        )
    elif not run.recommendations:
        lines.append(
            t(
                language,
                "No opportunity of the chosen programmes and statuses matches; try --closed or --all-programmes.",
            )
        )
    for rank, item in enumerate(run.recommendations, start=1):
        lines += [*_describe(rank, item, language), ""]
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
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="The language of the reasons and labels.",
)
@click.option("--local", is_flag=True, help="Answer in this process even when a `fundmatch serve` is up.")
@click.option(
    "--verbose", is_flag=True, help="Say on stderr whether a running server or this process answered."
)
def recommend_command(
    text: str,
    profile_json: str | None,
    k: int,
    as_json: bool,
    programmes: tuple[str, ...],
    all_programmes: bool,
    closed: bool,
    language: str,
    local: bool,
    verbose: bool,
) -> None:
    """Recommend the calls and instruments that fit the project described in TEXT.

    By default only open and forthcoming opportunities of Horizon Europe (with the EIC), Euratom,
    the Innovation Fund and InvestEU are ranked; when the request is a cluster organisation's, or
    asks for cooperation between clusters or regions, the cluster programmes join them (Single
    Market Programme: Euroclusters, tourism SMEs, agri-food biotech; Interregional Innovation
    Investments strands 1, 2a, 2b). Each result names its instrument (the kind of money: an
    InvestEU guarantee, an Innovation Fund grant of a size class, a Hydrogen Bank premium, ...)
    and says why it fits.

    When a `fundmatch serve` with the same settings and index runs on api_host:api_port, it answers
    (warm, no model loading); otherwise this process does. The output is the same either way.

    With an LLM configured (llm_backend), a description in another language is searched in its
    English translation; set translate_queries = false to search it as written.
    """
    from fundmatch.app.run_json import payload_json, run_from_payload, run_payload
    from fundmatch.core.settings import load_settings
    from fundmatch.retrieval.profile import MAX_QUERY_CHARS

    profile = profile_option(profile_json)
    if programmes and all_programmes:
        raise QueryError("Give --programme or --all-programmes, not both.")
    settings = load_settings()
    payload = None
    if not local:
        from fundmatch.app.api.client import recommend_via_server

        body = {
            "text": text,
            "profile": profile,
            "k": k,
            "language": language,
            "filters": {
                "programmes": [] if all_programmes else (list(programmes) or None),
                "statuses": [] if closed else None,
            },
        }
        answer = recommend_via_server(settings, body)
        payload = answer.payload
        if verbose:
            click.echo(answer.note, err=True)
    if payload is None:
        from fundmatch.app.wiring import open_recommender, query_translator

        recommender = open_recommender(settings)
        if recommender.ranker_notice:
            click.echo(recommender.ranker_notice.text(language), err=True)
        chosen = known_programmes(programmes, recommender.programmes())
        filters = filters_from_options(chosen, all_programmes, closed)
        translator = query_translator(settings)
        text_language = detect_language(text)
        translation = translator.run(text, text_language) if translator else None
        run = recommender.run(
            text, profile=profile, filters=filters, k=k, translation=translation, language=text_language
        )
        payload = run_payload(run, language)
    if payload.get("cut"):
        click.echo(
            f"Note: the description has {len(text.strip()):,} characters; only the first "
            f"{MAX_QUERY_CHARS:,} were read.",
            err=True,
        )
    click.echo(payload_json(payload) if as_json else _as_text(run_from_payload(payload), language))


COMMANDS: list[click.Command] = [recommend_command]
