"""Current topics from the Funding & Tenders portal's public search API, as union-format records.

Assumed request form (the API is undocumented; this is what the portal's own pages send, as seen
in public client code): ``POST <portal_search_url>?apiKey=SEDIA&text=***&pageSize=N&pageNumber=P``
with a multipart body whose parts ``query`` (an Elasticsearch-style bool query) and ``languages``
are JSON blobs. The answer is ``{"totalResults": n, "results": [{"reference", "url",
"metadata": {field: [values]}}]}``. Each result becomes one record of the eu-grants-feed *union*
format (``identifier``, ``title``, ``callIdentifier``, ``abstract``, ``status {id, label}``,
``deadlineDate``, ``frameworkProgrammes``, ``budget`` ...) that the corpus loaders already read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup

from fundmatch.core.errors import UpdateError
from fundmatch.corpus.fetch_http import Fetcher

API_KEY = "SEDIA"
TYPE_GRANT_TOPIC = "1"
STATUS_LABELS = {"31094501": "Forthcoming", "31094502": "Open for submission", "31094503": "Closed"}
OPEN_AND_FORTHCOMING = {
    "bool": {
        "must": [
            {"terms": {"type": [TYPE_GRANT_TOPIC]}},
            {"terms": {"status": ["31094501", "31094502"]}},
        ]
    }
}
# Portal ids of the programmes fundmatch covers or meets often; others keep their id as label.
PROGRAMME_LABELS = {
    "43108390": "Horizon Europe (HORIZON)",
    "43089234": "Innovation Fund (INNOVFUND)",
    "43152860": "Digital Europe Programme (DIGITAL)",
    "43252405": "Programme for the Environment and Climate Action (LIFE)",
    "43251567": "Connecting Europe Facility (CEF)",
    "44181033": "European Defence Fund (EDF)",
    "43298916": "Euratom Research and Training Programme (EURATOM)",
    "43252449": "Research Fund for Coal & Steel (RFCS)",
}
TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/{}"
)


def fetch_topics(
    search_url: str,
    *,
    fetcher: Fetcher,
    fetched_at: str,
    page_size: int = 100,
    max_pages: int = 100,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """Every open or forthcoming grant topic, page by page, as union-format records."""
    parts = {"query": OPEN_AND_FORTHCOMING, "languages": ["en"]}
    records: list[dict[str, Any]] = []
    for page in range(1, max_pages + 1):
        url = f"{search_url}?apiKey={API_KEY}&text=***&pageSize={page_size}&pageNumber={page}"
        raw = fetcher.post_json_parts(url, parts)
        try:
            answer = json.loads(raw)
            results = answer.get("results") or []
            total = int(answer.get("totalResults") or 0)
        except (ValueError, AttributeError, TypeError):
            raise UpdateError(f"{search_url}: the answer is not the search API's JSON") from None
        records.extend(record for record in (union_record(r, fetched_at) for r in results) if record)
        if progress:
            progress(min(page * page_size, total), total)
        if not results or page * page_size >= total:
            return records
    return records


def _first(metadata: dict[str, Any], key: str) -> Any:
    value = metadata.get(key)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def union_record(result: dict[str, Any], fetched_at: str) -> dict[str, Any] | None:
    """One search result as a union-format record; None when it has no topic identifier."""
    metadata = result.get("metadata") or {}
    identifier = _first(metadata, "identifier")
    if not identifier:
        return None
    status = _first(metadata, "status")
    programme = _first(metadata, "frameworkProgramme")
    description = _first(metadata, "descriptionByte") or _first(metadata, "description") or ""
    return {
        "identifier": identifier,
        "title": _first(metadata, "title") or identifier,
        "url": TOPIC_URL.format(identifier),
        "callIdentifier": _first(metadata, "callIdentifier"),
        "callTitle": _first(metadata, "callTitle"),
        "destination": _first(metadata, "destinationDescription"),
        "abstract": BeautifulSoup(description, "html.parser").get_text("\n").strip(),
        "actionType": _first(metadata, "typesOfAction"),
        "status": {"id": status, "label": STATUS_LABELS.get(str(status), str(status))} if status else None,
        "startDate": _first(metadata, "startDate"),
        "deadlineDate": " ".join(metadata.get("deadlineDate") or []) or None,
        "plannedOpeningDate": None,
        "deadlineModel": _first(metadata, "deadlineModel"),
        "frameworkProgrammes": [
            {"id": programme, "label": PROGRAMME_LABELS.get(str(programme), str(programme))}
        ]
        if programme
        else [],
        "budget": _budget(_first(metadata, "budgetOverview"), identifier),
        "_snapshot": fetched_at,
        "_firstSeen": fetched_at,
    }


def _budget(raw: str | None, identifier: str) -> dict[str, Any]:
    """Call budget and per-grant range of this topic from the JSON string ``budgetOverview``."""
    try:
        overview = json.loads(raw) if raw else {}
        actions = [a for entries in (overview.get("budgetTopicActionMap") or {}).values() for a in entries]
    except (ValueError, AttributeError, TypeError):
        return {}
    own = [a for a in actions if str(a.get("action", "")).upper().startswith(identifier.upper())]
    chosen = own or (actions if len(actions) == 1 else [])
    if not chosen:
        return {}
    action = chosen[0]
    years = action.get("budgetYearMap") or {}
    total = sum(float(value) for value in years.values() if str(value).replace(".", "", 1).isdigit())
    return {
        "totalBudgetEur": total or None,
        "expectedGrants": action.get("expectedGrants"),
        "minContributionEur": action.get("minContribution"),
        "maxContributionEur": action.get("maxContribution"),
        "years": sorted(years),
    }
