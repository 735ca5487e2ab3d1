"""Secrets (``llm_api_key``, ``api_key``) never show: not in a settings repr, an error, the API's
answers, ``--verbose`` output, and no module outside the few that need them reads them."""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fundmatch.app import cli
from fundmatch.app.api.server import create_app
from fundmatch.app.api.services import ApiServices
from fundmatch.core.errors import LLMError
from fundmatch.core.settings import load_settings
from fundmatch.llm.openai_compatible import OpenAICompatibleLLM
from tests.chat_fakes import build_fixture_index
from tests.lifecycle_fixtures import REPO

LLM_KEY = "sk-test-7f3a9c1e5b"
API_KEY = "api-test-2d8e6f4a0c"
READERS_OF_SECRETS = {
    "fundmatch/core/settings.py",  # defines them
    "fundmatch/llm/registry.py",  # hands llm_api_key to the backend
    "fundmatch/app/api/server.py",  # checks api_key
    "fundmatch/app/api/client.py",  # sends api_key to a running server
    "fundmatch/app/commands/serve.py",  # refuses a non-loopback bind without api_key
}


def test_a_settings_repr_shows_no_secret() -> None:
    settings = load_settings(env={}, overrides={"llm_api_key": LLM_KEY, "api_key": API_KEY})
    shown = repr(settings) + str(settings)
    assert LLM_KEY not in shown and API_KEY not in shown
    assert "llm_base_url" in shown  # the rest is still shown


def test_only_the_modules_that_need_a_secret_read_it() -> None:
    readers = {
        str(path.relative_to(REPO))
        for folder in ("fundmatch", "evaluation", "retrieval", "corpus")
        for path in (REPO / folder).rglob("*.py")
        if re.search(r"\.(llm_)?api_key\b", path.read_text(encoding="utf-8"))
    }
    assert readers <= READERS_OF_SECRETS | {"fundmatch/llm/openai_compatible.py"}, (
        readers - READERS_OF_SECRETS
    )


class _Echo(BaseHTTPRequestHandler):
    """A careless server that puts the request's Authorization header into its error page."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        data = f"invalid token: {self.headers['Authorization']}".encode()
        self.send_response(401)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def echo_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_llm_error_never_echoes_the_key_or_url_credentials(echo_server: str) -> None:
    llm = OpenAICompatibleLLM(f"http://{echo_server}/v1", "m", api_key=LLM_KEY, timeout_s=5)
    with pytest.raises(LLMError) as error:
        llm.complete("system", "user")
    assert "HTTP 401" in str(error.value) and "Bearer ***" in str(error.value)
    assert LLM_KEY not in str(error.value)
    with_password = OpenAICompatibleLLM(f"http://user:pa55word@{echo_server}/v1", "m", timeout_s=5)
    with pytest.raises(LLMError) as error:
        with_password.complete("system", "user")
    assert "pa55word" not in str(error.value) and f"http://{echo_server}/v1" in str(error.value)


def test_verbose_output_and_errors_show_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in build_fixture_index(tmp_path / "data").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("FUNDMATCH_LLM_API_KEY", LLM_KEY)
    monkeypatch.setenv("FUNDMATCH_API_KEY", API_KEY)
    monkeypatch.setenv("FUNDMATCH_LLM_BACKEND", "openai-compatible")
    monkeypatch.setenv("FUNDMATCH_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    german = "Wir sind ein KMU aus Deutschland und bauen Wärmepumpen für Prozesswärme in Molkereien."
    for args in (
        ["--verbose", "recommend", "--local", german],  # the translator asks the (dead) LLM, then falls back
        ["recommend", "--local", "--verbose", "--json", german],
        ["--verbose", "llm", "check"],
    ):
        monkeypatch.setattr(sys, "argv", ["fundmatch", *args])
        with pytest.raises(SystemExit):
            cli.main()
        out, err = capsys.readouterr()
        assert LLM_KEY not in out + err and API_KEY not in out + err


def test_the_api_never_answers_with_a_secret(tmp_path: Path) -> None:
    env = build_fixture_index(tmp_path / "data")
    settings = load_settings(env=env, overrides={"api_key": API_KEY, "llm_api_key": LLM_KEY})
    with TestClient(create_app(ApiServices.open(settings)), raise_server_exceptions=False) as client:
        answers = [
            client.get("/health"),
            client.post("/recommend", json={"text": "heat pumps"}),
            client.post("/recommend", json={"text": "heat pumps"}, headers={"Authorization": "Bearer wrong"}),
            client.get("/openapi.json"),
        ]
    assert answers[0].status_code == 200 and answers[1].status_code == 401 and answers[2].status_code == 401
    for answer in answers:
        text = answer.text + json.dumps(dict(answer.headers))
        assert API_KEY not in text and LLM_KEY not in text
