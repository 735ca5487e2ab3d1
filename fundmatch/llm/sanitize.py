"""Make untrusted text (document passages, user messages) safe to place inside a prompt."""

from __future__ import annotations

import re

OMITTED = "[instruction-like text omitted]"

# Anything that could open or close one of our data blocks (<<<PASSAGE 1>>>, <<<END QUESTION>>>).
_DELIMITER_RUN = re.compile(r"<{2,}|>{2,}|[‹«]{2,}|[›»]{2,}")
# Chat-template control tokens of common model families.
_SPECIAL_TOKEN = re.compile(
    r"<\|[^|<>\n]{0,40}\|>|\[/?INST\]|<</?SYS>>|</?s>|<start_of_turn>|<end_of_turn>", re.I
)
# Role labels that try to open a new turn: "SYSTEM:" anywhere, "### System:" at a line start.
_ROLE_MARKER = re.compile(
    r"\b(?:SYSTEM|ASSISTANT|DEVELOPER)(?:\s+(?:NOTE|PROMPT|MESSAGE|OVERRIDE))?\s*:"
    r"|(?im:^[ \t]*#*[ \t]*(?:system|assistant|developer)(?:[ \t]+(?:note|prompt|message))?[ \t]*:)"
)
# Phrases that try to change the assistant's task, in the languages fundmatch's users write.
_INJECTION = re.compile(
    r"ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|your)\s+"
    r"(?:instructions?|rules|prompts?|directions)"
    r"|disregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)\b"
    r"|forget\s+(?:all\s+|everything|your\s+instructions)"
    r"|you\s+are\s+now\b|new\s+instructions?\s*:|(?:reply|respond|answer)\s+only\s+with"
    r"|ignorier(?:e|en)?\s+(?:alle\s+)?(?:vorherigen|bisherigen|obigen)\s+anweisungen"
    r"|ignore[rz]?\s+(?:toutes\s+)?les\s+instructions\s+(?:précédentes|ci-dessus)"
    r"|ignora\s+(?:tutte\s+)?le\s+istruzioni\s+precedenti"
    r"|ignora\s+(?:todas\s+)?las\s+instrucciones\s+anteriores"
    r"|zignoruj\s+(?:wszystkie\s+)?(?:poprzednie|wcześniejsze)\s+instrukcje",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def injection_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that carry an instruction-like phrase or a role label."""
    return [
        s.strip()
        for s in _SENTENCE.findall(text)
        if s.strip() and (_INJECTION.search(s) or _ROLE_MARKER.search(s) or _SPECIAL_TOKEN.search(s))
    ]


def looks_like_instructions(text: str) -> bool:
    """Whether ``text`` holds an instruction-like phrase, role label, control token or delimiter."""
    return bool(
        _INJECTION.search(text)
        or _ROLE_MARKER.search(text)
        or _SPECIAL_TOKEN.search(text)
        or _DELIMITER_RUN.search(text)
    )


def neutralise(text: str) -> str:
    """``text`` with delimiter look-alikes and control tokens defused and injection sentences omitted.

    Ordinary document text passes through unchanged; only the sentences that try to issue
    instructions are replaced, so the model never reads them.
    """
    text = _SPECIAL_TOKEN.sub(" ", text)
    text = _DELIMITER_RUN.sub(lambda m: m.group(0)[0], text)
    pieces = []
    for sentence in _SENTENCE.findall(text):
        if _INJECTION.search(sentence) or _ROLE_MARKER.search(sentence):
            leading = sentence[: len(sentence) - len(sentence.lstrip())]
            ending = "\n" if sentence.endswith("\n") else ""
            pieces.append(leading + OMITTED + ending)
        else:
            pieces.append(sentence)
    return "".join(pieces).strip()
