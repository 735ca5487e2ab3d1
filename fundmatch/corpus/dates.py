"""Dates as the sources write them: ISO stamps, ``17 December 2026``, ``6 Nov 2025``."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
_WORDY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(20\d\d)\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """The first date in a value (``2026-04-23T00:00:00.000Z``, ``23 April 2026``), else None."""
    found = find_dates(str(value)) if value else []
    return found[0] if found else None


def find_dates(text: str) -> list[date]:
    """Every recognisable date in a free text, in order of appearance."""
    hits: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        day = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if day:
            hits.append((match.start(), day))
    for match in _WORDY.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        day = _safe_date(int(match.group(3)), month, int(match.group(1))) if month else None
        if day:
            hits.append((match.start(), day))
    return [day for _, day in sorted(hits, key=lambda hit: hit[0])]
