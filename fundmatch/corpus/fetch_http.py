"""Plain HTTP for ``fundmatch update``: GET/POST with a timeout, multipart JSON parts, atomic writes."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from fundmatch import __version__
from fundmatch.core.errors import UpdateError

USER_AGENT = f"fundmatch/{__version__} (+offline-first EU funding recommender)"


def fetch(url: str, *, timeout: float, data: bytes | None = None, content_type: str | None = None) -> bytes:
    """The body of a GET (or a POST when ``data`` is given); any failure is a one-line UpdateError."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json, text/html;q=0.9, */*;q=0.5"}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except TimeoutError:
        raise UpdateError(f"{url}: no answer within {timeout:g}s") from None
    except urllib.error.URLError as exc:
        reason = "timed out" if isinstance(exc.reason, TimeoutError) else exc.reason
        raise UpdateError(f"{url}: {reason}") from None
    except OSError as exc:
        raise UpdateError(f"{url}: {exc}") from None


def multipart_json(parts: dict[str, Any]) -> tuple[bytes, str]:
    """A multipart/form-data body whose parts are JSON blobs, and its content type."""
    boundary = f"fundmatch{secrets.token_hex(12)}"
    chunks: list[bytes] = []
    for name, value in parts.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="blob"\r\n'
            f"Content-Type: application/json\r\n\r\n".encode()
        )
        chunks.append(json.dumps(value).encode("utf-8") + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
