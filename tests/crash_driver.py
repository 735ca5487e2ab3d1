"""Subprocess helpers for the crash tests: an ingest that SIGKILLs itself at a named point, and a
probe that reports what a reader sees of an index afterwards.

    python -c "from tests.crash_driver import main; main()" kill POINT ingest --source DIR
    python -c "from tests.crash_driver import main; main()" probe

A kill point replaces one function of the build with a wrapper that sends SIGKILL to its own
process there, so the crash lands exactly at that step, as ``kill -9`` from outside would (no
``finally`` block, no atexit handler runs).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _die() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _after(module: Any, name: str, when: Callable[..., bool] = lambda *a, **k: True) -> None:
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if when(*args, **kwargs):
            _die()
        return result

    setattr(module, name, wrapper)


def _before(module: Any, name: str, when: Callable[..., bool] = lambda *a, **k: True) -> None:
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            _die()
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def _arm_reading() -> None:
    """While the corpus is read: after the third file (lock held, nothing written yet)."""
    from fundmatch.corpus import load

    done: list[int] = []

    def third(*args: Any, **kwargs: Any) -> bool:
        done.append(1)
        return len(done) == 3

    _after(load._Collector, "report", third)


def _arm(point: str) -> None:
    import fundmatch.core.atomic as atomic
    import fundmatch.index.builder as builder
    import fundmatch.index.layout as layout
    import fundmatch.index.retention as retention

    if point == "reading":
        _arm_reading()
    elif point == "passages-written":  # passage vectors upserted, projects not yet
        _after(builder._Build, "_apply_passages")
    elif point == "catalogue-written":  # vectors and catalogue written, BM25, hashes, manifest not
        _after(builder, "write_catalogue")
    elif point == "before-rename":  # every file flushed, the folder still .building-*
        _after(layout, "fsync_tree")
    elif point == "before-pointer":  # renamed to gen-*, CURRENT still names the previous one
        _before(layout, "write_atomic", lambda path, *a, **k: path.name == layout.POINTER)
    elif point == "pointer-written-not-renamed":  # the new CURRENT in its temporary file only
        _before(atomic.os, "replace", lambda source, target, *a: Path(target).name == layout.POINTER)
    elif point == "before-prune":  # new generation live, old ones not yet deleted
        _before(builder, "prune")
    elif point == "mid-prune":  # one old generation renamed to .retired-*, not yet deleted
        _before(retention, "remove_tree")
    else:
        raise SystemExit(f"unknown kill point {point!r}")


def probe(queries: list[str]) -> dict[str, Any]:
    """What a reader sees: the live generation, folders, passage integrity, and the top 10
    opportunity ids of each query (every status, core programmes)."""
    from fundmatch.app.wiring import open_recommender
    from fundmatch.core.errors import FundmatchError
    from fundmatch.core.settings import load_settings
    from fundmatch.index.layout import IndexLayout
    from fundmatch.retrieval.recommend import ALL_STATUSES

    settings = load_settings()
    layout = IndexLayout(settings.resolved_index_dir)
    report: dict[str, Any] = {
        "generations": [path.name for path in layout.generations()],
        "leftovers": [path.name for path in layout.leftovers()],
    }
    try:
        recommender = open_recommender(settings)
    except FundmatchError as error:
        report["error"] = str(error)
        return report
    index = recommender.index
    catalogue = [passage.id for passage in index.passages()]
    stored = index._collection("passages").get(include=[])["ids"]
    report.update(
        live=index.directory.name,
        passages=len(catalogue),
        duplicated=len(catalogue) - len(set(catalogue)),
        vectors=len(stored),
        vectors_match_catalogue=sorted(stored) == sorted(catalogue),
        top10={
            query: [r.opportunity.id for r in recommender.run(query, filters=ALL_STATUSES).recommendations]
            for query in queries
        },
    )
    return report


def main() -> None:
    """``kill POINT ARGS...`` runs the CLI with a kill point; ``probe`` prints the probe as JSON."""
    command, *rest = sys.argv[1:]
    if command == "probe":
        from tests.lifecycle_fixtures import QUERIES

        print(json.dumps(probe(QUERIES)))
        return
    point, *cli_args = rest
    _arm(point)
    from fundmatch.app.cli import main as cli_main

    sys.argv = ["fundmatch", *cli_args]
    cli_main()
