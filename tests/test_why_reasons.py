"""The explanation of a recommendation, phrased in each of the six languages from its keys."""

from __future__ import annotations

import pytest

from fundmatch.chat.reasons import why_text
from fundmatch.core.models import ReasonCode

CODES = (
    ReasonCode("text_match"),
    ReasonCode("similar_funded", (("family", "CL5-D2"), ("names", "BATREC, SOLIDLOOP"))),
    ReasonCode("route_portal"),
    ReasonCode("mismatch_finance", (("form", "loan"),)),
)


def test_the_english_explanation_reads_each_reason_in_order() -> None:
    assert why_text(CODES) == (
        "Its text matches your description (see the passages cited). "
        "Projects like yours were funded under CL5-D2: BATREC, SOLIDLOOP. "
        "Route: apply on the EU Funding & Tenders Portal before the deadline. "
        "Ranked lower: you asked for loan financing, and this is a grant."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "in Form eines Darlehens"),
        ("fr", "sous forme de prêt"),
        ("it", "sotto forma di prestito"),
        ("es", "en forma de préstamo"),
        ("pl", "w formie pożyczki"),
    ],
)
def test_other_languages_name_the_finance_form_in_their_own_words(language: str, expected: str) -> None:
    text = why_text(CODES, language)
    assert expected in text
    assert "CL5-D2" in text and "BATREC, SOLIDLOOP" in text
    assert "Ranked lower" not in text and "Its text matches" not in text


def test_an_unsupported_language_falls_back_to_english() -> None:
    assert why_text(CODES[:1], "sv") == why_text(CODES[:1])
