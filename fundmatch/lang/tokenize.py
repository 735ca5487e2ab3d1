"""A small multilingual tokenizer for BM25: lowercase unicode words minus common stopwords."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)

# The most frequent function words per language; one-letter words are dropped anyway.
_STOPWORDS_BY_LANGUAGE = {
    "en": "an and are as at be by for from has have in is it its of on or that the this to was were will "
    "with which who what can not no our your their we you they he she also may all any more such into than",
    "de": "der die das und ist im in den dem des ein eine einer eines einem zu zur zum mit von für auf aus "
    "bei sich nicht auch als wie oder wird werden sind es an am um nach über unter durch wir sie ihr",
    "fr": "le la les un une des du de et est en au aux pour par sur dans avec ce cette ces qui que qu pas "
    "plus ou sont être il elle nous vous ils leur leurs se sa son ses",
    "it": "il lo gli una uno di da del della dei delle degli per con su nel nella che non sono al alla",
    "es": "el los las unos unas es por para con del al en que no son su sus como se lo",
    "pl": "na do się że nie jest to od po przez dla oraz lub jak ze ich jego jej są być który która",
}
STOPWORDS = frozenset(word for words in _STOPWORDS_BY_LANGUAGE.values() for word in words.split())


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of ``text`` without stopwords and one-letter words (digits are kept)."""
    return [
        token
        for token in _WORD.findall(text.casefold())
        if token not in STOPWORDS and (len(token) > 1 or token.isdigit())
    ]
