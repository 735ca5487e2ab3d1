"""The user's own files: a project description (PDF, DOCX, TXT, MD) read as text, and a call document
(PDF, HTML) cut into passages with the corpus loaders, so that it is searched and cited like the snapshot.

Every refusal is a SourceFileError with one line: unknown type, empty, over the size cap, corrupt,
encrypted, or without any text.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import KIND_CALL_TOPIC, OWN_DOCUMENTS, Opportunity, Passage
from fundmatch.corpus.chunking import make_splitter, opportunity_metadata
from fundmatch.corpus.html_pages import load_html_file
from fundmatch.corpus.pdf_docs import pdf_document, pdf_passages
from fundmatch.corpus.pdf_text import PdfText, read_pdf
from fundmatch.corpus.reading import decode_utf8
from fundmatch.corpus.text import find_topic_ids
from fundmatch.lang.i18n import N_
from fundmatch.retrieval.profile import MAX_QUERY_CHARS

DESCRIPTION_TYPES = (".pdf", ".docx", ".txt", ".md")
CALL_TYPES = (".pdf", ".html", ".htm")
MAX_PASSAGES = 400  # about 130 pages; embedding more would keep an upload waiting for minutes
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
_UNREADABLE = N_("{file}: {reason}")
_NO_TEXT = N_("{file}: no text found (a scanned PDF needs OCR first).")


@dataclass(frozen=True)
class Description:
    """The text of an uploaded description; ``cut`` when it was longer than a description may be."""

    text: str
    cut: bool


@dataclass(frozen=True)
class CallDocument:
    """An uploaded call document: its passages, and the opportunity it adds when it names none known."""

    name: str
    sha256: str
    passages: tuple[Passage, ...]
    opportunity: Opportunity | None


def _suffix(name: str, allowed: tuple[str, ...], message: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise SourceFileError(message, file=name, types=", ".join(allowed), suffix=suffix or "–")
    return suffix


def _checked_size(name: str, data: bytes, max_bytes: int) -> None:
    if not data.strip():
        raise SourceFileError(N_("{file}: the file is empty."), file=name)
    if len(data) > max_bytes:
        raise SourceFileError(
            N_("{file}: the file is {size} MB, over the {limit} MB limit (setting upload_max_mb)."),
            file=name,
            size=round(len(data) / 1e6, 1),
            limit=round(max_bytes / 1e6, 1),
        )


def safe_name(name: str) -> str:
    """The file name without folders or odd characters (it is shown as the source of passages)."""
    cleaned = _SAFE_NAME.sub("_", Path(name).name).strip(" ._")
    return cleaned or "document"


def _read_pdf(name: str, data: bytes) -> PdfText:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / safe_name(name)
        path.write_bytes(data)
        try:
            text = read_pdf(path)
        except SourceFileError as exc:
            raise SourceFileError(_UNREADABLE, file=name, reason=str(exc)) from None
    if not any(re.search(r"\w", page) for page in text.pages):
        raise SourceFileError(_NO_TEXT, file=name)
    return text


def _docx_text(name: str, data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise SourceFileError(N_("{file}: not a readable DOCX file."), file=name) from None
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def _cut(text: str, limit: int) -> str:
    """The text up to ``limit`` characters, ending at the last paragraph or sentence break inside it."""
    head = text[:limit]
    for mark in ("\n\n", "\n", ". "):
        at = head.rfind(mark)
        if at > limit // 2:
            return head[: at + 1].strip()
    return head.strip()


def read_description(name: str, data: bytes, max_bytes: int) -> Description:
    """The project description in an uploaded PDF, DOCX, TXT or Markdown file."""
    suffix = _suffix(
        name, DESCRIPTION_TYPES, N_("{file}: a description must be one of {types}, not {suffix}.")
    )
    _checked_size(name, data, max_bytes)
    if suffix == ".pdf":
        text = "\n\n".join(_read_pdf(name, data).pages)
    elif suffix == ".docx":
        text = _docx_text(name, data)
    else:
        try:
            text = decode_utf8(data)
        except SourceFileError as exc:
            raise SourceFileError(_UNREADABLE, file=name, reason=str(exc)) from None
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip()
    if not re.search(r"\w", text):
        raise SourceFileError(_NO_TEXT, file=name)
    if len(text) > MAX_QUERY_CHARS:
        return Description(_cut(text, MAX_QUERY_CHARS), True)
    return Description(text, False)


def _owned(passages: list[Passage], owner: Opportunity) -> list[Passage]:
    """Passages that belonged to no opportunity, given to ``owner``."""
    metadata = opportunity_metadata(owner)
    return [
        p
        if p.opportunity_id
        else replace(
            p, opportunity_id=owner.id, metadata={**p.metadata, **metadata, "opportunity_id": owner.id}
        )
        for p in passages
    ]


def _title(passages: list[Passage], fallback: str) -> str:
    """The page title an HTML loader recorded, else the first line of some length, else ``fallback``."""
    recorded = str(passages[0].metadata.get("title") or "") if passages else ""
    if recorded and recorded != passages[0].document_id:
        return recorded[:160]
    for passage in passages:
        line = passage.text.strip().splitlines()[0] if passage.text.strip() else ""
        if len(line) > 8:
            return line[:160]
    return fallback


def read_call_document(
    name: str,
    data: bytes,
    max_bytes: int,
    known: Mapping[str, Opportunity],
    chunk_size: int = 1000,
    chunk_overlap: int = 150,
) -> CallDocument:
    """Passages of an uploaded call document (PDF or HTML), linked to the ``known`` opportunity it names.

    A document that names exactly one known topic adds its text to that topic; one that names a new
    topic (an HTML topic page) or none becomes an opportunity of its own (programme "Own documents"
    unless the topic id tells the programme).
    """
    suffix = _suffix(name, CALL_TYPES, N_("{file}: a call document must be one of {types}, not {suffix}."))
    _checked_size(name, data, max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    shown = safe_name(name)
    opportunity: Opportunity | None = None
    if suffix == ".pdf":
        document = pdf_document(Path(shown), _read_pdf(name, data))
        passages = pdf_passages(document, make_splitter(chunk_size, chunk_overlap), known)
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / shown
            path.write_bytes(data)
            try:
                found, passages = load_html_file(path, chunk_size, chunk_overlap, known)
            except SourceFileError as exc:
                raise SourceFileError(_UNREADABLE, file=name, reason=str(exc)) from None
        opportunity = found[0] if found else None
    if not passages:
        raise SourceFileError(_NO_TEXT, file=name)
    if len(passages) > MAX_PASSAGES:
        raise SourceFileError(
            N_(
                "{file}: {n} passages, over the {limit} a call document may have; upload the call's own pages."
            ),
            file=name,
            n=len(passages),
            limit=MAX_PASSAGES,
        )
    if any(not p.opportunity_id for p in passages):
        if opportunity is None:
            text = " ".join(p.text for p in passages[:5])
            named = [topic for topic in find_topic_ids(text) if topic in known]
            opportunity = None if len(set(named)) == 1 else _own_opportunity(passages, shown, sha256)
            owner = known[named[0]] if opportunity is None else opportunity
        else:
            owner = opportunity
        passages = _owned(passages, owner)
    return CallDocument(shown, sha256, tuple(passages), opportunity)


def _own_opportunity(passages: list[Passage], name: str, sha256: str) -> Opportunity:
    title = _title(passages, Path(name).stem)
    return Opportunity(
        id=f"own-{sha256[:12]}",
        programme=OWN_DOCUMENTS,
        kind=KIND_CALL_TOPIC,
        title=title,
        source=name,
        summary=" ".join(" ".join(p.text.split()) for p in passages[:2])[:400],
    )
