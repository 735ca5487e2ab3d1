"""What each feature group and training setting of the learned ranker gives, on the time-split validation.

Usage: FUNDMATCH_DATA_DIR=<data_dir> nice -n 10 python scripts/ranker_ablation.py [--per-family 100]

Reads the cached feature table of ``fundmatch train-ranker`` (the same selection of projects; a
missing request is computed, so run train-ranker first), then fits on the projects started before
the split date and scores the later ones, once per row of the table printed (Markdown): every
feature, each feature group left out, only one group, and a few settings. Nothing here touches the
dev cases: they are not in the table.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import date

from evaluation.ranker_data import build_feature_table, case_ids, index_families, select_queries
from evaluation.ranker_training import TrainingConfig, validate
from fundmatch.app.wiring import open_recommender
from fundmatch.core.settings import REPO_ROOT, load_settings
from fundmatch.retrieval.features import FEATURE_GROUPS, FEATURE_NAMES
from fundmatch.retrieval.learned import index_identity, ranker_dir


def _row(name: str, validation, seconds: float) -> str:
    cells = []
    for part in ("not_researcher", "all"):
        learned = validation.report[part]["learned"]
        cells.append(f"{learned['hit@1']:.3f} | {learned['hit@5']:.3f} | {learned['mrr@10']:.3f}")
    return f"| {name} | {' | '.join(cells)} | {validation.rounds} | {validation.diversity} | {seconds:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split-date", type=date.fromisoformat, default=date(2024, 1, 1))
    parser.add_argument("--per-family", type=int, default=100)
    parser.add_argument("--only", nargs="*", help="run only the rows whose name starts with one of these")
    args = parser.parse_args()
    settings = load_settings().replace(ranker="fusion")
    recommender = open_recommender(settings)
    identity = index_identity(recommender.index, settings.embedding_model)
    cases = [REPO_ROOT.parent / "shared" / "eval" / "dev_cases.jsonl"]
    cases += sorted((REPO_ROOT / "evaluation" / "cases").glob("*.jsonl"))
    excluded = case_ids([path for path in cases if path.is_file()])
    queries = select_queries(
        recommender.index.projects(), index_families(recommender), excluded, args.split_date, args.per_family
    )
    table = build_feature_table(recommender, queries, ranker_dir(settings) / "features.sqlite", identity)
    base = TrainingConfig()
    rows: list[tuple[str, TrainingConfig]] = [("every feature", base)]
    rows += [
        (f"without {group}", replace(base, features=_without(names)))
        for group, names in FEATURE_GROUPS.items()
    ]
    rows += [(f"only {group}", replace(base, features=names)) for group, names in FEATURE_GROUPS.items()]
    rows += [
        (
            "setting: researcher projects (ERC, MSCA) left out of the fit",
            replace(base, without_researcher_projects=True),
        ),
        ("setting: num_leaves 15, min_data_in_leaf 100", replace(base, num_leaves=15, min_data_in_leaf=100)),
        ("setting: num_leaves 63, min_data_in_leaf 20", replace(base, num_leaves=63, min_data_in_leaf=20)),
        ("setting: learning_rate 0.1", replace(base, learning_rate=0.1)),
    ]
    if args.only:
        rows = [(name, config) for name, config in rows if name.startswith(tuple(args.only))]
    valid = table.split("validation")
    fusion = validate(table, replace(base, max_rounds=1), settings.family_diversity).report
    print(f"{len(table.split('train').query_ids)} training and {len(valid.query_ids)} validation queries")
    print(
        "| features / setting | hit@1 | hit@5 | MRR@10 | hit@1 (all) | hit@5 (all) | MRR@10 (all) | rounds | diversity | s |"
    )
    print("|---" * 10 + "|")
    cells = [
        f"{figures['hit@1']:.3f} | {figures['hit@5']:.3f} | {figures['mrr@10']:.3f}"
        for figures in (fusion["not_researcher"]["fusion"], fusion["all"]["fusion"])
    ]
    print(f"| fusion (hand-tuned, same queries) | {' | '.join(cells)} | | | |", flush=True)
    for name, config in rows:
        start = time.perf_counter()
        validation = validate(table, config, settings.family_diversity)
        print(_row(name, validation, time.perf_counter() - start), flush=True)


def _without(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in FEATURE_NAMES if name not in names)


if __name__ == "__main__":
    main()
