"""A memory-mapped copy of a generation's passage vectors, for unfiltered searches without Chroma.

Written at the end of a build from the generation's own Chroma collection (so both hold the same
vectors), read with ``numpy.load(mmap_mode="r")``: opening costs nothing, and an exact search over
9,198 vectors of 384 dimensions is one matrix-vector product (about a millisecond).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from fundmatch.index.base import Hit, id_ranks, top_by_score
from fundmatch.index.exact import collection_vectors

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

IDS_FILE = "dense_ids.npy"
VECTORS_FILE = "dense_vectors.npy"


class DenseMatrix:
    """Passage ids and their unit vectors, searched by cosine similarity."""

    def __init__(self, ids: list[str], vectors: np.ndarray) -> None:
        self._ids = ids
        self._vectors = vectors
        self._ranks = id_ranks(ids)

    def search(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The ``k`` passages most similar to ``vector`` (score: cosine similarity), best first, equal
        scores in id order."""
        if k <= 0 or not self._ids:
            return []
        scores = self._vectors @ vector
        return [Hit(self._ids[i], float(scores[i])) for i in top_by_score(scores, self._ranks, k)]


def write_dense(directory: Path, collection: Collection, dimension: int) -> None:
    """Copy every vector of ``collection`` into the generation folder ``directory``."""
    ids, vectors = collection_vectors(collection, dimension)
    np.save(directory / VECTORS_FILE, vectors, allow_pickle=False)
    np.save(directory / IDS_FILE, np.array(ids, dtype=str), allow_pickle=False)


def read_dense(directory: Path) -> DenseMatrix | None:
    """The generation's vector copy, or None when it has none (built before it was written)."""
    try:
        ids = np.load(directory / IDS_FILE, allow_pickle=False).tolist()
        vectors = np.load(directory / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError):
        return None
    return DenseMatrix(ids, vectors) if len(ids) == len(vectors) else None
