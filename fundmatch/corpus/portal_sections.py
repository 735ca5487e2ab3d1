"""Cutting a portal topic description into its labelled sections (Expected Outcome, Scope, ...)."""

from __future__ import annotations

import re

from fundmatch.corpus.documents import Section

DESCRIPTION = "Description"
SPECIFIC_CONDITIONS = "Specific conditions"
_LABELS = (
    "Expected Outcome",
    "Expected Impact",
    "Scope",
    "Objective",
    "Targeted types of activities",
    "Indicative budget",
)
_LABEL = re.compile(r"(?<![A-Za-z])(" + "|".join(_LABELS) + r")\s*:\s*-?\s*")
# The portal joins the topic's specific conditions (TRL, ...) onto the description with a literal "null".
_CONDITIONS_JOIN = re.compile(r"(?<=[.\w)\s])null(?=[A-Z])")
_CONDITIONS_NUMBER = re.compile(r"(?<=[a-z\)])(\d{1,2}[a-z]?\.\s?)(?=[A-Z])")


def split_specific_conditions(description: str) -> tuple[str, str]:
    """The description proper and the specific conditions the portal appended after ``null``."""
    parts = _CONDITIONS_JOIN.split(description, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return description.strip(), ""


def labelled_sections(text: str) -> list[Section]:
    """Sections headed by the portal's labels; text before the first label is the ``Description``."""
    sections: list[Section] = []
    matches = list(_LABEL.finditer(text))
    lead = text[: matches[0].start()] if matches else text
    if lead.strip():
        sections.append(Section(DESCRIPTION, lead.strip()))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        if body:
            sections.append(Section(match.group(1), body))
    return sections


def tidy_conditions(text: str) -> str:
    """General conditions with the markup debris removed and each numbered point on its own line."""
    text = text.lstrip('"> ').removeprefix("General conditions")
    return _CONDITIONS_NUMBER.sub(r"\n\1", text).strip()
