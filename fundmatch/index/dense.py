"""A memory-mapped copy of a generation's passage vectors, for unfiltered searches without Chroma.

Written at the end of a build from the generation's own Chroma collection (so both hold the same
vectors), read with ``numpy.load(mmap_mode="r")``: opening costs nothing, and an exact search over
9,198 vectors of 384 dimensions is one matrix-vector product (about a millisecond).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from fundmatch.index.base import Hit

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

IDS_FILE = "dense_ids.npy"
VECTORS_FILE = "dense_vectors.npy"
EXPORT_BATCH = 5000


class DenseMatrix:
    """Passage ids and their unit vectors, searched by cosine similarity."""

    def __init__(self, ids: list[str], vectors: np.ndarray) -> None:
        self._ids = ids
        self._vectors = vectors

    def search(self, vector: np.ndarray, k: int) -> list[Hit]:
        """The ``k`` passages most similar to ``vector`` (score: cosine similarity), best first."""
        if k <= 0 or not self._ids:
            return []
        scores = self._vectors @ vector
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # best first, ties by position
        return [Hit(self._ids[i], float(scores[i])) for i in top]


def write_dense(directory: Path, collection: Collection) -> None:
    """Copy every vector of ``collection`` into the generation folder ``directory``."""
    ids: list[str] = []
    parts: list[np.ndarray] = []
    offset = 0
    while True:
        batch = collection.get(include=["embeddings"], limit=EXPORT_BATCH, offset=offset)
        if not batch["ids"]:
            break
        ids.extend(batch["ids"])
        parts.append(np.asarray(batch["embeddings"], dtype=np.float32))
        offset += len(batch["ids"])
    dimension = parts[0].shape[1] if parts else 0
    vectors = np.concatenate(parts) if parts else np.zeros((0, dimension), dtype=np.float32)
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
