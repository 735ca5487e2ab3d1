"""What each source file yielded when it was last read, so that an ingest reads only changed files.

A corpus load has two steps: each file is read on its own (a portal file into topic records, a
fact sheet into one opportunity, a CORDIS file into projects, a PDF into sections), then the
snapshot is put together from all of them (portal topics merged by id, passages cut, pages and PDFs
linked to the opportunities, conditions filled in). ``FileReads`` keeps the result of the first
step per file, keyed by the file's absolute path, its content hash, the loader code digest
(``code_digest``) and the read options; the second step runs on every load. A load that uses stored
results therefore yields exactly what reading every file again would. Hashing the content (about
0.1 s for the full corpus) rather than trusting size and mtime means that a file rewritten in place
with the same size within one mtime tick is read again too.

Entries are pickles in the data dir's cache folder (the user's own files, as the index's records);
an entry that cannot be read is read again from its source file. Writing a new entry for a path
removes that path's older ones.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from fundmatch.corpus.code_digest import loader_code_digest

log = logging.getLogger(__name__)
T = TypeVar("T")
FORMAT = 1
HASH_CHUNK = 1 << 20


def content_digest(path: Path) -> str:
    """Hex digest of a file's bytes."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _short(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class FileReads:
    """Per-file read results under ``directory`` (None: nothing is stored, every file is read).

    ``read`` and ``reused`` list the files (as given to ``get``) that were read from source and that
    came from the store in this load.
    """

    def __init__(self, directory: Path | None, options: Mapping[str, object]) -> None:
        self.directory = directory
        self._salt = f"{FORMAT}|{loader_code_digest() if directory else ''}|{sorted(options.items())!r}"
        self.read: list[Path] = []
        self.reused: list[Path] = []
        self._entries: dict[tuple[Path, str], tuple[Path, str, str]] = {}

    def get(self, path: Path, step: str, read: Callable[[], T]) -> T:
        """What ``read()`` yields for ``path`` (``step`` names the reader), stored or read now."""
        if self.directory is None:
            self.read.append(path)
            return read()
        entry, key, prefix = self._entry(path, step)
        stored = self._load(entry, key)
        if stored is not None:
            self.reused.append(path)
            return stored[0]
        value = read()
        self.read.append(path)
        self._store(entry, key, value, prefix)
        return value

    def has(self, path: Path, step: str) -> bool:
        """Whether a result of ``step`` for ``path`` as it is now is stored (to skip starting a reader)."""
        return self.directory is not None and self._entry(path, step)[0].is_file()

    def _entry(self, path: Path, step: str) -> tuple[Path, str, str]:
        """The entry file, full key and per-path file name prefix of ``path`` read by ``step``."""
        assert self.directory is not None
        if (path, step) not in self._entries:
            absolute = str(path.resolve())
            key = f"{self._salt}|{step}|{absolute}|{content_digest(path)}"
            prefix = f"{_short(f'{step}|{absolute}')}-"
            self._entries[path, step] = (self.directory / f"{prefix}{_short(key)}.pkl", key, prefix)
        return self._entries[path, step]

    @staticmethod
    def _load(entry: Path, key: str) -> tuple[object] | None:
        try:
            with entry.open("rb") as handle:
                stored = pickle.load(handle)
        except FileNotFoundError:
            return None
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            log.info("the stored read of %s is unreadable: reading the file again", entry.name)
            return None
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        return (stored["value"],)

    def _store(self, entry: Path, key: str, value: object, prefix: str) -> None:
        assert self.directory is not None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump({"key": key, "value": value}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(entry)
            for older in self.directory.glob(f"{prefix}*.pkl"):
                if older != entry:
                    older.unlink(missing_ok=True)
        except OSError as exc:  # a store that cannot be written only costs time next run
            log.info("could not store the read of %s: %s", entry.name, exc)
