"""A digest of everything an ingest reads, so that an unchanged corpus is not even loaded again.

It covers each source file's relative path, size and modification time, the load and embedding
options, and the loader code (``corpus.code_digest``: the loaders, the record models they build and
the reader packages' versions), so a loader fix re-ingests. When it differs, the load itself reads
only the files whose content changed (``corpus.file_cache``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from fundmatch.corpus.code_digest import loader_code_digest


def source_fingerprint(source_dir: Path, files: Iterable[Path], options: Mapping[str, object]) -> str:
    """Hex digest of the files' names, sizes and mtimes, the options and the loader code."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(files):
        stat = _stat(path)
        digest.update(f"{path.relative_to(source_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    digest.update(loader_code_digest().encode())
    return digest.hexdigest()


def newest_file_date(files: Iterable[Path]) -> str:
    """The UTC date (ISO) of the most recently modified file, "" when there is none: the day the
    corpus was last fetched or changed, shown by ``fundmatch index status``."""
    newest = max((_stat(path).st_mtime for path in files), default=None)
    return "" if newest is None else datetime.fromtimestamp(newest, UTC).date().isoformat()


def _stat(path: Path) -> os.stat_result:
    """The file's status, or its link's own for a symbolic link that leads nowhere."""
    try:
        return path.stat()
    except OSError:
        return path.lstat()
