"""``fundmatch update``: fetch current topics and official pages into the source directory."""

from __future__ import annotations

from pathlib import Path

import click

from fundmatch.core.settings import load_settings
from fundmatch.corpus.fetch import update_sources


@click.command("update")
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    help="Source directory to write into (default: setting corpus_dir).",
)
def update(source: Path | None) -> None:
    """Fetch open and forthcoming topics from the Funding & Tenders portal and the official
    programme pages; run `fundmatch ingest` afterwards to index them."""
    settings = load_settings()
    source_dir = source or settings.resolved_corpus_dir
    report = update_sources(settings, source_dir, progress=lambda line: click.echo(line, err=True))
    click.echo(f"Updated {report.source_dir}")
    click.echo(f"Portal topics: {report.topics}")
    click.echo(f"Official pages: {report.pages_saved} of {report.pages_total} saved")
    if report.failures:
        click.echo(f"Failures: {len(report.failures)} (existing files kept)")
        for failure in report.failures:
            click.echo(f"  {failure}")
    click.echo("Next: fundmatch ingest" + (f" --source {source}" if source else ""))


COMMANDS: list[click.Command] = [update]
