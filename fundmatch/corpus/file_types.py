"""What kind of source a file is, decided from its name and, for JSON, its first records."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, INVESTEU

PORTAL = "portal topics"
CORDIS = "CORDIS projects"
FACTSHEET = "fact sheet"
PDF = "PDF"
HTML = "HTML page"

_DOC_NAMES = {"manifest", "factsheets", "readme", "changelog", "license", "contributing"}
_JSON_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson", ".ndjson.gz")
_PROGRAMME_BY_FOLDER = {
    "horizon_europe": HORIZON_EUROPE,
    "eic": HORIZON_EUROPE,
    "innovation_fund": INNOVATION_FUND,
    "investeu": INVESTEU,
}
_SNIFF_BYTES = 65_536


def programme_for(path: Path) -> str:
    """The programme implied by the folder a file sits in (``innovation_fund/`` -> Innovation Fund)."""
    return _PROGRAMME_BY_FOLDER.get(path.parent.name.lower(), "")


def _head(path: Path) -> str:
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                data = handle.read(_SNIFF_BYTES)
        else:
            with path.open("rb") as handle:
                data = handle.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        raise SourceFileError(f"cannot read file ({exc})") from exc
    return data.decode("utf-8", errors="replace")


def _json_type(path: Path) -> str:
    head = _head(path)
    if '"topicId"' in head or '"identifier"' in head:
        return PORTAL
    if '"acronym"' in head and ('"organizations"' in head or '"objective"' in head):
        return CORDIS
    raise SourceFileError("JSON records of an unknown shape (neither portal topics nor CORDIS projects)")


def _csv_reason(path: Path) -> str:
    lines = _head(path).splitlines()
    header = lines[0] if lines else ""
    if "topicId" in header and "description" not in header.lower():
        return (
            "historical topic list (closed calls, no descriptions): not recommendable, "
            "past topics are named by the CORDIS projects instead"
        )
    return "CSV tables are not read; export the rows as JSON lines"


def file_type(path: Path) -> str:
    """PORTAL, CORDIS, FACTSHEET, PDF or HTML; anything else raises SourceFileError with the reason."""
    name = path.name.lower()
    stem = name.split(".")[0]
    if name.endswith(".md") or name.endswith(".markdown"):
        if stem in _DOC_NAMES:
            raise SourceFileError(f"documentation of the corpus ({path.name}), not a fact sheet")
        return FACTSHEET
    if name.endswith(".pdf"):
        return PDF
    if name.endswith((".html", ".htm")):
        return HTML
    if name.endswith(_JSON_SUFFIXES):
        return _json_type(path)
    if name.endswith((".csv", ".csv.gz")):
        raise SourceFileError(_csv_reason(path))
    if stem in _DOC_NAMES or name.endswith(".txt"):
        raise SourceFileError(f"documentation or plain text ({path.name}), not a source format")
    suffix = "".join(path.suffixes) or "(none)"
    raise SourceFileError(f"unknown file type {suffix}; readable: .jsonl[.gz], .md, .pdf, .html")
