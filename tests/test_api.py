"""The HTTP API through FastAPI's TestClient over a real MiniLM fixture index: every endpoint, the
one-line errors, the bounds, and the API key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fundmatch.app.api.server import MAX_BODY_BYTES, create_app
from fundmatch.app.api.services import ApiServices
from fundmatch.app.run_json import run_payload
from fundmatch.app.wiring import open_recommender
from fundmatch.core.models import CORE_PROGRAMMES, Filters
from fundmatch.core.settings import Settings, load_settings
from tests.chat_fakes import build_fixture_index

HEAT = "We are an SME from Germany developing industrial heat pumps for process heat."


@pytest.fixture(scope="module")
def fixture_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    env = build_fixture_index(tmp_path_factory.mktemp("api") / "data")
    return load_settings(env=env)


@pytest.fixture(scope="module")
def services(fixture_settings: Settings) -> ApiServices:
    return ApiServices.open(fixture_settings)


@pytest.fixture
def client(services: ApiServices) -> Iterator[TestClient]:
    with TestClient(create_app(services), raise_server_exceptions=False) as test_client:
        yield test_client


def _one_line(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and "\n" not in body["error"] and "Traceback" not in body["error"]
    return body["error"]


def test_health_names_the_generation_and_the_settings(client: TestClient, services: ApiServices) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["opportunities"] == 3
    assert health["generation"] == services.ranking.recommender.index.directory.name


def test_recommend_returns_the_records_of_recommend_json(
    client: TestClient, fixture_settings: Settings
) -> None:
    response = client.post("/recommend", json={"text": HEAT, "k": 2})
    assert response.status_code == 200
    payload = response.json()
    expected = open_recommender(fixture_settings).run(HEAT, filters=Filters(programmes=CORE_PROGRAMMES), k=2)
    assert payload == run_payload(expected)
    assert payload["recommendations"][0]["opportunity"]["id"] == "HORIZON-CL5-2026-D3-01-05"
    assert payload["profile"]["country"] == "DE"


def test_recommend_filters_profile_and_language(client: TestClient) -> None:
    loans = client.post(
        "/recommend",
        json={"text": HEAT, "profile": {"finance_form": "loan"}, "filters": {"programmes": ["investeu"]}},
    ).json()
    assert [r["opportunity"]["programme"] for r in loans["recommendations"]] == ["InvestEU"]
    german = client.post("/recommend", json={"text": HEAT, "language": "de"}).json()
    assert german["language"] == "de" and german["profile"]["language"] == "en"
    assert "EU-Mitgliedstaat" in " ".join(german["recommendations"][0]["eligibility_reasons"])


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"text": HEAT, "k": 51}, 422, "k: Input should be less than or equal to 50"),
        ({"text": HEAT, "k": 0}, 422, "k: Input should be greater than or equal to 1"),
        ({"text": HEAT, "colour": "red"}, 422, "colour: Extra inputs are not permitted"),
        ({"text": ""}, 400, "The project description is empty"),
        ({"text": HEAT, "filters": {"programmes": ["Nowhere"]}}, 400, "Unknown programme 'Nowhere'"),
        ({"text": HEAT, "profile": {"shoe_size": 44}}, 400, "Unknown profile field(s) shoe_size"),
        ({"text": "x" * 9000}, 400, "keep it under"),
        ({"text": HEAT, "profile_name": "Nobody"}, 404, "No saved client named 'Nobody'"),
    ],
)
def test_bad_requests_get_a_one_line_4xx(client: TestClient, body: dict, status: int, words: str) -> None:
    response = client.post("/recommend", json=body)
    assert response.status_code == status
    assert words in _one_line(response)


def test_malformed_and_oversized_bodies(client: TestClient) -> None:
    broken = client.post("/recommend", content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and "JSON" in _one_line(broken)
    huge = client.post("/recommend", json={"text": "heat pumps " * (MAX_BODY_BYTES // 10)})
    assert huge.status_code == 413 and "over" in _one_line(huge)
    assert client.get("/nowhere").status_code == 404 and _one_line(client.get("/nowhere")) == "Not Found"


def test_an_opportunity_with_its_passages(client: TestClient) -> None:
    found = client.get("/opportunities/HORIZON-CL5-2026-D3-01-05").json()
    assert found["opportunity"]["title"] == "Industrial heat pumps for low-temperature process heat"
    assert [p["id"] for p in found["passages"]] == ["cl5-p1", "cl5-p2"]
    missing = client.get("/opportunities/NOPE-1")
    assert missing.status_code == 404 and "no opportunity 'NOPE-1'" in _one_line(missing)


def test_chat_keeps_the_conversation_by_its_id(client: TestClient) -> None:
    first = client.post("/chat", json={"message": HEAT}).json()
    assert first["intent"] == "search" and first["recommendations"]
    follow = client.post(
        "/chat",
        json={
            "message": "what is the deadline of the first one?",
            "conversation_id": first["conversation_id"],
        },
    ).json()
    assert follow["conversation_id"] == first["conversation_id"]
    assert "15 September 2026" in follow["text"] and follow["citations"]
    fresh = client.post("/chat", json={"message": "thanks"}).json()
    assert fresh["conversation_id"] != first["conversation_id"] and fresh["intent"] == "thanks"
    assert client.post("/chat", json={"message": ""}).status_code == 422


def test_profiles_save_list_show_delete(client: TestClient) -> None:
    saved = client.post("/profiles", json={"name": "Kälte GmbH", "description": HEAT, "language": "de"})
    assert saved.status_code == 201
    assert saved.json()["profile"]["country"] == "DE" and saved.json()["language"] == "de"
    assert [p["name"] for p in client.get("/profiles").json()] == ["Kälte GmbH"]
    assert client.get("/profiles/kälte gmbh").json()["description"] == HEAT
    ranked = client.post("/recommend", json={"profile_name": "Kälte GmbH", "k": 1}).json()
    assert ranked["recommendations"][0]["opportunity"]["id"] == "HORIZON-CL5-2026-D3-01-05"
    assert client.delete("/profiles/Kälte GmbH").status_code == 204
    assert client.get("/profiles/Kälte GmbH").status_code == 404
    assert client.delete("/profiles/Kälte GmbH").status_code == 404
    bad = client.post("/profiles", json={"name": "x", "language": "xx"})
    assert bad.status_code == 422 and "language" in _one_line(bad)


def test_digest_json_markdown_and_calendar(client: TestClient) -> None:
    client.post("/profiles", json={"name": "Acme", "description": HEAT})
    first = client.get("/digest", params={"profile": "Acme"}).json()["clients"][0]
    assert first["first"] and {i["opportunity_id"] for i in first["items"]} == {
        "HORIZON-CL5-2026-D3-01-05",
        "HORIZON-CL4-2026-TWIN-02",
        "investeu-sme-guarantee",
    }
    second = client.get("/digest", params={"profile": "Acme", "format": "md"})
    assert second.headers["content-type"].startswith("text/markdown")
    assert "Nothing new or changed since the last digest (20 August 2026)." in second.text
    calendar = client.get("/digest", params={"profile": "Acme", "format": "ics"})
    assert calendar.text.startswith("BEGIN:VCALENDAR") and "BEGIN:VALARM" in calendar.text
    client.post("/profiles", json={"name": "Beta", "description": HEAT})
    assert client.get("/digest", params={"format": "ics"}).status_code == 400
    assert client.get("/digest", params={"k": 99}).status_code == 422
    client.delete("/profiles/Acme")
    client.delete("/profiles/Beta")


def test_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/recommend",
        "/opportunities/{opportunity_id}",
        "/chat",
        "/profiles",
        "/digest",
        "/health",
    } <= set(paths)


def test_an_api_key_is_required_when_set(services: ApiServices, tmp_path: Path) -> None:
    keyed = ApiServices(services.settings.replace(api_key="s3cret"), services.ranking)
    with TestClient(create_app(keyed)) as client:
        assert client.get("/health").status_code == 200
        refused = client.post("/recommend", json={"text": HEAT})
        assert refused.status_code == 401 and "API key" in _one_line(refused)
        assert (
            client.post("/recommend", json={"text": HEAT}, headers={"X-API-Key": "wrong"}).status_code == 401
        )
        ok = client.post(
            "/recommend", json={"text": HEAT, "k": 1}, headers={"Authorization": "Bearer s3cret"}
        )
        assert ok.status_code == 200


def test_an_internal_error_is_one_line_500(services: ApiServices, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire\nwith a second line")

    monkeypatch.setattr(services.ranking, "run", broken)
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        response = client.post("/recommend", json={"text": HEAT})
    assert response.status_code == 500
    assert _one_line(response) == "internal error (RuntimeError); the server log has the details"
