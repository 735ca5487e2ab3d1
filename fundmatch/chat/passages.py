"""Picking and quoting the passages that answer a question; retrieved text is shown, never obeyed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fundmatch.core.models import Passage
from fundmatch.llm.sanitize import looks_like_instructions

_TOKEN = re.compile(r"[^\W_]{4,}", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+|!~$])")
_EMPHASIS = re.compile(r"\*\*|__|`")
_ASPECT_TERMS: dict[str, tuple[str, ...]] = {
    "deadline": ("deadline", "closing", "date", "submission", "cut-off", "stage"),
    "budget": ("budget", "eur", "million", "contribution", "funding rate", "lump sum"),
    "eligibility": ("eligib", "applicant", "legal entit", "consortium", "established", "admissib"),
    "route": ("apply", "intermediar", "bank", "financial", "entry point", "through", "partner"),
    "type": ("research and innovation action", "innovation action", "coordination and support", "type"),
    "general": (),
}


def looks_like_instruction(sentence: str) -> bool:
    """True for text addressed to a language model rather than to an applicant."""
    return looks_like_instructions(sentence)


def _terms(text: str) -> set[str]:
    return {token.lower() for token in _TOKEN.findall(text)}


def relevance(question: str, passage_text: str, aspect: str = "general") -> int:
    """How many of the question's words and the aspect's cue terms the passage contains."""
    lowered = passage_text.lower()
    overlap = len(_terms(question) & _terms(passage_text))
    cues = sum(term in lowered for term in _ASPECT_TERMS.get(aspect, ()))
    return overlap + cues


def rank_passages(
    question: str, passages: Sequence[Passage], aspect: str = "general", limit: int = 3
) -> list[Passage]:
    """The passages that share most with the question, best first; none that share nothing."""
    scored = [(relevance(question, p.text, aspect), i, p) for i, p in enumerate(passages)]
    scored = [item for item in scored if item[0] > 0]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [p for _, _, p in scored[:limit]]


_IMAGE = re.compile(r"(?<!\\)!\[")
_UNSAFE_LINK = re.compile(r"(?<!\\)\]\((?!\s*https?://)")
_AUTOLINK = re.compile(r"<(?=\s*[a-z][a-z0-9+.-]*:)", re.IGNORECASE)


def inert_markdown(text: str) -> str:
    """Markdown we compose, made safe to show whatever the corpus or the user put into it: no
    image (``![``), no link whose target is not an http(s) address (``javascript:``, ``data:``),
    no ``<scheme:...>`` autolink. Everything else, our own bold, quotes and lists, stays."""
    text = _IMAGE.sub(r"\\![", text)
    text = _UNSAFE_LINK.sub(r"\\](", text)
    return _AUTOLINK.sub(r"\\<", text)


def as_plain_text(text: str) -> str:
    """Retrieved text made inert for Markdown: whitespace collapsed, markup characters escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def quote(text: str, question: str = "", max_chars: int = 300) -> str:
    """The sentences of ``text`` that best match ``question``, cut to ``max_chars``, emphasis and
    code marks dropped, made inert."""
    plain = _EMPHASIS.sub("", " ".join(text.split()))
    sentences = [s for s in _SENTENCE.split(plain) if s and not looks_like_instruction(s)]
    if not sentences:
        return ""
    wanted = _terms(question)
    best = max(range(len(sentences)), key=lambda i: (len(wanted & _terms(sentences[i])), -i))
    excerpt = sentences[best]
    for follower in sentences[best + 1 :]:
        if len(excerpt) + len(follower) + 1 > max_chars:
            break
        excerpt = f"{excerpt} {follower}"
    if len(excerpt) > max_chars:
        excerpt = excerpt[: max_chars - 1].rsplit(" ", 1)[0] + "…"
    return as_plain_text(excerpt)
