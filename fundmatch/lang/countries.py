"""Country mentions in English, German, French, Italian, Spanish and Polish, and who is eligible where.

Each country maps to word stems: a stem matches any word that starts with it, so one stem covers a
name, its demonym and (for Polish) its inflected forms. The plain names come from CLDR through Babel;
``countries.tsv`` adds the demonyms, inflections and narrowed names CLDR lacks, and ``places.tsv``
the regions and cities. A stem marked ``exact`` matches only as a whole word, and a stem written with
a capital letter matches only with that case. The eligibility lists are in ``country_policy.toml``,
each with its legal source and date. Everything is read and checked once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from babel import Locale

LANGUAGES = ("en", "de", "fr", "it", "es", "pl")
_HEADER = "country\tstem\tmatch"
_CODE = re.compile(r"[A-Z]{2}")
_POLICY_LISTS = ("eu_member_states", "horizon_associated_countries", "eea_countries", "widening_countries")


@dataclass(frozen=True)
class CountryList:
    """One eligibility list: its codes, its legal source and the date it was written down from it."""

    codes: frozenset[str]
    source: str
    as_of: date


@dataclass(frozen=True)
class CountryPolicy:
    """The country lists the eligibility rules read."""

    eu_member_states: CountryList
    horizon_associated_countries: CountryList
    eea_countries: CountryList
    widening_countries: CountryList


@dataclass(frozen=True)
class StemRow:
    """One line of a stem file."""

    code: str
    stem: str
    match: str  # prefix, exact, or skip (a CLDR name that is never read)


def _text(name: str) -> str:
    return files("fundmatch.lang").joinpath(name).read_text(encoding="utf-8")


def parse_policy(data: dict[str, object]) -> CountryPolicy:
    """The eligibility lists of a parsed ``country_policy.toml``, checked (ValueError otherwise)."""
    lists: dict[str, CountryList] = {}
    for name in _POLICY_LISTS:
        entry = data.get(name)
        if not isinstance(entry, dict):
            raise ValueError(f"country_policy.toml: [{name}] is missing")
        codes, source, as_of = entry.get("codes"), entry.get("source"), entry.get("as_of")
        if (
            not isinstance(codes, list)
            or not codes
            or not all(isinstance(c, str) and _CODE.fullmatch(c) for c in codes)
        ):
            raise ValueError(f"country_policy.toml: [{name}] codes must be ISO alpha-2 codes")
        if len(set(codes)) != len(codes):
            raise ValueError(f"country_policy.toml: [{name}] lists a code twice")
        if not isinstance(source, str) or not source or not isinstance(as_of, date):
            raise ValueError(f"country_policy.toml: [{name}] needs a source and an as_of date")
        lists[name] = CountryList(frozenset(codes), source, as_of)
    if not lists["eu_member_states"].codes <= lists["eea_countries"].codes:
        raise ValueError("country_policy.toml: every EU Member State is in the EEA")
    return CountryPolicy(**lists)


@cache
def country_policy() -> CountryPolicy:
    """The package's eligibility lists, read on first use."""
    return parse_policy(tomllib.loads(_text("country_policy.toml")))


def parse_stems(
    text: str, name: str, matches: frozenset[str] = frozenset({"prefix", "exact"})
) -> list[StemRow]:
    """The rows of one stem file (``#`` lines are comments), checked (ValueError otherwise)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0] != _HEADER:
        raise ValueError(f"{name}: the first line that is not a comment must be {_HEADER!r}")
    rows: list[StemRow] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if (
            len(fields) != 3
            or not _CODE.fullmatch(fields[0])
            or not fields[1].strip()
            or fields[2] not in matches
        ):
            raise ValueError(
                f"{name}: row {number} is not 'CODE<tab>stem<tab>{'|'.join(sorted(matches))}': {line!r}"
            )
        row = StemRow(*fields)
        if (row.code, row.stem) in seen:
            raise ValueError(f"{name}: {row.code} {row.stem!r} is listed twice")
        seen.add((row.code, row.stem))
        rows.append(row)
    return rows


def cldr_names(code: str) -> list[str]:
    """The country's name in the six languages, from CLDR (each once)."""
    names: list[str] = []
    for language in LANGUAGES:
        name = Locale.parse(language).territories.get(code)
        if name and name not in names:
            names.append(name)
    return names


def build_lexicon(
    countries: list[StemRow], places: list[StemRow], codes: frozenset[str]
) -> tuple[dict[str, list[str]], frozenset[str]]:
    """Each code's stems (typed country stems, CLDR names, regions and cities, each once) and the
    stems that match only whole words. A CLDR name is left out when a typed stem is the same word (the
    typed stem keeps its case and exactness) or a ``skip`` row names it."""
    exact = {row.stem for row in countries + places if row.match == "exact"}
    prefix = {row.stem for row in countries + places if row.match == "prefix"}
    if both := sorted(exact & prefix):
        raise ValueError(f"stems both exact and prefix: {', '.join(both)}")
    typed: dict[str, list[str]] = {}
    skipped: dict[str, set[str]] = {}
    for row in countries + places:
        if row.match == "skip":
            skipped.setdefault(row.code, set()).add(row.stem.lower())
        else:
            typed.setdefault(row.code, []).append(row.stem)
    merged: dict[str, list[str]] = {}
    for code in [*dict.fromkeys([r.code for r in countries] + [r.code for r in places]), *sorted(codes)]:
        if code in merged:
            continue
        own = [r.stem for r in countries if r.code == code and r.match != "skip"]
        known = {stem.lower() for stem in typed.get(code, [])} | skipped.get(code, set())
        own += [name.lower() for name in cldr_names(code) if name.lower() not in known]
        own += [r.stem for r in places if r.code == code]
        merged[code] = list(dict.fromkeys(own))
    return merged, frozenset(exact)


@cache
def _lexicon() -> tuple[dict[str, list[str]], frozenset[str]]:
    policy = country_policy()
    codes = frozenset().union(*(getattr(policy, name).codes for name in _POLICY_LISTS))
    countries = parse_stems(_text("countries.tsv"), "countries.tsv", frozenset({"prefix", "exact", "skip"}))
    return build_lexicon(countries, parse_stems(_text("places.tsv"), "places.tsv"), codes)


def country_name_iso(code: str) -> str:
    """The ISO alpha-2 code written the way fundmatch stores it (EU codes UK and EL become GB and GR)."""
    code = code.strip().upper()
    return {"UK": "GB", "EL": "GR"}.get(code, code)


_WORD_START = re.compile(r"(?<!\w)\w")


@cache
def _patterns_by_initial() -> dict[str, re.Pattern[str]]:
    """One pattern per initial letter, so a word is only tried against the stems it could start.

    Longer stems are tried first, so the most specific one wins ("tyrol du sud" before "tyrol"); a
    stem with a capital letter keeps its case ("Łodzi" the city, not "łodzi" the boats).
    """
    stems_by_code, exact = _lexicon()
    buckets: dict[str, list[tuple[str, str]]] = {}
    for code, stems in stems_by_code.items():
        for stem in stems:
            buckets.setdefault(stem[0].lower(), []).append((stem, code))
    patterns = {}
    for initial, entries in buckets.items():
        alternatives = []
        for number, (stem, code) in enumerate(sorted(entries, key=lambda entry: -len(entry[0]))):
            literal = re.escape(stem) if stem.islower() else rf"(?-i:{re.escape(stem)})"
            tail = "" if stem in exact else r"\w*"
            alternatives.append(rf"(?P<{code}_{number}>{literal}{tail})")
        patterns[initial] = re.compile(r"(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return patterns


@cache
def _openings() -> frozenset[str]:
    """The first four characters of every stem (lower case; all of a shorter one): most words start none."""
    return frozenset(stem[:4].lower() for stems in _lexicon()[0].values() for stem in stems)


def find_countries(text: str) -> list[tuple[int, str]]:
    """Every country mention in ``text`` as (position, ISO code), in reading order."""
    patterns = _patterns_by_initial()
    openings = _openings()
    found = []
    resume = 0
    for word in _WORD_START.finditer(text):
        start = word.start()
        head = text[start : start + 4].lower()
        if start < resume or (head not in openings and head[:3] not in openings):
            continue
        pattern = patterns.get(text[start].lower())
        match = pattern.match(text, start) if pattern else None
        if match:
            found.append((start, (match.lastgroup or "").split("_", 1)[0]))
            resume = match.end()
    return found


def is_horizon_country(code: str) -> bool:
    """True for EU Member States and Horizon Europe associated countries."""
    code = country_name_iso(code)
    policy = country_policy()
    return code in policy.eu_member_states.codes or code in policy.horizon_associated_countries.codes
