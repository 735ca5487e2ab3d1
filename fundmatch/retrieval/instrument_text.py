"""Naming an instrument and why it fits, in en, de, fr, it, es and pl (``data/instrument_text.toml``).

The recommender gives a card the reason ``fits_instrument`` (the instrument's id and what in the
request fits it: the form, the applicant type, the amount, the TRL), ``mismatch_instrument`` and the
routes of instruments that are not applied for on the portal; this module phrases them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from fundmatch.core.errors import CatalogueError
from fundmatch.core.models import ReasonCode
from fundmatch.lang.i18n import number
from fundmatch.retrieval.instruments import APPLICANT_TYPES, APPLY_ROUTES, FORMS, default_catalogue

TEXT_PATH = Path(__file__).parent / "data" / "instrument_text.toml"
LANGUAGES = ("en", "de", "fr", "it", "es", "pl")
KEYS = ("fits_instrument", "mismatch_instrument", "route_auction", "route_request", "route_listing")
_SENTENCES = (*KEYS, "fits_instrument_plain", "joiner", "amount", "trl")
_LABELS = {"form": FORMS, "apply": APPLY_ROUTES, "applicant": APPLICANT_TYPES}


def parse_texts(text: str, path: Path) -> dict[str, dict[str, Any]]:
    """The sentences and labels of ``text`` by language; CatalogueError when one is missing."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path.name}: not valid TOML ({exc})") from None
    for language in LANGUAGES:
        table = data.get(language)
        if not isinstance(table, dict):
            raise CatalogueError(f"{path.name}: language '{language}' is missing")
        for key in _SENTENCES:
            if not isinstance(table.get(key), str):
                raise CatalogueError(f"{path.name}: {language}: field '{key}' is missing")
        for group, values in _LABELS.items():
            labels = table.get(group)
            missing = [
                v for v in values if not isinstance(labels, dict) or not isinstance(labels.get(v), str)
            ]
            if missing:
                raise CatalogueError(f"{path.name}: {language}: field '{group}.{missing[0]}' is missing")
    return data


@cache
def _texts() -> dict[str, dict[str, Any]]:
    return parse_texts(TEXT_PATH.read_text(encoding="utf-8"), TEXT_PATH)


def _fits(texts: Mapping[str, Any], params: Mapping[str, Any], language: str) -> str:
    instrument = default_catalogue().by_id[str(params["instrument"])]
    gives = texts["joiner"].join(texts["form"][form] for form in instrument.forms)
    facts = []
    if "form" in params:
        facts.append(texts["form"][params["form"]])
    if "applicant" in params:
        facts.append(texts["applicant"][params["applicant"]])
    if "amount_eur" in params:
        facts.append(texts["amount"].format(value=number(round(params["amount_eur"]), language, decimals=0)))
    if "trl" in params:
        facts.append(texts["trl"].format(value=params["trl"]))
    key = "fits_instrument" if facts else "fits_instrument_plain"
    return texts[key].format(
        name=instrument.name, gives=gives, route=texts["apply"][instrument.apply], facts=", ".join(facts)
    )


def instrument_sentence(code: ReasonCode, language: str = "en") -> str:
    """The sentence for one of ``KEYS`` in ``language`` (English when the language is not supported)."""
    texts = _texts().get(language) or _texts()["en"]
    params = dict(code.params)
    if code.key == "fits_instrument":
        return _fits(texts, params, language if language in LANGUAGES else "en")
    return texts[code.key].format(**{k: str(v) for k, v in params.items()})
