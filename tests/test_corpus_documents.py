"""Fact sheets, HTML pages and CORDIS projects, each from a small file written in the test."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import (
    INVESTEU,
    KIND_ADVISORY,
    KIND_AUCTION,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    KIND_PROGRAMME_INFO,
)
from fundmatch.corpus.cordis import load_cordis_file
from fundmatch.corpus.factsheets import KEY_FACTS, load_factsheet_file, sheet_kind, sheet_status
from fundmatch.corpus.html_pages import load_html_file
from tests.corpus_samples import FACT_SHEET, HTML_PAGE, project_record, write_sheet


def test_fact_sheet_becomes_one_instrument(tmp_path: Path) -> None:
    item = load_factsheet_file(write_sheet(tmp_path / "investeu" / "investeu_green_loans.md"))
    opportunity = item.opportunity
    assert opportunity.id == "investeu_green_loans"
    assert opportunity.programme == INVESTEU
    assert opportunity.kind == KIND_FINANCIAL_PRODUCT
    assert opportunity.status == "open"
    assert opportunity.deadlines == (date(2027, 12, 31),)
    assert opportunity.call_budget == 1.5e9
    assert (opportunity.budget_min, opportunity.budget_max) == (None, 2e6)
    assert opportunity.url == "https://investeu.europa.eu/green-loans_en"  # the official source, not the blog
    assert "SMEs and small mid-caps" in opportunity.conditions
    assert opportunity.summary.startswith("Energy-saving machines")
    assert [s.heading for s in item.sections] == ["What it funds", "Who can apply", KEY_FACTS]


@pytest.mark.parametrize(
    ("stem", "programme", "kind"),
    [
        ("investeu_advisory_hub", INVESTEU, KIND_ADVISORY),
        ("investeu_programme_overview", INVESTEU, KIND_PROGRAMME_INFO),
        ("investeu_omnibus_amendment_2025", INVESTEU, KIND_PROGRAMME_INFO),
        ("investeu_sme_window_guarantees", INVESTEU, KIND_FINANCIAL_PRODUCT),
        ("hydrogen_bank_auctions", "Innovation Fund", KIND_AUCTION),
        ("if25_industrial_heat_auction", "Innovation Fund", KIND_AUCTION),
        ("if25_pilot_projects", "Innovation Fund", KIND_CALL_TOPIC),
        ("eic_accelerator", "Horizon Europe", KIND_CALL_TOPIC),
    ],
)
def test_sheet_kinds(stem: str, programme: str, kind: str) -> None:
    assert sheet_kind(stem, programme) == kind


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Closed for 2026 (open 5 February - 12 May 2026)", "closed"),
        ("Opens 22 July 2026; deadline 28 October 2026", "forthcoming"),
        ("Open - short proposals continuously", "open"),
        ("Rolling 2021-2027 via implementing partners", "open"),
        ("Stage 1 under WP 2026", "unknown"),
    ],
)
def test_sheet_status_from_free_text(text: str, status: str) -> None:
    assert sheet_status(text) == status


def test_sheet_without_front_matter_or_with_broken_yaml_is_refused(tmp_path: Path) -> None:
    plain = write_sheet(tmp_path / "notes.md", "# Just notes\n\nNo front matter here.\n")
    with pytest.raises(SourceFileError, match="no YAML front matter"):
        load_factsheet_file(plain)
    broken = write_sheet(tmp_path / "broken.md", '---\ntitle: "unclosed\nprogramme: [\n---\n\nBody\n')
    with pytest.raises(SourceFileError, match="not valid YAML"):
        load_factsheet_file(broken)


def test_sheet_in_latin1_is_refused_with_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(FACT_SHEET.replace("Green loans", "Prêts verts").encode("latin-1"))
    with pytest.raises(SourceFileError, match=r"not UTF-8 text \(byte 0xea at offset \d+\)"):
        load_factsheet_file(path)


def test_html_page_naming_a_topic_becomes_that_opportunity(tmp_path: Path) -> None:
    path = tmp_path / "ferries.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    opportunities, passages = load_html_file(path)
    assert [o.id for o in opportunities] == ["HORIZON-CL5-2027-01-07"]
    assert opportunities[0].title == "Quiet electric ferries"
    assert opportunities[0].programme == "Horizon Europe"
    sections = [p.section for p in passages]
    assert sections[0] == "Overview"
    assert {"Expected Outcome", "Scope"} <= set(sections)
    text = " ".join(p.text for p in passages)
    assert "Home | Search" not in text and "Legal notice" not in text


def test_html_page_without_a_topic_gives_document_passages(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>News</title></head><body><h2>Funding news</h2>"
        "<p>The call HORIZON-CL5-2027-01-07 opens soon.</p></body></html>",
        encoding="utf-8",
    )
    opportunities, passages = load_html_file(path)
    assert opportunities == []
    assert passages[0].document_id == "news"
    assert passages[0].section == "Funding news"
    assert passages[0].metadata["topic_ids"] == "HORIZON-CL5-2027-01-07"


def _cordis(path: Path, lines: list[str]) -> Path:
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def test_cordis_projects_with_organisations_and_call_family(tmp_path: Path) -> None:
    path = _cordis(
        tmp_path / "horizon_projects.jsonl.gz",
        [
            json.dumps(project_record("101")),
            json.dumps(project_record("102", topic="HORIZON-EIC-2024-ACCELERATOR-01")),
        ],
    )
    result = load_cordis_file(path)
    assert [p.id for p in result.projects] == ["101", "102"]
    first = result.projects[0]
    assert first.call_family == "CL5-D2"
    assert result.projects[1].call_family == "EIC-ACCELERATOR"
    assert first.total_cost == 1000000.5
    assert first.start_date == date(2023, 1, 1)
    coordinator = first.organisations[0]
    assert (coordinator.name, coordinator.role, coordinator.sme, coordinator.country) == (
        "Sun GmbH",
        "coordinator",
        True,
        "DE",
    )
    assert first.organisations[1].sme is False and first.organisations[1].ec_contribution is None
    assert result.skipped == []


def test_cordis_skips_broken_lines_and_repeated_ids(tmp_path: Path) -> None:
    path = _cordis(
        tmp_path / "p.jsonl.gz",
        [
            json.dumps(project_record("101")),
            "{not json",
            json.dumps(project_record("101")),
            json.dumps({"x": 1}),
        ],
    )
    result = load_cordis_file(path)
    assert [p.id for p in result.projects] == ["101"]
    reasons = " | ".join(s.reason for s in result.skipped)
    assert "2 malformed project record(s)" in reasons
    assert "1 repeated project id(s)" in reasons


def test_cordis_limit_and_bad_gzip(tmp_path: Path) -> None:
    path = _cordis(tmp_path / "p.jsonl.gz", [json.dumps(project_record(str(n))) for n in range(10)])
    assert len(load_cordis_file(path, limit=3).projects) == 3
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"this is not gzip")
    with pytest.raises(SourceFileError, match="not a readable gzip file"):
        load_cordis_file(bad)
