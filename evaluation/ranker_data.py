"""Training data for the learned ranker: funded CORDIS projects as requests, and the features of
every candidate the recommender considers for them.

Which projects: those whose call family has an opportunity of the core programmes in the index
(every status: the dev cases are scored the same way), none that an evaluation case file names,
at most ``per_family`` per family (chosen by a seeded hash of the id, so the set is the same on
every run), split in time: started before ``split_date`` -> "train", from then on -> "validation".
Each request is run through the recommender leave-one-out (its own project does not vote; the
family statistics count every project, see ``features.family_statistics``) with a
``FeatureRecorder`` in the ranker seam.

Each request's candidates are cached in SQLite under the data directory, keyed by the request and
everything the features depend on, so an interrupted build resumes and a second training run
reads the table back in seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from evaluation.project_queries import ProjectRequest, project_request
from fundmatch.core.errors import QueryError
from fundmatch.core.models import CORE_PROGRAMMES, FundedProject
from fundmatch.core.settings import Settings
from fundmatch.retrieval.features import (
    FEATURE_NAMES,
    FEATURE_VERSION,
    FeatureContext,
    RankingSignals,
    candidate_features,
)
from fundmatch.retrieval.ranking import Scored, diversify
from fundmatch.retrieval.recommend import ALL_STATUSES, Recommender, opportunity_family

PROGRESS_EVERY = 25  # queries between a commit and a progress line
# The settings the candidates and their features depend on (part of the cache key).
RANKING_SETTINGS = (
    "embedding_model",
    "query_max_tokens",
    "fusion",
    "rrf_k",
    "dense_weight",
    "bm25_weight",
    "similar_projects_weight",
    "family_diversity",
    "carry_over_votes",
    "candidate_passages",
    "min_relevance",
    "as_of",
)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainingQuery:
    """A funded project as a training request, with its start date and its side of the time split."""

    request: ProjectRequest
    start: date | None
    split: str  # "train" or "validation"


def case_ids(paths: Iterable[Path]) -> set[str]:
    """Every case id of these JSON-lines case files (dev cases are named by their CORDIS project id)."""
    ids = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(str(json.loads(line).get("id", "")))
    return ids


def _order_key(project_id: str, seed: int) -> str:
    return hashlib.blake2b(f"{seed}:{project_id}".encode(), digest_size=8).hexdigest()


def select_queries(
    projects: Sequence[FundedProject],
    families: Collection[str],
    excluded: Collection[str],
    split_date: date,
    per_family: int,
    seed: int = 0,
) -> list[TrainingQuery]:
    """The training requests: projects of ``families`` not in ``excluded``, ``per_family`` at most
    per family and side of the split, sorted by id."""
    by_family: dict[tuple[str, str], list[FundedProject]] = defaultdict(list)
    for project in projects:
        if project.id in excluded or project.call_family not in families or not project.objective.strip():
            continue
        split = "train" if project.start_date is None or project.start_date < split_date else "validation"
        by_family[(project.call_family, split)].append(project)
    chosen = []
    for (family, split), members in by_family.items():
        members.sort(key=lambda p: _order_key(p.id, seed))
        chosen.extend(
            TrainingQuery(project_request(p, family), p.start_date, split) for p in members[:per_family]
        )
    return sorted(chosen, key=lambda q: q.request.project_id)


def index_families(recommender: Recommender) -> set[str]:
    """The call families with an opportunity of the core programmes in the index."""
    return {
        opportunity_family(o) for o in recommender.index.opportunities() if o.programme in CORE_PROGRAMMES
    }


class FeatureRecorder:
    """A ranker for the seam that keeps the candidates and their features of the last run (sorted by
    opportunity id, so the table does not depend on set order) and ranks by fusion."""

    def __init__(self, context: FeatureContext, diversity: float) -> None:
        self._context = context
        self._diversity = diversity
        self.last: tuple[list[Scored], np.ndarray] | None = None

    def rank(self, candidates: Sequence[Scored], signals: RankingSignals, k: int) -> list[Scored]:
        """Record, then the fusion order."""
        ordered = sorted(candidates, key=lambda c: c.opportunity.id)
        self.last = (ordered, candidate_features(ordered, signals, self._context))
        return diversify(candidates, k, self._diversity)


@dataclass
class FeatureTable:
    """Candidate rows of many queries: features, 0/1 labels (the gold family), each row's
    opportunity and family, and per query its project id, split, gold family and number of rows."""

    features: np.ndarray  # float32, rows x FEATURE_NAMES
    labels: np.ndarray  # int8, per row
    opportunities: list[str]  # per row
    families: list[str]  # per row
    query_ids: list[str]  # per query
    splits: list[str]  # per query
    gold: list[str]  # per query
    sizes: np.ndarray  # int32, rows per query

    @property
    def offsets(self) -> np.ndarray:
        """Row offset of each query, and the end (one more entry than queries)."""
        return np.concatenate([[0], np.cumsum(self.sizes)]).astype(np.int64)

    def subset(self, keep: Sequence[bool]) -> FeatureTable:
        """The queries where ``keep`` is true."""
        offsets = self.offsets
        chosen = [i for i, kept in enumerate(keep) if kept]
        rows = np.concatenate(
            [np.arange(offsets[i], offsets[i + 1]) for i in chosen] + [np.zeros(0, np.int64)]
        )
        return FeatureTable(
            self.features[rows],
            self.labels[rows],
            [self.opportunities[r] for r in rows],
            [self.families[r] for r in rows],
            [self.query_ids[i] for i in chosen],
            [self.splits[i] for i in chosen],
            [self.gold[i] for i in chosen],
            self.sizes[chosen],
        )

    def split(self, name: str) -> FeatureTable:
        """The queries of one side of the time split."""
        return self.subset([s == name for s in self.splits])

    def digest(self) -> str:
        """A hash of the table's content (the model stores it as its training data)."""
        digest = hashlib.blake2b(digest_size=12)
        for array in (self.features, self.labels, self.sizes):
            digest.update(np.ascontiguousarray(array).tobytes())
        digest.update(json.dumps(self._strings(), sort_keys=True).encode())
        return digest.hexdigest()

    def _strings(self) -> dict[str, list[str]]:
        return {
            "opportunities": self.opportunities,
            "families": self.families,
            "query_ids": self.query_ids,
            "splits": self.splits,
            "gold": self.gold,
        }

    @classmethod
    def concatenate(cls, tables: Sequence[FeatureTable]) -> FeatureTable:
        """One table of several, in order."""
        empty = cls.empty()
        tables = [empty, *tables]
        lists = {name: [v for t in tables for v in t._strings()[name]] for name in empty._strings()}
        return cls(
            features=np.concatenate([t.features for t in tables]),
            labels=np.concatenate([t.labels for t in tables]),
            sizes=np.concatenate([t.sizes for t in tables]),
            **lists,
        )

    @classmethod
    def empty(cls) -> FeatureTable:
        """A table with no query."""
        return cls(
            np.zeros((0, len(FEATURE_NAMES)), np.float32), np.zeros(0, np.int8), [], [], [], [], [],
            np.zeros(0, np.int32),
        )  # fmt: skip


Candidates = tuple[np.ndarray, list[str], list[str]]  # feature rows, opportunity ids, families


def _candidates(recommender: Recommender, recorder: FeatureRecorder, request: ProjectRequest) -> Candidates:
    """One request run leave-one-out over every status; its candidates' features, ids and families."""
    recorder.last = None
    with contextlib.suppress(QueryError):  # a description refused: the query has no candidates
        recommender.run(
            request.query,
            profile=request.profile,
            filters=ALL_STATUSES,
            exclude_project_ids=(request.project_id,),
        )
    candidates, rows = recorder.last or ([], np.zeros((0, len(FEATURE_NAMES))))
    return rows.astype(np.float32), [c.opportunity.id for c in candidates], [c.family for c in candidates]


class FeatureCache:
    """Each request's candidates in SQLite, keyed by everything the features depend on, the
    project and its query text: a build resumes where it stopped, and a new selection of projects
    recomputes only the new ones."""

    def __init__(self, path: Path, key: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS candidates (key TEXT, project TEXT, query TEXT, features BLOB, "
            "opportunities TEXT, families TEXT, PRIMARY KEY (key, project, query))"
        )
        self._key = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()

    def get(self, request: ProjectRequest) -> Candidates | None:
        """The cached candidates of a request, or None."""
        row = self._db.execute(
            "SELECT features, opportunities, families FROM candidates WHERE key=? AND project=? AND query=?",
            (self._key, request.project_id, _query_digest(request)),
        ).fetchone()
        if row is None:
            return None
        features = np.frombuffer(row[0], dtype=np.float32).reshape(-1, len(FEATURE_NAMES))
        return features, json.loads(row[1]), json.loads(row[2])

    def put(self, request: ProjectRequest, candidates: Candidates) -> None:
        """Store a request's candidates (committed with ``commit``)."""
        features, opportunities, families = candidates
        self._db.execute(
            "INSERT OR REPLACE INTO candidates VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._key,
                request.project_id,
                _query_digest(request),
                np.ascontiguousarray(features, dtype=np.float32).tobytes(),
                json.dumps(opportunities),
                json.dumps(families),
            ),
        )

    def commit(self) -> None:
        """Write what was put so far."""
        self._db.commit()

    def close(self) -> None:
        """Commit and close."""
        self._db.commit()
        self._db.close()


def _query_digest(request: ProjectRequest) -> str:
    text = json.dumps([request.query, request.profile], sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def cache_key(settings: Settings, identity: str) -> str:
    """What every cached request's features depend on besides the request."""
    values = {name: str(getattr(settings, name)) for name in RANKING_SETTINGS}
    return json.dumps(
        {"features": FEATURE_VERSION, "names": FEATURE_NAMES, "index": identity, **values}, sort_keys=True
    )


def build_feature_table(
    recommender: Recommender,
    queries: Sequence[TrainingQuery],
    cache_path: Path,
    identity: str,
    progress: Progress | None = None,
) -> FeatureTable:
    """The features of every query's candidates, computed where the cache does not have them."""
    recorder = FeatureRecorder(FeatureContext(recommender.index), recommender.settings.family_diversity)
    saved_ranker, recommender.ranker = recommender.ranker, recorder
    cache = FeatureCache(cache_path, cache_key(recommender.settings, identity))
    tables, start, computed = [], time.perf_counter(), 0

    def report(done: int) -> None:
        cache.commit()
        if progress:
            rate = computed / max(time.perf_counter() - start, 1e-9)
            left = (len(queries) - done) / rate / 60 if computed else 0.0
            progress(
                f"features: {done}/{len(queries)} queries, {computed} computed ({rate:.2f}/s, ~{left:.0f} min left)"
            )

    try:
        for done, query in enumerate(queries, start=1):
            found = cache.get(query.request)
            if found is None:
                found = _candidates(recommender, recorder, query.request)
                cache.put(query.request, found)
                computed += 1
                if computed % PROGRESS_EVERY == 0:
                    report(done)
            tables.append(_table(query, found))
        report(len(queries))
    finally:
        recommender.ranker = saved_ranker
        cache.close()
    return FeatureTable.concatenate(tables)


def _table(query: TrainingQuery, candidates: Candidates) -> FeatureTable:
    features, opportunities, families = candidates
    gold = query.request.gold_family
    return FeatureTable(
        features,
        np.array([family == gold for family in families], dtype=np.int8),
        list(opportunities),
        list(families),
        [query.request.project_id],
        [query.split],
        [gold],
        np.array([len(families)], np.int32),
    )
