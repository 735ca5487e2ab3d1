"""A funded CORDIS project phrased as a user's request, as the dev cases are: the training queries of
the learned ranker (``evaluation.ranker_data``).

The request is the coordinator's profile in one sentence, then the opening sentences of the
project's objective (``data/project_queries.toml`` has the templates and limits, ``data/country_names.tsv``
the country names). The phrasing is deterministic: the same project gives the same request.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fundmatch.core.models import FundedProject, Organisation

DATA = Path(__file__).resolve().parent / "data"
_SENTENCE_END = re.compile(r"[.!?](?= )")


@dataclass(frozen=True)
class ProjectRequest:
    """A project as a request: its id (left out of the votes), query, profile and gold call family."""

    project_id: str
    query: str
    profile: dict[str, Any]
    gold_family: str


@cache
def _phrasing() -> dict[str, Any]:
    with (DATA / "project_queries.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def country_names() -> dict[str, str]:
    """CORDIS country code -> English name ("EL" -> "Greece", "NL" -> "the Netherlands")."""
    names = {}
    for line in (DATA / "country_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split("\t")
            names[code.strip()] = name.strip()
    return names


def _coordinator(project: FundedProject) -> Organisation | None:
    return next((o for o in project.organisations if (o.role or "").lower() == "coordinator"), None)


def organisation_type(organisation: Organisation) -> str:
    """What a request calls the coordinator: SME, company, university, research organisation, ..."""
    types = _phrasing()["organisation_types"]
    activity = (organisation.activity_type or "OTH").upper()
    if activity == "PRC" and organisation.sme:
        return types["PRC_SME"]
    return types.get(activity, types["OTH"])


def project_profile(project: FundedProject) -> dict[str, Any]:
    """The applicant profile of a project as the dev cases give it: the coordinator's type and
    country, and the consortium's members and countries (coordinator and participants)."""
    coordinator = _coordinator(project)
    roles = set(_phrasing()["phrasing"]["member_roles"])
    members = [o for o in project.organisations if (o.role or "").lower() in roles]
    return {
        "organisation_type": organisation_type(coordinator) if coordinator else "organisation",
        "country": coordinator.country if coordinator else None,
        "partners": len(members) or 1,
        "countries": len({o.country for o in members}) or 1,
    }


def opening_sentences(text: str, max_chars: int, min_share: float) -> str:
    """The whole sentences of ``text`` within ``max_chars`` characters; the text cut at ``max_chars``
    when the last sentence end comes before ``min_share`` of it."""
    if len(text) <= max_chars:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, max_chars + 1) if m.end() <= max_chars]
    if ends and ends[-1] >= min_share * max_chars:
        return text[: ends[-1]]
    return text[:max_chars]


def project_query(project: FundedProject, profile: dict[str, Any] | None = None) -> str:
    """The project as a user would describe it: who applies, with whom, then what it does."""
    rules = _phrasing()["phrasing"]
    profile = profile or project_profile(project)
    organisation = profile["organisation_type"]
    country = country_names().get(profile["country"] or "", profile["country"] or "Europe")
    article = "an" if organisation in rules["vowel_sound"] else "a"
    template = rules["alone"] if profile["partners"] <= 1 else rules["consortium"]
    opening = template.format(
        article=article,
        organisation=organisation,
        country=country,
        partners=profile["partners"],
        countries=profile["countries"],
    )
    return opening + opening_sentences(project.objective, rules["max_chars"], rules["min_share"])


def project_request(project: FundedProject, gold_family: str) -> ProjectRequest:
    """A project as a request whose right answer is ``gold_family``."""
    profile = project_profile(project)
    return ProjectRequest(project.id, project_query(project, profile), profile, gold_family)
