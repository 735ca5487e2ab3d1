"""``fundmatch app`` builds a headless streamlit command line for the repository's app.py."""

from __future__ import annotations

import sys

from click.testing import CliRunner

from fundmatch.app.cli import cli
from fundmatch.app.commands import register_all
from fundmatch.app.commands.app import APP_SCRIPT, streamlit_command


def test_the_command_runs_app_py_headless_on_the_given_port() -> None:
    command = streamlit_command(APP_SCRIPT, "127.0.0.1", 8765)
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT)]
    assert "--server.headless=true" in command
    assert "--server.port=8765" in command
    assert "--server.address=127.0.0.1" in command
    assert APP_SCRIPT.is_file()


def test_app_is_registered_and_rejects_a_bad_port() -> None:
    register_all(cli)
    result = CliRunner().invoke(cli, ["app", "--port", "0"])
    assert result.exit_code == 2
    assert "--port" in result.output


def test_the_server_replaces_the_command_process_so_a_stop_signal_reaches_it(monkeypatch) -> None:
    calls: list[tuple[str, list[str]]] = []
    monkeypatch.setattr("fundmatch.app.commands.app.os.execv", lambda path, argv: calls.append((path, argv)))
    register_all(cli)
    result = CliRunner().invoke(cli, ["app", "--port", "8766"])
    assert result.exit_code == 0, result.output
    assert calls == [(sys.executable, streamlit_command(APP_SCRIPT, "127.0.0.1", 8766))]
