"""Translate a non-English project description into English with the configured LLM.

The programme texts and funded projects are in English, and multilingual-e5-small ranks a German
description's near-ties differently from the English one; an LLM translation brings the two much
closer (docs/benchmarks/matching.md). Without an LLM, retrieval searches the text as written.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from fundmatch.core.errors import LLMError
from fundmatch.core.settings import Settings
from fundmatch.lang.detect import detect_language
from fundmatch.llm.base import LLM
from fundmatch.llm.prompting import build_translate_query_prompt
from fundmatch.llm.tool_replies import clean_translation_reply

# Retrieval reads the head of a description (the query embedding is cut at 128 tokens), so only
# this much is translated: a full objective would cost the local model half a minute or more.
MAX_SOURCE_CHARS = 1200
CACHE_SIZE = 128
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def head(text: str, limit: int = MAX_SOURCE_CHARS) -> str:
    """``text`` cut to ``limit`` characters, at the last sentence end before it when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(cut)]
    return cut[: ends[-1]] if ends else cut


class QueryTranslator:
    """``run`` gives the English translation of a non-English description, or None.

    None means: search the text as written (it is English, or the LLM failed or gave an unusable
    reply, such as one that is not in English). Translations are cached, so a conversation's
    follow-ups do not pay for them again.
    """

    def __init__(self, llm: LLM, cache_size: int = CACHE_SIZE) -> None:
        self.llm = llm
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._cache_size = cache_size

    def run(self, text: str, language: str | None = None) -> str | None:
        """The English translation of ``text`` for retrieval; None for English or on failure.
        ``language`` is the language of ``text`` when the caller has detected it already."""
        if (language or detect_language(text)) == "en":
            return None
        if text in self._cache:
            self._cache.move_to_end(text)
            return self._cache[text]
        translation = self._translate(head(text))
        self._cache[text] = translation
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return translation

    def _translate(self, source: str) -> str | None:
        prompt = build_translate_query_prompt(source)
        try:
            reply = self.llm.complete(prompt.system, prompt.user, max_tokens=len(source) // 3 + 64)
        except LLMError:
            return None
        translation = clean_translation_reply(reply, source)
        # A small model sometimes copies the text instead of translating it; searched as English,
        # that copy would lose the glossary terms the untranslated text gets.
        if translation is None or detect_language(translation) != "en":
            return None
        return translation


def make_translator(llm: LLM | None, settings: Settings) -> QueryTranslator | None:
    """The translator for ``llm`` when there is one and ``settings.translate_queries`` is on."""
    return QueryTranslator(llm) if llm is not None and settings.translate_queries else None


def translator_from_settings(settings: Settings) -> QueryTranslator | None:
    """The translator on the LLM the settings name (None without one, or with translation off)."""
    from fundmatch.llm.registry import get_llm

    return make_translator(get_llm(settings), settings)
