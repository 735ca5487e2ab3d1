"""``update_sources``: fetch current portal topics and the official pages into the source directory.

Every file is written atomically (``core.atomic``) and only after its download succeeded, so a
failed or empty download never replaces a good file. Only the hosts of the sources manifest and of
the portal search API are contacted, over https, with answers capped at ``max_file_mb`` (what the
loaders would read) and ``http_timeout_s`` seconds (see ``fetch_http``). Single failures are
counted and reported; when nothing at all could be fetched the run is an UpdateError.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from fundmatch.core.atomic import write_atomic
from fundmatch.core.errors import UpdateError
from fundmatch.core.settings import Settings
from fundmatch.corpus.fetch_http import Fetcher, host_of
from fundmatch.corpus.fetch_portal import fetch_topics
from fundmatch.corpus.fetch_sources import SourcePage, read_manifest

TOPICS_FILE = PurePosixPath("horizon_europe/ft_portal_topics_fetched.jsonl.gz")

Progress = Callable[[str], None]
"""Called with one line per step (for a status display on stderr)."""


@dataclass
class UpdateReport:
    """What an update fetched and what failed (one line per failure)."""

    source_dir: Path
    topics: int = 0
    pages_saved: int = 0
    pages_total: int = 0
    failures: list[str] = field(default_factory=list)


def update_sources(settings: Settings, source_dir: Path, *, progress: Progress | None = None) -> UpdateReport:
    """Fetch topics from ``settings.portal_search_url`` and the manifest's pages into ``source_dir``."""
    say = progress or (lambda line: None)
    source_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(source_dir, os.W_OK):
        raise UpdateError(f"cannot write to {source_dir}; pass --source DIR or set FUNDMATCH_CORPUS_DIR")
    pages = read_manifest(settings.sources_manifest)
    report = UpdateReport(source_dir=source_dir, pages_total=len(pages))

    hosts = {host_of(page.url) for page in pages} | {host_of(settings.portal_search_url)}
    fetcher = Fetcher(
        hosts, timeout=settings.http_timeout_s, max_bytes=int(settings.max_file_mb * 1024 * 1024)
    )
    with fetcher:
        _fetch_all(settings, source_dir, pages, fetcher, report, say)
    if report.topics == 0 and report.pages_saved == 0:
        more = f" (and {len(report.failures) - 1} more failures)" if len(report.failures) > 1 else ""
        raise UpdateError(f"nothing could be fetched: {report.failures[0]}{more}")
    return report


def _fetch_all(
    settings: Settings,
    source_dir: Path,
    pages: list[SourcePage],
    fetcher: Fetcher,
    report: UpdateReport,
    say: Progress,
) -> None:
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    say(f"Fetching open and forthcoming topics from {settings.portal_search_url}")
    try:
        records = fetch_topics(
            settings.portal_search_url,
            fetcher=fetcher,
            fetched_at=fetched_at,
            progress=lambda done, total: say(f"  topics {done}/{total}"),
        )
        if not records:
            raise UpdateError(
                f"{settings.portal_search_url}: no topics in the answer; kept the existing file"
            )
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        write_atomic(source_dir / TOPICS_FILE, gzip.compress(lines.encode("utf-8"), mtime=0))
        report.topics = len(records)
    except UpdateError as exc:
        report.failures.append(f"portal topics: {exc}")

    for number, page in enumerate(pages, start=1):
        say(f"Page {number}/{len(pages)}: {page.url}")
        try:
            body = fetcher.get(page.url)
            if not body.strip():
                raise UpdateError(f"{page.url}: empty page; kept the existing file")
            write_atomic(source_dir / page.target, body)
            report.pages_saved += 1
        except UpdateError as exc:
            report.failures.append(f"{page.sheet}: {exc}")
