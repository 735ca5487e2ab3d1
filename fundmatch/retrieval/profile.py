"""Rules that read an applicant profile out of a free-text project description (en/de/fr/it/es/pl).

``extract_profile`` fills what the text says and leaves the rest None; ``merge_profile`` lets
explicit values (``--profile JSON``, the chat's edits) override what was extracted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from fundmatch.core.errors import QueryError
from fundmatch.core.models import Profile
from fundmatch.lang.amounts import parse_amount_eur
from fundmatch.lang.countries import country_name_iso, find_countries
from fundmatch.lang.detect import detect_language
from fundmatch.lang.i18n import N_

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
FINANCE_FORMS = ("grant", "loan", "guarantee", "equity")

_W = r"(?<!\w)"  # start of a word
_ORGANISATION_PATTERNS: dict[str, str] = {
    "startup": r"start-?ups?\b|jeune pousse|spin-?off|spin-?out|empresa emergente|startupem|startupu?",
    "midcap": r"(?:small )?mid-?caps?\b|mittelgroßes unternehmen|entreprise de taille intermédiaire|\beti\b",
    "sme": (
        r"smes?\b|kmus?\b|pmes?\b|pmis?\b|pymes?\b|mśp\b|msp\b|small (?:and medium[- ]sized )?(?:company|"
        r"business|enterprise|firm)|medium-sized (?:company|enterprise)|mittelständ\w*|mittelstand\w*|"
        r"kleine[sn]? unternehmen|petite entreprise|piccola (?:e media )?impresa|piccola azienda|"
        r"pequeña empresa|mała firma|małe przedsiębiorstwo|małą firmą|średnie przedsiębiorstwo|"
        r"mikroprzedsiębiorstw\w*"
    ),
    "large": (
        r"large (?:company|enterprise|corporation|industrial group)|multinational\w*|großunternehmen|"
        r"konzern\w*|grande entreprise|grand groupe|grande (?:impresa|azienda)|gran empresa|"
        r"duż\w* (?:firma|przedsiębiorstw\w*|koncern\w*)"
    ),
    "university": (
        r"universit\w*|hochschule\w*|fachhochschule|politecnico|politechni\w*|uniwersytet\w*|"
        r"universidad\w*|college\b"
    ),
    "research": (
        r"research (?:organi[sz]ation|institute|centre|center|lab\w*)|forschungs(?:einrichtung|institut|"
        r"zentrum)\w*|fraunhofer|institut de recherche|laboratoire de recherche|organisme de recherche|"
        r"istituto di ricerca|centro di ricerca|centro de investigaci\w+|instytut\w* badawcz\w*|"
        r"instytut\w* naukow\w*"
    ),
    "public": (
        r"municipalit\w*|public (?:authority|body|administration)|city council|local authority|gemeinde\w*|"
        r"kommune\w*|stadtverwaltung|behörde\w*|collectivité\w*|mairie|comune di|pubblica amministrazione|"
        r"ayuntamiento|administración pública|gmin\w*|samorząd\w*|urząd\w*"
    ),
    "cluster": (
        r"cluster (?:organi[sz]ation|manager|management)|we are a cluster|clustermanagement|"
        r"pôle de compétitivité|distretto tecnologico|clúster|klast(?:er|r)\w*|innovation cluster|"
        r"(?:an?|ein|un|una) (?:\w+ )?cluster\b(?! \d)"
    ),
    "ngo": (
        r"\bngos?\b|non-?profit|not-for-profit|gemeinnützig\w*|verein\b|\bong\b|association\b|"
        r"associazione|asociación|fundacj\w*|stowarzyszeni\w*|organizacj\w* pozarządow\w*|onlus"
    ),
}
_COMPANY_WORDS = re.compile(
    _W + r"(?:company|firm|business|unternehmen|firma|entreprise|société|azienda|impresa|empresa|"
    r"przedsiębiorstw\w*|spółk\w*)",
    re.IGNORECASE,
)
_FINANCE_PATTERNS: dict[str, str] = {
    "loan": (
        r"loans?\b|credit line|debt financ\w*|venture debt|kredit\w*|darlehen\w*|prêts?\b|crédit\w*|"
        r"prestit\w*|mutuo|finanziamento bancario|préstamo\w*|crédito\w*|pożyczk\w*|kredyt\w*"
    ),
    "guarantee": (r"guarantee\w*|bürgschaft\w*|garantie\w*|garanzi\w*|garantía\w*|gwarancj\w*|poręczeni\w*"),
    "equity": (
        r"equity\b|venture capital|\bvc\b|investors?\b|beteiligungskapital|eigenkapital|wagniskapital|"
        r"risikokapital|fonds propres|capital-risque|levée de fonds|capitale di rischio|"
        r"capital riesgo|capital de riesgo|kapitał\w* (?:własn\w*|udziałow\w*|wysokiego ryzyka)|"
        r"inwestor\w*"
    ),
    "grant": (
        r"grants?\b|subsid\w*|zuschuss\w*|fördermittel\w*|förderung\w*|subvention\w*|sovvenzion\w*|"
        r"contributo a fondo perduto|fondo perduto|subvenci\w*|dotacj\w*|grantu?\b"
    ),
}
_ALONE = (
    r"\balone\b|on our own|by ourselves|single (?:applicant|beneficiary)|without partners|"
    r"\balleine?\b|ohne partner|eigenständig|\bseule?s?\b|sans partenaire|da sol[oia]\b|"
    r"senza partner|en solitario|\bsolos?\b|\bsolas?\b|sin socios|samodzielnie|\bsami\b|bez partnerów"
)
_CONSORTIUM = (
    r"consorti\w*|konsorti\w*|konsorcj\w*|consorzio|consorcio|verbund\w*|with partners|mit partnern|"
    r"avec des partenaires|con partner|con socios|z partnerami"
)
_PARTNERS = re.compile(
    r"(\d+)\s+(?:other\s+|weitere[nr]?\s+|autres\s+|altri\s+|otros\s+|innymi\s+)?"
    r"(?:partners?|partnern?|partenaires|socios|partnerów|partnerami|organisations|organizations)",
    re.IGNORECASE,
)
_COUNTRY_COUNT = re.compile(
    r"(\d+)\s+(?:(?:different|verschiedenen|différents|diversi|distintos|różnych)\s+)?"
    r"(?:countries|ländern|länder|pays|paesi|países|krajów|krajach)",
    re.IGNORECASE,
)
_STAFF = re.compile(
    r"(\d[\d.,]*)\s*(?:-|\s)?\s*(?:person|people|employees|staff|fte|mitarbeitende[n]?|mitarbeiter\w*|"
    r"beschäftigte\w*|personen|salariés|employés|personnes|collaborateurs|dipendenti|addetti|persone|"
    r"empleados|trabajadores|personas|pracownik\w*|osób|osoby)\b",
    re.IGNORECASE,
)
_TRL = re.compile(
    r"\bTRL\s*(?:of|von|de|di|du|=|:)?\s*(\d)|technology readiness level\s*(\d)|"
    r"(?:reifegrad|niveau de maturité technologique|livello di maturità tecnologica|"
    r"nivel de madurez tecnológica|poziom gotowości technologicznej)\s*(?:von\s*)?(\d)",
    re.IGNORECASE,
)
_SECTORS: dict[str, str] = {
    "batteries": r"batter\w*|akku\w*|batteri\w*|bateri\w*",
    "hydrogen": r"hydrogen|wasserstoff|hydrogène|idrogeno|hidrógeno|wodór|wodoru|electroly\w*",
    "energy": (
        r"solar|photovolta\w*|wind (?:power|energy|farm)|renewable\w*|erneuerbar\w*|énergie|energia|"
        r"energía|energie|heat pump|wärmepumpe|geotherm\w*|energetyk\w*"
    ),
    "health": (
        r"health|medical|medizin\w*|gesundheit\w*|santé|médical\w*|salute|sanità|medic\w*|salud|"
        r"zdrowi\w*|clinical|klinisch\w*|diagnos\w*|cancer|krebs|patient\w*"
    ),
    "digital": (
        r"artificial intelligence|\bai\b|\bki\b|\bia\b|software|digital\w*|numérique|cyber\w*|"
        r"sztuczn\w* inteligencj\w*|cloud|quantum|quanten\w*|semiconductor\w*|halbleiter\w*|robot\w*"
    ),
    "agrifood": (
        r"agri\w*|farm\w*|landwirtschaft\w*|lebensmittel\w*|food|aliment\w*|rolnict\w*|żywnoś\w*|"
        r"bakery|bäckerei|boulangerie|panetteria|panadería|piekarni\w*"
    ),
    "mobility": (
        r"mobility|transport\w*|automotive|vehicle\w*|fahrzeug\w*|véhicule\w*|veicol\w*|vehículo\w*|"
        r"pojazd\w*|aviation|luftfahrt|maritime|shipping|rail\w*"
    ),
    "circular": r"recycl\w*|circular|kreislauf\w*|circulaire|circolare|riciclo|reciclaje|recykling\w*",
    "climate": r"climate|klima\w*|climat\w*|clima\b|carbon|co2|emission\w*|decarboni[sz]\w*|dekarboniz\w*",
    "space": r"space|satellite\w*|raumfahrt|spatial|spazio|espacial|kosmiczn\w*",
    "culture": r"cultur\w*|kultur\w*|heritage|erbe\b|patrimoine|patrimonio|dziedzictw\w*|creative",
    "security": r"security|defen[cs]e|sicherheit|sécurité|sicurezza|seguridad|bezpieczeństw\w*|obronn\w*",
    "materials": r"materials?|werkstoff\w*|matériau\w*|materiali|materiales|materiał\w*",
}
MAX_QUERY_CHARS = 8000
_LETTER = re.compile(r"[^\W\d_]")


def _first_match(patterns: Mapping[str, str], text: str) -> str | None:
    """The key whose pattern matches earliest in ``text``."""
    best: tuple[int, str] | None = None
    for key, pattern in patterns.items():
        match = re.search(_W + r"(?:" + pattern + r")", text, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    return best[1] if best else None


def _staff(text: str) -> int | None:
    match = _STAFF.search(text)
    if not match:
        return None
    digits = re.sub(r"[.,]", "", match.group(1))
    return int(digits) if digits.isdigit() else None


def _organisation_type(text: str, staff: int | None) -> str | None:
    kind = _first_match(_ORGANISATION_PATTERNS, text)
    if kind is None and staff is not None and _COMPANY_WORDS.search(text):
        kind = "sme" if staff < 250 else "large"
    return kind


def _finance_form(text: str) -> str | None:
    """A specific form (loan, guarantee, equity) wins over a generic grant word, except that a grant
    together with equity is the EIC Accelerator's blended finance: a grant request."""
    specific = {k: v for k, v in _FINANCE_PATTERNS.items() if k != "grant"}
    form = _first_match(specific, text)
    grant = _first_match({"grant": _FINANCE_PATTERNS["grant"]}, text)
    if form == "equity" and grant:
        return grant
    return form or grant


def _consortium(text: str) -> tuple[str | None, int | None, int | None]:
    partners_match = _PARTNERS.search(text)
    countries_match = _COUNTRY_COUNT.search(text)
    partners = int(partners_match.group(1)) if partners_match else None
    countries = int(countries_match.group(1)) if countries_match else None
    if re.search(_W + r"(?:" + _ALONE + r")", text, re.IGNORECASE):
        return "alone", 1, 1
    if partners or countries or re.search(_W + r"(?:" + _CONSORTIUM + r")", text, re.IGNORECASE):
        return "consortium", partners, countries
    return None, None, None


def check_query(text: str) -> str:
    """The query stripped; QueryError when it is empty, has no letter, or is too long to be a
    project description."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise QueryError(N_("The project description is empty; describe your project in a sentence or more."))
    if not _LETTER.search(cleaned):
        raise QueryError(
            N_("The project description has no words; describe your project in a sentence or more.")
        )
    if len(cleaned) > MAX_QUERY_CHARS:
        raise QueryError(
            N_("The project description is {length} characters long; keep it under {limit}."),
            length=len(cleaned),
            limit=MAX_QUERY_CHARS,
        )
    return cleaned


def extract_profile(text: str) -> Profile:
    """Read organisation type, country, size, TRL, amount, finance form, consortium, sector, language."""
    text = check_query(text)
    staff = _staff(text)
    countries = find_countries(text)
    trl_match = _TRL.search(text)
    consortium, partners, n_countries = _consortium(text)
    return Profile(
        organisation_type=_organisation_type(text, staff),
        country=countries[0][1] if countries else None,
        staff=staff,
        trl=int(next(g for g in trl_match.groups() if g)) if trl_match else None,
        amount_eur=parse_amount_eur(text),
        finance_form=_finance_form(text),
        consortium=consortium,
        partners=partners,
        countries=n_countries,
        sector=_first_match(_SECTORS, text),
        language=detect_language(text),
    )


_ORGANISATION_ALIASES = {
    "start-up": "startup",
    "small mid-cap": "midcap",
    "mid-cap": "midcap",
    "large company": "large",
    "company": "sme",
    "research organisation": "research",
    "research organization": "research",
    "public body": "public",
    "cluster organisation": "cluster",
    "organisation": None,
}


def normalise_organisation_type(value: str | None) -> str | None:
    """Map user or dataset wording ("SME", "research organisation", "public body") to a profile type."""
    if value is None:
        return None
    key = value.strip().lower()
    if key in ORGANISATION_TYPES:
        return key
    return _ORGANISATION_ALIASES.get(key)


def merge_profile(extracted: Profile, overrides: Mapping[str, Any] | Profile | None) -> Profile:
    """``extracted`` with every non-None field of ``overrides`` written over it.

    Unknown keys raise QueryError so that a typo in ``--profile`` never silently does nothing.
    """
    if overrides is None:
        return extracted
    if isinstance(overrides, Profile):
        overrides = dataclasses.asdict(overrides)
    valid = {f.name for f in dataclasses.fields(Profile)}
    unknown = sorted(set(overrides) - valid)
    if unknown:
        raise QueryError(f"unknown profile field(s) {', '.join(unknown)}; valid: {', '.join(sorted(valid))}")
    changes = {key: value for key, value in overrides.items() if value is not None}
    if "organisation_type" in changes:
        changes["organisation_type"] = normalise_organisation_type(changes["organisation_type"])
    if "country" in changes:
        changes["country"] = country_name_iso(str(changes["country"]))
    if changes.get("partners") is not None and "consortium" not in changes:
        changes["consortium"] = "alone" if int(changes["partners"]) <= 1 else "consortium"
    return dataclasses.replace(extracted, **changes)
