"""Saved client profiles in SQLite: round trips, names, migrations, export/import, and kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from fundmatch.clients.database import DATABASE_FILE, ClientDatabase, migration_files
from fundmatch.clients.store import ProfileStore, SavedProfile, parse_profiles
from fundmatch.core.errors import ProfileError
from fundmatch.core.models import Filters, Profile

REPO = Path(__file__).resolve().parent.parent


def _store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(ClientDatabase(tmp_path / DATABASE_FILE))


def _client(name: str = "Acme Heat GmbH", **changes: object) -> SavedProfile:
    values: dict[str, object] = {
        "name": name,
        "description": "SME in Bavaria building industrial heat pumps for dairies, TRL 6.",
        "profile": Profile(organisation_type="sme", country="DE", trl=6, staff=25, language="de"),
        "filters": Filters(statuses=("open",), deadline_to=date(2027, 1, 31), budget_min=1e6),
        "language": "de",
    }
    values.update(changes)
    return SavedProfile(**values)  # type: ignore[arg-type]


def test_a_saved_profile_reads_back_equal_with_timestamps(tmp_path: Path) -> None:
    store = _store(tmp_path)
    stored = store.save(_client())
    found = store.get("acme heat gmbh")
    assert found == stored
    assert found.profile.trl == 6 and found.filters.deadline_to == date(2027, 1, 31)
    assert found.created and found.created == found.updated


def test_saving_again_replaces_but_keeps_the_creation_time(tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = store.save(_client(created="2026-01-01T00:00:00+00:00"))
    again = store.save(_client(description="Now also thermal storage."))
    assert store.names() == ["Acme Heat GmbH"]
    assert again.created == first.created
    assert store.get("Acme Heat GmbH").description == "Now also thermal storage."
    with pytest.raises(ProfileError, match="is saved already"):
        store.save(_client(name="ACME heat  gmbh"), overwrite=False)


def test_rename_and_delete_and_the_one_line_errors(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(_client())
    store.save(_client(name="Beta Clinic"))
    store.rename("acme heat gmbh", "Acme Heat AG")
    assert store.names() == ["Acme Heat AG", "Beta Clinic"]
    with pytest.raises(ProfileError, match="is saved already"):
        store.rename("Acme Heat AG", "beta clinic")
    store.delete("beta clinic")
    assert store.names() == ["Acme Heat AG"]
    with pytest.raises(ProfileError, match=r"No saved client named 'Beta Clinic'; saved: Acme Heat AG\."):
        store.get("Beta Clinic")
    for bad in ("", "   ", "x" * 121, "tab\tname\x07"):
        with pytest.raises(ProfileError):
            store.save(_client(name=bad))
    with pytest.raises(ProfileError, match="Unknown language"):
        store.save(_client(language="xx"))


def test_export_then_import_into_another_database(tmp_path: Path) -> None:
    source = _store(tmp_path / "a")
    source.save(_client())
    source.save(_client(name="Beta Clinic", language="fr", profile=Profile(language="fr")))
    exported = source.export_json()
    assert json.loads(exported)["format"] == "fundmatch-profiles"
    target = _store(tmp_path / "b")
    assert target.import_json(exported) == ["Acme Heat GmbH", "Beta Clinic"]
    assert target.get("Beta Clinic").profile == Profile(language="fr")
    assert target.get("Acme Heat GmbH").filters == _client().filters
    with pytest.raises(ProfileError, match="nothing imported"):
        target.import_json(exported)
    assert target.import_json(exported, overwrite=True) == ["Acme Heat GmbH", "Beta Clinic"]


def test_a_malformed_import_saves_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(_client())
    bad = json.dumps([{"name": "New One"}, {"name": "Broken", "profile": {"trl": "six"}}])
    with pytest.raises(ProfileError, match="Broken"):
        store.import_json(bad)
    assert store.names() == ["Acme Heat GmbH"]
    with pytest.raises(ProfileError, match="not valid JSON"):
        parse_profiles("{oops")
    with pytest.raises(ProfileError, match="unknown field"):
        parse_profiles('{"name": "x", "colour": "red"}')


def test_migrations_are_versioned_and_keep_the_data(tmp_path: Path) -> None:
    database = ClientDatabase(tmp_path / DATABASE_FILE)
    assert database.migrate(up_to=1) == 1
    with sqlite3.connect(database.path) as raw:
        raw.execute(
            "INSERT INTO profiles (name, name_key, description, profile, filters, language, created_at, "
            "updated_at) VALUES ('Old', 'old', 'd', '{}', '{}', 'en', 't', 't')"
        )
    assert database.migrate() == len(migration_files())
    assert ProfileStore(database).get("old").description == "d"
    with sqlite3.connect(database.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.execute(f"PRAGMA user_version = {len(migration_files()) + 1}")
    with pytest.raises(ProfileError, match="newer than this fundmatch knows"):
        ClientDatabase(database.path).migrate()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_FILE
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ProfileError, match="client database"):
        ProfileStore(ClientDatabase(path)).names()


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fundmatch.clients.database import ClientDatabase
    from fundmatch.clients.store import ProfileStore, SavedProfile

    store = ProfileStore(ClientDatabase(Path(sys.argv[1])))
    big = "heat pumps for dairies " * 300
    for n in range(1, 100000):
        store.save(SavedProfile(name=f"client {n:05d}", description=f"{n} {big}"))
        store.save(SavedProfile(name="rewritten", description=f"{n} {big}"))
        print(n, flush=True)
    """
)


def test_kill_9_during_saves_loses_no_earlier_profile(tmp_path: Path) -> None:
    """A writer saving 7 kB profiles in a loop is killed with SIGKILL after some saves: every
    profile it reported saved is there, whole, and the one it kept rewriting is never lost."""
    path = tmp_path / DATABASE_FILE
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert writer.stdout is not None
    reported = 0
    while reported < 25:
        line = writer.stdout.readline()
        assert line, "the writer stopped before it was killed"
        reported = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = ProfileStore(ClientDatabase(path))
    names = set(store.names())
    for n in range(1, reported + 1):
        assert f"client {n:05d}" in names
        saved = store.get(f"client {n:05d}")
        assert saved.description.startswith(f"{n} ") and len(saved.description) == len(f"{n} ") + 300 * 23
    rewritten = store.get("rewritten")
    assert int(rewritten.description.split()[0]) >= reported
    store.save(SavedProfile(name="after the crash"))
    assert "after the crash" in store.names()
