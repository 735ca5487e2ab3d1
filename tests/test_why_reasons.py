"""The explanation of a recommendation, phrased in each of the six languages from its keys."""

from __future__ import annotations

import pytest

from fundmatch.chat.reasons import why_text
from fundmatch.core.models import ReasonCode

CODES = (
    ReasonCode("text_match"),
    ReasonCode("similar_funded", (("family", "CL5-D2"), ("names", "BATREC, SOLIDLOOP"))),
    ReasonCode("route_portal"),
    ReasonCode("mismatch_instrument", (("instrument", "InvestEU SME guarantees"),)),
)


def test_the_english_explanation_reads_each_reason_in_order() -> None:
    assert why_text(CODES) == (
        "Its text matches your description (see the passages cited). "
        "Projects like yours were funded under CL5-D2: BATREC, SOLIDLOOP. "
        "Route: apply on the EU Funding & Tenders Portal before the deadline. "
        "Ranked lower: InvestEU SME guarantees fits your request better than this kind of funding."
    )


FIT = ReasonCode(
    "fits_instrument",
    (
        ("instrument", "investeu-sme-guarantee"),
        ("form", "loan"),
        ("applicant", "sme"),
        ("amount_eur", 800000.0),
    ),
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Instrument: InvestEU SME guarantees (a loan or a guarantee; through a bank, fund or other intermediary). It fits what you wrote: a loan, an SME, EUR 800,000."),
        ("de", "Darlehen oder Garantie; über eine Bank, einen Fonds oder einen anderen Intermediär). Es passt zu Ihrer Beschreibung: Darlehen, KMU, 800.000 EUR."),
        ("fr", "un prêt ou une garantie ; par une banque, un fonds ou un autre intermédiaire). Il correspond à votre description : un prêt, PME, 800\u202f000 EUR."),
        ("it", "Corrisponde a quanto avete scritto: un prestito, PMI, 800.000 EUR."),
        ("es", "Encaja con lo que han escrito: un préstamo, pyme, 800.000 EUR."),
        ("pl", "Pasuje do Państwa opisu: pożyczka, MŚP, 800\xa0000 EUR."),
    ],
)  # fmt: skip
def test_the_instrument_and_why_it_fits_in_each_language(language: str, expected: str) -> None:
    text = why_text((*CODES[:2], FIT), language)
    assert expected in text
    assert "CL5-D2" in text and "BATREC, SOLIDLOOP" in text
    if language != "en":
        assert "Ranked lower" not in text and "Its text matches" not in text


def test_an_instrument_without_facts_is_still_named() -> None:
    code = ReasonCode("fits_instrument", (("instrument", "if-hydrogen-bank"),))
    assert why_text((code,), "it") == (
        "Strumento: European Hydrogen Bank auctions (un premio fisso per unità prodotta; assegnato con un'asta)."
    )


def test_an_unsupported_language_falls_back_to_english() -> None:
    assert why_text(CODES[:1], "sv") == why_text(CODES[:1])
