"""``fundmatch ingest``: read the source directory and bring the hybrid index up to date."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fundmatch.app.progress import StageProgress
from fundmatch.core.settings import Settings, load_settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.index.fingerprint import source_fingerprint
from fundmatch.index.layout import IndexLayout, Manifest

if TYPE_CHECKING:
    from fundmatch.core.models import FundedProject
    from fundmatch.index import BuildReport


def load_snapshot(
    settings: Settings,
    limit: int | None,
    files: int,
    on_projects: Callable[[list[FundedProject]], None] | None = None,
) -> CorpusSnapshot:
    """Read every programme file under the corpus directory, with a progress bar over the files.

    What each file yielded is kept under ``<data_dir>/cache/file-reads`` (keyed by its path, content
    and the loader code), so that an ingest after a change reads only the changed files; PDF texts
    are kept under ``<data_dir>/cache/pdf-text`` (keyed by content), so that a loader change does
    not run pypdf again (25-70 s of CPU on the full corpus). ``on_projects`` gets the funded projects
    as soon as they are read (``SideWriter.start``)."""
    from fundmatch.corpus.load import load_corpus

    bar = StageProgress("Reading", {"files": "files"})
    read = 0

    def one_more(shown: object) -> None:
        nonlocal read
        read += 1
        bar("files", min(read, files), files)

    return load_corpus(
        settings.resolved_corpus_dir,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        max_file_bytes=int(settings.max_file_mb * 1024 * 1024),
        limit=limit,
        include_projects=True,
        progress=one_more,
        cache_dir=settings.data_dir / "cache" / "pdf-text",
        read_cache_dir=settings.data_dir / "cache" / "file-reads",
        on_projects=on_projects,
    )


def summary_lines(
    report: BuildReport, load_seconds: float, wall_seconds: float, snapshot: CorpusSnapshot | None = None
) -> list[str]:
    """The closing summary: what is in the index, what changed, what was read or skipped, how long
    it took."""
    p, j = report.passages, report.projects
    lines = [
        f"Index {report.index_dir} (generation {report.generation}){'' if report.changed else ': unchanged'}"
    ]
    by_programme = ", ".join(f"{name} {count}" for name, count in report.opportunities_by_programme.items())
    lines.append(
        f"Opportunities: {sum(report.opportunities_by_programme.values())} ({by_programme or 'none'})"
    )
    lines.append(
        f"Passages: {p.new} new, {p.changed} changed, {p.removed} removed, {p.unchanged} unchanged"
        + (f", {p.metadata_updated} with updated metadata" if p.metadata_updated else "")
        + (
            f"; {report.pending_passages} not embedded yet (keyword search only)"
            if report.pending_passages
            else ""
        )
    )
    lines.append(
        f"Projects: {report.projects_total} in the catalogue, {report.projects_embedded} embedded "
        f"({j.new} new, {j.changed} changed, {j.removed} removed, {j.unchanged} unchanged"
        + (f", {j.skipped} not embedded; --projects embeds them" if j.skipped else "")
        + ")"
    )
    if snapshot is not None:
        reused = len(snapshot.files_reused)
        lines.append(
            f"Files read: {len(snapshot.files_read) - reused}"
            + (f" ({reused} unchanged since the last ingest, not read again)" if reused else "")
        )
    lines.append(f"Files skipped: {len(report.skipped_files)}")
    lines.extend(f"  {skipped.path}: {skipped.reason}" for skipped in report.skipped_files)
    stages = ", ".join(
        f"{name} {seconds:.1f}s" for name, seconds in report.seconds.items() if seconds >= 0.05
    )
    lines.append(
        f"Wall time: {wall_seconds:.1f}s (loading {load_seconds:.1f}s{', ' + stages if stages else ''})"
    )
    return lines


def unchanged_lines(settings: Settings, live: Manifest, wall_seconds: float) -> list[str]:
    """The summary when no source file, loader or setting changed since the live generation."""
    by_programme = ", ".join(f"{name} {count}" for name, count in live.opportunities_by_programme.items())
    return [
        f"Index {settings.resolved_index_dir} (generation {live.generation}): unchanged; no source file, "
        "loader or setting changed, nothing was read or embedded",
        f"Opportunities: {live.counts.get('opportunities', 0)} ({by_programme or 'none'})",
        f"Passages: {live.counts.get('passages', 0)} unchanged",
        f"Projects: {live.counts.get('projects', 0)} in the catalogue, {live.projects_embedded} embedded",
        f"Wall time: {wall_seconds:.1f}s",
    ]


@click.command("ingest")
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus directory to read (default: setting corpus_dir).",
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory to write (default: setting index_dir).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Read at most N records per source file (a quick trial)."
)
@click.option(
    "--background",
    is_flag=True,
    help="Make the keyword index live first (no embedding) and embed the passages in a background "
    "process (`fundmatch embed`, log in <index_dir>/embedding.log); the app answers at once in keyword "
    "mode and switches to hybrid search when the embedding is done.",
)
@click.option(
    "--projects/--no-projects",
    default=None,
    help="Embed CORDIS projects for dense similar-project votes (default: setting embed_projects, off). "
    "Their records are always in the catalogue.",
)
def ingest(
    source: Path | None, index_dir: Path | None, limit: int | None, background: bool, projects: bool | None
) -> None:
    """Read the corpus and build or incrementally update the search index."""
    from fundmatch.corpus.load import source_files
    from fundmatch.index import build_index
    from fundmatch.retrieval.precomputed import SideWriter

    settings = load_settings()
    overrides = {key: value for key, value in (("corpus_dir", source), ("index_dir", index_dir)) if value}
    if overrides:
        settings = settings.replace(**overrides)
    if not settings.resolved_corpus_dir.is_dir():
        raise click.ClickException(
            f"no corpus directory at {settings.resolved_corpus_dir}; pass --source DIR or run `fundmatch update`"
        )
    started = time.perf_counter()
    embed_projects = settings.embed_projects if projects is None else projects
    files = source_files(settings.resolved_corpus_dir)
    fingerprint = source_fingerprint(
        settings.resolved_corpus_dir,
        files,
        {
            "chunk_size": settings.chunk_size,
            "chunk_overlap": settings.chunk_overlap,
            "max_file_mb": settings.max_file_mb,
            "limit": limit,
            "embed_projects": embed_projects,
            "embedding_model": settings.embedding_model,
            "vector_store": settings.vector_store,
        },
    )
    layout = IndexLayout(settings.resolved_index_dir)
    live = layout.live_manifest()
    if live is not None and live.source_fingerprint == fingerprint:
        for line in unchanged_lines(settings, live, time.perf_counter() - started):
            click.echo(line)
    else:
        side = SideWriter(layout.live())
        snapshot = load_snapshot(settings, limit, len(files), on_projects=side.start)
        load_seconds = time.perf_counter() - started
        report = build_index(
            snapshot,
            settings,
            embed_projects=embed_projects,
            progress=StageProgress("Embedding", {"passages": "passages", "projects": "projects"}),
            source_fingerprint=fingerprint,
            defer_embedding=background,
            derive=side,
        )
        for line in summary_lines(report, load_seconds, time.perf_counter() - started, snapshot):
            click.echo(line)
    _finish_embedding(settings, background)


def _finish_embedding(settings: Settings, background: bool) -> None:
    """Embed what the live generation still lacks: in a background process, or here and now."""
    from fundmatch.app.background import LOG_FILE, current_calls, needs_embedding, start_background_embedding

    if not needs_embedding(settings):
        return
    if background:
        pid = start_background_embedding(settings)
        where = settings.resolved_index_dir / LOG_FILE
        state = f"started (pid {pid})" if pid else "already running"
        click.echo(f"Keyword search is ready; the background embedding is {state}, log in {where}")
        return
    from fundmatch.index.background import EmbeddingProgress, embed_pending
    from fundmatch.retrieval.precomputed import write_side

    bar = StageProgress("Embedding", {"passages": "passages"})

    def show(progress: EmbeddingProgress) -> None:
        if progress.state == "embedding":
            bar("passages", progress.done, progress.total)

    embed_pending(settings, current_calls(settings), derive=write_side, sink=show)


COMMANDS: list[click.Command] = [ingest]
