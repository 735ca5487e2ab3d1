"""English phrases of fundmatch's own messages found on a page shown in another language."""

from __future__ import annotations

import re
from functools import cache

from fundmatch.lang import catalogues
from fundmatch.lang.i18n import LANGUAGES

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_MIN_WORDS = 3


@cache
def _phrases(language: str) -> tuple[str, ...]:
    """The English fragments (between placeholders, three words or more) of the messages whose
    translation into ``language`` does not contain them."""
    phrases: list[str] = []
    for message in catalogues.read_catalogue(language):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = " ".join(message.string if isinstance(message.string, tuple) else (message.string,))
        for text in english:
            for fragment in _PLACEHOLDER.split(text):
                fragment = fragment.strip(" .,;:()")
                if len(re.findall(r"[^\W\d_]+", fragment)) >= _MIN_WORDS and fragment not in translated:
                    phrases.append(fragment)
    return tuple(dict.fromkeys(phrases))


def english_leftovers(page: str, language: str) -> list[str]:
    """fundmatch's English phrases that ``page`` shows although it is in ``language`` (nothing for
    English). Quoted call text is English by design; only fundmatch's own messages count."""
    if language == "en" or language not in LANGUAGES:
        return []
    return [phrase for phrase in _phrases(language) if phrase in page]
