"""``fundmatch index status`` and ``fundmatch index prune``: the generations of an index directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fundmatch.core.settings import Settings, load_settings
from fundmatch.index.layout import IndexLayout

if TYPE_CHECKING:
    from fundmatch.index.retention import GenerationInfo, IndexStatus

INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory (default: setting index_dir).",
)


def _settings(index_dir: Path | None) -> Settings:
    settings = load_settings()
    return settings.replace(index_dir=index_dir) if index_dir else settings


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _folder_line(folder: GenerationInfo) -> str:
    line = f"  {folder.name}  {folder.state:9s}  {_megabytes(folder.bytes):>10s}"
    manifest = folder.manifest
    if manifest is None:
        return line + ("" if folder.state in ("building", "leftover") else "  (no readable manifest)")
    counts = manifest.counts
    return (
        f"{line}  built {manifest.created}  corpus {manifest.corpus_snapshot or 'unknown'}  "
        f"model {manifest.embedding_model}  {counts.get('opportunities', 0)} opportunities, "
        f"{counts.get('passages', 0)} passages"
    )


def status_lines(status: IndexStatus, keep_generations: int) -> list[str]:
    """What ``fundmatch index status`` prints."""
    lines = [f"Index {status.root}"]
    if status.live is None:
        lines.append("Live generation: none (build one with `fundmatch ingest`)")
    else:
        lines.append(f"Live generation: {status.live}")
    if status.locked:
        who = status.holder.describe() if status.holder else "another process"
        lines.append(f"Writer: {who}")
    else:
        lines.append("Writer: none")
    lines.append(
        f"Folders ({len(status.folders)}, {_megabytes(status.total_bytes)}; "
        f"keep_generations = {keep_generations}):"
    )
    lines.extend(_folder_line(folder) for folder in status.folders)
    doomed = [f for f in status.folders if f.state in ("to delete", "leftover")]
    if doomed:
        freed = _megabytes(sum(f.bytes for f in doomed))
        lines.append(f"`fundmatch index prune` would delete {len(doomed)} folder(s), {freed}")
    return lines


@click.group("index")
def index_group() -> None:
    """Inspect and tidy the index directory (generations, sizes, the writer lock)."""


@index_group.command("status")
@INDEX_OPTION
def status_command(index_dir: Path | None) -> None:
    """Show the generations of the index: live and kept ones, leftovers, sizes, the corpus date and
    the embedding model each was built with, and which process is writing it."""
    from fundmatch.index.retention import describe

    settings = _settings(index_dir)
    status = describe(IndexLayout(settings.resolved_index_dir), settings.keep_generations)
    for line in status_lines(status, settings.keep_generations):
        click.echo(line)


@index_group.command("prune")
@INDEX_OPTION
@click.option("--wait", is_flag=True, help="Wait for a running ingest instead of stopping.")
def prune_command(index_dir: Path | None, wait: bool) -> None:
    """Delete generations beyond the live one and the `keep_generations` before it, and the folders
    of builds that never finished (as every ingest does after its swap)."""
    from fundmatch.index.retention import prune
    from fundmatch.index.vector_store import get_vector_store

    settings = _settings(index_dir)
    layout = IndexLayout(settings.resolved_index_dir)
    with layout.writer_lock().hold("prune", wait=wait):
        report = prune(layout, settings.keep_generations, get_vector_store(settings))
    click.echo(f"Kept {len(report.kept)}: {', '.join(report.kept) or 'none'}")
    click.echo(
        f"Deleted {len(report.removed)}"
        + (
            f" ({_megabytes(report.freed_bytes)} freed): {', '.join(report.removed)}"
            if report.removed
            else ""
        )
    )


COMMANDS: list[click.Command] = [index_group]
