"""Markdown fact sheets with YAML front matter: one recommendable instrument per sheet."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import yaml

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_ADVISORY,
    KIND_AUCTION,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    KIND_PROGRAMME_INFO,
    Opportunity,
    Status,
)
from fundmatch.corpus.dates import find_dates
from fundmatch.corpus.documents import OpportunityText, Section
from fundmatch.corpus.money import euro_range
from fundmatch.corpus.portal_topics import summary_of
from fundmatch.corpus.reading import read_text
from fundmatch.corpus.text import find_topic_ids, normalise_space
from fundmatch.corpus.vocabulary import normalise_status, programme_name

KEY_FACTS = "Key facts"
INTRODUCTION = "Introduction"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_OFFICIAL_HOSTS = ("europa.eu", "eib.org", "eif.org")
_NOT_FACTS = {"title", "programme", "sources", "kind"}

# Kind by words in the sheet's file name; checked in this order, the programme decides the rest.
_KIND_BY_STEM = (
    (("advisory", "development_assistance"), KIND_ADVISORY),
    (("auction", "hydrogen_bank"), KIND_AUCTION),
    (
        ("overview", "portal", "omnibus", "implementing_partners", "how_", "eligibility_and_award"),
        KIND_PROGRAMME_INFO,
    ),
)
_PROGRAMME_BY_FOLDER = {"investeu": INVESTEU, "innovation_fund": INNOVATION_FUND, "eic": HORIZON_EUROPE}

# Status from the first clause of the free-text status; "opens" (future) is tested before "open".
_STATUS_WORDS: tuple[tuple[tuple[str, ...], Status], ...] = (
    (("closed", "concluded", "ended"), "closed"),
    (("opens ", "forthcoming", "planned", "will open"), "forthcoming"),
    (("open", "rolling", "continuous", "operational", "running", "active", "in force"), "open"),
)


def split_front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter as a dict and the Markdown body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise SourceFileError("no YAML front matter (a '---' block at the top); not a fact sheet")
    try:
        meta = yaml.load(match.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0]
        raise SourceFileError(f"front matter is not valid YAML ({reason})") from exc
    if not isinstance(meta, dict) or not meta.get("title"):
        raise SourceFileError("front matter has no 'title'; not a fact sheet")
    return meta, text[match.end() :]


def _flat(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_flat(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(_flat(item) for item in value)
    return "" if value is None else str(value).strip()


def sheet_kind(stem: str, programme: str, declared: str | None = None) -> str:
    """What a sheet describes, from an explicit ``kind`` or from its file name and programme."""
    if declared:
        return declared
    for words, kind in _KIND_BY_STEM:
        if any(word in stem for word in words):
            return kind
    return KIND_FINANCIAL_PRODUCT if programme == INVESTEU else KIND_CALL_TOPIC


def sheet_status(text: str) -> Status:
    """open / forthcoming / closed / unknown from a free-text status such as ``Closed for 2026 (...)``."""
    first_clause = re.split(r"[;(]", text.lower(), maxsplit=1)[0]
    for words, status in _STATUS_WORDS:
        if any(word in first_clause for word in words):
            return status
    return normalise_status(first_clause)


def official_url(sources: object) -> str | None:
    """The first source on an official host (europa.eu, eib.org, eif.org); None when there is none."""
    urls = [str(url).strip() for url in sources if url] if isinstance(sources, list) else []
    for url in urls:
        host = urlparse(url).hostname or ""
        if any(host == official or host.endswith("." + official) for official in _OFFICIAL_HOSTS):
            return url
    return None


def grant_range(text: str) -> tuple[float | None, float | None]:
    """Per-project amounts, read only where the text says they are per project or a grant ceiling."""
    lowered = text.lower()
    if ("per project" in lowered or "grant up to" in lowered) and "no maximum" not in lowered:
        return euro_range(text)
    return None, None


def markdown_sections(body: str) -> list[Section]:
    """One section per ``##`` heading; text before the first one is the introduction."""
    body = re.sub(r"^#\s+.*$", "", body, count=1, flags=re.MULTILINE)
    matches = list(_HEADING.finditer(body))
    pieces = [(INTRODUCTION, body[: matches[0].start()] if matches else body)]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        pieces.append((match.group(2), body[match.end() : end]))
    return [Section(heading, normalise_space(text)) for heading, text in pieces if text.strip()]


def key_facts(meta: dict) -> str:
    """The front matter's free-text facts (applicants, TRL, rates, how to apply, ...) as lines."""
    lines = []
    for key, value in meta.items():
        text = _flat(value)
        if key not in _NOT_FACTS and text:
            lines.append(f"{key.replace('_', ' ').capitalize()}: {text}")
    return "\n".join(lines)


def factsheet_from_text(text: str, path: Path) -> OpportunityText:
    """The instrument a fact sheet describes; its id is the file's stem."""
    meta, body = split_front_matter(text)
    programme = programme_name(str(meta.get("programme") or "")) or _PROGRAMME_BY_FOLDER.get(
        path.parent.name, ""
    )
    facts = key_facts(meta)
    sections = [*markdown_sections(body), Section(KEY_FACTS, facts)]
    budget = meta.get("budget")
    call_budget = euro_range(_flat(budget))[1] if isinstance(budget, str) or len(budget or {}) == 1 else None
    grant_low, grant_high = grant_range(_flat(meta.get("grant_size")))
    opening = find_dates(_flat(meta.get("opening_date")))
    call_text = _flat(meta.get("call_id"))
    opportunity = Opportunity(
        id=path.stem,
        programme=programme,
        kind=sheet_kind(path.stem, programme, meta.get("kind")),
        title=_flat(meta["title"]),
        source=path.name,
        call_id=next(iter(find_topic_ids(call_text)), None),
        call_title=call_text or None,
        status=sheet_status(_flat(meta.get("status"))),
        opening_date=min(opening) if opening else None,
        deadlines=tuple(sorted(set(find_dates(_flat(meta.get("deadline")))))),
        budget_min=grant_low,
        budget_max=grant_high,
        call_budget=call_budget,
        conditions=facts,
        url=official_url(meta.get("sources")),
        keywords=tuple(part.strip() for part in _flat(meta.get("instrument")).split(";") if part.strip()),
        summary=summary_of([s for s in sections if s.heading != KEY_FACTS]),
    )
    return OpportunityText(opportunity, tuple(sections))


def load_factsheet_file(path: Path) -> OpportunityText:
    """Read one fact sheet; a file without valid front matter raises SourceFileError."""
    return factsheet_from_text(read_text(path), path)
