"""Language names for prompts and a small stop-word guess of the language an answer is in."""

from __future__ import annotations

import re
from collections import Counter

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German (Deutsch)",
    "fr": "French (français)",
    "it": "Italian (italiano)",
    "es": "Spanish (español)",
    "pl": "Polish (polski)",
    "nl": "Dutch (Nederlands)",
    "pt": "Portuguese (português)",
}

_STOPWORDS = {
    "en": "the and of to is are for in with this that be can not or by an which it from on you your",
    "de": "der die das und ist sind für mit nicht ein eine einen den dem des auch wird werden sie ihr oder bei",
    "fr": "le la les et est sont pour avec dans des une un du pas que qui sur vous votre ou au aux",
    "it": "il la le e è sono per con non una un del della che di gli dei alle può essere o ai",
    "es": "el la los las y es son para con no una un del que de en por puede su o al se",
    "pl": "i w na z się nie jest są do dla że to o od przez może lub jak oraz ich",
}
_WORDS = {code: set(words.split()) for code, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def language_name(code: str) -> str:
    """The name to write in a prompt for an ISO 639-1 code; unknown codes are returned as given."""
    return LANGUAGE_NAMES.get(code.lower(), code)


def guess_language(text: str, min_hits: int = 2) -> str | None:
    """The language code whose stop words dominate ``text``, or None when unsure."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    hits = Counter({code: sum(t in words for t in tokens) for code, words in _WORDS.items()})
    ranked = hits.most_common(2)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_hits < min_hits or best_hits < 2 * runner_up:
        return None
    return best


def is_other_language(text: str, expected_code: str) -> str | None:
    """The guessed language of ``text`` if it is clearly not ``expected_code``, else None."""
    if expected_code.lower() not in _WORDS:
        return None
    guessed = guess_language(text)
    return guessed if guessed and guessed != expected_code.lower() else None
