"""Digests: what is new or changed since the last one, remembered per client, in its language."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fundmatch.clients.database import DATABASE_FILE, ClientDatabase
from fundmatch.clients.digest import BUDGET, CLOSING, DEADLINE, NEW, OPENED, SeenFacts, compare, facts_of
from fundmatch.clients.digest_render import client_calendar, digest_json, digest_markdown
from fundmatch.clients.digest_state import DigestBook
from fundmatch.clients.store import ProfileStore, SavedProfile
from fundmatch.core.models import Recommendation
from tests.chat_fakes import FakeEngine

TODAY = date(2026, 8, 20)


def _recs() -> list[Recommendation]:
    return FakeEngine().recommend("heat pumps", None, None, 10)


def _kinds(items) -> dict[str, list[str]]:
    return {item.recommendation.id: [c.kind for c in item.changes] for item in items}


def test_everything_is_new_the_first_time_and_nothing_the_second() -> None:
    items, seen = compare({}, _recs(), TODAY)
    assert _kinds(items) == {"HORIZON-CL5-2026-D3-01-05": [NEW, CLOSING], "HORIZON-CL4-2026-TWIN-02": [NEW]}
    closing = items[0].changes[1]
    assert (closing.after, closing.days) == ("2026-09-15", 26)
    again, _ = compare(seen, _recs(), TODAY)
    assert again == []


def test_changed_deadline_budget_and_an_opened_call_are_reported() -> None:
    first, second = _recs()
    seen = {
        first.id: facts_of(first),
        second.id: replace(facts_of(second), status="forthcoming"),
    }
    later = replace(first.opportunity, deadlines=(date(2026, 10, 1),), budget_max=7_000_000)
    opened = replace(second, status="open")
    items, remember = compare(seen, [replace(first, opportunity=later), opened], TODAY)
    changes = {item.recommendation.id: item.changes for item in items}
    deadline, budget = changes[first.id]
    assert (deadline.kind, deadline.before, deadline.after) == (DEADLINE, "2026-09-15", "2026-10-01")
    assert (budget.kind, budget.before, budget.after) == (BUDGET, "3000000 – 5000000", "3000000 – 7000000")
    assert [c.kind for c in changes[second.id]] == [OPENED]
    assert remember[first.id].deadlines == (date(2026, 10, 1),)


def test_reminders_come_once_at_30_14_and_7_days() -> None:
    rec = _recs()[0]  # deadline 2026-09-15
    seen: dict[str, SeenFacts] = {rec.id: facts_of(rec)}
    reported = []
    for offset in range(46):  # a daily digest from 2026-08-01 to the deadline
        today = date(2026, 8, 1) + timedelta(days=offset)
        items, seen = compare(seen, [rec], today)
        reported += [(today.isoformat(), c.days) for item in items for c in item.changes if c.kind == CLOSING]
    assert reported == [("2026-08-16", 30), ("2026-09-01", 14), ("2026-09-08", 7)]


def _book(tmp_path: Path) -> tuple[ProfileStore, DigestBook]:
    store = ProfileStore(ClientDatabase(tmp_path / DATABASE_FILE))
    return store, DigestBook(store)


def test_the_book_remembers_per_client_and_since_lists_earlier_reports(tmp_path: Path) -> None:
    store, book = _book(tmp_path)
    client = store.save(
        SavedProfile(name="Kälte GmbH", description="Wärmepumpen für Molkereien", language="de")
    )
    other = store.save(SavedProfile(name="Other", description="heat pumps"))
    recs = _recs()
    first = book.run(client, lambda p: recs[:1], date(2026, 8, 1))
    assert first.first and _kinds(first.items) == {recs[0].id: [NEW]}
    second = book.run(client, lambda p: recs, date(2026, 8, 10))
    assert second.previous == date(2026, 8, 1) and _kinds(second.items) == {recs[1].id: [NEW]}
    third = book.run(client, lambda p: recs, date(2026, 8, 12))
    assert third.items == () and third.previous == date(2026, 8, 10)
    assert book.run(other, lambda p: recs, date(2026, 8, 12)).first  # another client starts afresh
    since = book.run(client, lambda p: recs, date(2026, 8, 20), since=date(2026, 8, 1))
    assert _kinds(since.items) == {recs[0].id: [NEW, CLOSING], recs[1].id: [NEW]}

    text = digest_markdown([third])
    assert "Nichts Neues oder Geändertes seit der letzten Übersicht (10. August 2026)." in text
    markdown = digest_markdown([second])
    assert "## fundmatch-Übersicht für Kälte GmbH, 10. August 2026" in markdown
    assert "**Neu**" in markdown and "**Förderfähigkeit:**" in markdown
    payload = json.loads(digest_json([second, third]))
    assert [c["nothing_new"] for c in payload["clients"]] == [False, True]
    item = payload["clients"][0]["items"][0]
    assert item["opportunity_id"] == recs[1].id and item["changes"][0]["text"] == "Neu"
    assert item["why"] and item["eligibility"]["verdict"] == "check"


def test_a_client_without_description_gets_a_sentence_not_a_list(tmp_path: Path) -> None:
    store, book = _book(tmp_path)
    empty = store.save(SavedProfile(name="Empty", language="fr"))
    digest = book.run(empty, lambda p: _recs(), TODAY)
    assert digest.items == () and digest.missing
    assert "n'a pas de description de projet" in digest_markdown([digest])


def test_one_calendar_per_client_with_three_reminders_per_deadline() -> None:
    ics = client_calendar("Acme", _recs(), now=datetime(2026, 8, 20, tzinfo=UTC))
    lines = ics.replace("\r\n ", "").split("\r\n")
    assert "X-WR-CALNAME:fundmatch: Acme" in lines
    assert lines.count("BEGIN:VEVENT") == 3
    assert lines.count("BEGIN:VALARM") == 9 == lines.count("END:VALARM")
    assert [line for line in lines if line.startswith("TRIGGER")][:3] == [
        "TRIGGER:-P30D",
        "TRIGGER:-P14D",
        "TRIGGER:-P7D",
    ]
