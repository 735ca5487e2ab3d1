"""Loading the programme snapshot: every source file into one CorpusSnapshot.

Portal topics of all files are merged by id before their passages are cut (the dump's full text,
the feed's opening date and call budget). HTML pages and PDFs are read last so that their passages
can link to the opportunities the snapshot holds. A file that cannot be read is skipped with one
line and the run goes on. Decisions are written up in docs/corpus.md.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import FundedProject, Opportunity, Passage, SkippedFile
from fundmatch.corpus.chunking import chunk_opportunity, make_splitter
from fundmatch.corpus.cordis import load_cordis_file
from fundmatch.corpus.documents import FileResult, OpportunityText
from fundmatch.corpus.factsheets import load_factsheet_file
from fundmatch.corpus.file_cache import FileReads
from fundmatch.corpus.file_types import CORDIS, FACTSHEET, HTML, PDF, PORTAL, file_type, programme_for
from fundmatch.corpus.html_pages import load_html_file
from fundmatch.corpus.pdf_cache import pdf_text
from fundmatch.corpus.pdf_docs import PdfDocument, pdf_document, pdf_passages, topic_conditions
from fundmatch.corpus.portal import read_portal_file
from fundmatch.corpus.portal_merge import PortalRecord, merge_portal, newest_by_id
from fundmatch.corpus.snapshot import CorpusSnapshot

log = logging.getLogger(__name__)


def _human(size: float) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} kB"


def checked_type(path: Path, max_file_bytes: int) -> str:
    """The file's type, after refusing missing, empty and oversized files with a one-line reason.

    The size cap protects memory for files read whole; CORDIS files are streamed, so not capped.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceFileError(f"cannot read file ({exc.strerror or exc})") from exc
    if size == 0:
        raise SourceFileError("empty file")
    if size <= max_file_bytes:
        return file_type(path)
    try:
        kind = file_type(path)
    except SourceFileError:
        kind = ""
    if kind != CORDIS:
        raise SourceFileError(
            f"file is {_human(size)}, over the {_human(max_file_bytes)} limit (setting max_file_mb)"
        )
    return kind


def source_files(source_dir: Path) -> list[Path]:
    """Every visible file under the source directory, in a stable order."""
    return sorted(
        path
        for path in source_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(source_dir).parts)
    )


def _capped(
    records: dict[str, PortalRecord], limit: int | None, preferred: Iterable[str] = ()
) -> dict[str, PortalRecord]:
    """At most ``limit`` records, the ``preferred`` ids first (so a quick run still merges topics)."""
    if limit is None:
        return records
    wanted = [topic_id for topic_id in preferred if topic_id in records][:limit]
    wanted += [topic_id for topic_id in records if topic_id not in set(wanted)][: limit - len(wanted)]
    return {topic_id: records[topic_id] for topic_id in wanted}


def load_file(
    path: Path,
    *,
    chunk_size: int = 1000,
    chunk_overlap: int = 150,
    max_file_bytes: int = 20_000_000,
    limit: int | None = None,
    known: Mapping[str, Opportunity] | None = None,
) -> FileResult:
    """Load one file by its type; ``known`` opportunities let page and PDF passages link to them.

    Raises SourceFileError with a one-line reason when the file cannot be used at all.
    """
    kind = checked_type(path, max_file_bytes)
    splitter = make_splitter(chunk_size, chunk_overlap)
    result = FileResult()
    items: list[OpportunityText] = []
    if kind == PORTAL:
        portal = read_portal_file(path)
        items = [record.text for record in _capped(portal.topics, limit).values()]
        result.skipped.extend(portal.skipped)
    elif kind == FACTSHEET:
        items = [load_factsheet_file(path)]
    elif kind == HTML:
        result.opportunities, result.passages = load_html_file(path, chunk_size, chunk_overlap, known)
    elif kind == CORDIS:
        cordis = load_cordis_file(path, limit)
        result.projects, result.skipped = cordis.projects, cordis.skipped
    elif kind == PDF:
        document = pdf_document(path, pdf_text(path, limit))
        result.passages = pdf_passages(document, splitter, known or {}, programme_for(path))
    for item in items:
        result.opportunities.append(item.opportunity)
        result.passages.extend(chunk_opportunity(item, splitter))
    return result


@dataclass
class _Sources:
    """What the first pass over the files found, before merging and linking."""

    dumps: list[PortalRecord] = field(default_factory=list)
    feeds: list[PortalRecord] = field(default_factory=list)
    sheets: list[OpportunityText] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)


class _Collector:
    """Accumulates a snapshot, keeping the first opportunity and passage of each id."""

    def __init__(self, source_dir: Path, progress: Callable[[str], None] | None) -> None:
        self.source_dir = source_dir
        self.progress = progress
        self.snapshot = CorpusSnapshot()
        self._first_source: dict[str, str] = {}
        self._passage_ids: set[str] = set()

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.source_dir))

    def report(self, path: Path) -> None:
        """Tell the caller one more file is done (read or skipped)."""
        if self.progress:
            self.progress(self.shown(path))

    def skip(self, shown: str, reason: str) -> None:
        log.info("skipped %s: %s", shown, reason)
        self.snapshot.skipped.append(SkippedFile(shown, reason))

    def add_opportunity(self, opportunity: Opportunity) -> bool:
        """Keep the opportunity unless its id is already held; say which happened."""
        first = self._first_source.get(opportunity.id)
        if first is not None:
            self.skip(
                opportunity.source,
                f"duplicate opportunity id {opportunity.id} ignored (already from {first})",
            )
            return False
        self._first_source[opportunity.id] = opportunity.source
        self.snapshot.opportunities.append(opportunity)
        return True

    def add_items(self, items: Iterable[OpportunityText], splitter: RecursiveCharacterTextSplitter) -> None:
        for item in items:
            if self.add_opportunity(item.opportunity):
                self.add_passages(chunk_opportunity(item, splitter))

    def add_passages(self, passages: Iterable[Passage]) -> None:
        for passage in passages:
            if passage.id not in self._passage_ids:
                self._passage_ids.add(passage.id)
                self.snapshot.passages.append(passage)

    def fill_conditions(self, conditions: Mapping[str, str]) -> None:
        """Give opportunities without conditions the ones a work programme states for them."""
        self.snapshot.opportunities = [
            replace(opportunity, conditions=conditions[opportunity.id])
            if not opportunity.conditions and opportunity.id in conditions
            else opportunity
            for opportunity in self.snapshot.opportunities
        ]

    def known(self) -> dict[str, Opportunity]:
        return {opportunity.id: opportunity for opportunity in self.snapshot.opportunities}


def _first_pass(
    collected: _Collector,
    reads: FileReads,
    *,
    max_file_bytes: int,
    limit: int | None,
    include_projects: bool,
) -> _Sources:
    """Read portal files, fact sheets and CORDIS (or take what ``reads`` stored of an unchanged
    file); note HTML pages and PDFs for later."""
    found = _Sources()
    for path in source_files(collected.source_dir):
        shown = collected.shown(path)
        try:
            kind = checked_type(path, max_file_bytes)
            if kind in (PDF, HTML):
                (found.pdfs if kind == PDF else found.pages).append(path)
                continue  # reported when read, after the opportunities are known
            if kind == PORTAL:
                portal = reads.get(path, PORTAL, partial(read_portal_file, path))
                collected.snapshot.skipped.extend(portal.skipped)
                (found.feeds if portal.is_feed else found.dumps).extend(portal.topics.values())
            elif kind == FACTSHEET:
                found.sheets.append(reads.get(path, FACTSHEET, partial(load_factsheet_file, path)))
            elif kind == CORDIS and not include_projects:
                raise SourceFileError("funded projects not requested (include_projects=False)")
            elif kind == CORDIS:
                cordis = reads.get(path, CORDIS, partial(load_cordis_file, path, limit))
                collected.snapshot.projects.extend(cordis.projects)
                collected.snapshot.skipped.extend(cordis.skipped)
            collected.snapshot.files_read.append(shown)
        except SourceFileError as exc:
            collected.skip(shown, str(exc))
        collected.report(path)
    return found


def _add_portal(
    collected: _Collector, found: _Sources, limit: int | None, splitter: RecursiveCharacterTextSplitter
) -> None:
    dump_topics = _capped(newest_by_id(found.dumps)[0], limit)
    feed_topics = _capped(newest_by_id(found.feeds)[0], limit, preferred=dump_topics)
    merged, counts = merge_portal(dump_topics, feed_topics)
    log.info(
        "portal topics: %d in the feed, %d in the dump, %d merged, %d only in the dump",
        counts.feed_topics,
        counts.dump_topics,
        counts.merged,
        counts.dump_only,
    )
    collected.add_items(merged, splitter)


def _add_pages(collected: _Collector, paths: list[Path], chunk_size: int, chunk_overlap: int) -> None:
    known = collected.known()
    for path in paths:
        try:
            opportunities, passages = load_html_file(path, chunk_size, chunk_overlap, known)
            if all(collected.add_opportunity(opportunity) for opportunity in opportunities):
                collected.add_passages(passages)
            collected.snapshot.files_read.append(collected.shown(path))
        except SourceFileError as exc:
            collected.skip(collected.shown(path), str(exc))
        collected.report(path)


def _start_pdf_reads(
    paths: list[Path], limit: int | None, workers: int | None, cache_dir: Path | None
) -> tuple[ProcessPoolExecutor | None, dict[Path, Future]]:
    """PDF text extraction is the slow part; it runs in forked worker processes where possible."""
    count = min(len(paths), workers or os.cpu_count() or 1)
    if count < 2 or "fork" not in get_all_start_methods():
        return None, {}
    pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork"))
    return pool, {path: pool.submit(pdf_text, path, limit, cache_dir) for path in paths}


def _add_pdfs(
    collected: _Collector,
    reads: FileReads,
    pending: dict[Path, Future],
    paths: list[Path],
    splitter: RecursiveCharacterTextSplitter,
    limit: int | None,
    cache_dir: Path | None,
) -> None:
    known = collected.known()
    conditions: dict[str, str] = {}
    for path in paths:
        try:

            def read(path: Path = path) -> PdfDocument:
                text = pending[path].result() if path in pending else pdf_text(path, limit, cache_dir)
                return pdf_document(path, text)

            document = reads.get(path, PDF, read)
            collected.add_passages(pdf_passages(document, splitter, known, programme_for(path)))
            for topic, stated in topic_conditions(document).items():
                conditions.setdefault(topic, stated)
            collected.snapshot.files_read.append(collected.shown(path))
        except SourceFileError as exc:
            collected.skip(collected.shown(path), str(exc))
        collected.report(path)
    collected.fill_conditions(conditions)


def load_corpus(
    source_dir: Path,
    *,
    chunk_size: int = 1000,
    chunk_overlap: int = 150,
    max_file_bytes: int = 20_000_000,
    limit: int | None = None,
    include_projects: bool = True,
    progress: Callable[[str], None] | None = None,
    pdf_workers: int | None = None,
    cache_dir: Path | None = None,
    read_cache_dir: Path | None = None,
    on_projects: Callable[[list[FundedProject]], None] | None = None,
) -> CorpusSnapshot:
    """Opportunities, passages, funded projects and skipped files of a source directory.

    ``limit`` caps what is read per file (topics, CORDIS projects, PDF pages) for quick runs.
    ``progress`` is called once per file, with its path under ``source_dir``, when it is done.
    ``pdf_workers`` processes extract PDF text (default: one per core; 1 reads them in-process);
    with a ``cache_dir`` the extracted page texts are kept there and unchanged PDFs are not re-read.
    With a ``read_cache_dir``, what each file yielded is kept there (``file_cache.FileReads``) and
    an unchanged file is not read again; ``files_reused`` of the snapshot names those files.
    ``on_projects`` is called with the funded projects as soon as they are read, before the portal
    topics are merged and while the PDFs are being read (the ingest starts fitting on them).
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise SourceFileError(f"corpus directory not found: {source_dir}")
    splitter = make_splitter(chunk_size, chunk_overlap)
    collected = _Collector(source_dir, progress)
    reads = FileReads(read_cache_dir, {"limit": limit})
    found = _first_pass(
        collected, reads, max_file_bytes=max_file_bytes, limit=limit, include_projects=include_projects
    )
    unread = [path for path in found.pdfs if not reads.has(path, PDF)]
    pool, pending = _start_pdf_reads(unread, limit, pdf_workers, cache_dir)
    try:
        if on_projects is not None:
            on_projects(collected.snapshot.projects)
        _add_portal(collected, found, limit, splitter)
        collected.add_items(found.sheets, splitter)
        _add_pages(collected, found.pages, chunk_size, chunk_overlap)
        _add_pdfs(collected, reads, pending, found.pdfs, splitter, limit, cache_dir)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    collected.snapshot.files_reused = [collected.shown(path) for path in reads.reused]
    return collected.snapshot
