"""``fundmatch app``: serve the Streamlit chat app (headless) on a local port."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import click

from fundmatch.core.errors import FundmatchError
from fundmatch.core.settings import REPO_ROOT

APP_SCRIPT = REPO_ROOT / "app.py"


def streamlit_command(script: Path, host: str, port: int, upload_max_mb: float = 10.0) -> list[str]:
    """The ``streamlit run`` command line for a headless server on ``host:port``.

    Streamlit's own upload limit sits 1 MB above ``upload_max_mb`` so that a file just over the
    setting gets fundmatch's one-line message rather than Streamlit's."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.address={host}",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        f"--server.maxUploadSize={math.ceil(upload_max_mb) + 1}",
        # Streamlit's own toolbar ("Deploy") speaks English only; keep just its menu.
        "--client.toolbarMode=minimal",
    ]


def _resume_embedding() -> None:
    """Restart a background embedding that was stopped before it finished (it resumes, see
    ``fundmatch.index.background``); the app answers in keyword mode meanwhile."""
    from fundmatch.app.background import start_background_embedding
    from fundmatch.core.settings import load_settings

    pid = start_background_embedding(load_settings())
    if pid:
        click.echo(f"Resuming the background embedding of the index (pid {pid}).", err=True)


@click.command("app")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
def app_command(host: str, port: int) -> None:
    """Run the chat app; open http://HOST:PORT in a browser. Stop with Ctrl+C."""
    if not APP_SCRIPT.is_file():
        raise FundmatchError(f"app.py not found at {APP_SCRIPT}; run fundmatch from a source checkout")
    click.echo(f"fundmatch app on http://{host}:{port} (Ctrl+C to stop)", err=True)
    from fundmatch.core.settings import load_settings

    _resume_embedding()
    command = streamlit_command(APP_SCRIPT, host, port, load_settings().upload_max_mb)
    # Streamlit replaces this process, so a stop signal (Ctrl+C, a service manager's SIGTERM)
    # reaches the server itself instead of leaving it running without a parent.
    os.execv(command[0], command)


COMMANDS = [app_command]
