"""The message catalogues and Babel formatting: complete in six languages, real plurals, local numbers."""

from __future__ import annotations

import io
from datetime import date

import pytest
from babel.messages.catalog import Message

from fundmatch.lang import catalogues
from fundmatch.lang.i18n import LANGUAGES, day, eur, n, number, t, tc

NARROW_NBSP, NBSP = "\u202f", "\u00a0"


def test_every_message_is_translated_in_all_six_languages() -> None:
    """Fails on a message missing, untranslated or fuzzy in any language, on a placeholder a
    translation drops or invents, on a stale template or a stale compiled ``.mo``."""
    assert catalogues.problems() == []


def test_the_check_names_an_untranslated_message_and_a_wrong_placeholder() -> None:
    untranslated = Message("The deadline of {name} is {date}.", "")
    wrong = Message("The deadline of {name} is {date}.", "Die Frist für {title} ist der {date}.")
    plural = Message(("{n} day left", "{n} days left"), ("został {n} dzień", "zostały {n} dni", ""))
    assert list(catalogues._translation_problems("de", untranslated, 2)) == [
        "de: 'The deadline of {name} is {date}.' is not translated"
    ]
    assert "has placeholders ['date', 'title'], wants ['date', 'name']" in next(
        catalogues._translation_problems("de", wrong, 2)
    )
    assert "not translated in all 3 plural forms" in next(catalogues._translation_problems("pl", plural, 3))


def test_extraction_reads_messages_inside_f_strings() -> None:
    source = b'label = f"**{t(language, \'Sources\')}**"\nother = n(language, "{n} day", "{n} days", 3)\n'
    found = list(catalogues.extract_python(io.BytesIO(source), catalogues.KEYWORDS, [], {}))
    assert [(line, name, strings) for line, name, strings, _ in found] == [
        (1, "t", (None, "Sources")),
        (2, "n", (None, "{n} day", "{n} days", None)),
    ]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("en", {1: "1 day left", 2: "2 days left", 5: "5 days left", 22: "22 days left"}),
        ("de", {1: "noch 1 Tag", 2: "noch 2 Tage", 5: "noch 5 Tage"}),
        ("fr", {1: "dans 1 jour", 2: "dans 2 jours"}),
        ("it", {1: "tra 1 giorno", 2: "tra 2 giorni"}),
        ("es", {1: "queda 1 día", 2: "quedan 2 días"}),
        (
            "pl",
            {
                1: "został 1 dzień",
                2: "zostały 2 dni",
                4: "zostały 4 dni",
                5: "zostało 5 dni",
                12: "zostało 12 dni",
            },
        ),
        ("pl", {21: "zostało 21 dni", 22: "zostały 22 dni", 25: "zostało 25 dni"}),
    ],
)
def test_plural_forms_follow_each_language(language: str, forms: dict[int, str]) -> None:
    for count, expected in forms.items():
        assert n(language, "{n} day left", "{n} days left", count) == expected


def test_one_opportunity_is_singular() -> None:
    assert n(
        "en", "I found {n} opportunity that fits.", "I found {n} opportunities that fit, best match first.", 1
    ) == ("I found 1 opportunity that fits.")
    polish = [
        n(
            "pl",
            "I found {n} opportunity that fits.",
            "I found {n} opportunities that fit, best match first.",
            k,
        )
        for k in (1, 3, 7)
    ]
    assert polish == [
        "Znalazłem 1 pasującą możliwość finansowania.",
        "Znalazłem 3 pasujące możliwości finansowania, najlepszą na początku.",
        "Znalazłem 7 pasujących możliwości finansowania, najlepszą na początku.",
    ]


def test_thousands_separators_are_each_languages_own() -> None:
    assert number(1_234_567, "en") == "1,234,567"
    assert number(1_234_567, "de") == "1.234.567"
    assert number(1_234_567, "it") == "1.234.567"
    assert number(1_234_567, "es") == "1.234.567"
    assert number(1_234_567, "fr") == f"1{NARROW_NBSP}234{NARROW_NBSP}567"
    assert number(1_234_567, "pl") == f"1{NBSP}234{NBSP}567"
    assert number(2.5, "de") == "2,5" and number(2.5, "en") == "2.5"


def test_euro_amounts_in_sentences() -> None:
    assert eur(2_500_000, "en") == "EUR 2.5 million"
    assert eur(36_000_000, "de") == "EUR 36 Millionen"
    assert eur(500_000, "de") == "EUR 500.000"
    assert eur(500_000, "it") == "EUR 500.000"
    assert eur(500_000, "fr") == f"500{NARROW_NBSP}000 EUR"
    assert eur(5_000_000, "pl") == "5 milionów EUR"
    assert eur(2_000_000, "pl") == "2 miliony EUR"


def test_dates_as_each_language_writes_them() -> None:
    deadline = date(2026, 12, 3)
    assert [day(deadline, language) for language in LANGUAGES] == [
        "3 December 2026",
        "3. Dezember 2026",
        "3 décembre 2026",
        "3 dicembre 2026",
        "3 de diciembre de 2026",
        "3 grudnia 2026",
    ]


def test_values_are_filled_and_numbers_localised() -> None:
    assert (
        t("de", "Budget per grant: {budget}", budget="EUR 3 Millionen")
        == "Budget pro Projekt: EUR 3 Millionen"
    )
    assert (
        t(
            "de",
            "The project description is {length} characters long; keep it under {limit}.",
            length=9123,
            limit=8000,
        )
        == "Die Projektbeschreibung ist 9.123 Zeichen lang; bleiben Sie unter 8.000."
    )
    assert tc("fr", "call status", "open") == "ouvert"


def test_a_language_outside_the_six_gets_english() -> None:
    assert n("pt", "{n} day left", "{n} days left", 3) == "3 days left"
    assert t("nl", "Sources") == "Sources"


def test_a_value_ending_in_an_abbreviation_ends_the_sentence_once() -> None:
    assert t("en", "The call budget is {budget}.", budget="EUR 36 Mio.") == "The call budget is EUR 36 Mio."
    assert (
        t("en", "The call budget is {budget}.", budget="EUR 36 million")
        == "The call budget is EUR 36 million."
    )


def test_a_page_with_an_english_message_in_another_language_is_caught() -> None:
    from tests.browser.leftovers import english_leftovers

    german = "Ich habe 3 passende Förderangebote gefunden, das beste zuerst. " + t("de", "Sources")
    assert english_leftovers(german, "de") == []
    mixed = german + " The deadline of HORIZON-CL5-2026-D3-01-05 is 3 December 2026."
    assert english_leftovers(mixed, "de") == ["The deadline of"]
    assert english_leftovers(mixed, "en") == []


def test_a_label_before_its_value_follows_french_typography() -> None:
    from fundmatch.lang.i18n import colon

    assert colon("en", "Eligibility") == "Eligibility:"
    assert colon("fr", t("fr", "Eligibility")) == "Éligibilité :"
