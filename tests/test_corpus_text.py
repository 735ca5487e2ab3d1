"""Text helpers: mojibake repair, HTML to text, topic identifiers, dates, euro amounts."""

from __future__ import annotations

from datetime import date

import pytest

from fundmatch.corpus.dates import find_dates, parse_date
from fundmatch.corpus.money import euro_range
from fundmatch.corpus.text import clean, find_topic_ids, html_to_text, join_split_ids, repair


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Europeâ€™s plan", "Europe’s plan"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("Marie SkÅ‚odowska-Curie", "Marie Skłodowska-Curie"),
        ("COâ‚‚ storage", "CO₂ storage"),
        ("layoutï»¿described", "layoutdescribed"),
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert repair(broken) == fixed


def test_correct_accented_text_is_left_alone() -> None:
    text = "Ärger über Öl, café à la crème – “ok”, Łódź, niño"
    assert repair(text) == text


def test_html_to_text_keeps_blocks_and_drops_scripts() -> None:
    text = html_to_text(
        "<div><p>First <b>bold</b> line</p><script>x()</script><ul><li>a</li><li>b</li></ul></div>"
    )
    assert text == "First bold line\n\na\n\nb"
    assert html_to_text("plain   text") == "plain text"


def test_clean_unglues_sentences_left_by_stripped_tags() -> None:
    assert (
        clean("<p>Expected Outcome:Results.</p>End of it.Next part")
        == "Expected Outcome: Results.\nEnd of it. Next part"
    )


def test_topic_ids_are_found_and_rejoined_across_lines() -> None:
    text = "See HORIZON-CL4-2025-01-\nDIGITAL-11: title and INNOVFUND-2025-NZT-PILOTS, HORIZON-CL4-2025-01-DIGITAL-11."
    assert find_topic_ids(join_split_ids(text)) == [
        "HORIZON-CL4-2025-01-DIGITAL-11",
        "INNOVFUND-2025-NZT-PILOTS",
    ]
    assert find_topic_ids("LIFE-2026-STRAT-NAT-SNAP-two-stage opens") == [
        "LIFE-2026-STRAT-NAT-SNAP-two-stage"
    ]
    assert find_topic_ids("nothing here, HORIZON alone") == []


def test_dates_in_the_forms_the_sources_use() -> None:
    assert parse_date("2026-04-23T00:00:00.000Z") == date(2026, 4, 23)
    assert find_dates("IF23: 9 April 2024 17:00; IF24: 2025-02-20; 6 Nov 2025") == [
        date(2024, 4, 9),
        date(2025, 2, 20),
        date(2025, 11, 6),
    ]
    assert parse_date("31 February 2026") is None
    assert parse_date(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("grant up to EUR 2.5 million", (None, 2.5e6)),
        ("EUR 0.5 million to EUR 4 million per project", (0.5e6, 4e6)),
        ("awards EUR 8-245 million per project", (8e6, 245e6)),
        ("EUR 166,039,670 in total", (166_039_670.0, 166_039_670.0)),
        ("EUR 2.9 bn", (2.9e9, 2.9e9)),
        ("no amount", (None, None)),
    ],
)
def test_euro_amounts(text: str, expected: tuple[float | None, float | None]) -> None:
    assert euro_range(text) == expected
