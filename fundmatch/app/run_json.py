"""A recommendation run as the JSON that ``fundmatch recommend --json`` prints and ``POST /recommend``
returns, and back: the CLI prints a server's answer exactly as it prints its own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fundmatch.core.codec import from_jsonable, to_jsonable
from fundmatch.core.models import Profile, Recommendation

if TYPE_CHECKING:  # the recommender's module loads the models' libraries; a served answer needs none
    from fundmatch.retrieval.recommend import RecommendationRun


@dataclass(frozen=True)
class PrintedRun:
    """What the CLI prints of a run: the profile used, the translation searched, the list."""

    profile: Profile
    recommendations: list[Recommendation]
    nothing_fits: bool
    translation: str | None = None
    semantic_progress: float | None = None  # a keyword-only answer: share of passages embedded then


PHRASED = ("why", "eligibility_reasons")  # added to each record, in the payload's language


def run_payload(run: RecommendationRun, language: str = "en") -> dict[str, Any]:
    """The profile used, the translation searched, whether nothing fits, and the ranked records,
    each with its reasons phrased in ``language``."""
    from fundmatch.chat.reasons import eligibility_reasons, why_text

    return {
        "profile": to_jsonable(run.profile),
        "translation": run.translation,
        "nothing_fits": run.nothing_fits,
        "language": language,
        "mode": "hybrid" if run.semantic_progress is None else "keyword",
        "semantic_progress": run.semantic_progress,
        "recommendations": [
            to_jsonable(r)
            | {
                "why": why_text(r.why_codes, language),
                "eligibility_reasons": list(eligibility_reasons(r.eligibility, language)),
            }
            for r in run.recommendations
        ],
    }


def payload_json(payload: dict[str, Any]) -> str:
    """The payload as the CLI prints it."""
    return json.dumps(payload, ensure_ascii=False, indent=2)


def run_from_payload(payload: dict[str, Any]) -> PrintedRun:
    """The run a payload describes, as the CLI prints it."""
    return PrintedRun(
        profile=from_jsonable(Profile, payload["profile"]),
        recommendations=[
            from_jsonable(Recommendation, {k: v for k, v in r.items() if k not in PHRASED})
            for r in payload["recommendations"]
        ],
        nothing_fits=bool(payload["nothing_fits"]),
        translation=payload.get("translation"),
        semantic_progress=payload.get("semantic_progress"),
    )
