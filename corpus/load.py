"""Loading the programme snapshot: every source file into one CorpusSnapshot.

Portal topics of all files are merged by id before their passages are cut (the dump's full text,
the feed's opening date and call budget); PDFs are read last so that their passages can link to
the topics the snapshot holds. A file that cannot be read is skipped with one line and the run goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from corpus.chunking import chunk_opportunity, make_splitter
from corpus.cordis import load_cordis_file
from corpus.documents import FileResult, OpportunityText
from corpus.factsheets import load_factsheet_file
from corpus.file_types import CORDIS, FACTSHEET, HTML, PDF, PORTAL, file_type, programme_for
from corpus.html_pages import load_html_file
from corpus.pdf_cache import pages_of
from corpus.pdf_docs import pdf_passages
from corpus.pdf_text import read_outline
from corpus.portal import PortalFile, read_portal_file
from corpus.portal_merge import PortalRecord, merge_portal, newest_by_id
from corpus.snapshot import CorpusSnapshot
from fundmatch.errors import SourceFileError
from fundmatch.models import Opportunity, Passage, SkippedFile

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
    """Load one file by its type; ``known`` opportunities let PDF passages link to their topics.

    Raises SourceFileError with a one-line reason when the file cannot be used at all.
    """
    kind = checked_type(path, max_file_bytes)
    splitter = make_splitter(chunk_size, chunk_overlap)
    result = FileResult()
    if kind == PORTAL:
        portal = read_portal_file(path)
        items = [record.text for record in _capped(portal.topics, limit).values()]
        result.skipped.extend(portal.skipped)
        _add_items(result, items, splitter)
    elif kind == FACTSHEET:
        _add_items(result, [load_factsheet_file(path)], splitter)
    elif kind == HTML:
        result.opportunities, result.passages = load_html_file(path, chunk_size, chunk_overlap)
    elif kind == CORDIS:
        cordis = load_cordis_file(path, limit)
        result.projects, result.skipped = cordis.projects, cordis.skipped
    elif kind == PDF:
        pages = pages_of(path, limit)
        result.passages = pdf_passages(
            pages, path, splitter, known or {}, programme_for(path), read_outline(path)
        )
    return result


def _add_items(
    result: FileResult, items: Iterable[OpportunityText], splitter: RecursiveCharacterTextSplitter
) -> None:
    for item in items:
        result.opportunities.append(item.opportunity)
        result.passages.extend(chunk_opportunity(item, splitter))


class _Collector:
    """Accumulates a snapshot, keeping the first opportunity and passage of each id."""

    def __init__(self) -> None:
        self.snapshot = CorpusSnapshot()
        self._opportunity_ids: dict[str, str] = {}
        self._passage_ids: set[str] = set()

    def skip(self, path: Path | str, reason: str) -> None:
        log.info("skipped %s: %s", path, reason)
        self.snapshot.skipped.append(SkippedFile(str(path), reason))

    def add_items(self, items: Iterable[OpportunityText], splitter: RecursiveCharacterTextSplitter) -> None:
        for item in items:
            opportunity = item.opportunity
            first_source = self._opportunity_ids.get(opportunity.id)
            if first_source is not None:
                self.skip(
                    opportunity.source,
                    f"duplicate opportunity id {opportunity.id} ignored (already loaded from {first_source})",
                )
                continue
            self._opportunity_ids[opportunity.id] = opportunity.source
            self.snapshot.opportunities.append(opportunity)
            self.add_passages(chunk_opportunity(item, splitter))

    def add_passages(self, passages: Iterable[Passage]) -> None:
        for passage in passages:
            if passage.id not in self._passage_ids:
                self._passage_ids.add(passage.id)
                self.snapshot.passages.append(passage)


def _start_pdf_reads(
    paths: list[Path], limit: int | None, workers: int | None, cache_dir: Path | None
) -> tuple[ProcessPoolExecutor | None, dict[Path, Future]]:
    """PDF text extraction is the slow part; it runs in forked worker processes where possible."""
    count = min(len(paths), workers or os.cpu_count() or 1)
    if count < 2 or "fork" not in get_all_start_methods():
        return None, {}
    pool = ProcessPoolExecutor(max_workers=count, mp_context=get_context("fork"))
    return pool, {path: pool.submit(pages_of, path, limit, cache_dir) for path in paths}


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
) -> CorpusSnapshot:
    """Opportunities, passages, funded projects and skipped files of a source directory.

    ``limit`` caps what is read per file (topics, CORDIS projects, PDF pages) for quick runs.
    ``pdf_workers`` processes extract PDF text (default: one per core; 1 reads them in-process);
    with a ``cache_dir`` the extracted page texts are kept there and unchanged PDFs are not re-read.
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise SourceFileError(f"corpus directory not found: {source_dir}")
    splitter = make_splitter(chunk_size, chunk_overlap)
    collected = _Collector()
    dumps: list[PortalRecord] = []
    feeds: list[PortalRecord] = []
    sheets: list[OpportunityText] = []
    pdfs: list[Path] = []
    for path in source_files(source_dir):
        shown = str(path.relative_to(source_dir))
        if progress:
            progress(shown)
        try:
            kind = checked_type(path, max_file_bytes)
            if kind == PORTAL:
                portal: PortalFile = read_portal_file(path)
                collected.snapshot.skipped.extend(portal.skipped)
                (feeds if portal.is_feed else dumps).extend(portal.topics.values())
            elif kind == FACTSHEET:
                sheets.append(load_factsheet_file(path))
            elif kind == PDF:
                pdfs.append(path)
                continue
            elif kind == HTML:
                opportunities, passages = load_html_file(path, chunk_size, chunk_overlap)
                sheets.extend(OpportunityText(o) for o in opportunities)
                collected.add_passages(passages)
            elif kind == CORDIS and include_projects:
                cordis = load_cordis_file(path, limit)
                collected.snapshot.projects.extend(cordis.projects)
                collected.snapshot.skipped.extend(cordis.skipped)
            elif kind == CORDIS:
                raise SourceFileError("funded projects not requested (include_projects=False)")
        except SourceFileError as exc:
            collected.skip(shown, str(exc))
            continue
        collected.snapshot.files_read.append(shown)

    pool, pending = _start_pdf_reads(pdfs, limit, pdf_workers, cache_dir)
    try:
        dump_topics = _capped(newest_by_id(dumps)[0], limit)
        feed_topics = _capped(newest_by_id(feeds)[0], limit, preferred=dump_topics)
        merged, counts = merge_portal(dump_topics, feed_topics)
        log.info(
            "portal topics: %d in the feed, %d in the dump, %d merged, %d only in the dump",
            counts.feed_topics,
            counts.dump_topics,
            counts.merged,
            counts.dump_only,
        )
        collected.add_items(merged, splitter)
        collected.add_items(sheets, splitter)
        known = {opportunity.id: opportunity for opportunity in collected.snapshot.opportunities}
        for path in pdfs:
            shown = str(path.relative_to(source_dir))
            try:
                pages = pending[path].result() if path in pending else pages_of(path, limit, cache_dir)
                passages = pdf_passages(pages, path, splitter, known, programme_for(path), read_outline(path))
                collected.add_passages(passages)
            except SourceFileError as exc:
                collected.skip(shown, str(exc))
                continue
            collected.snapshot.files_read.append(shown)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return collected.snapshot
