"""load_corpus on a small source tree: every file kind, merging, and each kind of bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from fundmatch.core.errors import SourceFileError
from fundmatch.corpus.load import load_corpus, load_file
from fundmatch.corpus.summary import summary_lines
from tests.corpus_samples import (
    FACT_SHEET,
    HTML_PAGE,
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


def _tree(root: Path) -> Path:
    he = root / "horizon_europe"
    write_dump(he / "ft_portal_topics_open_forthcoming_2026-08-12.jsonl.gz", [dump_record(TOPIC)])
    write_feed(
        he / "ft_portal_topics_union_feed.jsonl.gz",
        [
            feed_record(TOPIC),
            feed_record(
                "INNOVFUND-2027-NZT-PILOTS",
                title="Pilots",
                frameworkProgrammes=[{"label": "Innovation Fund (INNOVFUND)"}],
            ),
        ],
    )
    (he / "wp2027_transport.pdf").write_bytes(make_pdf(work_programme_pages(TOPIC)))
    (root / "innovation_fund").mkdir()
    (root / "innovation_fund" / "if27_topics.jsonl").write_text(
        json.dumps(
            feed_record(
                "INNOVFUND-2027-NZT-PILOTS",
                title="Pilots",
                frameworkProgrammes=[{"label": "Innovation Fund (INNOVFUND)"}],
            )
        )
        + "\n",
        encoding="utf-8",
    )
    write_sheet(root / "investeu" / "investeu_green_loans.md")
    (root / "pages").mkdir()
    (root / "pages" / "ferries.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "cordis").mkdir()
    (root / "cordis" / "horizon_projects.jsonl.gz").write_bytes(
        gzip.compress((json.dumps(project_record("101")) + "\n").encode())
    )
    (root / "MANIFEST.md").write_text("# What the files are\n", encoding="utf-8")
    return root


def test_every_kind_of_file_is_loaded_and_merged(tmp_path: Path) -> None:
    seen: list[str] = []
    snapshot = load_corpus(_tree(tmp_path), progress=seen.append, pdf_workers=1)
    ids = [o.id for o in snapshot.opportunities]
    assert sorted(ids) == sorted(
        [TOPIC, "INNOVFUND-2027-NZT-PILOTS", "investeu_green_loans", "HORIZON-CL5-2027-01-07"]
    )  # the IF metadata file repeats a feed topic: merged, not duplicated
    topic = next(o for o in snapshot.opportunities if o.id == TOPIC)
    assert topic.call_budget == 20_000_000 and topic.budget_max == 5_000_000
    innovation = next(o for o in snapshot.opportunities if o.id == "INNOVFUND-2027-NZT-PILOTS")
    assert innovation.programme == "Innovation Fund"
    assert [p.id for p in snapshot.projects] == ["101"]
    pdf_scope = [p for p in snapshot.passages if p.source == "wp2027_transport.pdf" and p.section == "Scope"]
    assert pdf_scope[0].opportunity_id == TOPIC
    assert pdf_scope[0].metadata["status"] == "forthcoming"  # carries the topic's metadata
    assert len({p.id for p in snapshot.passages}) == len(snapshot.passages)
    all_files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert sorted(seen) == all_files  # each file reported exactly once
    assert seen[-1] == "horizon_europe/wp2027_transport.pdf"  # PDFs are done last
    assert [s.path for s in snapshot.skipped] == ["MANIFEST.md"]
    assert "documentation of the corpus" in snapshot.skipped[0].reason
    assert "horizon_europe/wp2027_transport.pdf" in snapshot.files_read


def test_projects_can_be_left_out(tmp_path: Path) -> None:
    snapshot = load_corpus(_tree(tmp_path), include_projects=False, pdf_workers=1)
    assert snapshot.projects == []
    assert any("include_projects=False" in s.reason for s in snapshot.skipped)


def test_limit_caps_topics_per_file(tmp_path: Path) -> None:
    root = tmp_path / "src"
    ids = [f"HORIZON-CL5-2027-01-{n:02d}" for n in range(1, 8)]
    write_dump(root / "dump.jsonl.gz", [dump_record(i) for i in ids])
    write_feed(root / "feed.jsonl.gz", [feed_record(i) for i in reversed(ids)])
    snapshot = load_corpus(root, limit=3)
    assert len(snapshot.opportunities) == 3
    assert all(o.call_budget == 20_000_000 for o in snapshot.opportunities)  # still merged


def _bad_inputs(root: Path) -> dict[str, str]:
    root.mkdir(parents=True)
    (root / "empty.md").write_bytes(b"")
    (root / "latin.md").write_bytes(FACT_SHEET.replace("Green", "Grün").encode("latin-1"))
    (root / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (root / "huge.jsonl").write_bytes(b"x" * 5_000)
    (root / "shapeless.jsonl").write_text('{"name": "no topic here"}\n', encoding="utf-8")
    (root / "history.csv").write_text("topicId,topicTitle\nHORIZON-X-2021-01,Old\n", encoding="utf-8")
    write_sheet(root / "good_sheet.md")
    return {
        "empty.md": "empty file",
        "latin.md": "not UTF-8 text",
        "table.xlsx": "unknown file type .xlsx",
        "broken.pdf": "not a readable PDF",
        "huge.jsonl": "file is 4.9 kB, over the 3.9 kB limit",
        "shapeless.jsonl": "unknown shape",
        "history.csv": "historical topic list",
    }


def test_each_bad_file_is_skipped_with_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path / "src")
    snapshot = load_corpus(tmp_path / "src", max_file_bytes=4_000)
    reasons = {s.path: s.reason for s in snapshot.skipped}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    assert [o.id for o in snapshot.opportunities] == ["good_sheet"]


def test_duplicate_opportunity_ids_keep_the_first(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_sheet(root / "a" / "same_id.md")
    write_sheet(root / "b" / "same_id.md", FACT_SHEET.replace("Green loans for small firms", "Other"))
    snapshot = load_corpus(root)
    assert [o.title for o in snapshot.opportunities] == ["Green loans for small firms"]
    assert "duplicate opportunity id same_id ignored" in snapshot.skipped[0].reason


def test_load_file_reads_one_file_by_type(tmp_path: Path) -> None:
    sheet = load_file(write_sheet(tmp_path / "investeu_green_loans.md"))
    assert [o.id for o in sheet.opportunities] == ["investeu_green_loans"]
    assert sheet.passages[0].section == "Overview"
    feed = load_file(write_feed(tmp_path / "feed.jsonl.gz", [feed_record(TOPIC)]))
    assert [o.id for o in feed.opportunities] == [TOPIC]
    with pytest.raises(SourceFileError, match="empty file"):
        (tmp_path / "nothing.pdf").write_bytes(b"")
        load_file(tmp_path / "nothing.pdf")


def test_missing_source_directory_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="corpus directory not found"):
        load_corpus(tmp_path / "nowhere")


def test_streamed_cordis_file_is_not_size_capped(tmp_path: Path) -> None:
    root = tmp_path / "src"
    root.mkdir()
    lines = "".join(json.dumps(project_record(str(n))) + "\n" for n in range(50))
    (root / "horizon_projects.jsonl").write_text(lines, encoding="utf-8")
    snapshot = load_corpus(root, max_file_bytes=1_000)
    assert len(snapshot.projects) == 50
    assert snapshot.skipped == []


def test_fetched_pages_link_to_the_opportunity_they_belong_to(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_sheet(root / "investeu" / "investeu_green_loans.md")
    (root / "investeu" / "investeu_green_loans-official-1.html").write_text(
        "<html><head><title>Green loans</title></head><body><h2>Terms</h2><p>Banks lend at low rates.</p></body></html>",
        encoding="utf-8",
    )
    write_feed(root / "feed.jsonl.gz", [feed_record(TOPIC)])
    (root / "topic.html").write_text(HTML_PAGE.replace("HORIZON-CL5-2027-01-07", TOPIC), encoding="utf-8")
    snapshot = load_corpus(root)
    assert sorted(o.id for o in snapshot.opportunities) == sorted([TOPIC, "investeu_green_loans"])
    terms = next(p for p in snapshot.passages if p.section == "Terms")
    assert terms.opportunity_id == "investeu_green_loans"
    assert terms.document_id == "investeu_green_loans-official-1"
    assert terms.metadata["programme"] == "InvestEU"
    page_scope = next(p for p in snapshot.passages if p.source == "topic.html" and p.section == "Scope")
    assert page_scope.opportunity_id == TOPIC
    assert page_scope.metadata["status"] == "forthcoming"
    assert snapshot.skipped == []


def test_summary_lines_count_and_explain(tmp_path: Path) -> None:
    lines = summary_lines(load_corpus(_tree(tmp_path), pdf_workers=1))
    assert "Opportunities: 4" in lines
    assert "  Horizon Europe: 2" in lines
    assert "Funded projects: 1" in lines
    assert any(line.startswith("  MANIFEST.md: documentation of the corpus") for line in lines)


def test_work_programme_conditions_fill_topics_that_have_none(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_feed(root / "feed.jsonl.gz", [feed_record(TOPIC)])  # the feed carries no conditions
    (root / "wp2027_transport.pdf").write_bytes(make_pdf(work_programme_pages(TOPIC)))
    snapshot = load_corpus(root, pdf_workers=1)
    (topic,) = snapshot.opportunities
    assert topic.conditions.startswith("Specific conditions (from wp2027_transport.pdf)")
    assert "TRL 6" in topic.conditions
