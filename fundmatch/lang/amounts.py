"""Money amounts written the way people write them in six languages, converted to euros.

"2 Mio. €", "500k", "1,5 mln zł", "EUR 3 million", "3 M€", "2 millions d'euros", "1.500.000 EUR".
Non-euro currencies use fixed approximate rates: a profile needs the order of magnitude, not the cent.
"""

from __future__ import annotations

import re

# Approximate euro value of one unit (rates of 2026; only the order of magnitude matters).
_EUR_PER_UNIT = {"EUR": 1.0, "PLN": 0.23, "GBP": 1.17, "CHF": 1.05, "USD": 0.92}
_CURRENCY_WORDS = {
    "PLN": ("zł", "zl", "pln", "złotych", "zloty", "zlotys"),
    "GBP": ("£", "gbp"),
    "CHF": ("chf", "franken"),
    "USD": ("$", "usd"),
}

_CURRENCY = r"(?P<cur>€|euros?\b|eur\b|zł|zl\b|pln\b|złotych|zlotys?\b|£|gbp\b|chf\b|franken\b|\$|usd\b)"
_SCALE = (
    r"(?P<scale>mrd\.?|bn\b|billions?\b|miliard\w*|milliard\w*|"
    r"mio\.?|mln\.?|mn\b|millions?\b|millionen\b|milioni\b|milione\b|millones\b|millón\b|millon\b|"
    r"milion\w*|m\b|k\b|tsd\.?|tausend\b|tys\.?|mila\b|mil\b)"
)
_NUMBER = r"(?P<num>\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_FORMS = (
    re.compile(rf"{_CURRENCY}\s?{_NUMBER}\s?(?:{_SCALE})?", re.IGNORECASE),
    re.compile(rf"{_NUMBER}\s?(?:{_SCALE})?\s?(?:d['’]\s?|di\s|de\s)?{_CURRENCY}", re.IGNORECASE),
    re.compile(rf"{_NUMBER}\s?{_SCALE}", re.IGNORECASE),
)
_SCALE_VALUES = (
    (("mrd", "bn", "billion", "miliard", "milliard"), 1e9),
    (("mio", "mln", "mn", "million", "milion", "millón", "millon", "m"), 1e6),
    (("k", "tsd", "tausend", "tys", "mila", "mil"), 1e3),
)


def _number(raw: str) -> float:
    """Read 1.500.000 / 1,500,000 / 1 500 000 / 1,5 / 1.5 as a float."""
    raw = raw.replace("'", "").replace(" ", "")
    thousands = re.fullmatch(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*", raw)
    if thousands:
        return float(raw.replace(thousands.group(1), ""))
    if re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", raw):
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", "."))


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    word = word.lower().rstrip(".")
    for prefixes, value in _SCALE_VALUES:
        if any(word == p or (len(p) > 2 and word.startswith(p)) for p in prefixes):
            return value
    return 1.0


def _currency(symbol: str | None) -> str:
    symbol = (symbol or "").lower()
    for code, words in _CURRENCY_WORDS.items():
        if symbol in words:
            return code
    return "EUR"


def parse_amount_eur(text: str) -> float | None:
    """The money amount ``text`` asks about, in euros, or None when there is none.

    The largest amount written with a currency wins. A bare number counts only with a scale word
    ("500k", "2 Mio.") and only when it is the text's one such number and no amount names a
    currency: a description that quotes several ("1.4M new cases a year, 0.4M deaths, a cost of
    1.5bn") gives statistics, not a budget, and "15 million euro of a 60 million round" asks for 15.
    Plain numbers such as "20 employees" or "TRL 5" are not amounts, and neither is anything below
    EUR 1,000.
    """
    with_currency: list[float] = []
    bare: list[float] = []
    taken: list[range] = []
    for form in _FORMS:
        named = "cur" in form.groupindex
        for match in form.finditer(text):
            if any(match.start() in span or match.end() - 1 in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            value = _number(match.group("num")) * _scale(match.group("scale"))
            value *= _EUR_PER_UNIT[_currency(match.group("cur") if named else None)]
            if value >= 1000:
                (with_currency if named else bare).append(value)
    if with_currency:
        return max(with_currency)
    return bare[0] if len(bare) == 1 else None
