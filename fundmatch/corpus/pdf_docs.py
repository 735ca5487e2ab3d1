"""Work programme and strategy PDFs as passages with page numbers, linked to their topics."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from fundmatch.core.models import Opportunity, Passage
from fundmatch.corpus.chunking import Metadata, chunk_sections, opportunity_metadata
from fundmatch.corpus.documents import Section
from fundmatch.corpus.pdf_text import PdfText, body_lines, running_lines, strip_footnotes
from fundmatch.corpus.portal_sections import SPECIFIC_CONDITIONS
from fundmatch.corpus.text import TOPIC_ID, join_split_ids, repair

FRONT_MATTER = "Front matter"
_TOPIC_HEADING = re.compile(rf"^\s*({TOPIC_ID.pattern})\s*:\s*(.*)$")
_CALL_LINE = re.compile(r"^\s*Call\s*:")
_TOPIC_LABEL = re.compile(rf"^\s*(Expected Outcome|Expected Impact|Scope|{SPECIFIC_CONDITIONS})\s*:?\s*(.*)$")
_PART_HEADING = re.compile(r"^\s*(Destination\s*(?:\d+\s*)?[-–:]\s*\S.*|Call\s*[-–]\s*\S.*|Other actions.*)$")
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\.(?:\d{1,2}\.?){0,2}\s+[A-Z][^.]{2,80}$")
_DRAFT_MARKS = ("draft has not been adopted", "public draft")
_CALL_LOOKAHEAD = 6


@dataclass
class _Open:
    """The section being filled: its heading, topic, first page, lines and later page starts."""

    heading: str
    topic: str | None
    page: int
    lines: list[str]
    breaks: list[tuple[int, int]]
    length: int = 0

    def closed(self) -> list[tuple[str | None, Section]]:
        text = "\n".join(self.lines).strip()
        return [(self.topic, Section(self.heading, text, self.page, tuple(self.breaks)))] if text else []


def is_draft(path: Path, first_pages: list[str]) -> bool:
    """A public draft, by its file name or by the notice on its first pages."""
    text = (path.name + " " + " ".join(first_pages)).lower().replace("-", " ")
    return any(mark in text for mark in _DRAFT_MARKS)


def _topic_start(lines: list[str], index: int) -> str | None:
    match = _TOPIC_HEADING.match(lines[index])
    if not match:
        return None
    following = lines[index + 1 : index + 1 + _CALL_LOOKAHEAD]
    return match.group(1) if any(_CALL_LINE.match(line) for line in following) else None


def _folded(text: str) -> str:
    return " ".join(text.split()).lower()


def _title_line(lines: list[tuple[int, str]], first: int, title: str) -> int:
    """Index of the line on the same page that begins ``title``; the page's first line if none does."""
    wanted = _folded(title)
    page = lines[first][0]
    index = first
    while index < len(lines) and lines[index][0] == page:
        line = _folded(lines[index][1])
        if len(line) >= min(12, len(wanted)) and (wanted.startswith(line) or line.startswith(wanted)):
            return index
        index += 1
    return first


def outline_starts(lines: list[tuple[int, str]], outline: list[tuple[int, str]]) -> dict[int, str]:
    """Line index -> bookmark title, for bookmarks that do not name a topic (topics are detected)."""
    first_line: dict[int, int] = {}
    for index, (page, _) in enumerate(lines):
        first_line.setdefault(page, index)
    starts: dict[int, str] = {}
    for page, title in outline:
        if page in first_line and not TOPIC_ID.search(title):
            starts.setdefault(_title_line(lines, first_line[page], title), title)
    return starts


def page_lines(pages: list[str]) -> list[tuple[int, str]]:
    """(page, line) for every body line: footnotes, running headers and dot leaders removed."""
    pages = [strip_footnotes(page) for page in pages]
    running = running_lines(pages)
    lines: list[tuple[int, str]] = []
    for number, text in enumerate(pages, start=1):
        lines.extend((number, line) for line in body_lines(join_split_ids(repair(text)), running))
    return lines


def _heading(
    lines: list[str], index: int, topic: str | None, bookmarks: dict[int, str]
) -> tuple[str, str | None, str] | None:
    """(heading, topic it belongs to, rest of the line) when line ``index`` opens a section."""
    line = lines[index]
    new_topic = _topic_start(lines, index)
    if new_topic:
        return line.strip(), new_topic, line
    label = _TOPIC_LABEL.match(line) if topic else None
    if label:
        return label.group(1), topic, label.group(2)
    if index in bookmarks:
        return bookmarks[index], None, line
    if _PART_HEADING.match(line) or (not bookmarks and not topic and _NUMBERED_HEADING.match(line)):
        return line.strip(), None, line
    return None


def pdf_sections(
    pages: list[str], outline: list[tuple[int, str]] | None = None
) -> list[tuple[str | None, Section]]:
    """Sections of a document as (topic id or None, section); a topic section ends at the next heading.

    Headings come from the bookmarks when the PDF has them, else from numbered heading lines.
    """
    lines = page_lines(pages)
    just_lines = [line for _, line in lines]
    bookmarks = outline_starts(lines, outline or [])
    result: list[tuple[str | None, Section]] = []
    current = _Open(FRONT_MATTER, None, 1, [], [])
    for index, (page, line) in enumerate(lines):
        opened = _heading(just_lines, index, current.topic, bookmarks)
        if opened:
            result.extend(current.closed())
            heading, topic, line = opened
            current = _Open(heading, topic, page, [], [])
        elif page != (current.breaks[-1][1] if current.breaks else current.page):
            current.breaks.append((current.length, page))
        if line.strip():
            current.lines.append(line)
            current.length += len(line) + 1
    result.extend(current.closed())
    return result


@dataclass(frozen=True)
class PdfDocument:
    """A PDF cut into sections, each with the topic it belongs to (or None)."""

    path: Path
    sections: list[tuple[str | None, Section]]
    draft: bool


def pdf_document(path: Path, text: PdfText) -> PdfDocument:
    """Sections of a PDF and whether it is a public draft."""
    return PdfDocument(path, pdf_sections(text.pages, text.outline), is_draft(path, text.pages[:2]))


def topic_conditions(document: PdfDocument) -> dict[str, str]:
    """The specific conditions the document states for each topic (TRL, eligibility exceptions)."""
    found: dict[str, list[str]] = {}
    for topic, section in document.sections:
        if topic and section.heading == SPECIFIC_CONDITIONS:
            found.setdefault(topic, []).append(section.text)
    origin = document.path.name + (", a public draft, not legally binding" if document.draft else "")
    return {
        topic: f"{SPECIFIC_CONDITIONS} (from {origin}): " + "\n".join(texts) for topic, texts in found.items()
    }


def pdf_passages(
    document: PdfDocument,
    splitter: RecursiveCharacterTextSplitter,
    known: Mapping[str, Opportunity],
    programme: str = "",
) -> list[Passage]:
    """Passages of a PDF; those inside a topic known to the snapshot carry its id and metadata."""
    document_id = document.path.stem
    base: Metadata = {"programme": programme, "kind": "document", "title": document_id}
    passages: list[Passage] = []
    for topic, section in document.sections:
        opportunity = known.get(topic) if topic else None
        metadata: Metadata = {
            **base,
            **(opportunity_metadata(opportunity) if opportunity else {}),
            "draft": document.draft,
            "topic_id": topic or "",
        }
        passages.extend(
            chunk_sections(
                [section],
                owner_id=f"{document_id}/{topic or ''}",
                source=document.path.name,
                metadata=metadata,
                splitter=splitter,
                opportunity_id=opportunity.id if opportunity else None,
                document_id=document_id,
            )
        )
    return passages
