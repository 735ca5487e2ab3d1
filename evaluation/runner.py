"""Run evaluation cases through the recommender and the baselines, and summarise the figures."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.baselines import Bm25Baseline, TfidfBaseline, opportunity_documents
from evaluation.cases import EvalCase
from evaluation.metrics import family_metrics, first_rank, latency_percentiles, matches_acceptable, overlap_at
from fundmatch.core.families import call_family
from fundmatch.core.models import Filters, Opportunity
from fundmatch.retrieval.features import CandidateRanker, RankingSignals
from fundmatch.retrieval.ranking import Scored, diversify
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender, opportunity_family
from fundmatch.retrieval.routing import CLUSTER_PROGRAMMES

Progress = Callable[[int, int], None]
Translate = Callable[[str], str | None]


@dataclass(frozen=True)
class CaseResult:
    """What the recommender returned for one case and whether it was right."""

    case: EvalCase
    ranked_ids: tuple[str, ...]
    ranked_families: tuple[str, ...]
    family_rank: int | None
    programme_right: bool | None
    acceptable_right: bool | None
    seconds: float
    relevance: float
    instrument_right: bool | None = None  # the first result belongs to the gold instrument
    cluster_first: bool | None = None  # a cluster case: the first result is a cluster programme's
    instruments: tuple[tuple[str, ...], ...] = ()  # the instruments of each ranked opportunity

    @property
    def blocked(self) -> bool:
        """True when the recommender said nothing fits."""
        return not self.ranked_ids


@dataclass
class EvalReport:
    """Summary figures (the ``--json`` output), the per-family table and every case's result."""

    summary: dict[str, Any]
    per_family: dict[str, dict[str, float]]
    results: list[CaseResult]
    overlaps: dict[str, int] = field(default_factory=dict)  # translations vs their English case
    paraphrase_overlaps: dict[str, int] = field(default_factory=dict)  # second English wordings
    programmes: tuple[str, ...] = ()  # the programmes ranked; empty = every programme in the index
    # With a learned ranker: the hand-tuned fusion's figures and per-family table in the same run.
    fusion: dict[str, Any] = field(default_factory=dict)
    fusion_per_family: dict[str, dict[str, float]] = field(default_factory=dict)


class FusionShadow:
    """Wraps the recommender's ranker for one evaluation: ranks as it does, and keeps the fusion
    order of the same candidates (``Recommender.run`` without a ranker) for the comparison."""

    def __init__(self, ranker: CandidateRanker, diversity: float) -> None:
        self._ranker = ranker
        self._diversity = diversity
        self.last: list[Scored] = []

    def rank(self, candidates: Sequence[Scored], signals: RankingSignals, k: int) -> list[Scored]:
        """The wrapped ranker's order; the fusion order is kept in ``last``."""
        self.last = diversify(candidates, k, self._diversity)
        return self._ranker.rank(candidates, signals, k)


Ranked = Sequence[tuple[Opportunity, str]]  # opportunities with their call families, best first


def _result(
    case: EvalCase, ranked: Ranked, k: int, seconds: float, relevance: float, recommender: Recommender
) -> CaseResult:
    ids = tuple(o.id for o, _ in ranked)
    families = tuple(f for _, f in ranked)
    family_rank = first_rank(families, case.gold_family, k) if case.gold_family else None
    catalogue = recommender.router.catalogue
    instruments = tuple(catalogue.instruments_of(o) for o, _ in ranked)
    programme_right = acceptable_right = instrument_right = cluster_first = None
    if case.gold_programme:
        if case.expects_nothing:
            programme_right = acceptable_right = not ranked
        else:
            programme_right = bool(ranked) and ranked[0][0].programme.lower() == case.gold_programme.lower()
            acceptable_right = any(
                matches_acceptable(o.id, f, o.source, case.acceptable) or bool(set(case.acceptable) & set(of))
                for (o, f), of in zip(ranked[:5], instruments[:5], strict=True)
            )
    if case.gold_instrument and not case.expects_nothing:
        instrument_right = bool(ranked) and case.gold_instrument in instruments[0]
    if case.kind == "cluster":
        cluster_first = bool(ranked) and ranked[0][0].programme in CLUSTER_PROGRAMMES
    return CaseResult(
        case,
        ids,
        families,
        family_rank,
        programme_right,
        acceptable_right,
        seconds,
        relevance,
        instrument_right,
        cluster_first,
        instruments,
    )


def _judge(
    case: EvalCase,
    recommender: Recommender,
    k: int,
    translate: Translate | None,
    filters: Filters,
    shadow: FusionShadow | None = None,
) -> tuple[CaseResult, CaseResult | None]:
    """The case's result, and with a ``shadow`` the fusion's result on the same run."""
    start = time.perf_counter()
    translation = translate(case.query) if translate else None
    if shadow:
        shadow.last = []
    # Leave-one-out: a dev case is a funded project, so its own CORDIS record must not vote.
    run = recommender.run(
        case.query,
        profile=case.profile or None,
        filters=filters,
        k=k,
        exclude_project_ids=(case.id,),
        translation=translation,
    )
    seconds = time.perf_counter() - start
    ranked = [(r.opportunity, opportunity_family(r.opportunity)) for r in run.recommendations]
    result = _result(case, ranked, k, seconds, run.relevance, recommender)
    if shadow is None:
        return result, None
    fusion = [(s.opportunity, s.family) for s in shadow.last] if ranked else []
    return result, _result(case, fusion, k, seconds, run.relevance, recommender)


def _baselines(recommender: Recommender, cases: Sequence[EvalCase], k: int) -> dict[str, dict[str, float]]:
    opportunities = list(recommender.index.opportunities())
    documents = opportunity_documents(opportunities, recommender.index.passages())
    ids = [o.id for o in opportunities]
    family_of = {o.id: call_family(o.id) or o.id for o in opportunities}
    figures = {}
    for baseline in (TfidfBaseline(ids, documents), Bm25Baseline(ids, documents)):
        ranks = [
            first_rank([family_of[i] for i in baseline.rank(case.query, k)], case.gold_family, k)
            for case in cases
            if case.gold_family
        ]
        metrics = family_metrics(ranks)
        figures[baseline.name] = {"hit@5": round(metrics["hit@5"], 4), "mrr@10": round(metrics["mrr@10"], 4)}
    return figures


def _overlaps(
    results: Sequence[CaseResult], ranked: Callable[[CaseResult], Sequence[str]], paraphrases: bool = False
) -> dict[str, int]:
    """Per case of a multilingual group: how many of its top 5 the group's English case shares,
    comparing what ``ranked`` picks from each result (opportunity ids or call families).

    Translations are compared by default; with ``paraphrases``, the second English wordings.
    """
    english = {
        r.case.group: r
        for r in results
        if r.case.group and (r.case.language or "en") == "en" and not r.case.paraphrase
    }
    overlaps = {}
    for result in results:
        reference = english.get(result.case.group)
        if reference is None or result is reference or result.case.paraphrase != paraphrases:
            continue
        overlaps[result.case.id] = overlap_at(ranked(reference), ranked(result), 5)
    return overlaps


def _share(flags: Sequence[bool | None]) -> float | None:
    values = [bool(f) for f in flags if f is not None]
    return round(sum(values) / len(values), 4) if values else None


def _instrument_figures(results: Sequence[CaseResult]) -> dict[str, Any]:
    """instrument@1, the cluster-first share, and per language the false blocks (a positive
    routing case got "nothing fits") and the misses (a case that expects nothing got a list)."""
    figures: dict[str, Any] = {}
    instrument = _share([r.instrument_right for r in results])
    if instrument is not None:
        figures["instrument@1"] = instrument
    cluster = _share([r.cluster_first for r in results])
    if cluster is not None:
        figures["cluster_first"] = cluster
    routing = [r for r in results if r.case.gold_programme]
    if routing:
        guard: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for result in routing:
            counts = guard[result.case.language or "?"]
            if result.case.expects_nothing:
                counts["nonfundable"] += 1
                counts["misses"] += not result.blocked
            else:
                counts["positive"] += 1
                counts["false_blocks"] += result.blocked
        figures["false_blocks"] = sum(c["false_blocks"] for c in guard.values())
        figures["misses"] = sum(c["misses"] for c in guard.values())
        figures["guard_by_language"] = {
            language: {key: counts[key] for key in ("positive", "false_blocks", "nonfundable", "misses")}
            for language, counts in sorted(guard.items())
        }
    return figures


def _mean(values: dict[str, int]) -> float:
    return round(sum(values.values()) / len(values), 3)


def run_evaluation(
    recommender: Recommender,
    cases: Sequence[EvalCase],
    k: int = 10,
    progress: Progress | None = None,
    baselines: bool = True,
    translate: Translate | None = None,
    filters: Filters = ALL_STATUSES,
) -> EvalReport:
    """Every case through the recommender (leave-one-out), plus baselines where they apply.

    ``filters`` default to every status of the core programmes (``fundmatch.retrieval.recommend.EVERYTHING``
    ranks every programme too); ``translate`` (an LLM query translator's ``run``) is timed with the
    case it translates. With a learned ranker, the report also holds the fusion's figures on the
    same runs (``fusion``, ``fusion_per_family``).
    """
    saved_ranker = recommender.ranker
    shadow = FusionShadow(saved_ranker, recommender.settings.family_diversity) if saved_ranker else None
    if shadow:
        recommender.ranker = shadow
    results, fusion_results = [], []
    try:
        for number, case in enumerate(cases, start=1):
            result, fusion = _judge(case, recommender, k, translate, filters, shadow)
            results.append(result)
            if fusion:
                fusion_results.append(fusion)
            if progress:
                progress(number, len(cases))
    finally:
        recommender.ranker = saved_ranker
    summary, table = _quality(results)
    summary.update(latency_percentiles([r.seconds for r in results]))
    if baselines and any(r.case.gold_family for r in results):
        summary["baselines"] = _baselines(recommender, cases, k)
    overlaps = _overlaps(results, lambda result: result.ranked_ids)
    if overlaps:
        summary["overlap@5"] = _mean(overlaps)
        summary["family_overlap@5"] = _mean(_overlaps(results, lambda result: result.ranked_families))
    paraphrase_overlaps = _overlaps(results, lambda result: result.ranked_ids, paraphrases=True)
    if paraphrase_overlaps:
        summary["paraphrase_overlap@5"] = _mean(paraphrase_overlaps)
        summary["paraphrase_family_overlap@5"] = _mean(
            _overlaps(results, lambda result: result.ranked_families, paraphrases=True)
        )
    report = EvalReport(summary, table, results, overlaps, paraphrase_overlaps, filters.programmes)
    if fusion_results:
        report.fusion, report.fusion_per_family = _quality(fusion_results)
    return report


def _quality(results: Sequence[CaseResult]) -> tuple[dict[str, Any], dict[str, dict[str, float]]]:
    """hit@k and MRR by call family, programme@1, acceptable@5 and the instrument figures, and the
    per-family table."""
    summary: dict[str, Any] = {}
    dev = [r for r in results if r.case.gold_family]
    if dev:
        summary.update(
            {key: round(value, 4) for key, value in family_metrics([r.family_rank for r in dev]).items()}
        )
    routing = [r for r in results if r.case.gold_programme]
    if routing:
        summary["programme@1"] = round(sum(bool(r.programme_right) for r in routing) / len(routing), 4)
        summary["acceptable@5"] = round(sum(bool(r.acceptable_right) for r in routing) / len(routing), 4)
    summary.update(_instrument_figures(results))
    per_family: dict[str, list[int | None]] = defaultdict(list)
    for result in dev:
        per_family[result.case.gold_family or ""].append(result.family_rank)
    table = {
        family: family_metrics(ranks) | {"cases": len(ranks)} for family, ranks in sorted(per_family.items())
    }
    return summary, table
