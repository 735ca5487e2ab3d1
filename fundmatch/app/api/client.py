"""How ``fundmatch recommend`` asks a running ``fundmatch serve``: only one on the configured port that
answers as this process would (same settings fingerprint, same index generation); otherwise the
caller answers in-process. ``ServerAnswer.note`` says which, for ``--verbose``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import httpx

from fundmatch.core.codec import to_jsonable
from fundmatch.core.errors import QueryError
from fundmatch.core.settings import Settings

HEALTH_TIMEOUT_S = 0.5
ANSWER_TIMEOUT_S = 300.0  # a warm server answers in well under a second, but may be queued
# Settings that say where or how the server listens, not what it answers: left out of the fingerprint.
_NOT_ANSWERING = {"api_host", "api_port", "api_key", "llm_api_key"}


def settings_fingerprint(settings: Settings) -> str:
    """A hash of every setting that changes an answer (paths resolved), to tell whether a running
    server answers as this process would."""
    values = {k: v for k, v in to_jsonable(settings).items() if k not in _NOT_ANSWERING}
    values["corpus_dir"] = str(settings.resolved_corpus_dir)
    values["index_dir"] = str(settings.resolved_index_dir)
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ServerAnswer:
    """The server's ``/recommend`` payload, or None (answer in-process), and why, in one line."""

    payload: dict[str, Any] | None
    note: str


def server_url(settings: Settings) -> str:
    """Where a local server listens (a server bound to every address is reached on loopback)."""
    host = "127.0.0.1" if settings.api_host in {"0.0.0.0", "::", ""} else settings.api_host
    return f"http://[{host}]:{settings.api_port}" if ":" in host else f"http://{host}:{settings.api_port}"


def _headers(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}


def _live_generation(settings: Settings) -> str | None:
    from fundmatch.index.layout import IndexLayout

    live = IndexLayout(settings.resolved_index_dir).live()
    return live.name if live else None


def recommend_via_server(settings: Settings, body: dict[str, Any]) -> ServerAnswer:
    """POST ``body`` to the server's /recommend when a matching server is up; a QueryError for a 4xx."""
    url = server_url(settings)
    local = "answered in this process"
    try:
        health = httpx.get(f"{url}/health", timeout=HEALTH_TIMEOUT_S).json()
    except (httpx.HTTPError, ValueError):
        return ServerAnswer(None, f"No fundmatch server on {url}; {local}.")
    if health.get("settings") != settings_fingerprint(settings):
        return ServerAnswer(None, f"The fundmatch server on {url} runs with other settings; {local}.")
    if health.get("generation") != _live_generation(settings):
        return ServerAnswer(
            None, f"The fundmatch server on {url} answers from an older index (restart it); {local}."
        )
    try:
        response = httpx.post(
            f"{url}/recommend", json=body, headers=_headers(settings), timeout=ANSWER_TIMEOUT_S
        )
    except httpx.HTTPError as exc:
        return ServerAnswer(None, f"The fundmatch server on {url} failed ({type(exc).__name__}); {local}.")
    if 400 <= response.status_code < 500 and response.status_code != 401:
        raise QueryError(_error_text(response))
    if response.status_code != 200:
        return ServerAnswer(
            None,
            f"The fundmatch server on {url} answered {response.status_code} ({_error_text(response)}); {local}.",
        )
    return ServerAnswer(response.json(), f"Answered by the fundmatch server on {url}.")


def _error_text(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error") or response.text)
    except ValueError:
        return response.text.strip()[:200]
