"""A cache of extracted PDF page texts, keyed by the file's content, so re-loading is fast."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import pypdf

from corpus.pdf_text import extract_pages


def cache_key(path: Path, max_pages: int | None) -> str:
    """The file's content hash together with the page cap and the pypdf version."""
    digest = hashlib.sha1(path.read_bytes())
    digest.update(f"|{max_pages}|{pypdf.__version__}".encode())
    return digest.hexdigest()


def _read_cached(file: Path) -> list[str] | None:
    try:
        pages = json.loads(gzip.decompress(file.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    return pages if isinstance(pages, list) and all(isinstance(page, str) for page in pages) else None


def _write_cached(file: Path, pages: list[str]) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        partial.write_bytes(gzip.compress(json.dumps(pages, ensure_ascii=False).encode("utf-8")))
        partial.replace(file)
    except OSError:
        return  # a cache that cannot be written only costs time next run


def pages_of(path: Path, max_pages: int | None = None, cache_dir: Path | None = None) -> list[str]:
    """Page texts of a PDF, from ``cache_dir`` when extracted before (extracted and stored otherwise)."""
    if cache_dir is None:
        return extract_pages(path, max_pages)
    file = cache_dir / f"pdf-pages-{cache_key(path, max_pages)}.json.gz"
    cached = _read_cached(file) if file.exists() else None
    if cached is not None:
        return cached
    pages = extract_pages(path, max_pages)
    _write_cached(file, pages)
    return pages
