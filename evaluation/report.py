"""An evaluation report folder: a Markdown summary with a per-family table and a PNG plot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from evaluation.runner import EvalReport

MAIN_METRICS = (
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr@10",
    "programme@1",
    "acceptable@5",
    "instrument@1",
    "cluster_first",
)


def _plot(report: EvalReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summary = report.summary
    names = [m for m in MAIN_METRICS if m in summary]
    figure, axes = plt.subplots(
        1, 2 if report.per_family else 1, figsize=(13 if report.per_family else 6, 4.5)
    )
    left = axes[0] if report.per_family else axes
    left.bar(names, [summary[m] for m in names], color="#3b6ea8", label="fundmatch")
    for offset, (baseline, figures) in enumerate(summary.get("baselines", {}).items(), start=1):
        positions = [names.index(m) + 0.2 * offset for m in ("hit@5", "mrr@10") if m in names]
        left.bar(
            positions, [figures[m] for m in ("hit@5", "mrr@10") if m in names], width=0.2, label=baseline
        )
    left.set_ylim(0, 1)
    left.set_title("Overall")
    left.legend()
    if report.per_family:
        families = list(report.per_family)
        axes[1].bar(range(len(families)), [report.per_family[f]["hit@5"] for f in families], color="#6a9f58")
        axes[1].set_xticks(range(len(families)), families, rotation=90, fontsize=6)
        axes[1].set_ylim(0, 1.05)
        axes[1].set_title("hit@5 per call family")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _scope(programmes: tuple[str, ...]) -> str:
    return "programmes: " + ", ".join(programmes) if programmes else "every programme in the index"


def _markdown(report: EvalReport, cases_name: str, command: str) -> str:
    summary = report.summary
    lines = [
        f"# fundmatch evaluation: {cases_name}",
        "",
        f"Date: {date.today().isoformat()}. Command: `{command}`. Cases: {len(report.results)}.",
        f"All statuses ranked, {_scope(report.programmes)}; the case's own funded project is excluded "
        "from the similar-project signal.",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    for key, value in summary.items():
        if key == "guard_by_language":
            continue
        if key == "baselines":
            for name, figures in value.items():
                for metric, number in figures.items():
                    lines.append(f"| baseline {name} {metric} | {number:.3f} |")
        else:
            lines.append(f"| {key} | {value} |")
    if "baselines" in summary and "hit@5" in summary:
        tfidf = summary["baselines"]["tfidf"]["hit@5"]
        lines.append(f"| hit@5 / TF-IDF hit@5 | {summary['hit@5'] / tfidf:.2f} |" if tfidf else "")
    if report.per_family:
        lines += [
            "",
            "## Per call family",
            "",
            "| family | cases | hit@1 | hit@5 | hit@10 | mrr@10 |",
            "|---|---|---|---|---|---|",
        ]
        for family, figures in report.per_family.items():
            lines.append(
                f"| {family} | {figures['cases']} | {figures['hit@1']:.2f} | {figures['hit@5']:.2f} | "
                f"{figures['hit@10']:.2f} | {figures['mrr@10']:.2f} |"
            )
    if "guard_by_language" in summary:
        lines += guard_table(summary["guard_by_language"])
    misses = [
        r
        for r in report.results
        if r.programme_right is False or r.acceptable_right is False or r.instrument_right is False
    ]
    if misses:
        lines += [
            "",
            "## Routing misses",
            "",
            "| case | gold | first instrument | top 3 |",
            "|---|---|---|---|",
        ]
        for result in misses:
            gold = " / ".join(g for g in (result.case.gold_programme, result.case.gold_instrument) if g)
            first = ", ".join(result.instruments[0]) if result.instruments else ""
            lines.append(
                f"| {result.case.id} | {gold} | {first or '-'} | {', '.join(result.ranked_ids[:3]) or '(empty)'} |"
            )
    if report.overlaps or report.paraphrase_overlaps:
        lines += _overlap_tables(report)
    lines.append("")
    return "\n".join(lines)


def guard_table(by_language: dict[str, dict[str, int]]) -> list[str]:
    """The relevance guard per language: false blocks of positive cases, misses of non-fundable ones."""
    lines = [
        "",
        "## The guard per language",
        "",
        "| language | positive cases | false blocks | non-fundable cases | misses |",
        "|---|---|---|---|---|",
    ]
    for language, counts in by_language.items():
        lines.append(
            f"| {language} | {counts['positive']} | {counts['false_blocks']} | {counts['nonfundable']} | "
            f"{counts['misses']} |"
        )
    return lines


def _overlap_tables(report: EvalReport) -> list[str]:
    """Per language (a second English wording is "en, reworded"), then per case."""
    case_of = {result.case.id: result.case for result in report.results}
    by_language: dict[str, list[int]] = {}
    overlaps = report.overlaps | report.paraphrase_overlaps
    for case_id, shared in overlaps.items():
        case = case_of[case_id]
        by_language.setdefault("en, reworded" if case.paraphrase else case.language or "?", []).append(shared)
    lines = [
        "",
        "## Overlap with the group's English description (top 5)",
        "",
        "| language | cases | mean shared | at least 4 of 5 |",
        "|---|---|---|---|",
    ]
    for language, values in by_language.items():
        enough = sum(value >= 4 for value in values)
        lines.append(f"| {language} | {len(values)} | {sum(values) / len(values):.2f} | {enough} |")
    lines += ["", "| case | shared |", "|---|---|"]
    lines += [f"| {case_id} | {shared}/5 |" for case_id, shared in overlaps.items()]
    return lines


def write_report(report: EvalReport, directory: Path, cases_name: str, command: str) -> Path:
    """Write ``report.md`` and ``metrics.png`` into ``directory``; returns the Markdown path."""
    directory.mkdir(parents=True, exist_ok=True)
    _plot(report, directory / "metrics.png")
    path = directory / "report.md"
    path.write_text(_markdown(report, cases_name, command) + "\n![metrics](metrics.png)\n", encoding="utf-8")
    return path
