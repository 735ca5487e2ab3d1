"""Fitting the learned ranker: LightGBM lambdarank on the feature table (``evaluation.ranker_data``).

1. Fit on the projects started before the split date, stopping early on the later ones.
2. Choose the family diversity of the learned scores on the later ones (validation).
3. Report the validation figures of the learned ranker and of the hand-tuned fusion on the same
   queries (the fusion order is recomputed from the table's ``fusion_score`` column, exactly as
   ``Recommender.run`` orders it), on every validation query and on those outside the researcher
   schemes (ERC, MSCA: left out of the dev cases too).
4. Refit on every query with the number of rounds found in 1, and store the model.

Deterministic: fixed seed, ``deterministic=True``, fixed threads, row-wise histograms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from evaluation.metrics import family_metrics, first_rank
from evaluation.ranker_data import FeatureTable
from fundmatch.core.models import Opportunity
from fundmatch.core.settings import Settings
from fundmatch.retrieval.features import CATEGORICAL, FEATURE_NAMES, FEATURE_VERSION
from fundmatch.retrieval.learned import RankerMeta, positive_scores, ranker_dir, save_model
from fundmatch.retrieval.ranking import Scored, diversify

RESEARCHER_FAMILIES = ("ERC", "MSCA")
K = 10


@dataclass(frozen=True)
class TrainingConfig:
    """LightGBM settings and what is searched on the validation side."""

    learning_rate: float = 0.05
    num_leaves: int = 31
    min_data_in_leaf: int = 50
    feature_fraction: float = 0.8
    bagging_fraction: float = 0.8
    lambda_l2: float = 1.0
    max_rounds: int = 800
    early_stopping: int = 80
    seed: int = 16
    threads: int = 2
    diversities: tuple[float, ...] = (1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01)
    features: tuple[str, ...] = FEATURE_NAMES
    # Leave the researcher schemes' projects out of the fit (they still rank as candidates).
    without_researcher_projects: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        """The LightGBM parameters."""
        return {
            "objective": "lambdarank",
            "metric": "ndcg",
            "ndcg_eval_at": [1, 5, 10],
            "learning_rate": self.learning_rate,
            "num_leaves": self.num_leaves,
            "min_data_in_leaf": self.min_data_in_leaf,
            "feature_fraction": self.feature_fraction,
            "bagging_fraction": self.bagging_fraction,
            "bagging_freq": 1,
            "lambda_l2": self.lambda_l2,
            "seed": self.seed,
            "deterministic": True,
            "force_row_wise": True,
            "num_threads": self.threads,
            "verbosity": -1,
            **self.extra,
        }


def _columns(config: TrainingConfig) -> list[int]:
    return [FEATURE_NAMES.index(name) for name in config.features]


def _dataset(table: FeatureTable, config: TrainingConfig, reference: Any = None) -> Any:
    import lightgbm

    keep = table.sizes > 0
    rows = table.subset(list(keep))
    return lightgbm.Dataset(
        rows.features[:, _columns(config)],
        label=rows.labels,
        group=rows.sizes,
        feature_name=list(config.features),
        categorical_feature=[name for name in CATEGORICAL if name in config.features],
        reference=reference,
        free_raw_data=False,
        params={"verbosity": -1, "num_threads": config.threads},
    )


def _fit_rows(table: FeatureTable, config: TrainingConfig) -> FeatureTable:
    if not config.without_researcher_projects:
        return table
    return table.subset([not g.startswith(RESEARCHER_FAMILIES) for g in table.gold])


def fit(table: FeatureTable, config: TrainingConfig, rounds: int, valid: FeatureTable | None = None) -> Any:
    """A booster fitted on ``table``: ``rounds`` rounds, or early-stopped on ``valid`` when given."""
    import lightgbm

    train_set = _dataset(_fit_rows(table, config), config)
    callbacks = []
    valid_sets = []
    if valid is not None:
        valid_sets = [_dataset(valid, config, reference=train_set)]
        callbacks = [lightgbm.early_stopping(config.early_stopping, first_metric_only=False, verbose=False)]
    return lightgbm.train(
        config.params(), train_set, num_boost_round=rounds, valid_sets=valid_sets, callbacks=callbacks
    )


def predict(booster: Any, table: FeatureTable, config: TrainingConfig) -> np.ndarray:
    """The booster's raw score of every row."""
    if not len(table.features):
        return np.zeros(0)
    return np.asarray(booster.predict(table.features[:, _columns(config)], num_threads=config.threads))


def _stand_in(opportunity_id: str) -> Opportunity:
    return Opportunity(id=opportunity_id, programme="", kind="", title="", source="")


def family_ranks(
    table: FeatureTable, scores: np.ndarray, diversity: float, learned: bool
) -> list[int | None]:
    """Per query, the rank of the first candidate of its gold family in the top ``K``, ordered as
    the recommender orders them (``diversify``; learned scores made positive first)."""
    offsets = table.offsets
    ranks = []
    for query in range(len(table.query_ids)):
        start, end = offsets[query], offsets[query + 1]
        values = positive_scores(scores[start:end]) if learned else scores[start:end]
        candidates = [
            Scored(_stand_in(table.opportunities[row]), table.families[row], float(value))
            for row, value in zip(range(start, end), values, strict=True)
        ]
        ranked = [c.family for c in diversify(candidates, K, diversity)]
        ranks.append(first_rank(ranked, table.gold[query], K))
    return ranks


def figures(table: FeatureTable, scores: np.ndarray, diversity: float, learned: bool) -> dict[str, float]:
    """hit@1/5/10 and MRR@10 (by call family) of one ordering, rounded, with the query count."""
    metrics = family_metrics(family_ranks(table, scores, diversity, learned))
    return {key: round(value, 4) for key, value in metrics.items()} | {"queries": len(table.query_ids)}


def fusion_scores(table: FeatureTable) -> np.ndarray:
    """The hand-tuned fusion score of every row (a feature column)."""
    return table.features[:, FEATURE_NAMES.index("fusion_score")].astype(np.float64)


def choose_diversity(
    table: FeatureTable, scores: np.ndarray, diversities: Sequence[float]
) -> tuple[float, dict[float, dict[str, float]]]:
    """The diversity with the best MRR@10 (then hit@1) on ``table``, and every one's figures."""
    tried = {d: figures(table, scores, d, learned=True) for d in diversities}
    best = max(diversities, key=lambda d: (tried[d]["mrr@10"], tried[d]["hit@1"], d))
    return best, tried


@dataclass(frozen=True)
class Validation:
    """The time-split result: rounds, diversity, and the figures of both rankers."""

    rounds: int
    diversity: float
    report: dict[str, Any]


def validate(table: FeatureTable, config: TrainingConfig, fusion_diversity: float) -> Validation:
    """Fit on the train side, stop early and choose the diversity on the validation side."""
    train, valid = table.split("train"), table.split("validation")
    booster = fit(train, config, config.max_rounds, valid)
    rounds = max(int(booster.best_iteration or booster.current_iteration()), 1)
    scores = predict(booster, valid, config)
    diversity, tried = choose_diversity(valid, scores, config.diversities)
    report: dict[str, Any] = {
        "rounds": rounds,
        "diversity": diversity,
        "by_diversity": {str(d): f for d, f in tried.items()},
    }
    for name, keep in (
        ("all", [True] * len(valid.gold)),
        ("not_researcher", [not g.startswith(RESEARCHER_FAMILIES) for g in valid.gold]),
    ):
        subset, sub_scores = valid.subset(keep), _rows_of(valid, scores, keep)
        report[name] = {
            "learned": figures(subset, sub_scores, diversity, learned=True),
            "fusion": figures(subset, fusion_scores(subset), fusion_diversity, learned=False),
        }
    report["queries"] = {"train": len(train.query_ids), "validation": len(valid.query_ids)}
    return Validation(rounds, diversity, report)


def _rows_of(table: FeatureTable, scores: np.ndarray, keep: Sequence[bool]) -> np.ndarray:
    offsets = table.offsets
    parts = [scores[offsets[i] : offsets[i + 1]] for i, kept in enumerate(keep) if kept]
    return np.concatenate(parts) if parts else np.zeros(0)


def importances(booster: Any) -> dict[str, float]:
    """Each feature's share of the total split gain, largest first."""
    gains = booster.feature_importance(importance_type="gain")
    total = float(np.sum(gains)) or 1.0
    pairs = sorted(zip(booster.feature_name(), gains, strict=True), key=lambda p: -p[1])
    return {name: round(float(gain) / total, 4) for name, gain in pairs}


def train_and_save(
    table: FeatureTable, config: TrainingConfig, settings: Settings, identity: str
) -> RankerMeta:
    """Validate on the time split, refit on every query and store the model beside the index."""
    if config.features != FEATURE_NAMES:
        raise ValueError("a stored model uses every feature; subsets are for ablations")
    validation = validate(table, config, settings.family_diversity)
    booster = fit(table, config, validation.rounds)
    meta = RankerMeta(
        feature_names=list(FEATURE_NAMES),
        feature_version=FEATURE_VERSION,
        index_identity=identity,
        training_data=table.digest(),
        diversity=validation.diversity,
        rounds=validation.rounds,
        params=config.params() | {"without_researcher_projects": config.without_researcher_projects},
        trained=datetime.now(UTC).isoformat(timespec="seconds"),
        training_queries=len(table.query_ids),
        validation=validation.report,
        importances=importances(booster),
    )
    save_model(ranker_dir(settings), booster, meta)
    return meta


def describe(meta: RankerMeta, top: int = 15) -> str:
    """The validation figures and the largest feature importances, as plain lines."""
    lines = [
        f"trained on {meta.training_queries} queries; {meta.rounds} rounds; family diversity {meta.diversity}"
    ]
    for name in ("all", "not_researcher"):
        part = meta.validation.get(name, {})
        for ranker in ("learned", "fusion"):
            figures_ = part.get(ranker)
            if figures_:
                values = "  ".join(f"{k} {v:.3f}" for k, v in figures_.items() if k != "queries")
                lines.append(f"validation {name:15s} {ranker:8s} ({figures_['queries']} queries)  {values}")
    lines.append("feature importance (share of gain):")
    largest = sorted(meta.importances.items(), key=lambda item: -item[1])[:top]
    lines.extend(f"  {name:26s} {share:.3f}" for name, share in largest)
    return "\n".join(lines)
