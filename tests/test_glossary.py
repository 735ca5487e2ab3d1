"""English domain terms for the keyword side of descriptions in other languages."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from fundmatch.lang.glossary import LANGUAGES, english_terms, glossary, parse_terms


def test_german_compounds_and_inflections_find_their_english_terms() -> None:
    assert "heat pump" in english_terms("Wir entwickeln Hochtemperatur-Wärmepumpen für Molkereien.", "de")
    assert "heat pump" in english_terms("Nous développons des pompes à chaleur industrielles.", "fr")
    assert "hydrogen" in english_terms("Produkcja zielonego wodoru w elektrolizerach.", "pl")


def test_english_and_term_free_descriptions_get_no_terms() -> None:
    assert english_terms("High-temperature heat pumps for dairies", "en") == []
    assert english_terms("Ich möchte meinen Urlaub am Meer bezahlen.", "de") == []


def test_a_stem_must_start_a_word_outside_german() -> None:
    term, stems = next((term, stems) for term, stems in glossary().items() if stems["es"])
    stem = stems["es"][0]
    assert term in english_terms(f"proyecto de {stem}", "es")
    assert term not in english_terms(f"proyecto de x{stem}", "es")


def test_every_term_has_stems_in_every_language() -> None:
    for term, stems in glossary().items():
        assert term == term.lower()
        for language in LANGUAGES:
            assert stems[language], f"{term}: no {language} stem"
            assert all(stem == stem.lower() and len(stem) >= 4 for stem in stems[language]), term


def _data() -> dict:
    return tomllib.loads(files("fundmatch.lang").joinpath("glossary.toml").read_text(encoding="utf-8"))


def test_the_file_holds_the_200_terms_in_order() -> None:
    terms = list(glossary())
    assert len(terms) == 200
    assert terms[:2] == ["solar photovoltaics", "solar thermal"] and terms[-1] == "patent"


def test_a_term_missing_a_language_or_with_a_short_stem_is_refused() -> None:
    data = _data()
    del data["hydrogen"]["pl"]
    with pytest.raises(ValueError, match="'hydrogen'"):
        parse_terms(data)
    data = _data()
    data["hydrogen"]["de"] = ["h2"]
    with pytest.raises(ValueError, match="4 letters or more"):
        parse_terms(data)
