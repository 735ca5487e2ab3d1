"""English names of the domain terms a non-English description uses, for the keyword side.

The corpus and the funded projects are written in English. For a description in another language
the keyword search (BM25, and the TF-IDF search for similar funded projects) searches the
description followed by the English terms named here (``fundmatch.retrieval.hybrid``): "Nous développons des
pompes à chaleur industrielles" adds "heat pump; process heat". The dense side is left alone
(putting the terms in front of the embedded query was measured worse).
"""

from __future__ import annotations

import re
from functools import cache

from fundmatch.lang.glossary_terms import TERMS

# German builds compounds, so a stem may sit anywhere in a word; elsewhere it starts a word.
_INSIDE_WORDS = frozenset({"de"})


@cache
def _patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    prefix = "" if language in _INSIDE_WORDS else r"(?<!\w)"
    patterns = []
    for term, stems in TERMS.items():
        alternatives = "|".join(re.escape(stem) for stem in stems.get(language, ()))
        if alternatives:
            patterns.append((term, re.compile(prefix + "(?:" + alternatives + ")")))
    return tuple(patterns)


def english_terms(text: str, language: str) -> list[str]:
    """The English glossary terms whose ``language`` stems occur in ``text``, in glossary order
    (none for English, which the corpus already speaks)."""
    if language == "en":
        return []
    lowered = text.lower()
    return [term for term, pattern in _patterns(language) if pattern.search(lowered)]
