"""Language detection, and the day phrases of the answers in six languages."""

from __future__ import annotations

from datetime import date

import pytest

from fundmatch.chat.facts import days_phrase
from fundmatch.lang.detect import detect_language


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


def test_a_deadline_one_day_away_is_named_not_counted() -> None:
    today = date(2026, 11, 24)
    assert days_phrase(date(2026, 11, 25), today, "de") == "morgen"
    assert days_phrase(date(2026, 11, 23), today, "pl") == "wczoraj"
    assert days_phrase(date(2026, 11, 24), today, "fr") == "aujourd'hui"
    assert days_phrase(date(2026, 11, 26), today, "de") == "noch 2 Tage"
    assert days_phrase(date(2026, 11, 21), today) == "passed 3 days ago"
