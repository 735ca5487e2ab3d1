"""``fundmatch ingest`` over a small corpus folder read by the real loaders, incremental across runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands.ingest import ingest
from fundmatch.core.settings import load_settings
from fundmatch.index import open_index
from tests.corpus_samples import FACT_SHEET, feed_record, write_feed, write_sheet


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    source = tmp_path / "corpus"
    write_feed(
        source / "horizon_europe" / "feed.jsonl.gz",
        [
            feed_record("HORIZON-CL5-2027-01-01"),
            feed_record("HORIZON-CL5-2027-01-02", title="Hydrogen ferries"),
        ],
    )
    write_sheet(source / "investeu" / "green_loans.md")
    (source / "horizon_europe" / "broken.pdf").write_bytes(b"this is not a PDF at all")
    return source


def _run(source: Path) -> str:
    result = CliRunner().invoke(ingest, ["--source", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_real_loaders_then_unchanged_then_one_changed_file(corpus: Path) -> None:
    first = _run(corpus)
    assert "Opportunities: 3 (Horizon Europe 2, InvestEU 1)" in first
    assert "Files skipped: 1" in first and "horizon_europe/broken.pdf: " in first
    index = open_index(load_settings())
    passages = len(index.passages())
    assert passages >= 3 and f"Passages: {passages} new, 0 changed, 0 removed, 0 unchanged" in first

    assert "unchanged; no source file, loader or setting changed" in _run(corpus)

    write_sheet(corpus / "investeu" / "green_loans.md", FACT_SHEET.replace("rooftop solar", "heat pumps"))
    third = _run(corpus)
    counts = re.search(r"Passages: (\d+) new, (\d+) changed, (\d+) removed, (\d+) unchanged", third)
    assert counts is not None
    new, changed, removed, unchanged = map(int, counts.groups())
    assert 1 <= new + changed < passages and unchanged == passages - removed - changed
    texts = " ".join(p.text for p in open_index(load_settings()).passages())
    assert "heat pumps" in texts and "rooftop solar" not in texts

    (corpus / "investeu" / "green_loans.md").unlink()
    fourth = _run(corpus)
    assert "Opportunities: 2 (Horizon Europe 2)" in fourth and ", 0 changed, " in fourth
    assert len(open_index(load_settings()).passages()) < passages
