"""Running a client's digest against what it saw last time, and remembering what it reported.

Each run ranks the client again, then, in one transaction, reads the facts the last digest saw,
compares (``fundmatch.clients.digest.compare``), records the run, its reports and the new facts.
A second digest with nothing new therefore reports nothing; ``since`` lists the reports of every
run from that date on again, merged per opportunity.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from fundmatch.clients.digest import Change, ClientDigest, DigestItem, Ranker, SeenFacts, compare
from fundmatch.clients.store import ProfileStore, SavedProfile, now_iso
from fundmatch.core.codec import from_jsonable, to_jsonable
from fundmatch.core.models import Recommendation

NO_DESCRIPTION = "no_description"


def _dumps(value: object) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False)


class DigestBook:
    """The digest state of the clients in one profile store."""

    def __init__(self, store: ProfileStore) -> None:
        self.store = store

    def run(
        self, profile: SavedProfile, rank: Ranker, today: date, since: date | None = None
    ) -> ClientDigest:
        """Rank the client now and report what is new or changed since its last digest (or ``since``)."""
        profile_id = self.store.profile_id(profile.name)
        if not profile.description.strip():
            return ClientDigest(profile, today, (), since=since, missing=NO_DESCRIPTION)
        recommendations = rank(profile)
        with self.store.database.writing() as connection:
            seen = self._seen(connection, profile_id)
            previous = connection.execute(
                "SELECT MAX(as_of) FROM digest_runs WHERE profile_id = ?", (profile_id,)
            ).fetchone()[0]
            items, remember = compare(seen, recommendations, today)
            run_id = connection.execute(
                "INSERT INTO digest_runs (profile_id, as_of, run_at) VALUES (?, ?, ?)",
                (profile_id, today.isoformat(), now_iso()),
            ).lastrowid
            for item in items:
                for change in item.changes:
                    connection.execute(
                        "INSERT INTO digest_events (run_id, opportunity_id, kind, detail, recommendation) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            run_id,
                            item.recommendation.id,
                            change.kind,
                            _dumps(change),
                            _dumps(item.recommendation),
                        ),
                    )
            for opportunity_id, facts in remember.items():
                connection.execute(
                    "INSERT INTO digest_seen (profile_id, opportunity_id, facts, first_seen) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (profile_id, opportunity_id) DO UPDATE SET facts = excluded.facts",
                    (profile_id, opportunity_id, _dumps(facts), today.isoformat()),
                )
            if since is not None:
                items = self._reported_since(connection, profile_id, since)
        return ClientDigest(
            profile,
            today,
            tuple(items),
            previous=date.fromisoformat(previous) if previous else None,
            since=since,
            ranked=tuple(recommendations),
        )

    @staticmethod
    def _seen(connection: sqlite3.Connection, profile_id: int) -> dict[str, SeenFacts]:
        rows = connection.execute(
            "SELECT opportunity_id, facts FROM digest_seen WHERE profile_id = ?", (profile_id,)
        ).fetchall()
        return {row["opportunity_id"]: from_jsonable(SeenFacts, json.loads(row["facts"])) for row in rows}

    @staticmethod
    def _reported_since(connection: sqlite3.Connection, profile_id: int, since: date) -> list[DigestItem]:
        """Every report of the runs on or after ``since``, one item per opportunity (its latest record)."""
        rows = connection.execute(
            "SELECT e.opportunity_id, e.detail, e.recommendation FROM digest_events e "
            "JOIN digest_runs r ON r.id = e.run_id WHERE r.profile_id = ? AND r.as_of >= ? "
            "ORDER BY r.id, e.id",
            (profile_id, since.isoformat()),
        ).fetchall()
        latest: dict[str, Recommendation] = {}
        changes: dict[str, list[Change]] = {}
        for row in rows:
            key = row["opportunity_id"]
            latest[key] = from_jsonable(Recommendation, json.loads(row["recommendation"]))
            change = from_jsonable(Change, json.loads(row["detail"]))
            if change not in changes.setdefault(key, []):
                changes[key].append(change)
        return [DigestItem(latest[key], tuple(changes[key])) for key in latest]
