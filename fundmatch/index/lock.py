"""The writer lock of an index directory: one writer at a time, and the others told who it is.

Every process that changes an index directory (``fundmatch ingest``, ``fundmatch index prune``,
a background job that adds vectors to the live generation) holds this one lock for the whole of
its work, reading included, so two writers never build from the same live generation. The lock
is an OS file lock through ``filelock`` (``fcntl.flock`` on POSIX, ``msvcrt`` on Windows): the
operating system releases it when its holder dies, even by ``kill -9``, so a crashed writer
never leaves a stale lock behind.

Beside the lock file the holder writes ``.lock.holder`` (pid, purpose, start time, host) so that a
refused writer can say who holds the lock. The note is only trusted while the lock is held.

The lock is re-entrant within one thread of one process (``filelock``'s singleton instance):
``ingest`` takes it before reading anything and ``build_index`` takes it again inside. Other threads
and other processes are refused or wait.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from fundmatch.core.atomic import write_atomic
from fundmatch.core.errors import IndexBusyError

LOCK_FILE = ".lock"
HOLDER_FILE = ".lock.holder"


@dataclass(frozen=True)
class LockHolder:
    """Who holds the writer lock: process id, what it does, since when, on which host."""

    pid: int
    purpose: str
    started: str
    host: str

    def describe(self) -> str:
        """One phrase for messages, e.g. ``pid 4242 (ingest, since 2026-01-01T12:00:00+00:00)``."""
        return f"pid {self.pid} ({self.purpose}, since {self.started})"


class WriterLock:
    """The writer lock of the index directory ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock_path = root / LOCK_FILE
        self.holder_path = root / HOLDER_FILE

    def _lock(self) -> FileLock:
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(self.lock_path, is_singleton=True)

    @contextmanager
    def hold(
        self,
        purpose: str,
        *,
        wait: bool = False,
        on_wait: Callable[[LockHolder | None], None] | None = None,
    ) -> Iterator[None]:
        """Hold the lock for the block. Busy: IndexBusyError naming the holder, or, with ``wait``,
        ``on_wait(holder)`` once and then block until the holder is done."""
        lock = self._lock()
        try:
            lock.acquire(timeout=0)
        except Timeout:
            holder = self.holder()
            if not wait:
                raise IndexBusyError(self.busy_message(holder)) from None
            if on_wait is not None:
                on_wait(holder)
            lock.acquire(timeout=-1)
        outermost = lock.lock_counter == 1
        try:
            if outermost:
                self._write_holder(purpose)
            yield
        finally:
            if outermost:
                self.holder_path.unlink(missing_ok=True)
            lock.release()

    def is_held(self) -> bool:
        """Whether any writer (this process included) holds the lock now."""
        if not self.lock_path.exists():
            return False
        probe = FileLock(self.lock_path)  # a separate instance: refused even by our own hold
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        except OSError:
            return False
        probe.release()
        return False

    def holder(self) -> LockHolder | None:
        """The current holder, or None when the lock is free (or held by a writer that has not
        written its note yet)."""
        return self._read_holder() if self.is_held() else None

    def busy_message(self, holder: LockHolder | None) -> str:
        """The one-line refusal for a second writer."""
        who = holder.describe() if holder else "another process"
        return (
            f"the index at {self.root} is being written by {who}; "
            "try again when it has finished, or pass --wait to wait for it"
        )

    def _write_holder(self, purpose: str) -> None:
        note = LockHolder(
            pid=os.getpid(),
            purpose=purpose,
            started=datetime.now(UTC).isoformat(timespec="seconds"),
            host=socket.gethostname(),
        )
        write_atomic(self.holder_path, json.dumps(asdict(note)), durable=False)

    def _read_holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.holder_path.read_text(encoding="utf-8"))
            return LockHolder(
                pid=int(data["pid"]),
                purpose=str(data["purpose"]),
                started=str(data["started"]),
                host=str(data["host"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
