"""Language detection and the answer templates in six languages."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from fundmatch.chat.facts import days_phrase
from fundmatch.chat.templates import TEMPLATES, text
from fundmatch.lang.detect import SUPPORTED_LANGUAGES, detect_language


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("We are an SME in Austria looking for funding for our heat pump project.", "en"),
        ("Wir sind ein KMU aus Bayern und suchen eine Förderung für unsere Wärmepumpe.", "de"),
        ("Nous sommes une PME lyonnaise et cherchons un financement pour notre projet.", "fr"),
        ("Siamo una PMI di Torino e cerchiamo un finanziamento per il nostro progetto.", "it"),
        ("Somos una pyme de Valencia y buscamos financiación para nuestro proyecto.", "es"),
        ("Jesteśmy małą firmą z Krakowa i szukamy dofinansowania dla naszego projektu.", "pl"),
        ("Was ist die Frist?", "de"),
        ("¿Cuál es el plazo?", "es"),
        ("Quelle est la date limite ?", "fr"),
    ],
)
def test_detects_the_language_of_typical_messages(message: str, expected: str) -> None:
    assert detect_language(message) == expected


def test_falls_back_to_the_default_when_nothing_is_telling() -> None:
    assert detect_language("HORIZON-CL5-2026-D3-01-05", default="fr") == "fr"
    assert detect_language("", default="de") == "de"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_template_with_the_same_placeholders() -> None:
    assert set(TEMPLATES) == set(SUPPORTED_LANGUAGES)
    english = TEMPLATES["en"]
    for language, table in TEMPLATES.items():
        assert set(table) == set(english), language
        for key, template in table.items():
            assert _fields(template) == _fields(english[key]), (language, key)


def test_templates_are_actually_translated() -> None:
    for language in SUPPORTED_LANGUAGES:
        if language == "en":
            continue
        same = [
            k for k, v in TEMPLATES[language].items() if v == TEMPLATES["en"][k] and re.search(r"[a-z]{4}", v)
        ]
        assert len(same) <= 3, (language, same)


def test_text_fills_placeholders_and_falls_back_to_english() -> None:
    assert text("de", "days_left", n=12) == "noch 12 Tage"
    assert text("pt", "days_left", n=3) == "3 days left"


def test_a_deadline_one_day_away_is_named_not_counted() -> None:
    today = date(2026, 11, 24)
    assert days_phrase(date(2026, 11, 25), today, "de") == "morgen"
    assert days_phrase(date(2026, 11, 23), today, "pl") == "wczoraj"
    assert days_phrase(date(2026, 11, 24), today, "fr") == "aujourd'hui"
    assert days_phrase(date(2026, 11, 26), today, "de") == "noch 2 Tage"
    assert days_phrase(date(2026, 11, 21), today) == "passed 3 days ago"


def test_a_value_ending_in_an_abbreviation_ends_the_sentence_once() -> None:
    assert (
        text("de", "budget_call", budget="EUR 36 Mio.") == "Das Budget der Ausschreibung beträgt EUR 36 Mio."
    )
    assert text("en", "budget_call", budget="EUR 36 million") == "The call budget is EUR 36 million."
