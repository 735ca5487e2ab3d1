"""Where an index lives on disk, and how a new generation replaces the live one atomically.

An index directory holds complete *generations* and a pointer file::

    <index_dir>/
        CURRENT            name of the live generation, e.g. "gen-20260101T120000-3f2a"
        gen-.../           manifest.json, catalogue, BM25 tokens, chroma/ (embedded store)
        .building-.../     a generation being written (never read)
        .lock              held while a build runs

A build writes into ``.building-<id>`` beside the live generation, renames it to ``gen-<id>``
once every file is written and flushed, then replaces ``CURRENT`` with ``os.replace`` (atomic
on POSIX). A crash or Ctrl-C at any moment therefore leaves ``CURRENT`` naming a complete
generation; leftover ``.building-*`` folders are removed by the next build. The generation
that was live before is kept until the following build, so an app that opened it keeps working.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fundmatch.core.errors import IndexBusyError, IndexNotFoundError

FORMAT_VERSION = 1
POINTER = "CURRENT"
MANIFEST = "manifest.json"
BUILDING_PREFIX = ".building-"
GENERATION_PREFIX = "gen-"


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
    format: int = FORMAT_VERSION
    embedding_runtime: str = "torch"  # indexes built before the ONNX runtime were embedded with torch
    pending_passages: int = 0  # passages without a vector yet: the dense side is incomplete

    @property
    def dense_complete(self) -> bool:
        """True when every passage has its vector (hybrid search); False: keyword search only."""
        return self.pending_passages == 0

    def write(self, directory: Path) -> None:
        """Write ``manifest.json`` into a generation folder."""
        _write_synced(directory / MANIFEST, json.dumps(asdict(self), indent=2, sort_keys=True))

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
        return cls(**data)


def new_generation_id() -> str:
    """A sortable, unique generation name such as ``20260101T120000-3f2a``."""
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(2)}"


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

    def building_dir(self, generation: str) -> Path:
        """The temporary folder a new generation is written into."""
        return self.root / f"{BUILDING_PREFIX}{generation}"

    def commit(self, building: Path, generation: str) -> Path:
        """Make a fully written generation live; returns its final folder."""
        final = self.root / f"{GENERATION_PREFIX}{generation}"
        _fsync_tree(building)
        os.rename(building, final)
        _write_synced(self.root / f"{POINTER}.tmp", final.name)
        os.replace(self.root / f"{POINTER}.tmp", self.root / POINTER)
        _fsync_dir(self.root)
        return final

    def stale_generations(self, keep: set[Path]) -> list[Path]:
        """Generations and leftover build folders that are not in ``keep``."""
        if not self.root.is_dir():
            return []
        return [
            path
            for path in sorted(self.root.iterdir())
            if path.is_dir()
            and path.name.startswith((GENERATION_PREFIX, BUILDING_PREFIX))
            and path not in keep
        ]

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the build lock; a second concurrent build fails at once with one line."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexBusyError(f"another ingest is already writing the index at {self.root}") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def remove_tree(path: Path) -> None:
    """Delete a generation folder, ignoring one that is already gone."""
    shutil.rmtree(path, ignore_errors=True)


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
