"""``fundmatch eval --cases FILE``: hit@k, MRR, routing accuracy, baselines and latency."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _print_comparison(fusion: dict, fusion_per_family: dict, importances: dict) -> None:
    click.echo("\nfusion (hand-tuned), same runs:")
    for key, value in fusion.items():
        click.echo(f"{key:16s} {value}")
    if fusion_per_family:
        click.echo("\nfamily (fusion)             cases hit@1 hit@5 mrr@10")
        for family, figures in fusion_per_family.items():
            click.echo(
                f"{family:28s} {figures['cases']:5d} {figures['hit@1']:.2f}  {figures['hit@5']:.2f}  "
                f"{figures['mrr@10']:.2f}"
            )
    if importances:
        click.echo("\nlearned ranker, feature importance (share of gain):")
        for name, share in sorted(importances.items(), key=lambda item: -item[1])[:15]:
            click.echo(f"  {name:26s} {share:.3f}")


def _print_summary(summary: dict, per_family: dict, overlaps: dict, paraphrase_overlaps: dict) -> None:
    for key, value in summary.items():
        if key == "guard_by_language":
            click.echo("guard by language (positive / false blocks / non-fundable / misses):")
            for language, counts in value.items():
                click.echo(
                    f"  {language}  {counts['positive']:3d} / {counts['false_blocks']:2d} / "
                    f"{counts['nonfundable']:3d} / {counts['misses']:2d}"
                )
        elif key == "baselines":
            for name, figures in value.items():
                click.echo(f"baseline {name:6s} " + "  ".join(f"{m} {v:.3f}" for m, v in figures.items()))
        else:
            click.echo(f"{key:16s} {value}")
    if "baselines" in summary and summary["baselines"]["tfidf"]["hit@5"]:
        click.echo(f"{'hit@5 / tfidf':16s} {summary['hit@5'] / summary['baselines']['tfidf']['hit@5']:.2f}")
    if per_family:
        click.echo("\nfamily                      cases hit@1 hit@5 mrr@10")
        for family, figures in per_family.items():
            click.echo(
                f"{family:28s} {figures['cases']:5d} {figures['hit@1']:.2f}  {figures['hit@5']:.2f}  "
                f"{figures['mrr@10']:.2f}"
            )
    lines = [
        f"{name}: {sum(v >= 4 for v in shared.values())}/{len(shared)} share >= 4 of the English top 5"
        for name, shared in (("translations", overlaps), ("English rewordings", paraphrase_overlaps))
        if shared
    ]
    if lines:
        click.echo("\n" + "\n".join(lines))


@click.command("eval")
@click.option(
    "--cases", "cases_path", required=True, type=click.Path(path_type=Path), help="JSON-lines cases."
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--report", "report_dir", type=click.Path(path_type=Path), help="Write report.md and metrics.png here."
)
@click.option("--limit", type=click.IntRange(1), help="Evaluate only the first N cases.")
@click.option(
    "--split",
    type=click.Choice(["tune", "heldout"]),
    help="Only the cases of this split (and those without a 'split' field). Tune on 'tune'; report 'heldout'.",
)
@click.option(
    "--all-programmes",
    is_flag=True,
    help="Rank every programme in the index, not only Horizon Europe, Euratom, Innovation Fund, InvestEU.",
)
def eval_command(
    cases_path: Path,
    k: int,
    as_json: bool,
    report_dir: Path | None,
    limit: int | None,
    split: str | None,
    all_programmes: bool,
) -> None:
    """Evaluate recommendations against dev cases (gold_family) or routing cases (gold_programme).

    Routing cases report programme@1 and acceptable@5; instrument cases also instrument@1 (the
    first result belongs to the gold instrument), the share of cluster cases with a cluster
    programme first, and per language the false blocks and the misses of the relevance guard.

    With FUNDMATCH_RANKER=learned (and a trained model), the hand-tuned fusion is scored on the same
    runs too, and the model's feature importances are listed.

    With an LLM configured, non-English queries are translated first, as in the app; the summary
    then names the model under "translated_by".
    """
    from evaluation.cases import load_cases
    from evaluation.report import write_report
    from evaluation.runner import run_evaluation
    from fundmatch.app.wiring import open_recommender, query_translator
    from fundmatch.core.settings import load_settings
    from fundmatch.retrieval.recommend import ALL_STATUSES, EVERYTHING

    cases = load_cases(cases_path, limit, split)
    settings = load_settings()
    recommender = open_recommender(settings)
    translator = query_translator(settings)

    def progress(done: int, total: int) -> None:
        if not as_json and (done % 25 == 0 or done == total):
            click.echo(f"  {done}/{total} cases", err=True)

    report = run_evaluation(
        recommender,
        cases,
        k,
        progress,
        translate=translator.run if translator else None,
        filters=EVERYTHING if all_programmes else ALL_STATUSES,
    )
    if translator:
        report.summary["translated_by"] = translator.llm.name
    ranker = recommender.ranker
    report.summary["ranker"] = "learned" if ranker else "fusion"
    if as_json:
        click.echo(
            json.dumps(report.summary | ({"fusion": report.fusion} if report.fusion else {}), indent=2)
        )
    else:
        _print_summary(report.summary, report.per_family, report.overlaps, report.paraphrase_overlaps)
        if report.fusion:
            _print_comparison(report.fusion, report.fusion_per_family, ranker.meta.importances)
    if report_dir is not None:
        command = "fundmatch " + " ".join(sys.argv[1:])
        path = write_report(report, report_dir, cases_path.name, command)
        click.echo(f"report written to {path}", err=True)


COMMANDS: list[click.Command] = [eval_command]
