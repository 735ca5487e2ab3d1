"""Rules that read an applicant profile out of a free-text project description (en/de/fr/it/es/pl),
with the words of ``fundmatch/lang/request_words.toml``.

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
from fundmatch.lang.request_words import (
    ORGANISATION_TYPES,
    country_count,
    first_match,
    partner_count,
    request_words,
    says_alone,
    says_consortium,
)

MAX_QUERY_CHARS = 8000
_LETTER = re.compile(r"[^\W\d_]")


def _staff(text: str) -> int | None:
    match = request_words().staff.search(text)
    if not match:
        return None
    digits = re.sub(r"[.,]", "", match.group(1))
    return int(digits) if digits.isdigit() else None


def _organisation_type(text: str, staff: int | None) -> str | None:
    words = request_words()
    kind = first_match(words.organisations, text)
    if kind is None and staff is not None and words.company.search(text):
        kind = "sme" if staff < 250 else "large"
    return kind


def _finance_form(text: str) -> str | None:
    """A specific form (loan, guarantee, equity) wins over a generic grant word, except that a grant
    together with equity is the EIC Accelerator's blended finance: a grant request."""
    patterns = request_words().finance["description"]
    form = first_match({k: v for k, v in patterns.items() if k != "grant"}, text)
    grant = patterns["grant"].search(text)
    if form == "equity" and grant:
        return "grant"
    return form or ("grant" if grant else None)


def _consortium(text: str) -> tuple[str | None, int | None, int | None]:
    partners = partner_count(text)
    countries = country_count(text)
    if says_alone(text):
        return "alone", 1, 1
    if partners or countries or says_consortium(text):
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


def extract_profile(text: str, language: str | None = None) -> Profile:
    """Read organisation type, country, size, TRL, amount, finance form, consortium, sector and, unless
    the caller already knows it, the language."""
    text = check_query(text)
    staff = _staff(text)
    countries = find_countries(text)
    trl_match = request_words().trl.search(text)
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
        sector=first_match(request_words().sectors, text),
        language=language or detect_language(text),
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
        raise QueryError(
            N_("Unknown profile field(s) {fields}; valid: {valid}."),
            fields=", ".join(unknown),
            valid=", ".join(sorted(valid)),
        )
    changes = {key: value for key, value in overrides.items() if value is not None}
    if "organisation_type" in changes:
        changes["organisation_type"] = normalise_organisation_type(changes["organisation_type"])
    if "country" in changes:
        changes["country"] = country_name_iso(str(changes["country"]))
    if changes.get("partners") is not None and "consortium" not in changes:
        changes["consortium"] = "alone" if int(changes["partners"]) <= 1 else "consortium"
    return dataclasses.replace(extracted, **changes)
