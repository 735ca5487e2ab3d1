"""Shortlist exports: CSV, Markdown report and an RFC 5545 calendar."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime

from fundmatch.chat.exports import CSV_COLUMNS, deadlines_ics, fold, shortlist_csv, shortlist_markdown
from fundmatch.core.models import Profile
from tests.chat_fakes import FakeEngine

TODAY = date(2026, 8, 20)
NOW = datetime(2026, 8, 20, 9, 30, tzinfo=UTC)


def _recs(finance: bool = False):
    profile = Profile(finance_form="loan") if finance else Profile()
    return FakeEngine().recommend("heat pumps", profile, None, 10)


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_csv_has_one_row_per_recommendation_with_parseable_facts() -> None:
    rows = list(csv.DictReader(io.StringIO(shortlist_csv(_recs(), TODAY))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["call_id"] for r in rows] == ["HORIZON-CL5-2026-D3-01-05", "HORIZON-CL4-2026-TWIN-02"]
    assert [r["topic_id"] for r in rows] == ["HORIZON-CL5-2026-D3-01-05", "HORIZON-CL4-2026-TWIN-02"]
    topic = replace(
        _recs()[0].opportunity, id="HORIZON-CL4-2027-01-MAT-PROD-06", call_id="HORIZON-CL4-2027-01"
    )
    row = next(csv.DictReader(io.StringIO(shortlist_csv([replace(_recs()[0], opportunity=topic)], TODAY))))
    assert (row["topic_id"], row["call_id"]) == ("HORIZON-CL4-2027-01-MAT-PROD-06", "HORIZON-CL4-2027-01")
    assert rows[0]["next_deadline"] == "2026-09-15"
    assert rows[0]["days_left"] == "26"
    assert rows[1]["budget_max_eur"] == "6000000"
    assert rows[0]["eligibility"] == "check"


def test_markdown_report_lists_profile_calls_reasons_and_numbered_sources() -> None:
    report = shortlist_markdown(_recs(), Profile(organisation_type="sme", country="DE", trl=6), TODAY)
    assert "## Profile" in report and "SME · DE · TRL 6" in report
    assert "## 1. HORIZON-CL5-2026-D3-01-05 – Industrial heat pumps" in report
    assert (
        "**Eligibility:** to check. Research and innovation actions need at least 3 independent legal entities"
        in report
    )
    assert "[1] horizon_europe/topics.jsonl, Expected Outcome" in report
    assert "[2] wp2025_part7_cl4.pdf, Destination 1, p. 42" in report
    assert "15 September 2026 (26 days left)" in report


def test_markdown_report_shows_a_financial_product_without_deadline() -> None:
    report = shortlist_markdown(_recs(finance=True), None, TODAY)
    assert "**Financial product:** Guarantee (debt)" in report
    assert "Deadline" not in report


def test_ics_is_a_valid_calendar_with_one_all_day_event_per_deadline() -> None:
    ics = deadlines_ics(_recs(), now=NOW)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    lines = _unfold(ics)
    assert lines.count("BEGIN:VEVENT") == 3 == lines.count("END:VEVENT")
    assert "DTSTART;VALUE=DATE:20260915" in lines
    assert "DTEND;VALUE=DATE:20260916" in lines
    assert "DTSTART;VALUE=DATE:20270302" in lines
    assert lines.count("DTSTAMP:20260820T093000Z") == 3
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 3
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)


def test_ics_uids_are_stable_between_exports() -> None:
    assert deadlines_ics(_recs(), now=NOW) == deadlines_ics(_recs(), now=NOW)


def test_ics_escapes_text_and_folds_long_lines_at_75_octets() -> None:
    rec = _recs()[0]
    odd = replace(rec.opportunity, title="Wärme; Kälte, Öfen \\ und\nmehr " + "ä" * 60)
    ics = deadlines_ics([replace(rec, opportunity=odd)], now=NOW)
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    description = next(line for line in _unfold(ics) if line.startswith("DESCRIPTION:"))
    assert "Wärme\\; Kälte\\, Öfen \\\\ und\\nmehr" in description
    assert ics.encode("utf-8").decode("utf-8") == ics


def test_fold_never_splits_a_multibyte_character() -> None:
    folded = fold("SUMMARY:" + "€" * 40)
    parts = folded.split("\r\n ")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert "".join(parts) == "SUMMARY:" + "€" * 40


def test_a_rolling_product_has_no_event() -> None:
    ics = deadlines_ics(_recs(finance=True), now=NOW)
    assert "BEGIN:VEVENT" not in ics
