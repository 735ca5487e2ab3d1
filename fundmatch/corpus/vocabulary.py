"""Normalising the portal's labels: programme names, statuses, types of action."""

from __future__ import annotations

import re
from urllib.parse import unquote

from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, Status

_ABBREVIATION = re.compile(r"\s*\(([^()]*)\)\s*$")
_PROGRAMME_BY_ABBREVIATION = {"HORIZON": HORIZON_EUROPE, "INNOVFUND": INNOVATION_FUND}

# Checked in order: the longer phrase first ("Research and Innovation" before "Innovation Action").
_ACTION_PHRASES = (
    ("research and innovation action", "RIA"),
    ("innovation action", "IA"),
    ("coordination and support", "CSA"),
    ("programme cofund", "COFUND"),
    ("cofund", "COFUND"),
    ("pre-commercial procurement", "PCP"),
    ("public procurement of innovative", "PPI"),
    ("prize", "Prize"),
    ("eic", "EIC"),
    ("erc", "ERC"),
    ("msca", "MSCA"),
    ("marie sk", "MSCA"),
    ("framework partnership", "FPA"),
    ("grant", "Grant"),
)


def programme_name(label: str | None) -> str:
    """``Horizon Europe (HORIZON)`` -> ``Horizon Europe``; ``Research Fund for Coal %26 Steel (RFCS)`` -> ``... & Steel``."""
    if not label:
        return ""
    text = " ".join(unquote(label).split())
    match = _ABBREVIATION.search(text)
    abbreviation = match.group(1).strip().upper() if match else ""
    if abbreviation in _PROGRAMME_BY_ABBREVIATION:
        return _PROGRAMME_BY_ABBREVIATION[abbreviation]
    name = _ABBREVIATION.sub("", text).strip()
    return _PROGRAMME_BY_ABBREVIATION.get(name.upper(), name)


def normalise_status(label: str | None) -> Status:
    """``Open for submission`` -> open; ``Forthcoming`` -> forthcoming; ``Closed`` -> closed."""
    text = (label or "").strip().lower()
    if text.startswith("open"):
        return "open"
    if text.startswith("forthcoming"):
        return "forthcoming"
    if text.startswith("closed"):
        return "closed"
    return "unknown"


def type_of_action(code: str | None, label: str | None = None) -> str | None:
    """A short type of action (RIA, IA, CSA, ...) from the portal's code or its long label."""
    short = (code or "").strip()
    if short and " " not in short and short.upper() != "GRANT":
        return "Prize" if short.lower() == "prize" else short.removeprefix("HORIZON-")
    for text in (label, code):
        lowered = (text or "").lower()
        for phrase, action in _ACTION_PHRASES:
            if phrase in lowered:
                return action
    return short or None
