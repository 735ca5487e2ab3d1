"""Features of a (request, candidate opportunity) pair for the learned ranker, from what ``Recommender.run``
already computed: the dense and BM25 passage lists, the fused text score, the similar-project votes
(direct and carried over), the instrument routing's fit and mismatch, the eligibility verdict, the status, and
the hand-tuned fusion score itself; plus static facts of the opportunity (type of action, text
length, title) and of its call family among the funded projects (how many, how often alone or
SME-led). Nothing here reads the right answer.

``Recommender.run`` hands a ``CandidateRanker`` its candidates and the run's ``RankingSignals``
(the seam); without one it ranks by fusion as before.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from fundmatch.core.families import call_family
from fundmatch.core.models import (
    CORE_PROGRAMMES,
    INNOVATION_FUND,
    INVESTEU,
    Eligibility,
    FundedProject,
    Profile,
    ReasonCode,
    SimilarProject,
)
from fundmatch.index.base import PassageIndex
from fundmatch.lang.tokenize import tokenize
from fundmatch.retrieval.eligibility import scheme_of
from fundmatch.retrieval.hybrid import HybridResult
from fundmatch.retrieval.profile import ORGANISATION_TYPES
from fundmatch.retrieval.ranking import Scored
from fundmatch.retrieval.routing import Routing
from fundmatch.retrieval.status import opportunity_status

# Bump when a feature is added, removed or computed differently: a model of another version is stale.
FEATURE_VERSION = 3  # 3: the instrument routing's fit, routed share and mismatch replace the regex rules'
# The values of ``eligibility.scheme_of``, in a fixed order (the scheme feature is the position).
SCHEMES = (
    "horizon-ria",
    "horizon-ia",
    "horizon-csa",
    "eic-accelerator",
    "eic",
    "innovation-fund",
    "investeu",
    "other",
)
STATUSES = ("open", "forthcoming", "closed", "unknown")
VERDICTS = ("eligible", "check", "not eligible")
MISMATCHES = ("mismatch_instrument",)
RESEARCHER_FAMILIES = ("MSCA", "ERC")  # call families that fund researchers rather than projects
CATEGORICAL = ("scheme", "programme", "organisation_type")
MISSING = math.nan

# The features by what they read (the ablation script leaves out one group at a time).
FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    "text (dense, BM25, fused, title)": (
        "text_score",
        "text_rank",
        "dense_best",
        "dense_gap",
        "dense_rank",
        "dense_passages",
        "bm25_best",
        "bm25_rank",
        "bm25_passages",
        "title_overlap",
    ),
    "similar-project votes": (
        "family_vote",
        "direct_vote",
        "carried_vote",
        "vote_rank",
        "family_neighbours",
        "family_top_similarity",
        "family_similarity_sum",
        "family_first_neighbour",
        "top_neighbour_family",
        "neighbour_families",
    ),
    "family among the candidates": (
        "family_best_text",
        "family_best_dense",
        "family_best_bm25",
        "text_below_family_best",
        "family_candidates",
        "family_text_rank",
    ),
    "fusion score and ranks": ("fusion_score", "fusion_rank", "fusion_family_rank"),
    "routing, eligibility, status": ("instrument_fit", "routed", "mismatch", "eligibility", "status"),
    "opportunity (type of action, text length, budget)": (
        "scheme",
        "researcher_scheme",
        "programme",
        "passages",
        "text_chars",
        "budget_max",
    ),
    "family among funded projects (size, alone, SME, partners)": (
        "family_projects",
        "family_alone_share",
        "family_sme_share",
        "family_partners",
        "partners_gap",
        "family_university_share",
        "family_research_share",
    ),
    "request (profile, length, top similarities)": (
        "organisation_type",
        "applies_alone",
        "partners",
        "amount_eur",
        "trl",
        "query_words",
        "top_dense",
        "top_neighbour_similarity",
        "english",
        "wants_finance",
        "routed_innovation_fund",
        "routed_investeu",
    ),
}
FEATURE_NAMES: tuple[str, ...] = tuple(name for group in FEATURE_GROUPS.values() for name in group)


@dataclass(frozen=True)
class RankingSignals:
    """What one ``Recommender.run`` knows about its request when it ranks the candidates."""

    text: str  # what was searched (the translation when there is one)
    hybrid: HybridResult
    direct_votes: Mapping[str, float]  # family -> vote of the similar projects
    votes: Mapping[str, float]  # the same plus the votes carried over from families with no call
    neighbours: Sequence[SimilarProject]
    profile: Profile  # the profile the run used (the text's facts merged with the caller's)
    routing: Routing
    eligibility: Mapping[str, Eligibility]
    mismatches: Mapping[str, ReasonCode | None]
    day: date
    language: str


class CandidateRanker(Protocol):
    """Orders a run's candidates (``Recommender.run`` calls it instead of the fusion order)."""

    def rank(self, candidates: Sequence[Scored], signals: RankingSignals, k: int) -> list[Scored]:
        """The ``k`` best candidates, best first."""
        ...


# What a funded project adds to its family's statistics: 1 (the count), applied alone, SME-led,
# log consortium size, led by a university (CORDIS activity type HES), by a research organisation (REC).
_MEMBER_ROLES = frozenset({"coordinator", "participant"})


def _contribution(project: FundedProject) -> tuple[float, ...]:
    members = [o for o in project.organisations if (o.role or "").lower() in _MEMBER_ROLES]
    coordinator = next((o for o in members if (o.role or "").lower() == "coordinator"), None)
    activity = (coordinator.activity_type or "").upper() if coordinator else ""
    return (
        1.0,
        float(len(members) <= 1),
        float(bool(coordinator and coordinator.sme)),
        math.log1p(len(members)),
        float(activity == "HES"),
        float(activity == "REC"),
    )


def family_statistics(projects: Sequence[FundedProject]) -> dict[str, dict[str, float]]:
    """Per call family of the funded projects: how many, the shares applying alone, led by an SME,
    a university or a research organisation, and the mean log consortium size.

    Computed once over every project, never leave-one-out: a count without the request's own
    project would be one less for its family only, and a model learns to read the answer from that.
    """
    sums: dict[str, np.ndarray] = {}
    for project in projects:
        if project.call_family:
            sums[project.call_family] = sums.get(project.call_family, 0.0) + np.asarray(
                _contribution(project)
            )
    stats = {}
    for family, total in sums.items():
        count = float(total[0])
        alone, sme, partners, university, research = (float(v) / count for v in total[1:])
        stats[family] = {
            "projects": count,
            "alone": alone,
            "sme": sme,
            "partners": partners,
            "university": university,
            "research": research,
        }
    return stats


class FeatureContext:
    """The static facts features need, read once from the index: each passage's opportunity, each
    opportunity's passage count, text length and title words, and the family statistics."""

    def __init__(self, index: PassageIndex) -> None:
        self.opportunity_of: dict[str, str] = {}
        self.passages: dict[str, int] = defaultdict(int)
        self.text_chars: dict[str, int] = defaultdict(int)
        for passage in index.passages():
            if passage.opportunity_id:
                self.opportunity_of[passage.id] = passage.opportunity_id
                self.passages[passage.opportunity_id] += 1
                self.text_chars[passage.opportunity_id] += len(passage.text)
        self.title_words = {o.id: frozenset(tokenize(o.title)) for o in index.opportunities()}
        self.families = family_statistics(index.projects())


def _rank_map(scores: Mapping[str, float]) -> dict[str, int]:
    """key -> rank from 1 by descending score (ties by key)."""
    ordered = sorted(scores, key=lambda key: (-scores[key], key))
    return {key: rank for rank, key in enumerate(ordered, start=1)}


def _best_passages(hits: Sequence, opportunity_of: Mapping[str, str]) -> dict[str, tuple[float, int, int]]:
    """opportunity -> (best score, rank of its best passage, passages in the list)."""
    found: dict[str, tuple[float, int, int]] = {}
    for rank, hit in enumerate(hits, start=1):
        opportunity_id = opportunity_of.get(hit.id)
        if opportunity_id is None:
            continue
        if opportunity_id in found:
            best, first, count = found[opportunity_id]
            found[opportunity_id] = (best, first, count + 1)
        else:
            found[opportunity_id] = (hit.score, rank, 1)
    return found


def _or_missing(value: float | None) -> float:
    return MISSING if value is None else float(value)


def _code(value: str | None, values: Sequence[str]) -> float:
    return float(values.index(value)) if value in values else MISSING


class _Query:
    """The per-request part of the features, computed once per run."""

    def __init__(
        self, candidates: Sequence[Scored], signals: RankingSignals, context: FeatureContext
    ) -> None:
        hybrid = signals.hybrid
        self.text = {m.opportunity_id: m.score for m in hybrid.matches}
        self.text_rank = {m.opportunity_id: rank for rank, m in enumerate(hybrid.matches, start=1)}
        self.dense = _best_passages(hybrid.dense_hits, context.opportunity_of)
        self.bm25 = _best_passages(hybrid.keyword_hits, context.opportunity_of)
        self.top_bm25 = max((hit.score for hit in hybrid.keyword_hits), default=0.0) or 1.0
        self.vote_rank = _rank_map(signals.votes)
        self.neighbours: dict[str, tuple[int, float, int, float]] = {}
        for rank, project in enumerate(signals.neighbours, start=1):
            family = project.call_family or ""
            count, best, first, total = self.neighbours.get(family, (0, 0.0, rank, 0.0))
            self.neighbours[family] = (count + 1, max(best, project.score), first, total + project.score)
        top = signals.neighbours[0] if signals.neighbours else None
        self.top_family = top.call_family if top else None
        self.top_similarity = top.score if top else 0.0
        self.fusion_rank = {c.opportunity.id: r for r, c in enumerate(_by_score(candidates), start=1)}
        best_text: dict[str, float] = defaultdict(float)
        best_fusion: dict[str, float] = defaultdict(float)
        self.family_best_dense: dict[str, float] = {}
        self.family_best_bm25: dict[str, float] = {}
        self.family_size: dict[str, int] = defaultdict(int)
        for candidate in candidates:
            oid, family = candidate.opportunity.id, candidate.family
            best_text[family] = max(best_text[family], self.text.get(oid, 0.0))
            best_fusion[family] = max(best_fusion[family], candidate.score)
            if oid in self.dense:
                self.family_best_dense[family] = max(
                    self.family_best_dense.get(family, -1.0), self.dense[oid][0]
                )
            if oid in self.bm25:
                self.family_best_bm25[family] = max(self.family_best_bm25.get(family, 0.0), self.bm25[oid][0])
            self.family_size[family] += 1
        self.family_best_text = dict(best_text)
        self.family_text_rank = _rank_map(best_text)
        self.family_fusion_rank = _rank_map(best_fusion)
        self.query_words = frozenset(tokenize(signals.text))
        profile = signals.profile
        routing = signals.routing
        routed = routing.routed_programmes
        self.routed = routing.routed_opportunities()
        self.request = {
            "organisation_type": _code(profile.organisation_type, ORGANISATION_TYPES),
            "applies_alone": MISSING if profile.consortium is None else float(profile.consortium == "alone"),
            "partners": float(profile.partners) if profile.partners is not None else MISSING,
            "amount_eur": math.log1p(profile.amount_eur) if profile.amount_eur else MISSING,
            "trl": float(profile.trl) if profile.trl is not None else MISSING,
            "query_words": float(len(signals.text.split())),
            "top_dense": hybrid.top_dense_similarity,
            "top_neighbour_similarity": self.top_similarity,
            "english": float(signals.language == "en"),
            "wants_finance": float(routing.facts.wants_finance),
            "routed_innovation_fund": float(INNOVATION_FUND in routed),
            "routed_investeu": float(INVESTEU in routed),
        }


def _by_score(candidates: Sequence[Scored]) -> list[Scored]:
    return sorted(candidates, key=lambda c: (-c.score, c.opportunity.id))


def _row(candidate: Scored, signals: RankingSignals, query: _Query, context: FeatureContext) -> list[float]:
    opportunity = candidate.opportunity
    oid, family = opportunity.id, candidate.family
    text = query.text.get(oid, 0.0)
    dense = query.dense.get(oid)
    bm25 = query.bm25.get(oid)
    neighbours = query.neighbours.get(family)
    funded = context.families.get(family)
    title = context.title_words.get(oid, frozenset())
    mismatch = signals.mismatches.get(oid)
    profile = signals.profile
    verdict = signals.eligibility.get(oid)
    values = {
        "text_score": text,
        "text_rank": float(query.text_rank.get(oid, MISSING)),
        "dense_best": dense[0] if dense else MISSING,
        "dense_gap": signals.hybrid.top_dense_similarity - dense[0] if dense else MISSING,
        "dense_rank": float(dense[1]) if dense else MISSING,
        "dense_passages": float(dense[2]) if dense else 0.0,
        "bm25_best": bm25[0] / query.top_bm25 if bm25 else MISSING,
        "bm25_rank": float(bm25[1]) if bm25 else MISSING,
        "bm25_passages": float(bm25[2]) if bm25 else 0.0,
        "title_overlap": len(title & query.query_words) / len(title) if title else MISSING,
        "family_vote": signals.votes.get(family, 0.0),
        "direct_vote": signals.direct_votes.get(family, 0.0),
        "carried_vote": signals.votes.get(family, 0.0) - signals.direct_votes.get(family, 0.0),
        "vote_rank": float(query.vote_rank.get(family, MISSING)),
        "family_neighbours": float(neighbours[0]) if neighbours else 0.0,
        "family_top_similarity": neighbours[1] if neighbours else 0.0,
        "family_similarity_sum": neighbours[3] if neighbours else 0.0,
        "family_first_neighbour": float(neighbours[2]) if neighbours else MISSING,
        "top_neighbour_family": float(query.top_family == family),
        "neighbour_families": float(len(query.neighbours)),
        "family_best_text": query.family_best_text.get(family, 0.0),
        "family_best_dense": query.family_best_dense.get(family, MISSING),
        "family_best_bm25": query.family_best_bm25.get(family, MISSING) / query.top_bm25
        if family in query.family_best_bm25
        else MISSING,
        "text_below_family_best": query.family_best_text.get(family, 0.0) - text,
        "family_candidates": float(query.family_size.get(family, 0)),
        "family_text_rank": float(query.family_text_rank.get(family, MISSING)),
        "fusion_score": candidate.score,
        "fusion_rank": float(query.fusion_rank[oid]),
        "fusion_family_rank": float(query.family_fusion_rank[family]),
        "instrument_fit": _or_missing(signals.routing.opportunity_fit(oid)),
        "routed": float(oid in query.routed),
        "mismatch": _code(mismatch.key, MISMATCHES) if mismatch else MISSING,
        "eligibility": _code(verdict.verdict, VERDICTS) if verdict else MISSING,
        "status": _code(opportunity_status(opportunity, signals.day), STATUSES),
        "scheme": _code(scheme_of(opportunity), SCHEMES),
        "researcher_scheme": float((call_family(oid) or "").startswith(RESEARCHER_FAMILIES)),
        "programme": _code(opportunity.programme, CORE_PROGRAMMES),
        "passages": float(context.passages.get(oid, 0)),
        "text_chars": math.log1p(context.text_chars.get(oid, 0)),
        "budget_max": math.log1p(opportunity.budget_max) if opportunity.budget_max else MISSING,
        "family_projects": math.log1p(funded["projects"]) if funded else 0.0,
        "family_alone_share": funded["alone"] if funded else MISSING,
        "family_sme_share": funded["sme"] if funded else MISSING,
        "family_partners": funded["partners"] if funded else MISSING,
        "partners_gap": math.log1p(profile.partners) - funded["partners"]
        if funded and profile.partners is not None
        else MISSING,
        "family_university_share": funded["university"] if funded else MISSING,
        "family_research_share": funded["research"] if funded else MISSING,
    }
    values.update(query.request)
    return [values[name] for name in FEATURE_NAMES]


def candidate_features(
    candidates: Sequence[Scored], signals: RankingSignals, context: FeatureContext
) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per candidate, in the candidates' order (NaN: not known)."""
    if not candidates:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float64)
    query = _Query(candidates, signals, context)
    return np.array([_row(c, signals, query, context) for c in candidates], dtype=np.float64)
