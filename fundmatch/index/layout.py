"""Where an index lives on disk, and how a new generation replaces the live one atomically.

An index directory holds complete *generations* and a pointer file::

    <index_dir>/
        CURRENT            name of the live generation, e.g. "gen-20260101T120000-123456-3f2a"
        gen-.../           manifest.json, catalogue, BM25 tokens, chroma/ (embedded store)
        .building-.../     a generation being written (never read)
        .retired-.../      a generation being deleted (never read)
        .lock              the writer lock (see ``lock``); .lock.holder says who holds it

A build writes into ``.building-<id>`` beside the live generation, renames it to ``gen-<id>``
once every file is written and flushed, then replaces ``CURRENT`` atomically (``core.atomic``).
A crash or Ctrl-C at any moment therefore leaves ``CURRENT`` naming a complete generation. After
the swap, ``retention.prune`` keeps the live generation and the ``keep_generations`` newest before
it (so an app that opened one of them keeps working) and deletes the rest, leftovers of crashed
builds included. Generation names sort in the order they were built.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fundmatch.core.atomic import fsync_directory, fsync_tree, write_atomic
from fundmatch.core.errors import IndexNotFoundError
from fundmatch.index.lock import WriterLock

FORMAT_VERSION = 1
POINTER = "CURRENT"
MANIFEST = "manifest.json"
BUILDING_PREFIX = ".building-"
GENERATION_PREFIX = "gen-"
RETIRED_PREFIX = ".retired-"


@dataclass(frozen=True)
class Manifest:
    """What a generation was built with; a reader checks it before trusting the vectors."""

    embedding_model: str
    dimension: int
    vector_store: str
    generation: str
    collections: dict[str, str]
    created: str
    catalogue_digest: str
    projects_embedded: int = 0
    source_fingerprint: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    opportunities_by_programme: dict[str, int] = field(default_factory=dict)
    corpus_snapshot: str = ""  # date of the newest source file the generation was built from
    format: int = FORMAT_VERSION
    embedding_runtime: str = "torch"  # indexes built before the ONNX runtime were embedded with torch
    pending_passages: int = 0  # passages without a vector yet: the dense side is incomplete

    @property
    def dense_complete(self) -> bool:
        """True when every passage has its vector (hybrid search); False: keyword search only."""
        return self.pending_passages == 0

    def write(self, directory: Path) -> None:
        """Write ``manifest.json`` into a generation folder."""
        write_atomic(directory / MANIFEST, json.dumps(asdict(self), indent=2, sort_keys=True))

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        """Read a generation's manifest; a missing or foreign one is an IndexNotFoundError."""
        try:
            data: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexNotFoundError(
                f"the index at {directory} has no readable manifest ({exc}); run `fundmatch ingest`"
            ) from None
        if data.get("format") != FORMAT_VERSION:
            raise IndexNotFoundError(
                f"the index at {directory} has format {data.get('format')}, expected {FORMAT_VERSION}; "
                "run `fundmatch ingest` to rebuild it"
            )
        known = {name: value for name, value in data.items() if name in _MANIFEST_FIELDS}
        return cls(**known)


_MANIFEST_FIELDS = {item.name for item in fields(Manifest)}


def new_generation_id() -> str:
    """A unique generation name that sorts in build order, e.g. ``20260101T120000-123456-3f2a``
    (UTC time to the microsecond, then a random suffix)."""
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S-%f')}-{secrets.token_hex(2)}"


def now_iso() -> str:
    """The current UTC time, seconds precision, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class IndexLayout:
    """The generations inside one index directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def live(self) -> Path | None:
        """The folder of the live generation, or None when nothing was built yet."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        path = self.root / name
        return path if name and path.is_dir() else None

    def live_manifest(self) -> Manifest | None:
        """The live generation's manifest, or None when nothing was built yet."""
        live = self.live()
        return Manifest.read(live) if live else None

    def require_live(self) -> Path:
        """The live generation, or an IndexNotFoundError telling the user how to build one."""
        live = self.live()
        if live is None:
            raise IndexNotFoundError(f"no index at {self.root}; build it with `fundmatch ingest`")
        return live

    def writer_lock(self) -> WriterLock:
        """The lock every writer of this index directory holds (see ``lock``)."""
        return WriterLock(self.root)

    def building_dir(self, generation: str) -> Path:
        """The temporary folder a new generation is written into."""
        return self.root / f"{BUILDING_PREFIX}{generation}"

    def commit(self, building: Path, generation: str) -> Path:
        """Make a fully written generation live; returns its final folder."""
        final = self.root / f"{GENERATION_PREFIX}{generation}"
        fsync_tree(building)
        os.rename(building, final)
        write_atomic(self.root / POINTER, final.name)
        return final

    def generations(self) -> list[Path]:
        """Every complete generation folder, oldest first (the live one included)."""
        return self._folders(GENERATION_PREFIX)

    def never_live(self) -> list[Path]:
        """Complete generation folders newer than the live one (all of them when none is live): a
        build renamed them and died before writing ``CURRENT``, so no reader ever opened them."""
        live = self.live()
        return [path for path in self.generations() if live is None or path.name > live.name]

    def leftovers(self) -> list[Path]:
        """Folders of builds that never finished and of deletions that were interrupted."""
        return self._folders(BUILDING_PREFIX) + self._folders(RETIRED_PREFIX)

    def partial_files(self) -> list[Path]:
        """Temporary files of atomic writes that a crash left in the index directory (``*.part``)."""
        if not self.root.is_dir():
            return []
        return sorted(path for path in self.root.glob(".*.part") if path.is_file())

    def _folders(self, prefix: str) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(path for path in self.root.iterdir() if path.is_dir() and path.name.startswith(prefix))

    def retire(self, generation: Path) -> Path:
        """Take a generation out of the set of complete ones (one atomic rename); returns where it
        went, for ``remove_tree``."""
        retired = self.root / f"{RETIRED_PREFIX}{generation.name.removeprefix(GENERATION_PREFIX)}"
        os.rename(generation, retired)
        fsync_directory(self.root)
        return retired


def remove_tree(path: Path) -> None:
    """Delete a folder, ignoring one that is already gone."""
    shutil.rmtree(path, ignore_errors=True)
