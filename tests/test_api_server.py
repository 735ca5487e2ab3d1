"""A real uvicorn server on 127.0.0.1 over the fixture index: 20 concurrent POST /recommend, and
``fundmatch recommend`` answered by the running server exactly as in-process."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from fundmatch.app.api.server import create_app
from fundmatch.app.api.services import ApiServices
from fundmatch.app.commands.recommend import recommend_command
from fundmatch.app.commands.serve import is_loopback, serve
from fundmatch.core.errors import QueryError
from fundmatch.core.settings import Settings, load_settings
from tests.chat_fakes import build_fixture_index

HEAT = "We are an SME from Germany developing industrial heat pumps for process heat."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def fixture_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = build_fixture_index(tmp_path_factory.mktemp("served") / "data")
    return {**env, "FUNDMATCH_API_PORT": str(_free_port())}


@pytest.fixture(scope="module")
def running(fixture_env: dict[str, str]) -> Iterator[Settings]:
    """uvicorn serving the API in a thread of this process, on the port the settings name."""
    settings = load_settings(env=fixture_env)
    app = create_app(ApiServices.open(settings))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=settings.api_port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield settings
    server.should_exit = True
    thread.join(timeout=10)


def test_twenty_concurrent_recommend_requests_all_answer(running: Settings) -> None:
    url = f"http://127.0.0.1:{running.api_port}/recommend"
    bodies = [{"text": HEAT if n % 2 else "digital twins of manufacturing lines", "k": 3} for n in range(20)]

    def ask(body: dict) -> httpx.Response:
        return httpx.post(url, json=body, timeout=120)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(ask, bodies))
    assert [a.status_code for a in answers] == [200] * 20
    firsts = {a.json()["recommendations"][0]["opportunity"]["id"] for a in answers[1::2]}
    assert firsts == {"HORIZON-CL5-2026-D3-01-05"}
    assert {a.json()["recommendations"][0]["opportunity"]["id"] for a in answers[::2]} == {
        "HORIZON-CL4-2026-TWIN-02"
    }


def _cli(env: dict[str, str], *args: str):
    return CliRunner().invoke(recommend_command, [*args], env=env, catch_exceptions=False)


@pytest.mark.parametrize(("as_json", "language"), [(False, "en"), (True, "en"), (False, "de"), (True, "pl")])
def test_recommend_uses_the_running_server_and_prints_the_same(
    running: Settings, fixture_env: dict[str, str], as_json: bool, language: str
) -> None:
    args = [HEAT, "--k", "2", "--verbose", "--language", language, *(["--json"] if as_json else [])]
    served = _cli(fixture_env, *args)
    local = _cli(fixture_env, *args, "--local")
    assert served.exit_code == 0 == local.exit_code
    assert f"Answered by the fundmatch server on http://127.0.0.1:{running.api_port}." in served.stderr
    assert "server" not in local.stderr
    assert served.stdout == local.stdout
    assert "HORIZON-CL5-2026-D3-01-05" in served.stdout


def test_recommend_falls_back_when_no_server_or_other_settings(
    running: Settings, fixture_env: dict[str, str]
) -> None:
    elsewhere = {**fixture_env, "FUNDMATCH_API_PORT": str(_free_port())}
    alone = _cli(elsewhere, HEAT, "--k", "1", "--verbose")
    assert alone.exit_code == 0 and "No fundmatch server on" in alone.stderr
    other = _cli({**fixture_env, "FUNDMATCH_FAMILY_DIVERSITY": "0.9"}, HEAT, "--k", "1", "--verbose")
    assert other.exit_code == 0 and "runs with other settings; answered in this process." in other.stderr


def test_a_served_bad_request_is_the_same_one_line_error(
    fixture_env: dict[str, str], running: Settings
) -> None:
    args = [HEAT, "--programme", "Nowhere"]
    served = CliRunner().invoke(recommend_command, args, env=fixture_env)
    local = CliRunner().invoke(recommend_command, [*args, "--local"], env=fixture_env)
    assert isinstance(served.exception, QueryError) and isinstance(local.exception, QueryError)
    assert str(served.exception) == str(local.exception)
    assert "Unknown programme 'Nowhere'" in str(served.exception)


def test_serve_refuses_an_open_address_without_a_key(fixture_env: dict[str, str]) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    refused = CliRunner().invoke(serve, ["--host", "0.0.0.0"], env=fixture_env)
    assert refused.exit_code != 0 and "set an api_key" in str(refused.exception)


def test_serve_says_when_the_port_is_taken(fixture_env: dict[str, str], running: Settings) -> None:
    taken = CliRunner().invoke(serve, ["--port", str(running.api_port)], env=fixture_env)
    assert taken.exit_code != 0 and f"cannot listen on 127.0.0.1:{running.api_port}" in str(taken.exception)
