"""What a load produced, as readable lines; ``python -m fundmatch.corpus.summary DIR`` loads DIR and prints them."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from fundmatch.corpus.load import load_corpus
from fundmatch.corpus.snapshot import CorpusSnapshot


def summary_lines(snapshot: CorpusSnapshot) -> list[str]:
    """Counts per programme, kind and source, then every skipped file with its reason."""
    programmes = Counter(o.programme for o in snapshot.opportunities)
    kinds = Counter(o.kind for o in snapshot.opportunities)
    sources = Counter(p.source for p in snapshot.passages)
    linked = sum(1 for p in snapshot.passages if p.source.endswith(".pdf") and p.opportunity_id)
    lines = [
        f"Opportunities: {len(snapshot.opportunities)}",
        *(f"  {name or '(none)'}: {count}" for name, count in programmes.most_common()),
        "Kinds: " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()),
        f"Passages: {len(snapshot.passages)} ({linked} PDF passages linked to a topic)",
        *(f"  {source}: {count}" for source, count in sources.most_common()),
        f"Funded projects: {len(snapshot.projects)}",
        f"Files read: {len(snapshot.files_read)}; skipped: {len(snapshot.skipped)}",
        *(f"  {skipped.path}: {skipped.reason}" for skipped in snapshot.skipped),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    snapshot = load_corpus(args.source_dir, limit=args.limit, cache_dir=args.cache_dir)
    print("\n".join(summary_lines(snapshot)))
    print(f"Load time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
