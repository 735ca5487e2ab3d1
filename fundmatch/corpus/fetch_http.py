"""HTTP for ``fundmatch update`` (httpx): only known hosts, only https, bounded size and time.

A ``Fetcher`` is made with the hosts ``update`` may contact (those of the sources manifest and of
the portal search API). Every request, each redirect included, must go to one of them over https;
plain http is allowed to loopback addresses only (a local mirror, the tests). An answer larger
than ``max_bytes`` or slower than ``timeout`` seconds in total is abandoned. Every failure is one
UpdateError line naming the address.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx

from fundmatch import __version__
from fundmatch.core.errors import UpdateError

USER_AGENT = f"fundmatch/{__version__} (+offline-first EU funding recommender)"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
MAX_REDIRECTS = 5


def host_of(url: str) -> str:
    """The lower-case host name of an address ("" when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def refusal(url: str, hosts: frozenset[str]) -> str | None:
    """Why ``url`` may not be fetched, or None when it may."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or (parts.scheme == "http" and host not in LOOPBACK):
        return "only https addresses are fetched"
    if host not in hosts:
        return f"host {host or '(none)'} is not in the sources manifest"
    return None


class Fetcher:
    """GET and multipart POST with the policy above; use as a context manager."""

    def __init__(self, hosts: Iterable[str], *, timeout: float, max_bytes: int) -> None:
        self.hosts = frozenset(host.lower() for host in hosts)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html;q=0.9, */*;q=0.5"},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            trust_env=False,
            event_hooks={"request": [self._check_request]},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def _check_request(self, request: httpx.Request) -> None:
        reason = refusal(str(request.url), self.hosts)
        if reason:
            raise UpdateError(f"{request.url}: refused, {reason}")

    def get(self, url: str) -> bytes:
        """The body of a GET."""
        return self._send(url, "GET")

    def post_json_parts(self, url: str, parts: dict[str, Any]) -> bytes:
        """The body of a multipart/form-data POST whose parts are JSON blobs."""
        files = {name: ("blob", json.dumps(value), "application/json") for name, value in parts.items()}
        return self._send(url, "POST", files=files)

    def _send(self, url: str, method: str, **content: Any) -> bytes:
        reason = refusal(url, self.hosts)
        if reason:
            raise UpdateError(f"{url}: refused, {reason}")
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream(method, url, **content) as response:
                if response.status_code >= 400:
                    raise UpdateError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
                return self._body(url, response, deadline)
        except httpx.TimeoutException:
            raise UpdateError(f"{url}: no answer within {self.timeout:g}s") from None
        except httpx.TooManyRedirects:
            raise UpdateError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        except httpx.HTTPError as exc:
            raise UpdateError(f"{url}: {exc or type(exc).__name__}") from None

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise UpdateError(f"{url}: {int(declared):,} bytes, over the {self.max_bytes:,}-byte limit")
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > self.max_bytes:
                raise UpdateError(f"{url}: over the {self.max_bytes:,}-byte limit")
            if time.monotonic() > deadline:
                raise UpdateError(f"{url}: no complete answer within {self.timeout:g}s")
            chunks.append(chunk)
        return b"".join(chunks)
