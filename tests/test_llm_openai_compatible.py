"""The openai-compatible backend against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fundmatch.core.errors import LLMError
from fundmatch.llm.openai_compatible import OpenAICompatibleLLM


class _Handler(BaseHTTPRequestHandler):
    """Answers by the mode the test set on the server; records each request."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, dict(self.headers), body))  # type: ignore[attr-defined]
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "slow":
            time.sleep(1.5)
        status, payload = {
            "ok": (
                200,
                json.dumps({"choices": [{"message": {"role": "assistant", "content": "Hallo [1]"}}]}),
            ),
            "slow": (200, "{}"),
            "error": (500, "model\n   crashed"),
            "garbage": (200, "<html>not json</html>"),
            "no-choices": (200, json.dumps({"object": "chat.completion", "choices": []})),
        }[mode]
        data = payload.encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client already gave up: the timeout test

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.requests = []  # type: ignore[attr-defined]
    httpd.mode = "ok"  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _llm(httpd: ThreadingHTTPServer, timeout_s: float = 5.0, api_key: str = "") -> OpenAICompatibleLLM:
    host, port = httpd.server_address[:2]
    return OpenAICompatibleLLM(f"http://{host}:{port}/v1/", "qwen", api_key=api_key, timeout_s=timeout_s)


def test_sends_chat_request_and_returns_reply(server: ThreadingHTTPServer) -> None:
    reply = _llm(server, api_key="secret").complete("SYS", "USER", max_tokens=77)

    assert reply == "Hallo [1]"
    path, headers, body = server.requests[0]  # type: ignore[attr-defined]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer secret"
    assert body["model"] == "qwen"
    assert body["max_tokens"] == 77
    assert body["temperature"] == 0
    assert body["messages"] == [{"role": "system", "content": "SYS"}, {"role": "user", "content": "USER"}]


def test_no_authorization_header_without_key(server: ThreadingHTTPServer) -> None:
    _llm(server).complete("s", "u")

    _, headers, _ = server.requests[0]  # type: ignore[attr-defined]
    assert "Authorization" not in headers


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("error", "answered HTTP 500: model crashed"),
        ("garbage", "invalid JSON"),
        ("no-choices", "no choices[0].message.content"),
    ],
)
def test_backend_failures_are_one_line_llm_errors(
    server: ThreadingHTTPServer, mode: str, expected: str
) -> None:
    server.mode = mode  # type: ignore[attr-defined]

    with pytest.raises(LLMError) as caught:
        _llm(server).complete("s", "u")

    message = str(caught.value)
    assert "\n" not in message
    assert expected in message


def test_timeout_is_an_llm_error(server: ThreadingHTTPServer) -> None:
    server.mode = "slow"  # type: ignore[attr-defined]

    with pytest.raises(LLMError, match=r"timed out after 0.3 s"):
        _llm(server, timeout_s=0.3).complete("s", "u")


def test_connection_refused_is_an_llm_error() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = httpd.server_address[1]
    httpd.server_close()

    with pytest.raises(LLMError, match=r"cannot reach LLM at http://127.0.0.1:\d+/v1/chat/completions"):
        OpenAICompatibleLLM(f"http://127.0.0.1:{port}/v1", "m", timeout_s=2).complete("s", "u")
