"""A small rule-based language detector for the six languages fundmatch answers in."""

from __future__ import annotations

import re

SUPPORTED_LANGUAGES = ("en", "de", "fr", "it", "es", "pl")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and we our is are for with what which about of to in on a an this that how can "
        "there any do does you it be have has more tell me instead now thanks thank please"
    ),
    "de": _words(
        "der die das und wir unser unsere ist sind für mit was welche über von zu im auf ein eine "
        "dieser wie können gibt es haben hat mehr nicht auch oder bei nach wird sich den dem des "
        "ich mir uns jetzt statt danke bitte"
    ),
    "fr": _words(
        "le la les et nous notre nos est sont pour avec quel quelle quels sur de du des un une "
        "ce cette comment pouvons il y a avons plus pas aussi ou dans au aux je moi qui que "
        "maintenant plutôt merci"
    ),
    "it": _words(
        "il lo la gli le e noi nostro nostra è sono per con quale quali su di del della dei un "
        "una questo questa come possiamo ci abbiamo più non anche o nel nella che mi invece "
        "ora siamo grazie prego"
    ),
    "es": _words(
        "el la los las y nosotros nuestro nuestra es son para con cuál cuáles sobre de del un "
        "una este esta cómo podemos hay tenemos más no también o en que me ahora somos "
        "lugar gracias"
    ),
    "pl": _words(
        "i w na z do że jest są dla jak co który która które nasz nasza nasze my się nie to "
        "jaki jaka czy o od po przez oraz lub ale mamy jesteśmy teraz zamiast dziękuję dzięki proszę"
    ),
}

# Letters that occur in one language of the six and (almost) never in the others.
_DISTINCT_CHARS: dict[str, str] = {
    "de": "äöüß",
    "fr": "çêâîôûëœ",
    "es": "ñ¿¡",
    "pl": "ąęłśżźćń",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, default: str = "en") -> str:
    """The most likely of en/de/fr/it/es/pl for ``text``, ``default`` when nothing is telling."""
    # Acronyms ("CO2", "EU", "SME") are no function words, though "co" is Polish for "what".
    words = [w.lower() for w in _WORD.findall(text) if len(w) < 2 or not w.isupper()]
    if not words:
        return default
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPWORDS.items()}
    lowered = text.lower()
    for lang, chars in _DISTINCT_CHARS.items():
        scores[lang] += 2 * sum(lowered.count(c) for c in chars)
    best = max(SUPPORTED_LANGUAGES, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default
