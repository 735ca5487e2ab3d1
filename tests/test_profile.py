"""Profile extraction from free text in English, German, French, Italian, Spanish and Polish."""

from __future__ import annotations

import pytest

from fundmatch.core.errors import QueryError
from fundmatch.core.models import Profile
from fundmatch.lang.amounts import parse_amount_eur
from fundmatch.retrieval.profile import extract_profile, merge_profile


def test_english_sme_alone_in_saxony() -> None:
    profile = extract_profile(
        "We are a 20-person SME in Saxony building solid-state battery recycling at TRL 5, "
        "we want to apply alone"
    )
    assert profile.organisation_type == "sme"
    assert profile.country == "DE"
    assert profile.staff == 20
    assert profile.trl == 5
    assert profile.consortium == "alone"
    assert profile.sector == "batteries"
    assert profile.language == "en"


def test_german_loan_request() -> None:
    profile = extract_profile(
        "Wir sind ein KMU aus Bayern mit 45 Mitarbeitern und suchen ein Darlehen über 2 Mio. € "
        "für eine Elektrolyse-Anlage für grünen Wasserstoff (TRL 7)."
    )
    assert (profile.organisation_type, profile.country, profile.staff) == ("sme", "DE", 45)
    assert profile.finance_form == "loan"
    assert profile.amount_eur == 2_000_000
    assert profile.trl == 7
    assert profile.language == "de"


def test_french_startup_consortium() -> None:
    profile = extract_profile(
        "Nous sommes une start-up française de 8 personnes ; nous montons un consortium de 5 partenaires "
        "de 4 pays pour un logiciel de diagnostic médical. Nous cherchons une subvention."
    )
    assert (profile.organisation_type, profile.country) == ("startup", "FR")
    assert (profile.consortium, profile.partners, profile.countries) == ("consortium", 5, 4)
    assert profile.finance_form == "grant"
    assert profile.language == "fr"


def test_italian_guarantee_in_lombardy() -> None:
    profile = extract_profile(
        "Siamo una PMI lombarda con 30 dipendenti e cerchiamo una garanzia per un prestito "
        "di 1,5 milioni di euro."
    )
    assert (profile.organisation_type, profile.country, profile.staff) == ("sme", "IT", 30)
    assert profile.finance_form in {"guarantee", "loan"}
    assert profile.amount_eur == 1_500_000
    assert profile.language == "it"


def test_spanish_university_alone() -> None:
    profile = extract_profile(
        "Somos una universidad de Cataluña y queremos presentar en solitario un proyecto sobre "
        "hidrógeno verde de 3 millones de euros."
    )
    assert (profile.organisation_type, profile.country) == ("university", "ES")
    assert profile.consortium == "alone"
    assert profile.amount_eur == 3_000_000
    assert profile.sector == "hydrogen"
    assert profile.language == "es"


def test_polish_loan_in_zloty() -> None:
    profile = extract_profile(
        "Jesteśmy małą firmą z Mazowsza (15 pracowników) i potrzebujemy pożyczki 1,5 mln zł "
        "na linię do recyklingu baterii."
    )
    assert (profile.organisation_type, profile.country, profile.staff) == ("sme", "PL", 15)
    assert profile.finance_form == "loan"
    assert profile.amount_eur == pytest.approx(1_500_000 * 0.23)
    assert profile.language == "pl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 Mio. €", 2e6),
        ("we need 500k", 5e5),
        ("EUR 3 million", 3e6),
        ("3 M€", 3e6),
        ("2 millions d'euros", 2e6),
        ("1.500.000 EUR", 1.5e6),
        ("€2.5m", 2.5e6),
        ("€ 750 000", 7.5e5),
        ("20 employees at TRL 5", None),
        ("15 milioni di euro dal fondo, in un round da 60 milioni", 15e6),
        ("1.4M new cases a year, 0.4M deaths, avoidable costs of 1.5bn", None),
        ("EUR 2 million of a market worth 3bn", 2e6),
    ],
)
def test_amounts(text: str, expected: float | None) -> None:
    assert parse_amount_eur(text) == expected


def test_research_organisation_and_public_body() -> None:
    assert extract_profile("Wir sind ein Forschungsinstitut in Österreich.").organisation_type == "research"
    assert extract_profile("Somos un ayuntamiento en Andalucía.").organisation_type == "public"
    assert extract_profile("Jesteśmy klastrem energetycznym.").organisation_type == "cluster"


def test_staff_with_company_word_implies_size() -> None:
    assert extract_profile("Our company has 120 employees in Lyon, France.").organisation_type == "sme"
    assert extract_profile("Our company has 3000 employees in Spain.").organisation_type == "large"


def test_merge_overrides_and_rejects_unknown_keys() -> None:
    extracted = Profile(organisation_type="sme", country="DE", consortium="alone")
    merged = merge_profile(
        extracted, {"country": "uk", "partners": 6, "organisation_type": "research organisation"}
    )
    assert (merged.country, merged.partners, merged.consortium) == ("GB", 6, "consortium")
    assert merged.organisation_type == "research"
    with pytest.raises(QueryError):
        merge_profile(extracted, {"contry": "DE"})


def test_empty_query_is_one_line_error() -> None:
    with pytest.raises(QueryError):
        extract_profile("   ")


@pytest.mark.parametrize("text", ["???", "🙂🙂🙂", "12345 - 678", "€€€ !!!"])
def test_a_query_without_a_letter_is_one_line_error(text: str) -> None:
    with pytest.raises(QueryError, match="has no words"):
        extract_profile(text)


def test_a_short_query_with_letters_is_read() -> None:
    assert extract_profile("CO2").language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "A 12-person start-up in Estonia; we want to apply alone for a grant plus equity to go to market.",
        "Startup aus Österreich: wir wollen eine EU-Förderung mit Beteiligungskapital beantragen.",
        "Jesteśmy startupem z Krakowa; szukamy dotacji i inwestorów na komercjalizację.",
    ],
)
def test_grant_with_equity_is_a_blended_grant_request(text: str) -> None:
    assert extract_profile(text).finance_form == "grant"


def test_equity_alone_stays_equity() -> None:
    text = "Unser Software-Startup aus Berlin sucht Wagniskapital von Investoren über einen Fonds."
    assert extract_profile(text).finance_form == "equity"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Cerco un finanziamento a fondo perduto per le vacanze in montagna con la famiglia.", "it"),
        ("Quiero pintar mi piso y cambiar la cocina, ¿hay ayudas?", "es"),
        ("CO2 capture for cement kilns", "en"),
    ],
)
def test_the_profile_reads_the_language_as_the_chat_does(text: str, language: str) -> None:
    assert extract_profile(text).language == language


def test_a_dataset_word_for_any_organisation_leaves_the_type_to_the_text() -> None:
    extracted = extract_profile("We are a university group working on radical battery chemistry.")
    merged = merge_profile(extracted, {"organisation_type": "organisation"})
    assert merged.organisation_type == extracted.organisation_type == "university"
    assert merge_profile(extracted, {"organisation_type": "Public body"}).organisation_type == "public"
