"""Validate the replies to the tool prompts (query rewrite, profile extraction) before use."""

from __future__ import annotations

import json
import re

from fundmatch.llm.sanitize import looks_like_instructions
from retrieval.profile import FINANCE_FORMS, ORGANISATION_TYPES

_CONSORTIUM = {"alone", "consortium"}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_JSON_OBJECT = re.compile(r"\{.*\}", re.S)


def clean_query_reply(reply: str, max_chars: int = 200) -> str | None:
    """The rewritten search query if the reply is one plausible line, else None (keep the original)."""
    lines = [line.strip().strip("\"'`") for line in reply.strip().splitlines() if line.strip()]
    if len(lines) != 1:
        return None
    query = lines[0]
    if not 3 <= len(query) <= max_chars or looks_like_instructions(query):
        return None
    return query


def _int_in(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        return None
    return int(value) if low <= value <= high else None


def parse_profile_reply(reply: str) -> dict[str, object]:
    """The valid profile facts in a JSON reply; unknown keys and invalid values are dropped."""
    match = _JSON_OBJECT.search(reply)
    if not match:
        return {}
    try:
        raw = json.loads(match.group(0))
    except json.JSONDecodeError:
        return {}
    if not isinstance(raw, dict):
        return {}
    facts: dict[str, object] = {}
    for key, allowed in (
        ("organisation_type", ORGANISATION_TYPES),
        ("finance_form", FINANCE_FORMS),
        ("consortium", _CONSORTIUM),
    ):
        value = raw.get(key)
        if isinstance(value, str) and value.lower() in allowed:
            facts[key] = value.lower()
    country = raw.get("country")
    if isinstance(country, str) and _COUNTRY.match(country.upper()):
        facts["country"] = country.upper()
    if (staff := _int_in(raw.get("staff"), 0, 10_000_000)) is not None:
        facts["staff"] = staff
    if (trl := _int_in(raw.get("trl"), 1, 9)) is not None:
        facts["trl"] = trl
    amount = raw.get("amount_eur")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and 0 < amount < 1e11:
        facts["amount_eur"] = float(amount)
    sector = raw.get("sector")
    if isinstance(sector, str) and 0 < len(sector) <= 80 and not looks_like_instructions(sector):
        facts["sector"] = sector.strip()
    return facts
