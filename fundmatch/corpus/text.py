"""Text clean-up shared by the loaders: mojibake repair, HTML to text, topic identifiers."""

from __future__ import annotations

import re

import ftfy
from bs4 import BeautifulSoup

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_GLUED_SENTENCE = re.compile(r"([a-z0-9\)\]][.!?:;])([A-Z][a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u200b\ufeff]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# A UTF-8 lead byte read as Latin-1/cp1252 followed by continuation bytes read the same way: the
# signature of mojibake. Only these short runs are repaired (ftfy over whole texts took ~30 s).
_CONTINUATION = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
_MOJIBAKE_RUN = re.compile(f"(?:[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}})+")
_BLOCK_TAGS = ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "table")

_ID_PREFIXES = "HORIZON|INNOVFUND|ERC|EURATOM|DIGITAL|LIFE|CEF|EDF|RFCS|I3|SMP|EU4H|CERV|CREA|EMFAF|ERASMUS|AGRIP|EUAF|ISF|PPPA"
TOPIC_ID = re.compile(rf"\b(?:{_ID_PREFIXES})(?:-[A-Z0-9]+){{2,}}(?:-two-stage(?:-[0-9]+)?)?\b")
_SPLIT_ID = re.compile(rf"\b((?:{_ID_PREFIXES})(?:-[A-Z0-9]+)*-)[ \t]*\n[ \t]*(?=[A-Z0-9])")


def repair(text: str) -> str:
    """Undo mojibake (``â€™`` -> ``’``, ``ï»¿`` -> nothing); empty for empty input."""
    if not text:
        return ""
    return _MOJIBAKE_RUN.sub(_fix_run, text).replace("\ufeff", "")


def _byte(char: str) -> int:
    return ord(char) if ord(char) < 256 else char.encode("cp1252")[0]


def _fix_run(match: re.Match[str]) -> str:
    """The run's bytes decoded as the UTF-8 they were; ftfy decides when that is not possible."""
    run = match.group(0)
    try:
        return bytes(_byte(char) for char in run).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ftfy.fix_encoding(run)


def normalise_space(text: str) -> str:
    """Collapse runs of spaces, keep paragraph breaks, strip every line."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def unglue_sentences(text: str) -> str:
    """Put a space back where tag stripping glued two sentences (``end.Next``)."""
    return _GLUED_SENTENCE.sub(r"\1 \2", text)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment with block elements on their own lines; plain text passes."""
    if not markup:
        return ""
    if not _TAG.search(markup):
        return normalise_space(markup)
    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    return normalise_space(soup.get_text())


def clean(markup: str | None) -> str:
    """Repaired, tag-free, whitespace-normalised text of a portal field."""
    return unglue_sentences(html_to_text(repair(markup or "")))


def join_split_ids(text: str) -> str:
    """Rejoin topic identifiers broken across lines by PDF extraction (``HORIZON-CL4-\\n01-X``)."""
    return _SPLIT_ID.sub(r"\1", text)


def find_topic_ids(text: str) -> list[str]:
    """Topic identifiers in a text, in order of first appearance, without repeats."""
    seen: dict[str, None] = {}
    for match in TOPIC_ID.finditer(text):
        seen.setdefault(match.group(0), None)
    return list(seen)
