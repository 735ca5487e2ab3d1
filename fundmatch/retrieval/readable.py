"""Whether a description has any word the matcher can read: nonsense gets an error, not a list.

A text whose words are all unknown ("asdfgh qwerty zxcv") still has a nearest passage, so the dense
search alone would rank calls for it. Text in German, French, Italian, Spanish or Polish is read
through its function words (the profile's language detection); text that looks English is
readable when one of its words occurs in the indexed passages, or when it names a glossary term
or a country in one of the six languages (a one-word "Wasserstoff" has no function word).
"""

from __future__ import annotations

from fundmatch.index.base import PassageIndex
from fundmatch.lang.countries import find_countries
from fundmatch.lang.glossary import english_terms

_OTHER_LANGUAGES = ("de", "fr", "it", "es", "pl")


def is_readable(text: str, language: str, index: PassageIndex) -> bool:
    """True unless ``text`` (detected as ``language``) has no word the index or glossary knows."""
    if language != "en" or index.keyword_search(text, 1):
        return True
    return bool(find_countries(text)) or any(english_terms(text, other) for other in _OTHER_LANGUAGES)
