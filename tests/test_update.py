"""``fundmatch update`` against a local HTTP server that plays the portal and the official sites."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from fundmatch.app.commands.update import update
from fundmatch.core.errors import UpdateError
from fundmatch.core.settings import Settings, load_settings
from fundmatch.corpus.fetch import TOPICS_FILE, update_sources
from fundmatch.corpus.fetch_http import Fetcher
from fundmatch.corpus.fetch_portal import fetch_topics
from fundmatch.corpus.fetch_sources import read_manifest

BUDGET = {
    "budgetTopicActionMap": {
        "1": [
            {
                "action": "HORIZON-CL5-2027-D3-01-01 - HORIZON-IA",
                "expectedGrants": 3,
                "minContribution": 4000000,
                "maxContribution": 6000000,
                "budgetYearMap": {"2027": "18000000"},
            }
        ]
    }
}


def _result(identifier: str, status: str = "31094502") -> dict:
    return {
        "reference": identifier,
        "metadata": {
            "identifier": [identifier],
            "title": [f"Topic {identifier}"],
            "callIdentifier": [identifier.rsplit("-", 1)[0]],
            "status": [status],
            "frameworkProgramme": ["43108390"],
            "typesOfAction": ["HORIZON Innovation Actions"],
            "deadlineDate": ["2027-02-10T00:00:00.000+0000", "2027-09-15T00:00:00.000+0000"],
            "startDate": ["2026-10-01T00:00:00.000+0000"],
            "descriptionByte": [
                "<p><span>Expected Outcome:</span> cheaper electrolysers.</p><p>Scope: pilots.</p>"
            ],
            "budgetOverview": [json.dumps(BUDGET)],
        },
    }


TOPICS = [
    _result("HORIZON-CL5-2027-D3-01-01"),
    _result("HORIZON-CL5-2027-D3-01-02", "31094501"),
    {"metadata": {}},
]


class FakeSites(BaseHTTPRequestHandler):
    """POST /search pages through TOPICS; GET /page/* serves, fails (404) or stalls."""

    requests_seen: ClassVar[list[dict]] = []
    portal_status: ClassVar[int] = 200

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""

    def do_POST(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeSites.requests_seen.append({"query": query, "body": body, "type": self.headers["Content-Type"]})
        if FakeSites.portal_status != 200:
            self.send_error(FakeSites.portal_status)
            return
        size, number = int(query["pageSize"][0]), int(query["pageNumber"][0])
        answer = {"totalResults": len(TOPICS), "results": TOPICS[(number - 1) * size : number * size]}
        self._send(json.dumps(answer).encode(), "application/json")

    def do_GET(self) -> None:
        if self.path == "/page/slow":
            time.sleep(1.5)
        if self.path == "/page/missing":
            self.send_error(404)
            return
        if self.path.startswith("/page/redirect-"):
            self.send_response(302)
            target = {"home": "/page/a", "away": "https://198.51.100.7/page/a"}[self.path.rsplit("-", 1)[1]]
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/page/huge":
            self._send(b"<p>" + b"x" * 3_000_000 + b"</p>", "text/html")
            return
        if self.path == "/page/endless":  # no Content-Length: the size cap must count the bytes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(400):
                self.wfile.write(b"y" * 10_000)
            return
        if self.path == "/page/drip":  # each byte within the read timeout, the whole far beyond it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "40")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
            return
        self._send(f"<html><body><h1>Official page {self.path}</h1></body></html>".encode(), "text/html")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    FakeSites.requests_seen = []
    FakeSites.portal_status = 200
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeSites)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _settings(tmp_path: Path, server: str, pages: list[str], **overrides: object) -> Settings:
    manifest = tmp_path / "sources.toml"
    urls = ", ".join(f'"{page if "://" in page else server + page}"' for page in pages)
    manifest.write_text(f'[[sheet]]\npath = "investeu/overview.md"\nurls = [{urls}]\n', encoding="utf-8")
    return load_settings(
        env={},
        overrides={
            "data_dir": tmp_path / "data",
            "portal_search_url": f"{server}/search",
            "sources_manifest": manifest,
            "http_timeout_s": 0.5,
            **overrides,
        },
    )


def _topics(source: Path) -> list[dict]:
    with gzip.open(source / TOPICS_FILE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_update_writes_union_topics_and_pages(tmp_path: Path, server: str) -> None:
    source = tmp_path / "corpus"
    report = update_sources(_settings(tmp_path, server, ["/page/a", "/page/b"]), source)

    assert (report.topics, report.pages_saved, report.failures) == (2, 2, [])
    first = FakeSites.requests_seen[0]
    assert first["query"]["apiKey"] == ["SEDIA"] and first["query"]["pageNumber"] == ["1"]
    assert first["type"].startswith("multipart/form-data")
    assert b'name="query"' in first["body"] and b'name="languages"' in first["body"]
    assert len(FakeSites.requests_seen) == 1
    topics = _topics(source)
    assert [t["identifier"] for t in topics] == ["HORIZON-CL5-2027-D3-01-01", "HORIZON-CL5-2027-D3-01-02"]
    assert topics[0]["status"]["label"] == "Open for submission"
    assert topics[1]["status"]["label"] == "Forthcoming"
    assert topics[0]["frameworkProgrammes"][0]["label"] == "Horizon Europe (HORIZON)"
    assert (
        topics[0]["budget"]["totalBudgetEur"] == 18000000
        and topics[0]["budget"]["maxContributionEur"] == 6000000
    )
    assert "Expected Outcome:" in topics[0]["abstract"] and "<p>" not in topics[0]["abstract"]
    assert "2027-09-15" in topics[0]["deadlineDate"]
    assert "Official page /page/b" in (source / "investeu/overview-official-2.html").read_text()


def test_topics_are_fetched_page_by_page(server: str) -> None:
    with Fetcher({"127.0.0.1"}, timeout=1, max_bytes=1_000_000) as fetcher:
        records = fetch_topics(
            f"{server}/search", fetcher=fetcher, fetched_at="2026-01-01T00:00:00+00:00", page_size=2
        )
    assert [query["query"]["pageNumber"] for query in FakeSites.requests_seen] == [["1"], ["2"]]
    assert len(records) == 2 and records[0]["_snapshot"] == "2026-01-01T00:00:00+00:00"


def test_a_failing_page_is_reported_and_never_clobbers_the_good_file(tmp_path: Path, server: str) -> None:
    source = tmp_path / "corpus"
    good = source / "investeu/overview-official-2.html"
    good.parent.mkdir(parents=True)
    good.write_text("previous good copy", encoding="utf-8")
    report = update_sources(_settings(tmp_path, server, ["/page/a", "/page/missing"]), source)

    assert report.pages_saved == 1 and report.topics == 2
    assert report.failures == [f"investeu/overview.md: {server}/page/missing: HTTP 404 Not Found"]
    assert good.read_text(encoding="utf-8") == "previous good copy"
    assert sorted(p.name for p in good.parent.iterdir()) == [
        "overview-official-1.html",
        "overview-official-2.html",
    ]


def test_a_timeout_is_one_counted_failure(tmp_path: Path, server: str) -> None:
    report = update_sources(_settings(tmp_path, server, ["/page/slow", "/page/a"]), tmp_path / "corpus")
    assert report.pages_saved == 1
    assert len(report.failures) == 1 and "no answer within 0.5s" in report.failures[0]


def test_portal_error_keeps_previous_topics_file(tmp_path: Path, server: str) -> None:
    source = tmp_path / "corpus"
    update_sources(_settings(tmp_path, server, ["/page/a"]), source)
    before = (source / TOPICS_FILE).read_bytes()
    FakeSites.portal_status = 500
    report = update_sources(_settings(tmp_path, server, ["/page/a"]), source)
    assert (
        report.topics == 0
        and report.failures[0].startswith("portal topics:")
        and "HTTP 500" in report.failures[0]
    )
    assert (source / TOPICS_FILE).read_bytes() == before


def test_nothing_fetched_is_an_update_error(tmp_path: Path, server: str) -> None:
    FakeSites.portal_status = 503
    with pytest.raises(UpdateError, match="nothing could be fetched") as error:
        update_sources(_settings(tmp_path, server, ["/page/missing"]), tmp_path / "corpus")
    assert "\n" not in str(error.value)


def test_cli_prints_summary_and_failures(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(tmp_path, server, ["/page/a", "/page/missing"])
    monkeypatch.setenv("FUNDMATCH_PORTAL_SEARCH_URL", settings.portal_search_url)
    monkeypatch.setenv("FUNDMATCH_SOURCES_MANIFEST", str(settings.sources_manifest))
    monkeypatch.setenv("FUNDMATCH_HTTP_TIMEOUT_S", "0.5")
    source = tmp_path / "corpus"
    result = CliRunner().invoke(update, ["--source", str(source)])
    assert result.exit_code == 0, result.output
    assert "Portal topics: 2" in result.stdout and "Official pages: 1 of 2 saved" in result.stdout
    assert "Failures: 1" in result.stdout and "HTTP 404" in result.stdout
    assert f"Next: fundmatch ingest --source {source}" in result.stdout


def test_committed_manifest_lists_only_official_sites() -> None:
    from fundmatch.corpus.fetch_sources import read_manifest

    pages = read_manifest()
    assert len(pages) >= 15
    hosts = {urlparse(page.url).hostname or "" for page in pages}
    assert all(host.endswith(("europa.eu", "eib.org", "eif.org")) for host in hosts), hosts


def test_fetched_topics_are_read_by_the_portal_loader(tmp_path: Path, server: str) -> None:
    portal = pytest.importorskip("fundmatch.corpus.portal")
    source = tmp_path / "corpus"
    update_sources(_settings(tmp_path, server, ["/page/a"]), source)
    topics = portal.read_portal_file(source / TOPICS_FILE).topics
    first = topics["HORIZON-CL5-2027-D3-01-01"].text.opportunity
    assert (first.programme, first.status, first.type_of_action) == ("Horizon Europe", "open", "IA")
    assert first.budget_max == 6_000_000 and len(first.deadlines) == 2
    assert topics["HORIZON-CL5-2027-D3-01-02"].text.opportunity.status == "forthcoming"


def test_redirects_stay_on_the_manifest_hosts(tmp_path: Path, server: str) -> None:
    source = tmp_path / "corpus"
    report = update_sources(
        _settings(tmp_path, server, ["/page/redirect-home", "/page/redirect-away"]), source
    )
    assert report.pages_saved == 1
    assert "Official page /page/a" in (source / "investeu/overview-official-1.html").read_text()
    assert (
        len(report.failures) == 1 and "host 198.51.100.7 is not in the sources manifest" in report.failures[0]
    )
    assert not (source / "investeu/overview-official-2.html").exists()


def test_plain_http_is_refused_off_loopback(tmp_path: Path, server: str) -> None:
    report = update_sources(
        _settings(tmp_path, server, ["/page/a", "http://example.org/page"]), tmp_path / "corpus"
    )
    assert report.pages_saved == 1
    assert report.failures == [
        "investeu/overview.md: http://example.org/page: refused, only https addresses are fetched"
    ]


def test_answers_over_the_size_cap_are_dropped_with_or_without_a_length(tmp_path: Path, server: str) -> None:
    settings = _settings(tmp_path, server, ["/page/huge", "/page/endless", "/page/a"], max_file_mb=1)
    report = update_sources(settings, tmp_path / "corpus")
    assert report.pages_saved == 1
    assert "3,000,007 bytes, over the 1,048,576-byte limit" in report.failures[0]
    assert "over the 1,048,576-byte limit" in report.failures[1]
    assert not (tmp_path / "corpus/investeu/overview-official-2.html").exists()


def test_a_dripping_answer_is_cut_at_the_total_time_limit(tmp_path: Path, server: str) -> None:
    report = update_sources(_settings(tmp_path, server, ["/page/drip", "/page/a"]), tmp_path / "corpus")
    assert report.pages_saved == 1
    assert "no complete answer within 0.5s" in report.failures[0]


def test_a_manifest_path_outside_the_source_directory_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "sources.toml"
    manifest.write_text('[[sheet]]\npath = "../../outside.md"\nurls = ["https://ec.europa.eu/a"]\n')
    with pytest.raises(UpdateError, match="must stay inside the source directory"):
        read_manifest(manifest)
