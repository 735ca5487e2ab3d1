"""The digest as an alert: `update` from a local portal, `ingest`, `digest`; the portal adds a topic,
and the next digest lists exactly that one; a digest after it reports nothing new."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner, Result

from fundmatch.app.cli import cli
from fundmatch.app.commands import register_all

STEEL = "HORIZON-CL5-2027-D3-01-11"
ELECTROLYSER = "HORIZON-CL5-2027-D3-01-12"
DESCRIPTION = (
    "We are a German steel maker and want to demonstrate green hydrogen electrolysers that "
    "decarbonise our primary steel production."
)


def _topic(identifier: str, title: str, text: str) -> dict:
    """A search-API result as the Funding & Tenders portal sends it."""
    return {
        "reference": identifier,
        "metadata": {
            "identifier": [identifier],
            "title": [title],
            "callIdentifier": [identifier.rsplit("-", 1)[0]],
            "status": ["31094502"],
            "frameworkProgramme": ["43108390"],
            "typesOfAction": ["HORIZON Innovation Actions"],
            "deadlineDate": ["2027-03-10T00:00:00.000+0000"],
            "startDate": ["2026-10-01T00:00:00.000+0000"],
            "descriptionByte": [
                f"<p><span>Expected Outcome:</span> {text}</p><p>Scope: pilots in two plants.</p>"
            ],
        },
    }


class Portal(BaseHTTPRequestHandler):
    """POST /search pages through ``topics``; GET serves a plain official page."""

    topics: ClassVar[list[dict]] = []

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def do_POST(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        self.rfile.read(int(self.headers["Content-Length"]))
        size, number = int(query["pageSize"][0]), int(query["pageNumber"][0])
        page = Portal.topics[(number - 1) * size : number * size]
        self._send(
            json.dumps({"totalResults": len(Portal.topics), "results": page}).encode(), "application/json"
        )

    def do_GET(self) -> None:
        self._send(b"<html><body><h1>Programme news</h1><p>Nothing to see.</p></body></html>", "text/html")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def portal() -> Iterator[str]:
    Portal.topics = [
        _topic(STEEL, "Hydrogen-based steelmaking", "green hydrogen replaces coal in primary steel plants.")
    ]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _env(tmp_path: Path, portal: str) -> dict[str, str]:
    manifest = tmp_path / "sources.toml"
    manifest.write_text(f'[[sheet]]\npath = "investeu/news.md"\nurls = ["{portal}/news"]\n', encoding="utf-8")
    return {
        "FUNDMATCH_DATA_DIR": str(tmp_path / "data"),
        "FUNDMATCH_CORPUS_DIR": str(tmp_path / "corpus"),
        "FUNDMATCH_EMBEDDING_MODEL": "all-minilm-l6-v2",
        "FUNDMATCH_AS_OF": "2026-12-01",
        "FUNDMATCH_PORTAL_SEARCH_URL": f"{portal}/search",
        "FUNDMATCH_SOURCES_MANIFEST": str(manifest),
        "FUNDMATCH_HTTP_TIMEOUT_S": "2",
    }


def _run(env: dict[str, str], *args: str) -> Result:
    register_all(cli)
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _ids(result: Result) -> list[str]:
    (client,) = json.loads(result.stdout)["clients"]
    return [item["opportunity_id"] for item in client["items"]]


def test_update_ingest_digest_shows_exactly_the_added_opportunity(tmp_path: Path, portal: str) -> None:
    env = _env(tmp_path, portal)
    _run(env, "update")
    _run(env, "ingest")
    _run(env, "profiles", "add", "Stahlwerk Nord", "--description", DESCRIPTION)
    first = _run(env, "digest", "--format", "json")
    assert _ids(first) == [STEEL]
    assert json.loads(first.stdout)["clients"][0]["first"] is True

    Portal.topics.append(
        _topic(
            ELECTROLYSER,
            "Large electrolysers for industrial hubs",
            "cheaper green hydrogen electrolysers for steel.",
        )
    )
    assert "Portal topics: 2" in _run(env, "update").stdout
    _run(env, "ingest")
    second = _run(env, "digest", "--format", "json")
    assert _ids(second) == [ELECTROLYSER]
    (client,) = json.loads(second.stdout)["clients"]
    item = client["items"][0]
    assert [c["kind"] for c in item["changes"]] == ["new"]
    assert item["why"] and item["eligibility"]["verdict"] in {"eligible", "check"}
    assert client["previous"] == "2026-12-01"

    third = _run(env, "digest")
    assert "Nothing new or changed since the last digest (1 December 2026)." in third.stdout
    assert ELECTROLYSER not in third.stdout

    again = _run(env, "digest", "--since", "2026-12-01")
    assert STEEL in again.stdout and ELECTROLYSER in again.stdout


def test_digest_errors_are_one_line(tmp_path: Path, portal: str) -> None:
    env = _env(tmp_path, portal)
    register_all(cli)
    nobody = CliRunner().invoke(cli, ["digest"], env=env)
    assert "no saved profile yet" in str(nobody.exception)
    _run(env, "profiles", "add", "A", "--description", DESCRIPTION)
    _run(env, "profiles", "add", "B", "--description", DESCRIPTION)
    both = CliRunner().invoke(cli, ["digest", "--format", "ics"], env=env)
    assert "one calendar per client" in str(both.exception)
    conflicting = CliRunner().invoke(cli, ["digest", "--profile", "A", "--all"], env=env)
    assert "not both" in str(conflicting.exception)


def test_one_calendar_per_client_into_a_folder(tmp_path: Path, portal: str) -> None:
    env = _env(tmp_path, portal)
    _run(env, "update")
    _run(env, "ingest")
    _run(env, "profiles", "add", "Stahlwerk Nord", "--description", DESCRIPTION)
    _run(env, "profiles", "add", "Empty client")
    one = _run(env, "digest", "--profile", "stahlwerk nord", "--format", "ics")
    assert one.stdout.startswith("BEGIN:VCALENDAR") and "X-WR-CALNAME:fundmatch: Stahlwerk Nord" in one.stdout
    assert one.stdout.count("BEGIN:VALARM") == 3
    _run(env, "digest", "--format", "ics", "--out", str(tmp_path / "calendars"))
    assert sorted(p.name for p in (tmp_path / "calendars").iterdir()) == [
        "Empty-client.ics",
        "Stahlwerk-Nord.ics",
    ]
    first = _run(env, "digest", "--format", "json")  # the calendars did not count as a digest
    assert [c["first"] for c in json.loads(first.stdout)["clients"]] == [True, True]
