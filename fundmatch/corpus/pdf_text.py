"""Page texts and bookmarks of a PDF with pypdf; unreadable or locked files raise SourceFileError."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

from fundmatch.core.errors import SourceFileError

_PDF_ERRORS = (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, OSError)
_DIGITS = re.compile(r"\d+")
_HEADER_LINES = 3
_DOT_LEADER = re.compile(r"\.{6,}|(?:\. ){5,}")
# Footnotes: after a blank line in the lower two thirds of a page, lines that open with a bare number.
_FOOTNOTES = re.compile(r"\n[ \t]*\n(?=[ \t]*\d{1,3}[ \t]+\S)")
_LOCKED = "encrypted PDF; it needs a password, save an unprotected copy"


@dataclass(frozen=True)
class PdfText:
    """The text of each page (page n is ``pages[n - 1]``) and the bookmarks as (page, title)."""

    pages: list[str]
    outline: list[tuple[int, str]]


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    entries: list[tuple[int, str]] = []
    try:
        pending = list(reader.outline)
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending[0:0] = item
                continue
            page = reader.get_destination_page_number(item)
            title = " ".join(str(item.title or "").split())
            if page is not None and page >= 0 and title:
                entries.append((page + 1, title))
    except _PDF_ERRORS:
        return []  # broken bookmarks only cost the headings they would have given
    return entries


def read_pdf(path: Path, max_pages: int | None = None) -> PdfText:
    """Page texts (at most ``max_pages``) and bookmarks of a PDF."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise SourceFileError(f"encrypted PDF that cannot be opened here ({exc})") from exc
            if not opened:
                raise SourceFileError(_LOCKED)
        pages = reader.pages if max_pages is None else reader.pages[:max_pages]
        return PdfText([page.extract_text() or "" for page in pages], _outline(reader))
    except FileNotDecryptedError as exc:
        raise SourceFileError(_LOCKED) from exc
    except _PDF_ERRORS as exc:
        raise SourceFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc


def strip_footnotes(page: str) -> str:
    """The page without its footnote block (URLs and asides that only add noise to passages)."""
    for match in _FOOTNOTES.finditer(page):
        if match.start() > len(page) / 3:
            return page[: match.start()]
    return page


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.strip())


def running_lines(pages: list[str]) -> set[str]:
    """Header and footer lines that recur on most pages (digits ignored, so page numbers match)."""
    if len(pages) < 4:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        lines = [line for line in text.splitlines() if line.strip()]
        edges = lines[:_HEADER_LINES] + lines[-1:]
        counts.update({_shape(line) for line in edges})
    return {shape for shape, count in counts.items() if count >= len(pages) / 2}


def body_lines(text: str, running: set[str]) -> list[str]:
    """The page's lines without running headers/footers (at the page edges) and dot-leader lines."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    last = len(lines) - 1
    return [
        line
        for index, line in enumerate(lines)
        if not ((index < _HEADER_LINES or index == last) and _shape(line) in running)
        and not _DOT_LEADER.search(line)
    ]
