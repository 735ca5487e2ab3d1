"""Country and region names in English, German, French, Italian, Spanish and Polish, and who is eligible.

Each country maps to word stems: a stem matches any word that starts with it, so one stem covers
a name, its demonym and (for Polish) its inflected forms. Country names and demonyms are here; the
regions and cities are in fundmatch/lang/places.py. A stem in ``_EXACT_ONLY`` matches only as a whole
word, and a stem written with a capital letter matches only with that case.
"""

from __future__ import annotations

import re
from functools import cache

from fundmatch.lang.places import PLACE_EXACT_ONLY, PLACE_STEMS

EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "HU",
    ]
)
# Horizon Europe associated countries (association agreements in force or provisionally applied, 2025-2026).
HORIZON_ASSOCIATED_COUNTRIES = frozenset(
    [
        "AL",
        "AM",
        "BA",
        "CA",
        "CH",
        "FO",
        "GE",
        "IS",
        "IL",
        "KR",
        "XK",
        "MD",
        "ME",
        "MK",
        "NZ",
        "NO",
        "RS",
        "TN",
        "TR",
        "UA",
        "GB",
    ]
)
# The Innovation Fund funds projects located in the European Economic Area.
EEA_COUNTRIES = EU_MEMBER_STATES | {"IS", "LI", "NO"}
# Horizon Europe Widening countries: Member States and associated countries with lower R&I
# performance, eligible for the Widening participation actions (Horizon Europe work programme,
# "Widening participation and strengthening the ERA").
WIDENING_COUNTRIES = frozenset(
    {"BG", "HR", "CY", "CZ", "EE", "GR", "HU", "LV", "LT", "MT", "PL", "PT", "RO", "SK", "SI"}
    | {"AL", "AM", "BA", "FO", "GE", "XK", "MD", "ME", "MK", "RS", "TN", "TR", "UA"}
)

_COUNTRY_STEMS: dict[str, tuple[str, ...]] = {
    "AT": ("austria", "austrian", "österreich", "autrich", "austriac", "austriach", "austrii"),
    "BE": ("belgi", "belge", "belgijsk", "belgii"),
    "BG": ("bulgari", "bulgar", "bułgar"),
    "HR": (
        "croatia",
        "croatian",
        "kroatien",
        "kroatisch",
        "croatie",
        "croate",
        "croazia",
        "croat",
        "chorwac",
    ),
    "CY": ("cyprus", "cypriot", "zypern", "chypre", "cipro", "chipre", "cypr", "cypru", "cyprze", "cypryj"),
    "CZ": (
        "czech",
        "tschechi",
        "tchèque",
        "tchequ",
        "cechia",
        "ceco",
        "ceca",
        "cechi",
        "ceche",
        "checa",
        "checo",
        "checas",
        "checos",
        "czesk",
    ),
    "DK": (
        "denmark",
        "danish",
        "dänemark",
        "dänisch",
        "danemark",
        "danois",
        "danimarca",
        "danese",
        "dinamarca",
        "danés",
        "danes",
        "Dania",
        "danii",
        "duńsk",
    ),
    "EE": ("estonia", "estland", "estonie", "estoni", "eston"),
    "FI": (
        "finland",
        "finnish",
        "finnland",
        "finnisch",
        "finlande",
        "finlandais",
        "finlandia",
        "finlandes",
        "finlandese",
        "fińsk",
        "finlandii",
    ),
    "FR": (
        "france",
        "french",
        "frankreich",
        "französisch",
        "français",
        "francais",
        "française",
        "francia",
        "francese",
        "francesi",
        "francés",
        "francesa",
        "franceses",
        "francj",
        "francusk",
    ),
    "DE": (
        "germany",
        "german",
        "germans",
        "germania",
        "deutschland",
        "deutsch",
        "allemagne",
        "allemand",
        "tedesc",
        "alemania",
        "alemán",
        "aleman",
        "alemana",
        "alemanes",
        "niemc",
        "niemiec",
        "niemieck",
    ),
    "GR": (
        "greece",
        "greek",
        "griechenland",
        "griechisch",
        "grèce",
        "grec",
        "grecia",
        "greco",
        "griego",
        "grecj",
        "greck",
    ),
    "IE": (
        "ireland",
        "irish",
        "irland",
        "irlande",
        "irlandais",
        "irlanda",
        "irlandes",
        "irlandese",
        "irlandi",
        "irlandzk",
    ),
    "IT": (
        "italy",
        "italian",
        "italien",
        "italie",
        "italia",
        "italiano",
        "italiana",
        "włoch",
        "włosk",
    ),
    "LV": ("latvia", "lettland", "lettonie", "lettonia", "letonia", "łotw", "łotewsk"),
    "LT": ("lithuania", "litauen", "lituanie", "lituania", "litw", "litewsk"),
    "LU": ("luxembourg", "luxemburg", "lussemburgo", "luxemburgo", "luksembur"),
    "MT": ("Malta", "maltese", "Malte", "maltańsk", "malcie"),
    "NL": (
        "netherlands",
        "dutch",
        "niederlande",
        "niederländisch",
        "holland",
        "holländ",
        "hollandais",
        "pays-bas",
        "néerlandais",
        "paesi bassi",
        "olandes",
        "países bajos",
        "paises bajos",
        "neerlandés",
        "niderland",
        "holandi",
        "holendersk",
    ),
    "PL": (
        "poland",
        "polish",
        "Polen",
        "polnisch",
        "pologne",
        "polonais",
        "polonia",
        "polacco",
        "polacca",
        "polaco",
        "polska",
        "polsk",
        "polsc",
    ),
    "PT": (
        "portugal",
        "portuguese",
        "portugies",
        "portugais",
        "portogall",
        "portoghese",
        "portugués",
        "portugues",
        "portugali",
        "portugalsk",
    ),
    "RO": (
        "romania",
        "romanian",
        "rumänien",
        "rumänisch",
        "roumanie",
        "roumain",
        "rumania",
        "rumano",
        "rumuni",
        "rumuńsk",
    ),
    "SK": (
        "slovakia",
        "slovak",
        "slowakei",
        "slowakisch",
        "slovaquie",
        "slovacchia",
        "eslovaquia",
        "słowacj",
        "słowack",
        "słowacy",
        "słowaccy",
    ),
    "SI": ("slovenia", "slovenian", "slowenien", "slovénie", "eslovenia", "słoweni"),
    "ES": (
        "spain",
        "spanish",
        "spanien",
        "spanisch",
        "espagne",
        "espagnol",
        "spagna",
        "spagnol",
        "españa",
        "espana",
        "español",
        "espanol",
        "hiszpani",
        "hiszpańsk",
    ),
    "SE": (
        "sweden",
        "swedish",
        "schweden",
        "schwedisch",
        "suède",
        "suédois",
        "svezia",
        "svedese",
        "suecia",
        "sueco",
        "szwecj",
        "szwedzk",
    ),
    "HU": (
        "hungary",
        "hungarian",
        "ungarn",
        "ungarisch",
        "hongrie",
        "hongrois",
        "ungheria",
        "ungherese",
        "hungría",
        "hungria",
        "húngaro",
        "węgr",
        "węgiersk",
    ),
    "NO": (
        "norway",
        "norwegian",
        "norwegen",
        "norwegisch",
        "norvège",
        "norvégien",
        "norvegia",
        "noruega",
        "norwegi",
        "norwesk",
    ),
    "IS": ("iceland", "islande", "islandais", "islanda", "islandes", "islandés", "islandia"),
    "CH": ("switzerland", "swiss", "schweiz", "suisse", "svizzera", "svizzer", "suiza", "szwajcari"),
    "GB": (
        "united kingdom",
        "britain",
        "british",
        "großbritannien",
        "grande-bretagne",
        "grande bretagne",
        "gran bretagna",
        "gran bretaña",
        "vereinigtes königreich",
        "royaume-uni",
        "regno unito",
        "reino unido",
        "wielka brytania",
        "wielkiej brytanii",
        "brytyjsk",
    ),
    "IL": ("israel", "israël", "izrael"),
    "TR": ("Turkey", "türkiye", "turkish", "türkei", "turquie", "turchia", "turquía", "turcj", "tureck"),
    "UA": ("ukraine", "ukrainian", "ucraina", "ucrania", "ukrain"),
    "BA": ("bosnia", "bosnien", "bosnie", "bośni"),
    "RS": (
        "serbia",
        "serbię",
        "serbią",
        "serbian",
        "serbien",
        "serbie",
        "serbii",
        "serbio",
        "serbisch",
        "serbi",
    ),
    "AL": ("albania", "albanien", "albanie", "albani"),
    "ME": ("montenegr", "czarnogór"),
    "MK": (
        "north macedonia",
        "nordmazedonien",
        "macédoine du nord",
        "macedonia del nord",
        "macedonia del norte",
        "macedonii północnej",
        "macedonia północna",
    ),
    "MD": ("moldova", "moldau", "moldavie", "moldavia", "mołdawi"),
    "GE": ("georgia", "georgien", "géorgie", "gruzj"),
    "AM": ("armenia", "armenien", "arménie", "armeni"),
    "TN": ("tunisia", "tunesien", "tunisie", "túnez", "tunezj"),
    "XK": ("kosovo", "kosowo"),
    "FO": ("faroe", "färöer", "féroé"),
    "LI": ("liechtenstein",),
    "CA": ("canada", "kanada", "canadá"),
    "NZ": (
        "new zealand",
        "neuseeland",
        "nouvelle-zélande",
        "nuova zelanda",
        "nueva zelanda",
        "nowa zelandia",
        "nowej zelandii",
    ),
    "KR": (
        "south korea",
        "republic of korea",
        "südkorea",
        "corée du sud",
        "corea del sud",
        "corea del sur",
        "korea południowa",
        "korei południowej",
    ),
    "US": (
        "united states",
        "USA",
        "american",
        "vereinigte staaten",
        "états-unis",
        "etats-unis",
        "stati uniti",
        "estados unidos",
        "stany zjednoczone",
        "stanów zjednoczonych",
    ),
    "CN": ("china", "chinese", "chine", "chinois", "cina", "cinese", "chiny", "chińsk"),
}
# Word stems that would match ordinary words; only these exact forms count (with the places' ones).
_EXACT_ONLY = (
    frozenset(
        {
            *("eston", "croat", "cypr", "cypru", "cyprze", "cipro", "Dania", "danii"),
            *("ceco", "ceca", "cechi", "ceche", "checa", "checo", "checas", "checos"),
            *("france", "francia", "german", "germans", "aleman", "Malta", "Malte", "holland"),
            *("polish", "Polen", "słowacy", "słowaccy", "islande", "Turkey", "USA", "cina"),
            *("serbia", "serbię", "serbią", "serbi"),
        }
    )
    | PLACE_EXACT_ONLY
)


def country_name_iso(code: str) -> str:
    """The ISO alpha-2 code written the way fundmatch stores it (EU codes UK and EL become GB and GR)."""
    code = code.strip().upper()
    return {"UK": "GB", "EL": "GR"}.get(code, code)


_WORD_START = re.compile(r"(?<!\w)\w")


def _all_stems() -> dict[str, list[str]]:
    """Each code's stems: country names and demonyms, then its regions and cities (duplicates dropped)."""
    merged: dict[str, list[str]] = {}
    for table in (_COUNTRY_STEMS, PLACE_STEMS):
        for code, stems in table.items():
            known = merged.setdefault(code, [])
            known.extend(stem for stem in stems if stem not in known)
    return merged


@cache
def _patterns_by_initial() -> dict[str, re.Pattern[str]]:
    """One pattern per initial letter, so a word is only tried against the stems it could start.

    Longer stems are tried first, so the most specific one wins ("tyrol du sud" before "tyrol"); a
    stem with a capital letter keeps its case ("Łodzi" the city, not "łodzi" the boats).
    """
    buckets: dict[str, list[tuple[str, str]]] = {}
    for code, stems in _all_stems().items():
        for stem in stems:
            buckets.setdefault(stem[0].lower(), []).append((stem, code))
    patterns = {}
    for initial, entries in buckets.items():
        alternatives = []
        for number, (stem, code) in enumerate(sorted(entries, key=lambda entry: -len(entry[0]))):
            literal = re.escape(stem) if stem.islower() else rf"(?-i:{re.escape(stem)})"
            tail = "" if stem in _EXACT_ONLY else r"\w*"
            alternatives.append(rf"(?P<{code}_{number}>{literal}{tail})")
        patterns[initial] = re.compile(r"(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return patterns


@cache
def _openings() -> frozenset[str]:
    """The first four characters of every stem (lower case; all of a shorter one): most words start none."""
    return frozenset(stem[:4].lower() for stems in _all_stems().values() for stem in stems)


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
    return code in EU_MEMBER_STATES or code in HORIZON_ASSOCIATED_COUNTRIES
