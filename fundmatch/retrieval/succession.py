"""Votes of funded projects whose call family has no current opportunity, carried to one that has.

Work programmes rename their destinations: the 2021-2024 Cluster 4 "TWIN-TRANSITION" topics
continue as the 2027 "MAT-PROD" ones (family CL4-MAT). A user who sees open calls only would lose
the votes of every similar project funded under the old name. So each such project also votes,
with a share of its weight (``carry_over_votes``), for the family of the passing opportunity most
like it (cosine in the funded projects' TF-IDF space), when that opportunity is alike enough.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np

from fundmatch.core.models import SimilarProject
from fundmatch.retrieval.similar import SimilarProjectModel

MIN_SIMILARITY = 0.06  # project-to-opportunity cosine below which nothing moves (typical: 0.06-0.14)
TEXT_CHARS = 4_000  # of each opportunity's title and passages


class VoteCarrier:
    """Every opportunity in the similar-project model's TF-IDF space, to find a project's nearest."""

    def __init__(
        self,
        similar: SimilarProjectModel,
        opportunity_texts: Mapping[str, str],
        share: float = 0.5,
        precomputed: tuple[Sequence[str], Any] | None = None,
    ) -> None:
        """``precomputed``: ``opportunity_matrix(similar, opportunity_texts)`` computed before (at
        ingest, ``fundmatch.retrieval.precomputed``); the texts are not read again then."""
        if precomputed is None:
            precomputed = opportunity_matrix(similar, opportunity_texts) if share > 0 else ((), None)
        ids, matrix = precomputed
        self._similar = similar
        self._share = share
        self._ids = list(ids)
        self._column = {opportunity_id: column for column, opportunity_id in enumerate(self._ids)}
        self._matrix = matrix if share > 0 and len(similar) and self._ids else None
        if self._matrix is not None:
            similar.project_vectors([])  # builds the column index now rather than in the first query

    def nearest(self, project_ids: Sequence[str], available: Collection[str]) -> dict[str, tuple[str, float]]:
        """For each funded project, the ``available`` opportunity most like it, with the cosine."""
        columns = [self._column[i] for i in available if i in self._column]
        if self._matrix is None or not columns or not project_ids:
            return {}
        scores = np.asarray((self._matrix[columns] @ self._similar.project_vectors(project_ids).T).todense())
        best = scores.argmax(axis=0)
        return {
            project_id: (self._ids[columns[int(best[j])]], float(scores[best[j], j]))
            for j, project_id in enumerate(project_ids)
        }

    def carry_over(
        self,
        votes: Mapping[str, float],
        neighbours: Sequence[SimilarProject],
        shares: Mapping[str, float],
        available: Mapping[str, str],
    ) -> tuple[dict[str, float], dict[str, str]]:
        """``votes`` plus ``carry_over_votes`` of each neighbour's part of them (``shares``, by
        project id: ``similar.project_vote_shares``) whose family has no ``available`` opportunity
        (id -> family), and the family each such neighbour's vote went to, by project id."""
        passing = set(available.values())
        orphans = [p for p in neighbours if p.id in shares and p.call_family not in passing]
        if not orphans or self._matrix is None:
            return dict(votes), {}
        nearest = self.nearest([p.id for p in orphans], available)
        carried: dict[str, float] = defaultdict(float, votes)
        moved: dict[str, str] = {}
        for project in orphans:
            found = nearest.get(project.id)
            if found is None or found[1] < MIN_SIMILARITY:
                continue
            family = available[found[0]]
            carried[family] += self._share * shares[project.id]
            moved[project.id] = family
        return dict(carried), moved


def opportunity_matrix(similar: SimilarProjectModel, texts: Mapping[str, str]) -> tuple[list[str], Any]:
    """The opportunity ids, sorted, and their texts in ``similar``'s TF-IDF space (what a carrier
    compares projects with); None for the matrix when the model has no projects."""
    ids = sorted(texts)
    if not ids or not len(similar):
        return ids, None
    return ids, similar.vectorize([texts[i][:TEXT_CHARS] for i in ids]).tocsr()


def opportunity_texts(titles: Mapping[str, str], passages: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Each opportunity's title followed by its passages (``(opportunity id, text)`` pairs in order)."""
    texts = {opportunity_id: [title] for opportunity_id, title in titles.items()}
    for opportunity_id, text in passages:
        if opportunity_id in texts:
            texts[opportunity_id].append(text)
    return {opportunity_id: "\n".join(parts) for opportunity_id, parts in texts.items()}
