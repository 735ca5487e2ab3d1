"""A chat model behind an OpenAI-compatible HTTP endpoint (Ollama, vLLM, llama.cpp, a hosted API)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from fundmatch.core.errors import LLMError

_MAX_DETAIL = 160


def one_line(text: str, limit: int = _MAX_DETAIL) -> str:
    """Collapse whitespace and cut ``text`` so it fits in a one-line error message."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def reply_text(payload: Any) -> str:
    """The assistant text of a ``chat/completions`` response body; LLMError if it has none."""
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise LLMError(
            f"LLM reply has no choices[0].message.content: {one_line(json.dumps(payload))}"
        ) from None
    if not isinstance(content, str):
        raise LLMError("LLM reply content is not text")
    return content


class OpenAICompatibleLLM:
    """Sends one system and one user message to ``{base_url}/chat/completions``, temperature 0."""

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout_s: float = 60.0) -> None:
        self._endpoint = base_url.rstrip("/") + "/chat/completions"
        self.url = _without_credentials(self._endpoint)  # what messages show
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.name = f"openai-compatible:{model}"

    def complete(self, system: str, user: str, max_tokens: int = 512) -> str:
        """POST the chat request and return the reply text; every failure is one LLMError line."""
        body = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": False,
        }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self._endpoint, data=json.dumps(body).encode(), headers=headers)
        raw = self._post(request)
        try:
            payload = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise LLMError(
                f"LLM at {self.url} returned invalid JSON: {one_line(raw[:200].decode('utf-8', 'replace'))}"
            ) from None
        return reply_text(payload)

    def _post(self, request: urllib.request.Request) -> bytes:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = self._redacted(exc.read().decode("utf-8", "replace"))
            raise LLMError(f"LLM at {self.url} answered HTTP {exc.code}: {one_line(detail)}") from None
        except TimeoutError:
            raise LLMError(f"LLM at {self.url} timed out after {self.timeout_s:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise LLMError(f"LLM at {self.url} timed out after {self.timeout_s:g} s") from None
            reason = self._redacted(str(exc.reason))
            raise LLMError(f"cannot reach LLM at {self.url}: {one_line(reason)}") from None
        except OSError as exc:
            raise LLMError(f"LLM at {self.url} failed: {one_line(self._redacted(str(exc)))}") from None

    def _redacted(self, text: str) -> str:
        """``text`` with the API key and the endpoint's credentials blanked out (a server may echo
        them in an error page)."""
        if self.api_key:
            text = text.replace(self.api_key, "***")
        return text.replace(self._endpoint, self.url)


def _without_credentials(url: str) -> str:
    """``url`` without a ``user:password@`` part."""
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))
