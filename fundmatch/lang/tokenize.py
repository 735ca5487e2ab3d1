"""A small multilingual tokenizer for BM25: lowercase unicode words minus common stopwords."""

from __future__ import annotations

import re

from fundmatch.lang.detect import function_words

_WORD = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of ``text`` without stopwords (``stopwords.toml``, [bm25]) and one-letter
    words (digits are kept)."""
    stopwords = function_words().bm25
    return [
        token
        for token in _WORD.findall(text.casefold())
        if token not in stopwords and (len(token) > 1 or token.isdigit())
    ]
