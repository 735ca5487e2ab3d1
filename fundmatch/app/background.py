"""Starting the background embedding (``fundmatch embed``) as a detached, low-priority process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from fundmatch.core.models import Opportunity
from fundmatch.core.settings import Settings
from fundmatch.index.background import is_running, mark_starting
from fundmatch.index.layout import IndexLayout
from fundmatch.retrieval.status import opportunity_status, status_date

LOG_FILE = "embedding.log"
NICENESS = 10


def current_calls(settings: Settings):
    """The predicate the background embedding orders by: open and forthcoming on the status date."""
    day: date = status_date(None, settings)

    def is_current(opportunity: Opportunity) -> bool:
        return opportunity_status(opportunity, day) in ("open", "forthcoming")

    return is_current


def needs_embedding(settings: Settings) -> bool:
    """True when the live generation has passages without a vector."""
    manifest = IndexLayout(settings.resolved_index_dir).live_manifest()
    return manifest is not None and not manifest.dense_complete


def start_background_embedding(settings: Settings) -> int | None:
    """Start ``fundmatch embed`` detached (niced, output to ``<index_dir>/embedding.log``) when the
    live generation needs it and none runs; returns its pid, or None when nothing was started."""
    root = settings.resolved_index_dir
    if not needs_embedding(settings) or is_running(root):
        return None
    environment = dict(os.environ)
    for key, value in (("FUNDMATCH_INDEX_DIR", root), ("FUNDMATCH_DATA_DIR", settings.data_dir)):
        environment[key] = str(value)
    with open(root / LOG_FILE, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", "from fundmatch.app.cli import main; main()", "embed"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=environment,
            start_new_session=True,
            preexec_fn=lambda: os.nice(NICENESS),
        )
    # Until it takes the lock, this record tells an `app` started right after that one is running.
    manifest = IndexLayout(root).live_manifest()
    total = manifest.counts.get("passages", 0) if manifest else 0
    mark_starting(root, process.pid, total - (manifest.pending_passages if manifest else 0), total)
    return process.pid
