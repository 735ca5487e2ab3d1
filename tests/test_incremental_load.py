"""An ingest after one file changed reads only that file, and yields what reading everything would."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands import ingest as ingest_module
from fundmatch.core.settings import load_settings
from fundmatch.corpus import code_digest, file_cache, load
from fundmatch.corpus.load import load_corpus
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.index.catalogue import read_projects, read_records
from fundmatch.index.layout import IndexLayout
from tests.corpus_samples import (
    FACT_SHEET,
    dump_record,
    feed_record,
    make_pdf,
    project_record,
    work_programme_pages,
    write_dump,
    write_feed,
    write_sheet,
)

TOPIC = "HORIZON-CL5-2027-01-05"
READERS = ("read_portal_file", "load_factsheet_file", "load_cordis_file", "pdf_document")


def _tree(root: Path) -> Path:
    he = root / "horizon_europe"
    write_dump(he / "ft_portal_topics_open_forthcoming_2026-08-12.jsonl.gz", [dump_record(TOPIC)])
    write_feed(he / "ft_portal_topics_union_feed.jsonl.gz", [feed_record(TOPIC)])
    (he / "wp2027_transport.pdf").write_bytes(make_pdf(work_programme_pages(TOPIC)))
    write_sheet(root / "investeu" / "investeu_green_loans.md")
    write_sheet(root / "investeu" / "investeu_equity.md", FACT_SHEET.replace("Green loans", "Equity"))
    (root / "cordis").mkdir()
    (root / "cordis" / "horizon_projects.jsonl.gz").write_bytes(
        gzip.compress("".join(json.dumps(project_record(i)) + "\n" for i in ("101", "102")).encode())
    )
    (root / "MANIFEST.md").write_text("# What the files are\n", encoding="utf-8")
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts, by file name, each call of a file reader the loader uses."""
    calls: Counter[str] = Counter()
    for name in READERS:
        real = getattr(load, name)

        def counting(path: Path, *args: object, _real=real, **kwargs: object) -> object:
            calls[Path(path).name] += 1
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(load, name, counting)
    return calls


def _records(snapshot: CorpusSnapshot) -> tuple[list, list, list, list]:
    return snapshot.opportunities, snapshot.passages, snapshot.projects, snapshot.skipped


def _change_sheet(root: Path) -> Path:
    sheet = root / "investeu" / "investeu_green_loans.md"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("Green loans", "Blue loans for ports"), encoding="utf-8"
    )
    return sheet


def test_a_second_load_reads_no_file_again_and_yields_the_same(tmp_path: Path, reads: Counter[str]) -> None:
    root, cache = _tree(tmp_path / "corpus"), tmp_path / "reads"
    first = load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    assert first.files_reused == []
    assert set(reads) == {
        "ft_portal_topics_open_forthcoming_2026-08-12.jsonl.gz",
        "ft_portal_topics_union_feed.jsonl.gz",
        "wp2027_transport.pdf",
        "investeu_green_loans.md",
        "investeu_equity.md",
        "horizon_projects.jsonl.gz",
    }
    reads.clear()

    second = load_corpus(root, pdf_workers=1, read_cache_dir=cache)

    assert not reads  # no reader ran
    assert sorted(second.files_reused) == sorted(first.files_read)
    assert _records(second) == _records(first)


def test_after_one_file_changed_only_it_is_read_and_the_result_equals_a_full_load(
    tmp_path: Path, reads: Counter[str]
) -> None:
    root, cache = _tree(tmp_path / "corpus"), tmp_path / "reads"
    load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    reads.clear()
    _change_sheet(root)

    incremental = load_corpus(root, pdf_workers=1, read_cache_dir=cache)

    assert reads == Counter({"investeu_green_loans.md": 1})
    assert "investeu/investeu_green_loans.md" not in incremental.files_reused
    assert len(incremental.files_reused) == len(incremental.files_read) - 1
    full = load_corpus(root, pdf_workers=1)  # no stored reads at all
    assert _records(incremental) == _records(full)
    assert any(o.title.startswith("Blue loans") for o in incremental.opportunities)
    assert len(list(cache.glob("*.pkl"))) == 6  # the changed file's older entry was replaced


def test_a_loader_change_or_another_limit_reads_every_file_again(
    tmp_path: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = _tree(tmp_path / "corpus"), tmp_path / "reads"
    load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    reads.clear()
    load_corpus(root, pdf_workers=1, read_cache_dir=cache, limit=1)
    assert reads["horizon_projects.jsonl.gz"] == 1  # the limit changes what a CORDIS read yields
    reads.clear()
    monkeypatch.setattr(file_cache, "loader_code_digest", lambda: "the loaders were edited")
    load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    assert sum(reads.values()) == 6


def test_a_broken_stored_read_is_read_from_the_file_again(tmp_path: Path, reads: Counter[str]) -> None:
    root, cache = _tree(tmp_path / "corpus"), tmp_path / "reads"
    first = load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    for entry in cache.glob("*.pkl"):
        entry.write_bytes(b"half a pickle")
    reads.clear()
    again = load_corpus(root, pdf_workers=1, read_cache_dir=cache)
    assert sum(reads.values()) == 6 and again.files_reused == []
    assert _records(again) == _records(first)


def test_the_loader_digest_covers_the_record_models_and_the_readers() -> None:
    names = {str(path.relative_to(path.parents[1])) for path in code_digest.loader_sources()}
    assert {"corpus/load.py", "corpus/cordis.py", "corpus/file_cache.py", "core/models.py"} <= names
    assert "core/settings.py" not in names  # the fetcher's settings do not change what a load yields


def test_ingest_after_one_changed_file_reads_it_alone_and_equals_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Counter[str]
) -> None:
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    root = _tree(tmp_path / "corpus")
    runner = CliRunner()
    first = runner.invoke(ingest_module.ingest, ["--source", str(root)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "Files read: 6\n" in first.stdout
    reads.clear()
    _change_sheet(root)

    second = runner.invoke(ingest_module.ingest, ["--source", str(root)], catch_exceptions=False)

    assert second.exit_code == 0, second.output
    assert reads == Counter({"investeu_green_loans.md": 1})
    assert "Files read: 1 (5 unchanged since the last ingest, not read again)" in second.stdout
    assert "Passages: 1 new" in second.stdout or "1 changed" in second.stdout
    live = IndexLayout(load_settings().resolved_index_dir).live()
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path / "rebuilt"))
    rebuilt = runner.invoke(ingest_module.ingest, ["--source", str(root)], catch_exceptions=False)
    assert "Files read: 6\n" in rebuilt.stdout
    fresh = IndexLayout(load_settings().resolved_index_dir).live()
    assert read_records(live) == read_records(fresh)
    assert read_projects(live) == read_projects(fresh)
