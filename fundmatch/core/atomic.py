"""Atomic file writes: a reader sees the old content or the new one, never a part of either.

Every writer of fundmatch that replaces a file other processes may read (fetched pages, the index
pointer, joined model weights, caches) goes through ``atomic_file`` or ``write_atomic``: the bytes go
to a uniquely named temporary file beside the target, are flushed to disk, and the file is renamed
over the target with ``os.replace`` (atomic on POSIX and Windows); the directory entry is flushed
too where the platform allows. On any error, or when the block raises (a failed check), the
temporary file is removed and the target is left as it was.

Our own code rather than a library: ``atomicwrites`` is archived and unmaintained, and what is
needed here (a context manager that also aborts on a raised check, plus a directory fsync) is
a few lines of the standard library.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write whose content replaces ``path`` when the block ends without error.

    ``durable`` flushes the file and its directory to disk before and after the rename (off for
    caches, where a lost write only costs time).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, path)
        if durable:
            fsync_directory(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) atomically."""
    with atomic_file(path, durable=durable) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def fsync_directory(path: Path) -> None:
    """Flush a directory's entries (new, renamed, removed files) to disk; a no-op where the
    platform cannot open directories (Windows)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def fsync_tree(root: Path) -> None:
    """Flush every file under ``root`` and the directories holding them to disk."""
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            fsync_directory(path)
    fsync_directory(root)
