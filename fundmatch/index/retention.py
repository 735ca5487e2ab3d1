"""Which generations an index directory keeps, and what it holds: ``prune`` and ``describe``.

After every swap (and on ``fundmatch index prune``) the writer keeps the live generation and the
``keep_generations`` newest generations built before it, and deletes everything else: older
generations, generations newer than the live one (a crash between renaming a build and moving
``CURRENT`` leaves one), unfinished ``.building-*`` folders, interrupted deletions and the temporary
``.*.part`` files of interrupted atomic writes. Call it only
while holding the writer lock: then no other build is running, so every ``.building-*`` folder is
a leftover.

A generation is first renamed out of the ``gen-*`` namespace (atomic) and then deleted, so a
``gen-*`` folder is always complete. Processes that opened a deleted generation keep the files they
have open (POSIX); anything they open afterwards fails, and the reader turns that into one line
("the index changed ..., retry": see ``reader``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fundmatch.core.errors import IndexNotFoundError
from fundmatch.index.base import collection_names
from fundmatch.index.layout import (
    BUILDING_PREFIX,
    GENERATION_PREFIX,
    RETIRED_PREFIX,
    IndexLayout,
    Manifest,
    remove_tree,
)
from fundmatch.index.lock import LockHolder

if TYPE_CHECKING:  # Chroma is imported by whoever opened the store
    from fundmatch.index.vector_store import VectorStore


@dataclass
class PruneReport:
    """What a prune kept and deleted, and how many bytes it gave back."""

    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    freed_bytes: int = 0


def generations_to_keep(
    layout: IndexLayout, keep_generations: int, exclude: Sequence[Path] = ()
) -> list[Path]:
    """The live generation and the ``keep_generations`` newest before it, leaving out ``exclude``;
    every generation when none is live (nothing is deleted from an index whose pointer is missing)."""
    generations = [path for path in layout.generations() if path not in exclude]
    live = layout.live()
    if live is None:
        return generations
    older = [path for path in generations if path.name < live.name]
    return [*older[len(older) - keep_generations :], live] if keep_generations > 0 else [live]


def prune(
    layout: IndexLayout, keep_generations: int, store: VectorStore, never_live: Sequence[Path] = ()
) -> PruneReport:
    """Delete every generation and leftover that ``generations_to_keep`` does not name, and the
    ``never_live`` generations (``IndexLayout.never_live`` taken before a build: a crashed build's)
    that did not go live since.

    The caller holds the writer lock. ``store`` drops the vector collections of deleted generations
    that live outside the folder (a Chroma server); embedded ones go with the folder.
    """
    live = layout.live()
    orphans = [path for path in never_live if path != live and path.is_dir()]
    keep = generations_to_keep(layout, keep_generations, exclude=orphans)
    report = PruneReport(kept=[path.name for path in keep])
    doomed = [path for path in layout.generations() if path not in keep] + layout.leftovers()
    for path in doomed:
        size, name, manifest = tree_size(path), path.name, _manifest(path)
        if path.name.startswith(GENERATION_PREFIX):
            path = layout.retire(path)
        if manifest is None:
            store.drop(path, _collections_named_after(path))
        elif manifest.vector_store == store.name:
            store.drop(path, manifest.collections)
        remove_tree(path)
        report.removed.append(name)
        report.freed_bytes += size
    for partial in layout.partial_files():  # a pointer write cut short: never read, safe to drop
        report.freed_bytes += partial.stat().st_size
        partial.unlink(missing_ok=True)
    return report


def _collections_named_after(path: Path) -> dict[str, str]:
    """The collections a build would have created for the generation this folder is named after
    (a build that crashed before writing its manifest)."""
    generation = path.name
    for prefix in (GENERATION_PREFIX, BUILDING_PREFIX, RETIRED_PREFIX):
        generation = generation.removeprefix(prefix)
    return collection_names(generation)


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path`` (0 when it is gone)."""
    total = 0
    for directory, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(directory, name)).st_size
            except OSError:
                continue
    return total


@dataclass(frozen=True)
class GenerationInfo:
    """One folder of an index directory, for ``fundmatch index status``."""

    name: str
    state: str  # live, kept, to delete, building, leftover
    bytes: int
    manifest: Manifest | None


@dataclass(frozen=True)
class IndexStatus:
    """Everything ``fundmatch index status`` shows."""

    root: Path
    live: str | None
    folders: list[GenerationInfo]
    holder: LockHolder | None
    locked: bool

    @property
    def total_bytes(self) -> int:
        return sum(folder.bytes for folder in self.folders)


def describe(layout: IndexLayout, keep_generations: int) -> IndexStatus:
    """The generations and leftovers of an index directory, with sizes and manifests."""
    lock = layout.writer_lock()
    locked = lock.is_held()
    holder = lock.holder() if locked else None
    live = layout.live()
    keep = generations_to_keep(layout, keep_generations)
    folders: list[GenerationInfo] = []
    for path in layout.generations():
        state = "live" if path == live else "kept" if path in keep else "to delete"
        folders.append(GenerationInfo(path.name, state, tree_size(path), _manifest(path)))
    for path in layout.leftovers():
        state = "building" if locked and path.name.startswith(BUILDING_PREFIX) else "leftover"
        folders.append(GenerationInfo(path.name, state, tree_size(path), None))
    return IndexStatus(layout.root, live.name if live else None, folders, holder, locked)


def _manifest(path: Path) -> Manifest | None:
    try:
        return Manifest.read(path)
    except (IndexNotFoundError, TypeError):  # shown as "no manifest" by the status command
        return None
