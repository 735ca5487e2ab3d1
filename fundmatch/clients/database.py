"""The client database: one SQLite file, WAL journal, versioned migrations, one transaction per write.

SQLite through the standard library: a single file under ``data_dir`` that the CLI, the app and the
HTTP server share. Each connection is opened for one operation and closed after it (no connection
is shared between threads). A write runs in ``BEGIN IMMEDIATE`` ... ``COMMIT``, so a process killed
in the middle of one leaves the database as it was before that write; WAL lets readers go on while
a writer works. The schema is ``migrations/NNNN_name.sql``, applied in order, each in its own
transaction that also sets ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fundmatch.core.errors import ProfileError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DATABASE_FILE = "clients.sqlite3"
BUSY_TIMEOUT_S = 10.0


def migration_files() -> list[tuple[int, Path]]:
    """(version, file) of every migration, in order; versions are 1, 2, 3, ... without gaps."""
    found = sorted((int(path.name.split("_", 1)[0]), path) for path in MIGRATIONS.glob("*.sql"))
    if [version for version, _ in found] != list(range(1, len(found) + 1)):
        raise ProfileError(f"migration files in {MIGRATIONS} are not numbered 1..{len(found)}")
    return found


def statements(script: str) -> list[str]:
    """The SQL statements of a script, split where ``sqlite3.complete_statement`` says one ends."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                found.append(pending.strip())
            pending = ""
    if pending.strip() and not all(
        part.strip().startswith("--") for part in pending.strip().splitlines() if part.strip()
    ):
        raise ProfileError(f"unfinished SQL statement in a migration: {pending.strip()[:60]}")
    return found


class ClientDatabase:
    """Opens connections to the client database and keeps its schema current."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._migrated = False

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
        except (OSError, sqlite3.Error) as exc:
            raise ProfileError(f"cannot open the client database {self.path}: {exc}") from exc
        connection.row_factory = sqlite3.Row
        return connection

    def schema_version(self) -> int:
        """The migration the database file is at (0 for a new file)."""
        connection = self._connect()
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()

    def migrate(self, up_to: int | None = None) -> int:
        """Apply the migrations the file lacks (up to ``up_to``, default all); the version reached."""
        files = migration_files()
        target = len(files) if up_to is None else up_to
        connection = self._connect()
        try:
            current = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if current > len(files):
                raise ProfileError(
                    f"the client database {self.path} has schema {current}, newer than this fundmatch "
                    f"knows ({len(files)}); upgrade fundmatch"
                )
            for version, path in files:
                if version > target:
                    break
                connection.execute("BEGIN IMMEDIATE")
                try:
                    # Another process may have migrated while this one waited for the lock.
                    if int(connection.execute("PRAGMA user_version").fetchone()[0]) < version:
                        for statement in statements(path.read_text(encoding="utf-8")):
                            connection.execute(statement)
                        connection.execute(f"PRAGMA user_version = {version}")
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise ProfileError(f"cannot migrate the client database {self.path}: {exc}") from exc
        finally:
            connection.close()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reads (the schema brought up to date first)."""
        self._ensure_schema()
        connection = self._connect()
        try:
            yield connection
        except sqlite3.Error as exc:
            raise ProfileError(f"the client database {self.path} failed: {exc}") from exc
        finally:
            connection.close()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one write transaction: committed at the end, rolled back on any error."""
        self._ensure_schema()
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise ProfileError(f"the client database {self.path} failed: {exc}") from exc
        finally:
            connection.close()

    def _ensure_schema(self) -> None:
        if not self._migrated:
            self.migrate()
            self._migrated = True
