"""Portal topic files: both formats, mojibake repair, sections, merge rules, bad records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fundmatch.core.errors import SourceFileError
from fundmatch.corpus.portal import read_portal_file
from fundmatch.corpus.portal_merge import merge_portal
from fundmatch.corpus.vocabulary import normalise_status, programme_name, type_of_action
from tests.corpus_samples import (
    MOJIBAKE_TITLE,
    REPAIRED_TITLE,
    dump_record,
    feed_record,
    write_dump,
    write_feed,
)

TOPIC = "HORIZON-CL5-2027-01-05"


def test_dump_with_bom_and_mojibake_is_read_and_repaired(tmp_path: Path) -> None:
    path = write_dump(
        tmp_path / "ft_portal_topics_open_forthcoming_2026-08-12.jsonl.gz",
        [dump_record(TOPIC, title=MOJIBAKE_TITLE), dump_record("HORIZON-CL5-2027-01-06")],
    )
    portal = read_portal_file(path)
    assert not portal.is_feed
    assert list(portal.topics) == [TOPIC, "HORIZON-CL5-2027-01-06"]
    topic = portal.topics[TOPIC]
    assert topic.text.opportunity.title == REPAIRED_TITLE
    assert topic.seen == date(2026, 8, 12)


def test_dump_description_becomes_sections_and_conditions(tmp_path: Path) -> None:
    path = write_dump(tmp_path / "dump.jsonl.gz", [dump_record(TOPIC)])
    item = read_portal_file(path).topics[TOPIC].text
    headings = [section.heading for section in item.sections]
    assert headings == ["Expected Outcome", "Scope", "Specific conditions"]
    assert item.sections[0].text.startswith("Projects will show buses")
    assert "TRL 6" in item.opportunity.conditions
    assert "Admissibility Conditions" in item.opportunity.conditions
    assert "null" not in " ".join(section.text for section in item.sections)
    opportunity = item.opportunity
    assert opportunity.type_of_action == "IA"
    assert opportunity.status == "forthcoming"
    assert opportunity.deadlines == (date(2027, 2, 10),)
    assert (opportunity.budget_min, opportunity.budget_max, opportunity.expected_grants) == (3e6, 5e6, 2)


def test_feed_keeps_the_latest_snapshot_of_a_repeated_id(tmp_path: Path) -> None:
    path = write_feed(
        tmp_path / "feed.jsonl.gz",
        [
            feed_record(TOPIC, snapshot="2026-04-01T00:00:00Z", title="Old title"),
            feed_record(TOPIC, snapshot="2026-08-01T00:00:00Z", title="New title"),
            feed_record(TOPIC, snapshot="2026-05-01T00:00:00Z", title="Middle title"),
        ],
    )
    portal = read_portal_file(path)
    assert portal.is_feed
    assert portal.topics[TOPIC].text.opportunity.title == "New title"
    assert len(portal.skipped) == 1
    assert "2 repeated topic id(s)" in portal.skipped[0].reason


def test_malformed_records_are_skipped_and_counted(tmp_path: Path) -> None:
    feed = write_feed(
        tmp_path / "feed.jsonl.gz", [feed_record(TOPIC)], extra_lines=('{"identifier": "X-1", broken',)
    )
    portal = read_portal_file(feed)
    assert list(portal.topics) == [TOPIC]
    assert "1 malformed JSON record(s) skipped" in portal.skipped[0].reason

    dump = write_dump(
        tmp_path / "dump.jsonl.gz",
        [dump_record(TOPIC)],
        tail='{"topicId": "HORIZON-CL5-2027-01-09", "title": oops}' + '{"topicId": "HORIZON-CL5-2027-01-10"}',
    )
    portal = read_portal_file(dump)
    assert list(portal.topics) == [TOPIC, "HORIZON-CL5-2027-01-10"]
    assert portal.skipped[0].reason.startswith("1 malformed JSON record(s) skipped")


def test_file_without_topic_records_is_refused(tmp_path: Path) -> None:
    path = write_feed(tmp_path / "other.jsonl.gz", [{"name": "not a topic"}])
    with pytest.raises(SourceFileError, match="no portal topic records"):
        read_portal_file(path)


def test_merge_takes_text_from_the_dump_and_dates_budget_from_the_feed(tmp_path: Path) -> None:
    dump = read_portal_file(
        write_dump(
            tmp_path / "d_2026-08-12.jsonl.gz", [dump_record(TOPIC), dump_record("HORIZON-X-2027-01-01")]
        )
    )
    feed = read_portal_file(
        write_feed(
            tmp_path / "feed.jsonl.gz",
            [
                feed_record(
                    TOPIC, deadlineDate="2027-03-01T00:00:00Z", status={"label": "Open for submission"}
                ),
                feed_record("HORIZON-CL6-2027-02-01", title="Only in the feed"),
            ],
        )
    )
    merged, counts = merge_portal(dump.topics, feed.topics)
    by_id = {item.opportunity.id: item for item in merged}
    assert set(by_id) == {TOPIC, "HORIZON-CL6-2027-02-01", "HORIZON-X-2027-01-01"}
    assert (counts.feed_topics, counts.dump_topics, counts.merged, counts.dump_only) == (2, 2, 1, 1)
    topic = by_id[TOPIC]
    assert topic.sections[0].text.startswith("Projects will show buses")  # the dump's full text
    assert topic.opportunity.opening_date == date(2026, 10, 1)  # the feed's opening date
    assert topic.opportunity.call_budget == 20_000_000  # the feed's call budget
    assert topic.opportunity.budget_max == 5_000_000  # the dump's per-grant budget
    assert topic.opportunity.destination == "Clean and competitive mobility"
    # The feed saw the topic after the dump (20 Aug > 12 Aug): its deadline and status are current.
    assert topic.opportunity.deadlines == (date(2027, 3, 1),)
    assert topic.opportunity.status == "open"


def test_an_older_feed_record_does_not_override_the_dump_status(tmp_path: Path) -> None:
    dump = read_portal_file(
        write_dump(tmp_path / "d_2026-08-12.jsonl.gz", [dump_record(TOPIC, callStatus="closed")])
    )
    feed = read_portal_file(
        write_feed(
            tmp_path / "feed.jsonl.gz",
            [feed_record(TOPIC, snapshot="2026-04-01T00:00:00Z", status={"label": "Open for submission"})],
        )
    )
    merged, _ = merge_portal(dump.topics, feed.topics)
    assert merged[0].opportunity.status == "closed"


@pytest.mark.parametrize(
    ("label", "status"),
    [("Open for submission", "open"), ("Forthcoming", "forthcoming"), ("Closed", "closed"), ("", "unknown")],
)
def test_status_labels(label: str, status: str) -> None:
    assert normalise_status(label) == status


def test_programme_and_action_labels() -> None:
    assert programme_name("Horizon Europe (HORIZON)") == "Horizon Europe"
    assert programme_name("Innovation Fund (INNOVFUND)") == "Innovation Fund"
    assert programme_name("Research Fund for Coal %26 Steel (RFCS)") == "Research Fund for Coal & Steel"
    assert type_of_action(None, "HORIZON JU Research and Innovation Actions") == "RIA"
    assert type_of_action(None, "HORIZON Coordination and Support Actions") == "CSA"
    assert type_of_action("HORIZON-PCP", None) == "PCP"
    assert type_of_action("Grant", "HORIZON ERC Proof of Concept Grants") == "ERC"


def test_a_broken_first_line_counts_once(tmp_path: Path) -> None:
    broken = '{"identifier": "X-1", "budget": {"totalBudgetEur": 1}, "status": {"label": "Open"}, oops'
    path = tmp_path / "feed.jsonl"
    path.write_text(broken + "\n" + json.dumps(feed_record(TOPIC)) + "\n", encoding="utf-8")
    portal = read_portal_file(path)
    assert list(portal.topics) == [TOPIC]
    assert portal.skipped[0].reason.startswith("1 malformed JSON record(s) skipped")
