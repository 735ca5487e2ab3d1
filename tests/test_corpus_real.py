"""The loaders on the real shared snapshot (``../shared/corpus``); skipped when it is not there."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, INVESTEU
from fundmatch.corpus.load import load_corpus

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PDFS = 4
FACT_SHEETS = 30

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not available")


def test_quick_load_with_a_limit() -> None:
    snapshot = load_corpus(CORPUS, limit=5)
    programmes = Counter(o.programme for o in snapshot.opportunities)
    sheets = [o for o in snapshot.opportunities if o.source.endswith(".md")]
    assert len(sheets) == FACT_SHEETS
    assert programmes[INVESTEU] == 11
    assert len(snapshot.projects) == 5
    assert sum(1 for f in snapshot.files_read if f.endswith(".pdf")) == PDFS
    skipped = {Path(s.path).name for s in snapshot.skipped}
    assert {"MANIFEST.md", "FACTSHEETS.md"} <= skipped
    assert all(
        isinstance(v, str | int | float | bool) for p in snapshot.passages for v in p.metadata.values()
    )


@pytest.mark.slow
def test_full_load_counts() -> None:
    snapshot = load_corpus(CORPUS)
    portal = [o for o in snapshot.opportunities if o.source.endswith((".jsonl.gz", ".jsonl"))]
    assert len(portal) == 1186  # every topic of the feed; the IF metadata file adds no duplicates
    assert len({o.id for o in snapshot.opportunities}) == len(snapshot.opportunities)
    assert len([o for o in snapshot.opportunities if o.source.endswith(".md")]) == FACT_SHEETS
    assert sum(1 for f in snapshot.files_read if f.endswith(".pdf")) == PDFS
    assert len(snapshot.projects) > 18_000
    programmes = Counter(o.programme for o in snapshot.opportunities)
    assert programmes[HORIZON_EUROPE] >= 756
    assert programmes[INNOVATION_FUND] >= 5
    draft = [p for p in snapshot.passages if "PUBLIC-DRAFT" in p.source]
    assert draft and all(p.metadata["draft"] is True for p in draft)
    assert any(p.opportunity_id for p in snapshot.passages if p.source.endswith(".pdf"))
    assert not any("â€" in p.text for p in snapshot.passages)
