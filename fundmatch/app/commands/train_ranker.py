"""``fundmatch train-ranker``: fit the learned ranker on funded CORDIS projects (issue 16)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click

from fundmatch.core.settings import REPO_ROOT

DEFAULT_EXCLUDED = (
    REPO_ROOT.parent / "shared" / "eval" / "dev_cases.jsonl",
    REPO_ROOT / "evaluation" / "cases",
)


def _case_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            files.append(path)
    return files


@click.command("train-ranker")
@click.option(
    "--split-date",
    type=click.DateTime(["%Y-%m-%d"]),
    default="2024-01-01",
    show_default=True,
    help="Projects started before it train the model, the later ones validate it.",
)
@click.option(
    "--per-family",
    type=click.IntRange(1),
    default=100,
    show_default=True,
    help="At most this many projects per call family on each side of the split.",
)
@click.option(
    "--exclude-cases",
    "excluded",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Case files (or folders of them) whose projects never train; default: the dev cases and "
    "evaluation/cases.",
)
@click.option("--limit", type=click.IntRange(1), help="Use only the first N selected projects (a trial).")
@click.option(
    "--threads",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Threads of the query embedder (embedding_threads).",
)
@click.option("--features-only", is_flag=True, help="Build (or complete) the cached feature table and stop.")
def train_ranker_command(
    split_date: object,
    per_family: int,
    excluded: tuple[Path, ...],
    limit: int | None,
    threads: int,
    features_only: bool,
) -> None:
    """Train the learned ranker: every selected funded project is phrased as a request, run through
    the recommender leave-one-out, and the features of its candidates are cached under
    <data_dir>/ranker/ (run it with `nice`: the first build takes long, later ones read the cache);
    LightGBM lambdarank learns which candidates belong to the project's call family, validated on
    the projects after --split-date, then refitted on all. The model is written to <data_dir>/ranker/
    and used with FUNDMATCH_RANKER=learned.
    """
    from evaluation.ranker_data import build_feature_table, case_ids, index_families, select_queries
    from fundmatch.app.wiring import open_recommender
    from fundmatch.core.settings import load_settings
    from fundmatch.retrieval.learned import index_identity, ranker_dir

    settings = load_settings().replace(ranker="fusion", embedding_threads=threads)
    recommender = open_recommender(settings)
    identity = index_identity(recommender.index, settings.embedding_model)
    excluded_files = _case_files(excluded or DEFAULT_EXCLUDED)
    left_out = case_ids(excluded_files)
    day = split_date.date() if hasattr(split_date, "date") else date.fromisoformat(str(split_date))
    queries = select_queries(
        recommender.index.projects(), index_families(recommender), left_out, day, per_family
    )
    if limit:
        queries = queries[:limit]
    sides = {side: sum(q.split == side for q in queries) for side in ("train", "validation")}
    click.echo(
        f"{len(queries)} projects ({sides['train']} started before {day}, {sides['validation']} from then on); "
        f"{len(left_out)} case ids of {len(excluded_files)} case files left out",
        err=True,
    )
    if not features_only and not all(sides.values()):
        raise click.ClickException(
            "the time split leaves one side without projects: choose another --split-date or --limit"
        )
    start = time.perf_counter()
    table = build_feature_table(
        recommender,
        queries,
        ranker_dir(settings) / "features.sqlite",
        identity,
        progress=lambda line: click.echo(line, err=True),
    )
    click.echo(f"feature table: {len(table.features)} rows, {time.perf_counter() - start:.0f} s", err=True)
    if features_only:
        return
    from evaluation.ranker_training import TrainingConfig, describe, train_and_save

    start = time.perf_counter()
    meta = train_and_save(table, TrainingConfig(), settings, identity)
    click.echo(describe(meta))
    click.echo(f"training: {time.perf_counter() - start:.0f} s; model in {ranker_dir(settings)}", err=True)


COMMANDS: list[click.Command] = [train_ranker_command]
