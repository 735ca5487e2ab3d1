"""A digest of everything an ingest reads, so that an unchanged corpus is not even loaded again.

It covers each source file's relative path, size and modification time, the load and embedding
options, and the loader code (``corpus.code_digest``: the loaders, the record models they build and
the reader packages' versions), so a loader fix re-ingests. When it differs, the load itself reads
only the files whose content changed (``corpus.file_cache``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from fundmatch.corpus.code_digest import loader_code_digest


def source_fingerprint(source_dir: Path, files: Iterable[Path], options: Mapping[str, object]) -> str:
    """Hex digest of the files' names, sizes and mtimes, the options and the loader code."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(files):
        stat = path.stat()
        digest.update(f"{path.relative_to(source_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    digest.update(loader_code_digest().encode())
    return digest.hexdigest()
