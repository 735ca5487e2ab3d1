"""The recommender: hybrid passage retrieval + similar funded projects + eligibility, one entry point.

``recommend(text)`` returns a ranked list of ``Recommendation``. When nothing fits (the request
is no closer to the corpus than to what EU programmes never fund; see ``fundmatch.retrieval.relevance``),
the list is empty: the caller should say that nothing fits rather than show weak matches.
A request that names a real instrument need (a loan, a guarantee, equity, a premium, advice) is
exempt, unless what it asks for is a private need (``fundmatch.retrieval.routing``): InvestEU's SME
window serves any sector through banks, so such requests are routed there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from fundmatch.core.errors import QueryError
from fundmatch.core.families import call_family
from fundmatch.core.models import (
    CORE_PROGRAMMES,
    INNOVATION_FUND,
    INVESTEU,
    Eligibility,
    Evidence,
    Filters,
    Opportunity,
    Passage,
    Profile,
    ReasonCode,
    Recommendation,
    SimilarProject,
)
from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import Embedder
from fundmatch.index.base import PassageIndex
from fundmatch.lang.i18n import N_
from fundmatch.retrieval.call_gap import CallGap, call_gap
from fundmatch.retrieval.eligibility import assess_eligibility
from fundmatch.retrieval.features import CandidateRanker, RankingSignals
from fundmatch.retrieval.hybrid import HybridRetriever
from fundmatch.retrieval.profile import MAX_QUERY_CHARS, check_query, extract_profile, merge_profile
from fundmatch.retrieval.ranking import NOT_ELIGIBLE_FACTOR, Scored, diversify, passes_filters
from fundmatch.retrieval.readable import is_readable
from fundmatch.retrieval.relevance import RelevanceGuard, guard_threshold
from fundmatch.retrieval.routing import (
    MISMATCH_FACTOR,
    InstrumentRouter,
    Routing,
    neutral_routing,
    route_code,
)
from fundmatch.retrieval.similar import (
    SimilarProjectModel,
    combine_votes,
    dense_project_neighbours,
    family_votes,
    project_vote_shares,
)
from fundmatch.retrieval.status import opportunity_status, status_date
from fundmatch.retrieval.succession import VoteCarrier, opportunity_texts

if TYPE_CHECKING:
    from fundmatch.retrieval.learned import RankerNotice

NEIGHBOURS = 30
VOTED_FAMILIES = 8
ROUTING_WEIGHT = 1.5
PASSING_MEMO_SIZE = 8
DENSE_VOTE_POWER = 1.0  # dense neighbours' scores are rank weights, not similarities
EVIDENCE_SHOWN = 2
SIMILAR_SHOWN = 3
ALL_STATUSES = Filters(statuses=())
EVERYTHING = Filters(programmes=(), statuses=())


@dataclass(frozen=True)
class RecommendationRun:
    """Everything one recommend call produced: the profile used, the list, why it may be empty, and
    the English translation searched instead of the text (None when the text was searched)."""

    profile: Profile
    recommendations: list[Recommendation]
    similar_projects: list[SimilarProject]
    relevance: float
    nothing_fits: bool
    translation: str | None = None
    routing: Routing | None = None
    # Keyword-only answer (the dense side was still being embedded): the share of passages embedded then.
    semantic_progress: float | None = None
    cut: bool = False  # the text was longer than MAX_QUERY_CHARS; only its start was read


def opportunity_family(opportunity: Opportunity) -> str:
    """The call family used for voting and diversity; the opportunity id when it has none."""
    return call_family(opportunity.id) or opportunity.id


class Recommender:
    """Holds the index, the embedder and the similar-project model; ``run`` answers one description.

    ``ranker`` (``fundmatch.retrieval.learned``) orders the candidates instead of the hand-tuned fusion.
    """

    def __init__(
        self,
        index: PassageIndex,
        embedder: Embedder | None,
        similar: SimilarProjectModel,
        settings: Settings,
        carrier: VoteCarrier | None = None,
        ranker: CandidateRanker | None = None,
    ) -> None:
        """``embedder`` None: keyword-only (no dense search, no relevance guard, no dense project
        votes); ``carrier``: a precomputed ``VoteCarrier`` (built here when None)."""
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.similar = similar
        self.ranker = ranker
        self.ranker_notice: RankerNotice | None = None  # why a learned ranker asked for is not used
        self.keyword_only = embedder is None
        self._retriever = HybridRetriever(index, embedder, settings)
        self._guard = RelevanceGuard(embedder, guard_threshold(settings)) if embedder is not None else None
        self._router = (
            InstrumentRouter(embedder, index.opportunities(), cache_dir=settings.data_dir / "cache")
            if embedder is not None
            else None
        )
        self._passages_of: dict[str, list[str]] = defaultdict(list)
        for passage in index.passages():
            if passage.opportunity_id:
                self._passages_of[passage.opportunity_id].append(passage.id)
        self._by_family: dict[str, list[Opportunity]] = defaultdict(list)
        self._family_of: dict[str, str] = {}
        for opportunity in index.opportunities():
            self._family_of[opportunity.id] = opportunity_family(opportunity)
            self._by_family[self._family_of[opportunity.id]].append(opportunity)
        self._passing_memo: dict[tuple[Filters, date], dict[str, str]] = {}
        self._programmes = sorted({o.programme for o in index.opportunities()})
        self._carrier = carrier or VoteCarrier(
            similar,
            opportunity_texts(
                {o.id: o.title for o in index.opportunities()},
                [(p.opportunity_id, p.text) for p in index.passages() if p.opportunity_id],
            ),
            settings.carry_over_votes,
        )

    @property
    def router(self) -> InstrumentRouter:
        """The instrument model (catalogue, request reader) this recommender routes with."""
        return self._router

    def programmes(self) -> list[str]:
        """The programmes of the indexed opportunities, by name, sorted."""
        return list(self._programmes)

    def passages_of(self, opportunity_id: str) -> list[Passage]:
        """Every passage of one opportunity, in document order (for follow-up questions)."""
        return [self.index.passage(pid) for pid in self._passages_of.get(opportunity_id, [])]

    def run(
        self,
        text: str,
        profile: Profile | Mapping[str, Any] | None = None,
        filters: Filters | None = None,
        k: int = 10,
        as_of: date | None = None,
        exclude_project_ids: Collection[str] = (),
        translation: str | None = None,
        language: str | None = None,
    ) -> RecommendationRun:
        """Rank opportunities for a project description.

        ``profile`` overrides what is read from the text; ``filters`` default to open and
        forthcoming opportunities of the core programmes; ``exclude_project_ids`` leaves funded
        projects out of the similar-project signal (evaluation on funded projects must exclude the
        project itself).
        ``translation`` is an English translation of a non-English ``text``
        (``fundmatch.llm.translate``): retrieval searches it, the profile is still read from ``text``.
        ``language`` is the language of ``text`` when the caller has detected it (a ``Profile`` given
        as ``profile`` carries it too); otherwise it is detected here.
        """
        cut = len((text or "").strip()) > MAX_QUERY_CHARS
        text = check_query(text)
        known = language or (profile.language if isinstance(profile, Profile) else None)
        used_profile = merge_profile(extract_profile(text, known), profile)
        if not is_readable(text, used_profile.language, self.index):
            raise QueryError(
                N_(
                    "None of the words of this description occurs in the programme texts; describe your "
                    "project in a sentence or more, in English, German, French, Italian, Spanish or Polish."
                )
            )
        filters = filters or Filters()
        day = status_date(as_of, self.settings)
        search_text = translation or text
        search_language = "en" if translation else used_profile.language
        hybrid = self._retriever.run(search_text, search_language)
        neighbours = self.similar.search(hybrid.keyword_text, NEIGHBOURS, exclude_project_ids)
        progress = self._semantic_progress()
        if self._guard is None or self._router is None or hybrid.query_vector is None:
            relevance = float("nan")  # no query vector: the guard cannot tell, the answer says keyword match
            routing = neutral_routing(used_profile)
            dense_neighbours = []
        else:
            routing = self._router.route(text, hybrid.query_vector, used_profile, filters.programmes)
            relevance = self._guard.relevance(hybrid.top_dense_similarity, hybrid.query_vector)
            if routing.facts.private_need or (self._guard.blocks(relevance) and not routing.real_need()):
                return RecommendationRun(
                    used_profile, [], neighbours, relevance, True, translation, routing, cut=cut
                )
            dense_neighbours = dense_project_neighbours(
                self.index, hybrid.query_vector, NEIGHBOURS, exclude_project_ids
            )
        widened = routing.cluster_opportunities() if _default_scope(filters) else set()
        direct_votes = self._votes(neighbours, dense_neighbours, search_language)
        # The voters whose shares ``_votes`` counted: the dense neighbours alone for another language.
        if search_language != "en" and dense_neighbours:
            voters, shares = dense_neighbours, project_vote_shares(dense_neighbours, power=DENSE_VOTE_POWER)
        else:
            voters, shares = neighbours, project_vote_shares(neighbours)
        votes, moved = self._carrier.carry_over(direct_votes, voters, shares, self._passing(filters, day))
        text_scores = {m.opportunity_id: m for m in hybrid.matches}
        candidates = set(text_scores)
        for family in sorted(votes, key=lambda f: (-votes[f], f))[:VOTED_FAMILIES]:
            candidates.update(o.id for o in self._by_family.get(family, []))
        candidates.update(routing.routed_opportunities())

        scored: list[Scored] = []
        eligibility: dict[str, Eligibility] = {}
        mismatches: dict[str, ReasonCode | None] = {}
        for opportunity_id in candidates:
            opportunity = self.index.opportunity(opportunity_id)
            status = opportunity_status(opportunity, day)
            scope = _any_programme(filters) if opportunity_id in widened else filters
            if not passes_filters(opportunity, status, scope, day):
                continue
            family = opportunity_family(opportunity)
            match = text_scores.get(opportunity_id)
            score = (match.score if match else 0.0) + self.settings.similar_projects_weight * votes.get(
                family, 0.0
            )
            mismatches[opportunity_id] = routing.mismatch(opportunity)
            if mismatches[opportunity_id]:
                score *= MISMATCH_FACTOR
            score += ROUTING_WEIGHT * routing.route_bonus(opportunity_id)
            verdict = assess_eligibility(opportunity, used_profile, self._topic_text(opportunity_id, match))
            eligibility[opportunity_id] = verdict
            if verdict.verdict == "not eligible":
                score *= NOT_ELIGIBLE_FACTOR
            scored.append(Scored(opportunity, family, score))

        if self.ranker is None or self.keyword_only:  # the model learned from hybrid runs
            ranked = diversify(scored, k, self.settings.family_diversity)
        else:
            signals = RankingSignals(
                search_text,
                hybrid,
                direct_votes,
                votes,
                neighbours,
                used_profile,
                routing,
                eligibility,
                mismatches,
                day,
                search_language,
            )
            ranked = self.ranker.rank(scored, signals, k)
        routed_if = INNOVATION_FUND in routing.routed_programmes
        gap = call_gap(self.index.opportunities(), INNOVATION_FUND, day) if routed_if else None
        facts = _RunFacts(text_scores, neighbours, routing, day, moved, gap, progress)
        recommendations = [
            self._recommendation(
                item, eligibility[item.opportunity.id], mismatches[item.opportunity.id], facts
            )
            for item in ranked
        ]
        return RecommendationRun(
            used_profile, recommendations, neighbours, relevance, False, translation, routing, progress, cut
        )

    def _semantic_progress(self) -> float | None:
        """None for a hybrid answer; for a keyword-only one, the share of passages embedded so far."""
        if not self.keyword_only:
            return None
        read = getattr(self.index, "dense_progress", None)
        return float(read()) if read is not None else 0.0

    def _passing(self, filters: Filters, day: date) -> dict[str, str]:
        """The opportunities that pass ``filters`` on ``day``, with their families (memoised: the
        app asks with the same filters and day query after query)."""
        key = (filters, day)
        if key not in self._passing_memo:
            if len(self._passing_memo) >= PASSING_MEMO_SIZE:
                self._passing_memo.clear()
            self._passing_memo[key] = {
                o.id: self._family_of[o.id]
                for o in self.index.opportunities()
                if passes_filters(o, opportunity_status(o, day), filters, day)
            }
        return self._passing_memo[key]

    @staticmethod
    def _votes(
        neighbours: Sequence[SimilarProject], dense_neighbours: Sequence[SimilarProject], language: str
    ) -> dict[str, float]:
        """Family votes of the TF-IDF and the dense project neighbours, averaged.

        Funded projects are written in English, so for another language the TF-IDF neighbours
        (found through the text and its glossary terms) are less reliable than the dense neighbours, which
        vote alone when the index has project vectors.
        """
        lexical, dense = family_votes(neighbours), family_votes(dense_neighbours, power=DENSE_VOTE_POWER)
        if language != "en" and dense:
            return dense
        return combine_votes([lexical, dense])

    def _topic_text(self, opportunity_id: str, match: Any) -> str:
        ids = match.passage_ids if match else self._passages_of.get(opportunity_id, [])[:EVIDENCE_SHOWN]
        return "\n".join(self.index.passage(pid).text for pid in ids)

    def _recommendation(
        self, item: Scored, eligibility: Eligibility, mismatch: ReasonCode | None, facts: _RunFacts
    ) -> Recommendation:
        opportunity = item.opportunity
        match = facts.text_scores.get(opportunity.id)
        passage_ids = match.passage_ids if match else tuple(self._passages_of.get(opportunity.id, []))
        evidence = tuple(
            Evidence.from_passage(self.index.passage(pid)) for pid in passage_ids[:EVIDENCE_SHOWN]
        )
        similar = tuple(p for p in facts.neighbours if p.call_family == item.family)[:SIMILAR_SHOWN]
        earlier = not similar
        if earlier:
            similar = tuple(p for p in facts.neighbours if facts.moved.get(p.id) == item.family)[
                :SIMILAR_SHOWN
            ]
        why = _why(opportunity, facts, bool(match), similar, mismatch, earlier)
        return Recommendation(
            opportunity=opportunity,
            score=round(item.score, 4),
            status=opportunity_status(opportunity, facts.day),
            eligibility=eligibility,
            evidence=evidence,
            similar_projects=similar,
            why_codes=why,
            semantic_progress=facts.semantic_progress,
        )


def _default_scope(filters: Filters) -> bool:
    """True when the programme filter is the default one (the core programmes)."""
    return tuple(filters.programmes) == CORE_PROGRAMMES


def _any_programme(filters: Filters) -> Filters:
    """``filters`` without the programme restriction (for the cluster programmes joining the scope)."""
    return replace(filters, programmes=())


@dataclass(frozen=True)
class _RunFacts:
    """What every recommendation of one run is explained from."""

    text_scores: Mapping[str, Any]
    neighbours: Sequence[SimilarProject]
    routing: Routing
    day: date
    moved: Mapping[str, str]  # project id -> the current family its vote was carried to
    gap: CallGap | None  # the Innovation Fund between two calls, for a plant that belongs there
    semantic_progress: float | None = None  # keyword-only run: share of passages embedded


def _why(
    opportunity: Opportunity,
    facts: _RunFacts,
    text_match: bool,
    similar: Sequence[SimilarProject],
    mismatch: ReasonCode | None,
    earlier: bool = False,
) -> tuple[ReasonCode, ...]:
    """Why the opportunity is on the list, as keys and values (phrased by fundmatch/chat/reasons.py);
    ``earlier``: the similar projects were funded under a family with no current call."""
    routing = facts.routing
    codes = []
    if text_match:
        codes.append(ReasonCode("text_match"))
    if similar:
        names = ", ".join(p.acronym or p.id for p in similar)
        key = "similar_funded_earlier" if earlier else "similar_funded"
        codes.append(ReasonCode(key, (("family", str(similar[0].call_family)), ("names", names))))
    fit = routing.fit_code(opportunity.id)
    if fit:
        codes.append(fit)
    if facts.gap and opportunity.programme == INNOVATION_FUND:
        codes.append(facts.gap.reason())
    if fit or opportunity.programme == INVESTEU or routing.facts.wants_finance:
        codes.append(route_code(opportunity, routing))
    if mismatch:
        codes.append(mismatch)
    return tuple(codes)
