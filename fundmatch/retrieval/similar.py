"""Similar funded projects: TF-IDF nearest neighbours over CORDIS projects, and the call families they vote for.

The projects nearest to a description say under which call families work like it was funded.
The model is fitted with scikit-learn at ingest and stored with the index
(``fundmatch.retrieval.precomputed``); it keeps the fitted space as a ``TfidfTransform``, so a query
needs no scikit-learn and costs one sparse matrix product.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from fundmatch.core.families import call_family
from fundmatch.core.models import FundedProject, SimilarProject
from fundmatch.retrieval.tfidf import TfidfTransform

# Below this many projects, rare and frequent terms are kept (pruning would empty a small corpus).
LARGE_CORPUS = 1000


@dataclass(frozen=True)
class _ProjectCard:
    id: str
    acronym: str
    title: str
    topic: str | None
    call_family: str | None
    coordinator_country: str | None


def _card(project: FundedProject) -> _ProjectCard:
    coordinator = next((o for o in project.organisations if (o.role or "").lower() == "coordinator"), None)
    return _ProjectCard(
        id=project.id,
        acronym=project.acronym,
        title=project.title,
        topic=project.topic,
        call_family=project.call_family or call_family(project.topic),
        coordinator_country=coordinator.country if coordinator else None,
    )


def project_text(project: FundedProject) -> str:
    """What a project is matched on: title (twice, it is the densest), keywords and objective."""
    return f"{project.title}\n{project.title}\n{project.keywords}\n{project.objective}"


def fit_digest(projects: Sequence[FundedProject]) -> str:
    """A digest of everything ``SimilarProjectModel.fit`` reads of ``projects``: equal digests fit
    the same model."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{LARGE_CORPUS}\0{len(projects)}\0".encode())
    for project in projects:
        digest.update(project_text(project).encode("utf-8"))
        digest.update(repr(_card(project)).encode("utf-8"))
    return digest.hexdigest()


class SimilarProjectModel:
    """A fitted TF-IDF space over funded projects; ``search`` and ``family_votes`` use it."""

    def __init__(self, vectorizer: TfidfTransform | None, matrix: Any, cards: list[_ProjectCard]) -> None:
        self._vectorizer = vectorizer
        self._matrix_t = matrix.T.tocsr() if matrix is not None else None  # rows L2-normalised
        self._cards = cards
        self._row_of = {card.id: row for row, card in enumerate(cards)}

    @classmethod
    def fit(cls, projects: Sequence[FundedProject]) -> SimilarProjectModel:
        """Fit the TF-IDF space on every project's title, keywords and objective (none: an empty model)."""
        if not projects:
            return cls(None, None, [])
        from sklearn.feature_extraction.text import TfidfVectorizer

        large = len(projects) >= LARGE_CORPUS
        vectorizer = TfidfVectorizer(
            sublinear_tf=True,
            min_df=2 if large else 1,
            max_df=0.4 if large else 1.0,
            ngram_range=(1, 2),
            stop_words="english",
            dtype=np.float32,
        )
        matrix = vectorizer.fit_transform([project_text(p) for p in projects]).tocsr()
        return cls(TfidfTransform.from_vectorizer(vectorizer), matrix, [_card(p) for p in projects])

    def __len__(self) -> int:
        return len(self._cards)

    @cached_property
    def _columns(self) -> Any:
        return self._matrix_t.tocsc() if self._matrix_t is not None else None

    def project_vectors(self, project_ids: Sequence[str]) -> Any:
        """The TF-IDF vectors of these projects (a sparse matrix, one row per id; all known ids)."""
        rows = [self._row_of[project_id] for project_id in project_ids]
        return self._columns[:, rows].T.tocsr()

    def vectorize(self, texts: Sequence[str]) -> Any:
        """``texts`` in this model's TF-IDF space (a sparse matrix, one row per text)."""
        if self._vectorizer is None:
            raise ValueError("the similar-project model has no projects")
        return self._vectorizer.transform(list(texts))

    def search(self, text: str, k: int = 30, exclude_ids: Collection[str] = ()) -> list[SimilarProject]:
        """The ``k`` projects nearest to ``text`` by cosine similarity, leaving out ``exclude_ids``.

        Pass the user's own project id in ``exclude_ids`` when evaluating on funded projects
        (leave-one-out), otherwise the project votes for its own call family.
        """
        if self._vectorizer is None:
            return []
        query = self._vectorizer.transform([text])
        if query.nnz == 0:
            return []
        scores = np.asarray((query @ self._matrix_t).todense()).ravel()
        for project_id in exclude_ids:
            row = self._row_of.get(project_id)
            if row is not None:
                scores[row] = -1.0
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k]
        top = top[np.argsort(-scores[top])]
        return [self._similar(int(row), float(scores[row])) for row in top if scores[row] > 0]

    def _similar(self, row: int, score: float) -> SimilarProject:
        card = self._cards[row]
        return SimilarProject(
            id=card.id,
            acronym=card.acronym,
            title=card.title,
            call_family=card.call_family,
            topic=card.topic,
            score=score,
            coordinator_country=card.coordinator_country,
        )


def project_vote_shares(neighbours: Sequence[SimilarProject], power: float = 2.0) -> dict[str, float]:
    """Each neighbour's part of ``family_votes`` (by project id): its similarity raised to ``power``,
    over the best family's total."""
    totals: dict[str, float] = defaultdict(float)
    for project in neighbours:
        if project.call_family:
            totals[project.call_family] += project.score**power
    if not totals:
        return {}
    top = max(totals.values())
    return {p.id: p.score**power / top for p in neighbours if p.call_family}


def family_votes(neighbours: Sequence[SimilarProject], power: float = 2.0) -> dict[str, float]:
    """Each call family's share of the neighbours' similarity (raised to ``power``), best = 1.0."""
    shares = project_vote_shares(neighbours, power)
    votes: dict[str, float] = defaultdict(float)
    for project in neighbours:
        if project.id in shares:
            votes[str(project.call_family)] += shares[project.id]
    return dict(votes)


def dense_project_neighbours(
    index: object, query_vector: np.ndarray, k: int, exclude_ids: Collection[str] = ()
) -> list[SimilarProject]:
    """Nearest embedded projects by dense similarity (multilingual with e5), empty when the index
    has no project vectors. Scores are rank weights 1/(10 + rank), comparable across models."""
    search = getattr(index, "project_search", None)
    project = getattr(index, "project", None)
    if search is None or project is None:
        return []
    hits = [hit for hit in search(query_vector, k + len(exclude_ids)) if hit.id not in set(exclude_ids)][:k]
    neighbours = []
    for rank, hit in enumerate(hits, start=1):
        record = project(hit.id)
        card = _card(record)
        neighbours.append(
            SimilarProject(
                id=card.id,
                acronym=card.acronym,
                title=card.title,
                call_family=card.call_family,
                topic=card.topic,
                score=1.0 / (10 + rank),
                coordinator_country=card.coordinator_country,
            )
        )
    return neighbours


def combine_votes(sources: Sequence[dict[str, float]]) -> dict[str, float]:
    """The mean of several family-vote maps (each with best = 1.0), rescaled so the best is 1.0."""
    sources = [votes for votes in sources if votes]
    if not sources:
        return {}
    total: dict[str, float] = defaultdict(float)
    for votes in sources:
        for family, value in votes.items():
            total[family] += value / len(sources)
    top = max(total.values())
    return {family: value / top for family, value in total.items()}
