"""Every sentence a user reads, in en, de, fr, it, es and pl: gettext catalogues and Babel formatting.

A message is its English text (the gettext ``msgid``), marked in the code with ``t``, ``n`` or
``tc`` (``N_``, ``NC_`` and ``Nn_`` mark one that is looked up later). The translations live in
``fundmatch/lang/locale/<language>/LC_MESSAGES/fundmatch.po``, compiled to the ``.mo`` beside it
(``python -m fundmatch.lang.catalogues update`` extracts and compiles; ``check`` is what the tests
run). Placeholders are ``{name}``; a message given no values is returned as it is. An ``int`` or
``float`` value is written as a number of the language (``1.216`` in German, ``1 216`` in French),
so pass a year or a code as ``str``. A language outside the six gets English.
"""

from __future__ import annotations

import gettext
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

LANGUAGES = ("en", "de", "fr", "it", "es", "pl")
DOMAIN = "fundmatch"
LOCALE_DIR = Path(__file__).parent / "locale"
# The Babel locale behind each language: English as written in the EU (3 December 2026).
BABEL_LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "it": "it_IT", "es": "es_ES", "pl": "pl_PL"}
MILLION = 1_000_000


def supported(language: str | None) -> str:
    """``language`` when it is one of the six, else English."""
    return language if language in LANGUAGES else "en"


@cache
def catalogue(language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one of the six languages, read once."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[supported(language)])


def N_(message: str) -> str:
    """Marks ``message`` for the catalogues where it is looked up later (``t(language, message)``)."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Marks ``message`` with its ``context`` for a later ``tc(language, *marked)``."""
    return context, message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for a later ``n(language, *marked, count)``."""
    return singular, plural


def t(language: str, message: str, /, **values: object) -> str:
    """``message`` in ``language``, its ``{placeholders}`` filled from ``values``."""
    return _filled(catalogue(supported(language)).gettext(message), language, values)


def tc(language: str, context: str, message: str, /, **values: object) -> str:
    """``message`` in ``language`` where the English word alone is ambiguous ("Type" of what)."""
    return _filled(catalogue(supported(language)).pgettext(context, message), language, values)


def n(language: str, singular: str, plural: str, count: int, /, **values: object) -> str:
    """The plural form of the message for ``count`` in ``language`` (Polish has three); ``{n}`` is
    ``count``."""
    chosen = catalogue(supported(language)).ngettext(singular, plural, count)
    return _filled(chosen, language, {"n": count, **values})


def colon(language: str, label: str) -> str:
    """``label`` introducing what follows: ``Eligibility:``, in French ``Éligibilité :``."""
    return t(language, "{label}:", label=label)


def number(value: float, language: str, decimals: int = 3) -> str:
    """``value`` with the language's separators: 1,234.5 / 1.234,5 / 1 234,5 (at most ``decimals``)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=BABEL_LOCALES[supported(language)])


def eur(amount: float, language: str) -> str:
    """An amount in euros as a sentence shows it: ``EUR 500,000``, ``EUR 2.5 million``, ``EUR 2,5 Millionen``."""
    language = supported(language)
    if amount >= MILLION:
        words = format_compact_decimal(
            amount, format_type="long", locale=BABEL_LOCALES[language], fraction_digits=2
        )
        return t(language, "EUR {amount}", amount=words)
    return t(language, "EUR {amount}", amount=number(round(amount), language, decimals=0))


def day(value: date, language: str, width: str = "long") -> str:
    """A date as the language writes it: ``3 December 2026``, ``3. Dezember 2026``, ``3 grudnia 2026``
    (``width`` ``medium``: ``3 Dec 2026``, ``03.12.2026``)."""
    return format_date(value, format=width, locale=BABEL_LOCALES[supported(language)])


def _filled(message: str, language: str, values: dict[str, object]) -> str:
    if not values:
        return message
    shown = {
        name: number(value, language)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in values.items()
    }
    filled = message.format(**shown)
    # A value ending in an abbreviation ("Mio.") already ends the sentence.
    return filled[:-1] if filled.endswith("..") and not filled.endswith("...") else filled
