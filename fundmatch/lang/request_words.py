"""What a request says about the applicant, read with the words of ``request_words.toml``.

One reader for the profile of a description (``fundmatch.retrieval.profile``) and the changes a
follow-up makes (``fundmatch.chat.followup``): partner and country counts, applying alone or in a
consortium, the form of finance, the kind of organisation, staff, sector and TRL. The file is read,
checked and compiled once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

# The forms and kinds the file must name (in the order the sidebar offers them).
FINANCE_FORMS = ("grant", "loan", "guarantee", "equity")
ORGANISATION_TYPES = (
    "sme",
    "startup",
    "midcap",
    "large",
    "university",
    "research",
    "public",
    "cluster",
    "ngo",
)
Context = Literal["description", "follow-up"]
_WORD_START = r"(?<!\w)"
_DATA = "request_words.toml"


@dataclass(frozen=True)
class RequestWords:
    """The compiled word lists."""

    numbers: Mapping[str, int]
    number: str  # a regular-expression group matching a count in digits or words
    partners: re.Pattern[str]
    countries: re.Pattern[str]
    alone: re.Pattern[str]
    consortium: re.Pattern[str]
    finance: Mapping[Context, Mapping[str, re.Pattern[str]]]
    organisations: Mapping[str, re.Pattern[str]]
    company: re.Pattern[str]
    staff: re.Pattern[str]
    sectors: Mapping[str, re.Pattern[str]]
    trl: re.Pattern[str]


def _alternation(entries: object, where: str) -> str:
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) and e for e in entries):
        raise ValueError(f"{_DATA}: {where} must be a non-empty list of strings")
    return "|".join(entries)


def _words(alternation: str) -> re.Pattern[str]:
    return re.compile(_WORD_START + "(?:" + alternation + ")", re.IGNORECASE)


def _table(section: object, where: str) -> dict[str, str]:
    if not isinstance(section, dict) or not section:
        raise ValueError(f"{_DATA}: [{where}] must be a table of lists")
    return {
        name: _alternation(entry.get("words"), f"{where}.{name}.words") for name, entry in section.items()
    }


def _counted(number: str, nouns: str) -> re.Pattern[str]:
    return re.compile(rf"{_WORD_START}{number}\s+(?:\w+\s+)?(?:{nouns})\b", re.IGNORECASE)


def parse(data: Mapping[str, object]) -> RequestWords:
    """The word lists of one parsed file, checked: every list non-empty, every form and kind of
    organisation present, every fragment a valid regular expression (ValueError otherwise)."""
    numbers = data.get("numbers")
    if not isinstance(numbers, dict) or not all(isinstance(v, int) for v in numbers.values()):
        raise ValueError(f"{_DATA}: [numbers] must map words to integers")
    counted, applying, finance = data.get("counted"), data.get("applying"), data.get("finance")
    if not isinstance(counted, dict) or not isinstance(applying, dict) or not isinstance(finance, dict):
        raise ValueError(f"{_DATA}: [counted], [applying] and [finance] are required")
    if set(finance) != set(FINANCE_FORMS):
        raise ValueError(f"{_DATA}: [finance] must name exactly {', '.join(FINANCE_FORMS)}")
    organisations = _table(data.get("organisation"), "organisation")
    if set(organisations) != set(ORGANISATION_TYPES):
        raise ValueError(f"{_DATA}: [organisation] must name exactly {', '.join(ORGANISATION_TYPES)}")
    try:
        return _compiled(data, numbers, counted, applying, finance, organisations)
    except re.error as error:
        raise ValueError(f"{_DATA}: a fragment is not a valid regular expression ({error})") from None


def _compiled(
    data: Mapping[str, object],
    numbers: Mapping[str, int],
    counted: Mapping[str, object],
    applying: Mapping[str, object],
    finance: Mapping[str, Mapping[str, list[str]]],
    organisations: Mapping[str, str],
) -> RequestWords:
    number = r"(\d{1,3}|" + "|".join(sorted(map(re.escape, numbers), key=len, reverse=True)) + ")"
    by_context: dict[Context, dict[str, re.Pattern[str]]] = {"description": {}, "follow-up": {}}
    for form, entry in finance.items():
        shared = entry.get("words", [])
        for context, extra in (("description", "in_descriptions"), ("follow-up", "in_follow_ups")):
            alternation = _alternation(shared + entry.get(extra, []), f"finance.{form}")
            by_context[context][form] = _words(alternation)
    return RequestWords(
        numbers={word.lower(): value for word, value in numbers.items()},
        number=number,
        partners=_counted(number, _alternation(counted.get("partners"), "counted.partners")),
        countries=_counted(number, _alternation(counted.get("countries"), "counted.countries")),
        alone=_words(_alternation(applying.get("alone"), "applying.alone")),
        consortium=_words(_alternation(applying.get("consortium"), "applying.consortium")),
        finance=by_context,
        organisations={kind: _words(pattern) for kind, pattern in organisations.items()},
        company=_words(_alternation(_section(data, "company").get("words"), "company.words")),
        staff=re.compile(
            r"(\d[\d.,]*)\s*(?:-|\s)?\s*(?:"
            + _alternation(_section(data, "staff").get("words"), "staff.words")
            + r")\b",
            re.IGNORECASE,
        ),
        sectors={name: _words(pattern) for name, pattern in _table(data.get("sector"), "sector").items()},
        trl=re.compile(
            r"\bTRL\s*(?:of|von|de|di|du|=|:)?\s*(\d)|(?:"
            + _alternation(_section(data, "trl").get("words"), "trl.words")
            + r")\s*(\d)",
            re.IGNORECASE,
        ),
    )


def _section(data: Mapping[str, object], name: str) -> dict[str, object]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise ValueError(f"{_DATA}: [{name}] is required")
    return section


@cache
def request_words() -> RequestWords:
    """The package's word lists, read and compiled on first use."""
    return parse(tomllib.loads(files("fundmatch.lang").joinpath(_DATA).read_text(encoding="utf-8")))


def first_match(patterns: Mapping[str, re.Pattern[str]], text: str) -> str | None:
    """The key whose pattern matches earliest in ``text`` (the first listed on a tie)."""
    best: tuple[int, str] | None = None
    for key, pattern in patterns.items():
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    return best[1] if best else None


def count_value(token: str) -> int:
    """A count written in digits or as a number word."""
    return int(token) if token.isdigit() else request_words().numbers[token.lower()]


def partner_count(text: str) -> int | None:
    """The number of partners ``text`` states ("5 partners", "mit drei Partnern"), else None."""
    match = request_words().partners.search(text)
    return count_value(match.group(1)) if match else None


def country_count(text: str) -> int | None:
    """The number of countries ``text`` states ("from 3 countries", "aus 4 Ländern"), else None."""
    match = request_words().countries.search(text)
    return count_value(match.group(1)) if match else None


def says_alone(text: str) -> bool:
    """True when ``text`` says the applicant applies alone ("ohne Partner", "sin socios")."""
    return bool(request_words().alone.search(text))


def says_consortium(text: str) -> bool:
    """True when ``text`` speaks of a consortium or of applying with partners."""
    return bool(request_words().consortium.search(text))


def finance_forms(text: str, context: Context) -> list[str]:
    """The forms of finance ``text`` names, earliest first."""
    found = []
    for form, pattern in request_words().finance[context].items():
        if match := pattern.search(text):
            found.append((match.start(), form))
    return [form for _, form in sorted(found, key=lambda item: item[0])]
