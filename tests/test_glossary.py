"""English domain terms for the keyword side of descriptions in other languages."""

from __future__ import annotations

from fundmatch.lang.glossary import english_terms
from fundmatch.lang.glossary_terms import TERMS

LANGUAGES = ("de", "fr", "it", "es", "pl")


def test_german_compounds_and_inflections_find_their_english_terms() -> None:
    assert "heat pump" in english_terms("Wir entwickeln Hochtemperatur-Wärmepumpen für Molkereien.", "de")
    assert "heat pump" in english_terms("Nous développons des pompes à chaleur industrielles.", "fr")
    assert "hydrogen" in english_terms("Produkcja zielonego wodoru w elektrolizerach.", "pl")


def test_english_and_term_free_descriptions_get_no_terms() -> None:
    assert english_terms("High-temperature heat pumps for dairies", "en") == []
    assert english_terms("Ich möchte meinen Urlaub am Meer bezahlen.", "de") == []


def test_a_stem_must_start_a_word_outside_german() -> None:
    term, stems = next((term, stems) for term, stems in TERMS.items() if stems["es"])
    stem = stems["es"][0]
    assert term in english_terms(f"proyecto de {stem}", "es")
    assert term not in english_terms(f"proyecto de x{stem}", "es")


def test_every_term_has_stems_in_every_language() -> None:
    for term, stems in TERMS.items():
        assert term == term.lower()
        for language in LANGUAGES:
            assert stems[language], f"{term}: no {language} stem"
            assert all(stem == stem.lower() and len(stem) >= 4 for stem in stems[language]), term
