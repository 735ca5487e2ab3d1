"""The learned ranker: a LightGBM lambdarank model over ``fundmatch.retrieval.features``, trained on
funded CORDIS projects (``fundmatch train-ranker``, ``evaluation.ranker_training``).

The model lives in ``<data_dir>/ranker/`` as LightGBM's text file beside a JSON file with its
feature list, feature version, the index it was trained on, a hash of its training data, the
family diversity it ranks with, and its validation figures. With ``ranker = "learned"``,
``load_ranker`` returns it, or None with a one-line notice (ranking falls back to fusion) when
there is no model or it is stale: another feature list or another index.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fundmatch.core.errors import SettingsError
from fundmatch.core.settings import Settings
from fundmatch.index.base import PassageIndex
from fundmatch.lang.i18n import N_, t
from fundmatch.retrieval.features import (
    FEATURE_NAMES,
    FEATURE_VERSION,
    FeatureContext,
    RankingSignals,
    candidate_features,
)
from fundmatch.retrieval.ranking import Scored, diversify

RANKERS = ("fusion", "learned")
MODEL_FILE = "model.txt"
META_FILE = "model.json"
MODEL_FORMAT = 1
TRAINED_LANGUAGE = "en"  # every training request is a funded project's English objective
PREDICT_THREADS = 1  # a query scores about a hundred candidates: threads cost more than they save


@dataclass(frozen=True)
class RankerMeta:
    """What a stored model was trained with and how it ranks."""

    feature_names: list[str]
    feature_version: int
    index_identity: str
    training_data: str  # hash of the feature table it was fitted on
    diversity: float  # family diversity decay applied to its scores
    rounds: int
    params: dict[str, Any]
    trained: str  # ISO timestamp
    training_queries: int = 0
    validation: dict[str, Any] = field(default_factory=dict)
    importances: dict[str, float] = field(default_factory=dict)
    format: int = MODEL_FORMAT

    def write(self, directory: Path) -> None:
        """Write ``model.json`` atomically."""
        _write_atomic(directory / META_FILE, json.dumps(asdict(self), indent=2, sort_keys=True))

    @classmethod
    def read(cls, directory: Path) -> RankerMeta:
        """Read ``model.json``; ValueError when it is unreadable or of another format."""
        try:
            data = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            if data.get("format") != MODEL_FORMAT:
                raise ValueError(f"format {data.get('format')}, expected {MODEL_FORMAT}")
            return cls(**data)
        except (OSError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(str(exc)) from None


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def ranker_dir(settings: Settings) -> Path:
    """Where the learned ranker and its feature tables live."""
    return settings.data_dir / "ranker"


def index_identity(index: PassageIndex, embedding_model: str) -> str:
    """A digest of what the features read from the index: its opportunities, passages (ids and
    lengths), funded projects (ids and families) and the embedding model."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{embedding_model}\n".encode())
    for opportunity in sorted(index.opportunities(), key=lambda o: o.id):
        digest.update(f"o{opportunity.id}|{opportunity.programme}|{opportunity.type_of_action}\n".encode())
    for passage in sorted(index.passages(), key=lambda p: p.id):
        digest.update(f"p{passage.id}|{passage.opportunity_id}|{len(passage.text)}\n".encode())
    for project in sorted(index.projects(), key=lambda p: p.id):
        digest.update(f"f{project.id}|{project.call_family}\n".encode())
    return digest.hexdigest()


def positive_scores(raw: np.ndarray) -> np.ndarray:
    """Model scores as positive numbers with the best at 1.0 (``diversify`` multiplies them)."""
    if raw.size == 0:
        return raw
    return np.exp(raw - raw.max())


class LearnedRanker:
    """Scores every candidate with the model, then orders them with the model's family diversity.

    The model learned from funded research and innovation projects, none of which asks for a loan
    or builds a commercial plant, each phrased in English: requests the router sends to an
    instrument-led instrument (``Routing.routed``: InvestEU, the Innovation Fund, ...) and requests
    searched in another language keep the fusion order, with ``fusion_diversity`` (measured: on the multilingual and instrument
    cases, mostly not English, the model ranked worse than fusion; docs/benchmarks/ranker.md).
    """

    def __init__(
        self, booster: Any, meta: RankerMeta, context: FeatureContext, fusion_diversity: float
    ) -> None:
        self._booster = booster
        self.meta = meta
        self._context = context
        self._fusion_diversity = fusion_diversity

    def scores(self, candidates: Sequence[Scored], signals: RankingSignals) -> np.ndarray:
        """The model's raw score of each candidate, in order."""
        features = candidate_features(candidates, signals, self._context)
        if not len(features):
            return np.zeros(0)
        return np.asarray(self._booster.predict(features, num_threads=PREDICT_THREADS), dtype=np.float64)

    def rank(self, candidates: Sequence[Scored], signals: RankingSignals, k: int) -> list[Scored]:
        """The ``k`` best candidates by the model, families diversified."""
        if signals.routing.routed() or signals.language != TRAINED_LANGUAGE:
            return diversify(candidates, k, self._fusion_diversity)
        scores = positive_scores(self.scores(candidates, signals))
        rescored = [
            Scored(c.opportunity, c.family, float(s)) for c, s in zip(candidates, scores, strict=True)
        ]
        return diversify(rescored, k, self.meta.diversity)


def save_model(directory: Path, booster: Any, meta: RankerMeta) -> None:
    """Store a trained booster and its meta data (the model first, so a reader never pairs a new
    meta file with an old model)."""
    directory.mkdir(parents=True, exist_ok=True)
    _write_atomic(directory / MODEL_FILE, booster.model_to_string())
    meta.write(directory)


@dataclass(frozen=True)
class RankerNotice:
    """Why the learned ranker asked for is not used (fusion ranks): a catalogue message and its
    values; ``reason``, when given, is itself a catalogue message."""

    message: str
    directory: str
    reason: str = ""
    detail: str = ""

    def text(self, language: str) -> str:
        """The one-line notice in ``language``."""
        reason = t(language, self.reason, detail=self.detail) if self.reason else ""
        return t(language, self.message, directory=self.directory, reason=reason)


NO_MODEL = N_("No learned ranker model in {directory}: ranking by fusion; run `fundmatch train-ranker`.")
STALE_MODEL = N_(
    "The learned ranker in {directory} is stale ({reason}): ranking by fusion; run `fundmatch train-ranker`."
)
UNREADABLE = N_("the model file cannot be read: {detail}")
OTHER_FEATURES = N_("its feature list differs from this version's")
OTHER_INDEX = N_("the index changed since it was trained")
BAD_DIVERSITY = N_("its family diversity {detail} is outside (0, 1]")


def stale_reason(meta: RankerMeta, identity: str) -> tuple[str, str] | None:
    """Why a stored model no longer fits the code or the index (a catalogue message and its detail),
    or None when it does."""
    if meta.feature_version != FEATURE_VERSION or list(meta.feature_names) != list(FEATURE_NAMES):
        return OTHER_FEATURES, ""
    if meta.index_identity != identity:
        return OTHER_INDEX, ""
    if not math.isfinite(meta.diversity) or not 0 < meta.diversity <= 1:
        return BAD_DIVERSITY, str(meta.diversity)
    return None


def load_ranker(settings: Settings, index: PassageIndex) -> tuple[LearnedRanker | None, RankerNotice | None]:
    """The learned ranker the settings ask for, or None and why (a one-line notice: fusion ranks)."""
    if settings.ranker not in RANKERS:
        raise SettingsError(f"setting 'ranker': {settings.ranker!r}; choose one of: {', '.join(RANKERS)}")
    if settings.ranker == "fusion":
        return None, None
    directory = ranker_dir(settings)
    if not (directory / MODEL_FILE).is_file() or not (directory / META_FILE).is_file():
        return None, RankerNotice(NO_MODEL, str(directory))
    try:
        meta = RankerMeta.read(directory)
    except ValueError as exc:
        return None, RankerNotice(STALE_MODEL, str(directory), UNREADABLE, str(exc))
    reason = stale_reason(meta, index_identity(index, settings.embedding_model))
    if reason:
        return None, RankerNotice(STALE_MODEL, str(directory), *reason)
    import lightgbm

    booster = lightgbm.Booster(model_file=str(directory / MODEL_FILE))
    return LearnedRanker(booster, meta, FeatureContext(index), settings.family_diversity), None
