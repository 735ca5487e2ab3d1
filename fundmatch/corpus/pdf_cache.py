"""A cache of extracted PDF texts, keyed by the file's content, so re-loading skips pypdf."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pypdf

from fundmatch.core.atomic import write_atomic
from fundmatch.corpus.pdf_text import PdfText, read_pdf


def cache_key(path: Path, max_pages: int | None) -> str:
    """The file's content hash together with the page cap and the pypdf version."""
    digest = hashlib.sha1(path.read_bytes())
    digest.update(f"|{max_pages}|{pypdf.__version__}".encode())
    return digest.hexdigest()


def _read_cached(file: Path) -> PdfText | None:
    try:
        stored = json.loads(gzip.decompress(file.read_bytes()))
        pages, outline = stored["pages"], [(int(page), str(title)) for page, title in stored["outline"]]
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    if not isinstance(pages, list) or not all(isinstance(page, str) for page in pages):
        return None
    return PdfText(pages, outline)


def _write_cached(file: Path, text: PdfText) -> None:
    try:
        payload = json.dumps({"pages": text.pages, "outline": text.outline}, ensure_ascii=False)
        write_atomic(file, gzip.compress(payload.encode("utf-8")), durable=False)
    except OSError:
        return  # a cache that cannot be written only costs time next run


def pdf_text(path: Path, max_pages: int | None = None, cache_dir: Path | None = None) -> PdfText:
    """Pages and bookmarks of a PDF, from ``cache_dir`` when read before (read and stored otherwise)."""
    if cache_dir is None:
        return read_pdf(path, max_pages)
    file = cache_dir / f"pdf-text-{cache_key(path, max_pages)}.json.gz"
    cached = _read_cached(file) if file.exists() else None
    if cached is not None:
        return cached
    text = read_pdf(path, max_pages)
    _write_cached(file, text)
    return text
