"""Accept an LLM's answer only if it is grounded in the passages; otherwise keep the template answer.

The LLM only rephrases retrieved passages. Its reply is shown instead of the deterministic
template answer when every check passes: it cites existing passages, names no call or topic
identifier outside the allowed set, states no figure absent from the passages, carries no
link or instruction-like text, is in the user's language and reads as text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from fundmatch.core.errors import LLMError
from fundmatch.lang.detect import clearly_other_language
from fundmatch.llm.base import LLM
from fundmatch.llm.prompting import Prompt
from fundmatch.llm.sanitize import OMITTED, looks_like_instructions

# Portal identifiers: HORIZON-CL5-2026-D3-01-05, HORIZON-EIC-2026-ACCELERATOR-01, INNOVFUND-2025-NZT-PILOTS,
# ERC-2026-POC, and anything shaped like them (XYZ-9999): capitals, hyphenated segments, a digit.
_PORTAL_ID = re.compile(r"\b[A-Z]{2,}[A-Z0-9]*(?:-[A-Za-z0-9]+)+\b")
# Fact-sheet stems: eic_accelerator, investeu_sme_window_guarantees.
_STEM_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_NOT_IDS = re.compile(r"^(?:COVID|SARS|EU|ISO|EN|IEC|DIN|TRL|NUTS|CO2|PM|NACE|SDG)-", re.I)
_CITATION = re.compile(r"\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"\d+(?:[.,' ]\d+)*")
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_AMOUNT = re.compile(
    r"(?:€|\bEUR)\s*(\d+(?:[.,]\d+)*)"
    r"|(\d+(?:[.,]\d+)*)\s*(?:%|€|EUR\b|million|mio\b|mln\b|billion|bn\b|mrd\b|milliard|millon|millón|milion|mld\b)",
    re.I,
)
_WORD = re.compile(r"\w+", re.UNICODE)
_FINISHED = re.compile(r"[.!?)\]»\"”…]\s*$")
_WRAPPED_LINE = re.compile(r"^(\[\d+\])\s*\((.*)\)$")
_SENTENCE_END = re.compile(r"[.!?;:\n]+")


@dataclass(frozen=True)
class GuardedAnswer:
    """The text to show, whether it came from the LLM, and why (a short phrase for logs and tests).

    ``llm_text`` is the model's raw reply, kept for logs even when it was rejected.
    """

    text: str
    used_llm: bool
    reason: str
    llm_text: str = ""


def cited_numbers(text: str) -> list[int]:
    """The passage numbers cited as [n], [n, m] or [n-m] (range ends only), in order."""
    return [int(d) for match in _CITATION.finditer(text) for d in _DIGITS.findall(match.group(1))]


def mentioned_ids(text: str) -> list[str]:
    """Call, topic and fact-sheet identifiers mentioned in ``text``, in order, without repeats."""
    found = [m.group(0) for m in _PORTAL_ID.finditer(text) if any(c.isdigit() for c in m.group(0))]
    found = [f for f in found if not _NOT_IDS.match(f)]
    found += [m.group(0) for m in _STEM_ID.finditer(text)]
    return list(dict.fromkeys(found))


def _id_allowed(candidate: str, allowed: set[str]) -> bool:
    key = candidate.casefold()
    return key in allowed or any(a.startswith(key + "-") for a in allowed)


def _digit_groups(text: str) -> set[str]:
    return {d.lstrip("0") or "0" for d in _DIGITS.findall(text)}


def _amounts(text: str) -> set[str]:
    """Numbers written as money or percentages, separators unified (``2,5`` and ``2.5`` match)."""
    return {(m.group(1) or m.group(2)).replace(",", ".") for m in _AMOUNT.finditer(text)}


def _ungrounded_number(answer: str, prompt: Prompt, allowed_ids: Collection[str]) -> str | None:
    """A figure in ``answer`` that the passages and question do not contain, or None.

    Amounts and percentages must appear as written (up to the decimal mark); any other
    number of two or more digits must appear somewhere in the passages or the question.
    """
    prose = _prose(answer)
    source = " ".join((*prompt.passages, prompt.question, *allowed_ids))
    grounded_numbers = {n.replace(",", ".") for n in _PLAIN_NUMBER.findall(source)}
    for amount in sorted(_amounts(prose)):
        if amount not in grounded_numbers:
            return amount
    grounded = _digit_groups(source)
    for number in _NUMBER.findall(prose):
        groups = [g.lstrip("0") or "0" for g in _DIGITS.findall(number)]
        if any(len(g) >= 2 and g not in grounded for g in groups):
            return number
    return None


def _prose(text: str) -> str:
    """``text`` without citations and identifiers, for checks on the wording itself."""
    prose = _CITATION.sub(" ", text)
    for identifier in mentioned_ids(prose):
        prose = prose.replace(identifier, " ")
    return prose


def garbled_reason(text: str) -> str | None:
    """Why ``text`` does not read as an answer (too short, symbol soup, shouting, repetition), or None."""
    if "\ufffd" in text or any(ord(c) < 32 and c not in "\n\t\r" for c in text):
        return "garbled answer: control or replacement characters"
    prose = _prose(text)
    words = _WORD.findall(prose.casefold())
    if len(words) < 4:
        return "garbled answer: too short"
    visible = [c for c in prose if not c.isspace()]
    letters = [c for c in visible if c.isalpha()]
    if len(letters) < 0.6 * len(visible):
        return "garbled answer: mostly symbols"
    if len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return "garbled answer: mostly capitals"
    if max(Counter(zip(words, words[1:], words[2:], strict=False)).values(), default=0) >= 4:
        return "garbled answer: repeats itself"
    if len(words) >= 40 and len(set(words)) < 0.3 * len(words):
        return "garbled answer: repeats itself"
    return None


def _normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def copied_instruction(text: str, prompt: Prompt) -> str | None:
    """A sentence of ``text`` copied from the prompt's instructions or examples, not from the data."""
    instructions = f" {_normalised(prompt.system + ' ' + prompt.user)} "
    data = f" {_normalised(' '.join((*prompt.passages, prompt.question)))} "
    for sentence in _SENTENCE_END.split(_CITATION.sub(" ", text)):
        words = _normalised(sentence)
        if len(words.split()) >= 3 and f" {words} " in instructions and f" {words} " not in data:
            return sentence.strip()
    return None


def check_answer(answer: str, prompt: Prompt, allowed_ids: Collection[str]) -> str | None:
    """The reason ``answer`` must not be shown, or None when it passes every check."""
    text = answer.strip()
    if not text:
        return "empty answer"
    garbled = garbled_reason(text)
    if garbled:
        return garbled
    if looks_like_instructions(text) or OMITTED in text:
        return "answer contains instruction-like text"
    if _URL.search(text):
        return "answer contains a link"
    copied = copied_instruction(text, prompt)
    if copied:
        return f"answer copies the prompt's instructions: {copied!r}"
    if not _FINISHED.search(text):
        return "answer is cut off mid-sentence"
    cited = cited_numbers(text)
    if not cited:
        return "answer cites no passage"
    bad = [n for n in cited if not 1 <= n <= len(prompt.passages)]
    if bad:
        return f"answer cites passage [{bad[0]}] but there are {len(prompt.passages)}"
    allowed = {a.casefold() for a in allowed_ids}
    unknown = [i for i in mentioned_ids(text) if not _id_allowed(i, allowed)]
    if unknown:
        return f"answer names an identifier not among the results: {unknown[0]}"
    number = _ungrounded_number(text, prompt, allowed_ids)
    if number:
        return f"answer states a figure not in the passages: {number}"
    other = clearly_other_language(_prose(text), prompt.language.lower())
    if other:
        return f"answer is in {other}, expected {prompt.language}"
    return None


def tidy_answer(text: str) -> str:
    """``text`` stripped, with the brackets small models put around each cited line removed.

    ``[1] (The grant is ...)`` becomes ``[1] The grant is ...``, the form the prompt asks for.
    """
    lines = [_WRAPPED_LINE.sub(r"\1 \2", line.strip()) for line in text.strip().splitlines()]
    return "\n".join(lines)


def guarded_answer(
    llm: LLM | None,
    prompt: Prompt,
    allowed_ids: Collection[str],
    fallback: str,
    max_tokens: int = 400,
) -> GuardedAnswer:
    """Ask ``llm`` and return its answer if it passes ``check_answer``, else ``fallback``.

    ``allowed_ids`` are the opportunity, call and topic identifiers of the results being
    discussed. Without an LLM, on a backend error or on a failed check the deterministic
    ``fallback`` is returned with the reason.
    """
    if llm is None:
        return GuardedAnswer(fallback, False, "no LLM configured")
    try:
        reply = llm.complete(prompt.system, prompt.user, max_tokens=max_tokens)
    except LLMError as exc:
        return GuardedAnswer(fallback, False, f"LLM failed: {exc}")
    problem = check_answer(reply, prompt, allowed_ids)
    if problem:
        return GuardedAnswer(fallback, False, problem, reply)
    return GuardedAnswer(tidy_answer(reply), True, "LLM answer passed every check", reply)
