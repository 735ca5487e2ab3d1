"""``fundmatch embed``: give vectors to the passages a keyword-first ingest left without one."""

from __future__ import annotations

import click

from fundmatch.app.progress import StageProgress
from fundmatch.core.settings import load_settings


@click.command("embed")
def embed_command() -> None:
    """Embed the passages the live index has no vector for (current calls first), then make the
    complete index live; the app switches to hybrid search without a restart.

    `fundmatch ingest --background` starts this by itself (output in <index_dir>/embedding.log) and
    `fundmatch app` restarts it when a run was stopped: vectors already made are kept, it resumes.
    """
    from fundmatch.app.background import current_calls
    from fundmatch.index.background import EmbeddingProgress, embed_pending
    from fundmatch.retrieval.precomputed import write_side

    settings = load_settings()
    bar = StageProgress("Background embedding:", {"passages": "passages"})

    def show(progress: EmbeddingProgress) -> None:
        if progress.state == "embedding":
            bar("passages", progress.done, progress.total)
        elif progress.message:
            click.echo(f"{progress.state}: {progress.message}", err=True)

    report = embed_pending(settings, current_calls(settings), derive=write_side, sink=show)
    if report is None:
        click.echo("Every passage has its vector; nothing to embed.")
    else:
        click.echo(f"Complete index live: generation {report.generation}, hybrid search.")


COMMANDS: list[click.Command] = [embed_command]
