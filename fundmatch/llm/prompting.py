"""Build the prompts fundmatch sends to an LLM from the templates in ``prompts/``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from fundmatch.llm.language import language_name
from fundmatch.llm.sanitize import neutralise
from prompts import load_prompt

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
MAX_PASSAGE_CHARS = 1500


class PassageLike(Protocol):
    """What a prompt needs of a passage: its text and where it comes from.

    ``fundmatch.core.models.Passage`` and ``Evidence`` both fit; ``opportunity_id``, ``section``
    and ``page`` are used when present.
    """

    text: str
    source: str


@dataclass(frozen=True)
class Prompt:
    """A ready prompt plus what the guard needs to check the reply against.

    ``passages[n - 1]`` is the text the model sees as passage ``[n]``.
    """

    system: str
    user: str
    passages: tuple[str, ...] = ()
    question: str = ""
    language: str = "en"


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace each ``{name}`` in ``template`` in one pass; braces inside values stay literal.

    Other braces in the template (JSON examples) are left alone; a placeholder without a
    value raises ValueError naming it.
    """
    missing = sorted({m.group(1) for m in _PLACEHOLDER.finditer(template)} - set(values))
    if missing:
        raise ValueError(f"prompt placeholders without a value: {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def _header(number: int, passage: PassageLike) -> str:
    fields = [
        ("id", getattr(passage, "opportunity_id", None)),
        ("source", passage.source),
        ("section", getattr(passage, "section", None)),
        ("page", getattr(passage, "page", None)),
    ]
    described = "".join(f"; {key}: {neutralise(str(value))}" for key, value in fields if value)
    return f"<<<PASSAGE {number}>>>\n(cite as [{number}]{described})"


def passage_texts(passages: Sequence[PassageLike]) -> tuple[str, ...]:
    """The texts the model sees: each passage cut to MAX_PASSAGE_CHARS and neutralised."""
    return tuple(neutralise(p.text[:MAX_PASSAGE_CHARS]) for p in passages)


def render_passages(passages: Sequence[PassageLike]) -> str:
    """Number the passages and wrap each, neutralised and cut, in a delimited data block."""
    blocks = [
        f"{_header(number, passage)}\n{text}\n<<<END PASSAGE {number}>>>"
        for number, (passage, text) in enumerate(zip(passages, passage_texts(passages), strict=True), 1)
    ]
    return "\n\n".join(blocks) if blocks else "(no passages were found)"


def _grounded_prompt(
    template: str, question: str, passages: Sequence[PassageLike], language: str, **extra: object
) -> Prompt:
    name = language_name(language)
    values = {"question": neutralise(question), "passages": render_passages(passages), "language": name}
    return Prompt(
        system=fill(load_prompt("system"), {"language": name}),
        user=fill(load_prompt(template), {**values, **extra}),
        passages=passage_texts(passages),
        question=question,
        language=language,
    )


def build_answer_prompt(
    question: str, passages: Sequence[PassageLike], language: str = "en", max_sentences: int = 5
) -> Prompt:
    """The prompt that asks for a cited answer to ``question`` from ``passages`` in ``language``."""
    return _grounded_prompt("answer", question, passages, language, max_sentences=max_sentences)


def build_compare_prompt(question: str, passages: Sequence[PassageLike], language: str = "en") -> Prompt:
    """The prompt that asks for a cited comparison of the opportunities the passages describe."""
    return _grounded_prompt("compare", question, passages, language)


def build_proposal_prompt(description: str, passages: Sequence[PassageLike], language: str = "en") -> Prompt:
    """The prompt that asks for a cited proposal outline for one opportunity."""
    return _grounded_prompt("proposal", description, passages, language)


def _tool_prompt(template: str, message: str) -> Prompt:
    return Prompt(
        system=load_prompt("tool_system"),
        user=fill(load_prompt(template), {"question": neutralise(message)}),
        question=message,
    )


def build_translate_query_prompt(description: str) -> Prompt:
    """The prompt that translates a project description into English for retrieval."""
    return _tool_prompt("translate_query", description)
