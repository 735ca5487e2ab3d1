"""Euro amounts in fact-sheet English: ``EUR 2.5 million``, ``EUR 8-245 million``, ``EUR 166,039,670``."""

from __future__ import annotations

import re

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_SCALE = r"(billion|bn|million|m\b|thousand|k\b)"
_AMOUNT = re.compile(
    rf"(?:EUR|€)\s*{_NUMBER}\s*{_SCALE}?"
    rf"(?:\s*(?:-|–|to)\s*(?:about\s+|around\s+)?(?:EUR|€)?\s*{_NUMBER}\s*{_SCALE}?)?",
    re.IGNORECASE,
)
_SCALES = {"billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_CEILING_WORDS = ("up to", "maximum", "max", "at most")


def _value(number: str, scale: str | None) -> float:
    return float(number.replace(",", "")) * _SCALES.get((scale or "").lower(), 1.0)


def euro_range(text: str) -> tuple[float | None, float | None]:
    """The first euro amount or range in a text as (low, high); after ``up to`` low is None."""
    match = _AMOUNT.search(text or "")
    if not match:
        return None, None
    first, first_scale, second, second_scale = match.groups()
    low: float | None = _value(first, first_scale or second_scale)
    high = _value(second, second_scale or first_scale) if second else low
    before = text[max(0, match.start() - 12) : match.start()].lower().strip()
    if any(before.endswith(word) for word in _CEILING_WORDS):
        low = None
    return low, high
