"""Validate the reply to the query-translation prompt before fundmatch searches with it."""

from __future__ import annotations

import re

from fundmatch.llm.sanitize import looks_like_instructions

# Small models sometimes echo the data markers of the prompt around their answer.
_MARKER = re.compile(r"<<<[^<>\n]{0,40}>>>")
_LABEL = re.compile(r"^(?:english(?: translation)?|translation)\s*:\s*", re.I)


def clean_translation_reply(reply: str, source: str) -> str | None:
    """The translated description, or None when the reply is unusable (then search the original).

    Echoed prompt markers and a leading "Translation:" are dropped; an empty reply, one far longer
    than the source, or one carrying instruction-like text is refused.
    """
    text = _LABEL.sub("", " ".join(_MARKER.sub("", reply).split()))
    text = text.strip().strip("\"'`")
    if len(text) < 3 or len(text) > 3 * len(source) + 200 or looks_like_instructions(text):
        return None
    return text
