"""The embedder seam: anything that turns passages and queries into unit vectors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

BuildProgress = Callable[[str, int, int], None]
"""Called as ``progress(step, done, total)`` before each step of a first-use model build."""


class Embedder(Protocol):
    """Embeds passages and queries into L2-normalised float32 vectors of one dimension."""

    name: str
    dimension: int
    runtime: str  # "onnx" or "torch": vectors of the two differ slightly, an index keeps to one

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension)."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Return a vector of shape (dimension,)."""
        ...
