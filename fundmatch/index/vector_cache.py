"""Passage vectors kept by text, beside the generations, so that nothing is embedded twice.

``<index_dir>/vectors/<model>-<vector family>/shard-*.npy`` pairs (``registry.vector_family``):
each shard holds the vectors of one
embedding batch and the keys of the texts they embed. A key is a hash of the text with its
whitespace collapsed, so a passage repeated across sources (the same paragraph in a portal dump and
a fact sheet) is embedded once, and a build or a background embedding that is killed loses at most
the batch in flight: every finished batch is already a shard, written to a temporary name and
renamed. Vectors outlive generations (an incremental ingest looks texts up here first);
``compact`` drops the keys no live passage uses.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

VECTORS_DIR = "vectors"
KEY_BYTES = 12


def text_key(text: str) -> str:
    """The cache key of a passage text: a hash of its words separated by single spaces."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=KEY_BYTES).hexdigest()


class VectorCache:
    """Vectors by text key for one embedding model and vector family."""

    def __init__(self, index_dir: Path, model: str, family: str, dimension: int) -> None:
        self.directory = index_dir / VECTORS_DIR / f"{model}-{family}"
        self.dimension = dimension
        self._row: dict[str, tuple[int, int]] = {}
        self._shards: list[np.ndarray] = []
        self._seen: set[str] = set()
        self.refresh()

    def refresh(self) -> None:
        """Read the shards written since the last read (by this or another process)."""
        if not self.directory.is_dir():
            return
        for keys_file in sorted(self.directory.glob("shard-*.keys.npy")):
            name = keys_file.name.removesuffix(".keys.npy")
            if name in self._seen:
                continue
            try:
                keys = np.load(keys_file, allow_pickle=False)
                vectors = np.load(self.directory / f"{name}.vectors.npy", mmap_mode="r", allow_pickle=False)
            except (OSError, ValueError):
                continue  # half-written by a process that was killed; its batch is embedded again
            if vectors.shape != (len(keys), self.dimension):
                continue
            shard = len(self._shards)
            self._shards.append(vectors)
            self._seen.add(name)
            for row, key in enumerate(keys.tolist()):
                self._row[key] = (shard, row)

    def __contains__(self, key: str) -> bool:
        return key in self._row

    def __len__(self) -> int:
        return len(self._row)

    def get(self, keys: Sequence[str]) -> np.ndarray:
        """The vectors of ``keys`` (all present), one row each."""
        out = np.empty((len(keys), self.dimension), dtype=np.float32)
        for i, key in enumerate(keys):
            shard, row = self._row[key]
            out[i] = self._shards[shard][row]
        return out

    def add(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Store one batch as a shard (atomically: a reader sees all of it or none)."""
        if not len(keys):
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"shard-{os.getpid()}-{secrets.token_hex(6)}"
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        # Vectors first, keys last: a shard counts only once its keys file exists.
        _save_atomic(self.directory / f"{name}.vectors.npy", vectors)
        _save_atomic(self.directory / f"{name}.keys.npy", np.asarray(list(keys), dtype=f"U{2 * KEY_BYTES}"))
        shard = len(self._shards)
        self._shards.append(vectors)
        self._seen.add(name)
        for row, key in enumerate(keys):
            self._row[key] = (shard, row)

    def compact(self, keep: Iterable[str]) -> int:
        """Rewrite the cache as one shard holding only the ``keep`` keys it has; returns how many went."""
        keep_keys = sorted({key for key in keep if key in self._row})
        dropped = len(self._row) - len(keep_keys)
        if dropped == 0 and len(self._shards) <= 1:
            return 0
        old = list(self.directory.glob("shard-*.npy"))
        vectors = self.get(keep_keys)
        self._row, self._shards, self._seen = {}, [], set()
        self.add(keep_keys, vectors)
        current = set(self._seen)
        for path in old:
            if path.name.split(".")[0] not in current:
                path.unlink(missing_ok=True)
        return dropped


def _save_atomic(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        np.save(handle, array, allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
