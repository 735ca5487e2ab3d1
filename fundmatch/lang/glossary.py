"""English names of the domain terms a non-English description uses, for the keyword side.

The corpus and the funded projects are written in English. For a description in another language
the keyword search (BM25, and the TF-IDF search for similar funded projects) searches the
description followed by the English terms named here (``fundmatch.retrieval.hybrid``): "Nous développons des
pompes à chaleur industrielles" adds "heat pump; process heat". The dense side is left alone
(putting the terms in front of the embedded query was measured worse).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files

LANGUAGES = ("de", "fr", "it", "es", "pl")

# German builds compounds, so a stem may sit anywhere in a word; elsewhere it starts a word.
_INSIDE_WORDS = frozenset({"de"})


def parse_terms(data: Mapping[str, object]) -> dict[str, dict[str, tuple[str, ...]]]:
    """The terms of a parsed ``glossary.toml``: each English term with, per language, its lowercase
    stems (every language present; ValueError otherwise)."""
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for term, stems in data.items():
        if term != term.lower() or not isinstance(stems, dict) or set(stems) != set(LANGUAGES):
            raise ValueError(
                f"glossary.toml: [{term!r}] must be lowercase with stems for {', '.join(LANGUAGES)}"
            )
        for language, entries in stems.items():
            valid = isinstance(entries, list) and entries and all(isinstance(e, str) for e in entries)
            if not valid or any(e != e.lower() or len(e) < 4 for e in entries):
                raise ValueError(
                    f"glossary.toml: {term!r} {language} stems must be lowercase, 4 letters or more"
                )
        terms[term] = {language: tuple(entries) for language, entries in stems.items()}
    return terms


@cache
def glossary() -> dict[str, dict[str, tuple[str, ...]]]:
    """The package's glossary, read on first use: English term -> language -> stems."""
    text = files("fundmatch.lang").joinpath("glossary.toml").read_text(encoding="utf-8")
    return parse_terms(tomllib.loads(text))


@cache
def _patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    prefix = "" if language in _INSIDE_WORDS else r"(?<!\w)"
    patterns = []
    for term, stems in glossary().items():
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
