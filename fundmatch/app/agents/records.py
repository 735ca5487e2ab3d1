"""A recommendation as an agent reads it: the facts, the eligibility check, why, and the cited text."""

from __future__ import annotations

from typing import Any

from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.core.codec import to_jsonable
from fundmatch.core.models import Opportunity, Passage, Recommendation

EXCERPT_CHARS = 600


def citation(source: str, section: str | None, page: int | None) -> str:
    """``source, section, p. N`` as the app and the exports cite a passage."""
    return ", ".join([source] + ([section] if section else []) + ([f"p. {page}"] if page is not None else []))


def agent_record(rec: Recommendation, language: str = "en") -> dict[str, Any]:
    """The recommendation as a compact JSON object, reasons phrased in ``language``."""
    opp = rec.opportunity
    return {
        "id": opp.id,
        "title": opp.title,
        "programme": opp.programme,
        "kind": opp.kind,
        "status": rec.status,
        "deadlines": [d.isoformat() for d in opp.deadlines],
        "budget_min_eur": opp.budget_min,
        "budget_max_eur": opp.budget_max,
        "url": opp.url,
        "score": rec.score,
        "eligibility": rec.eligibility.verdict,
        "eligibility_reasons": list(eligibility_reasons(rec.eligibility, language)),
        "why": why_text(rec.why_codes, language),
        "evidence": [
            {
                "text": " ".join(e.text.split())[:EXCERPT_CHARS],
                "source": citation(e.source, e.section, e.page),
            }
            for e in rec.evidence
        ],
    }


def opportunity_record(opportunity: Opportunity, passages: list[Passage]) -> dict[str, Any]:
    """An opportunity with every passage of it and each passage's citation."""
    return {
        "opportunity": to_jsonable(opportunity),
        "passages": [
            {"text": p.text, "source": citation(p.source, p.section, p.page), "id": p.id} for p in passages
        ],
    }
