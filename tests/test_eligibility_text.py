"""Eligibility reasons and verdicts in the user's language, for every rule path."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date

import pytest

import fundmatch.retrieval.eligibility as eligibility
from fundmatch.chat.answers import about_answer
from fundmatch.chat.reply import CitationBook
from fundmatch.chat.templates import text
from fundmatch.core.models import (
    Eligibility,
    Opportunity,
    Profile,
)
from fundmatch.retrieval.eligibility import assess_eligibility
from fundmatch.retrieval.eligibility_text import REASON_TEMPLATES, TERMS, localised_reasons
from fundmatch.retrieval.profile import FINANCE_FORMS, ORGANISATION_TYPES
from tests.chat_fakes import FakeEngine
from tests.eligibility_fixtures import (
    ACCELERATOR,
    CSA,
    GUARANTEE,
    IA,
    IF_LARGE,
    IF_SMALL,
    IF_UNSIZED,
    RIA,
    WIDENING,
)

LANGUAGES = ("en", "de", "fr", "it", "es", "pl")
VERDICTS = ("eligible", "check", "not eligible")
TRL_TEXT = "Projects are expected to achieve TRL 6-7 by the end of the project."


# Every rule path: (opportunity, profile, topic text).
RULE_PATHS: tuple[tuple[Opportunity, Profile, str], ...] = (
    (RIA, Profile(), ""),
    (RIA, Profile(organisation_type="sme", country="DE", consortium="alone"), ""),
    (IA, Profile(organisation_type="sme", country="DE", consortium="alone"), ""),
    (RIA, Profile(country="DE", consortium="consortium", partners=5, countries=2), ""),
    (RIA, Profile(country="DE", consortium="consortium", partners=5, countries=4), ""),
    (IA, Profile(country="DE"), ""),
    (CSA, Profile(country="FR", consortium="alone"), ""),
    (CSA, Profile(country="FR", consortium="alone", trl=9), TRL_TEXT),
    (CSA, Profile(country="FR", consortium="alone", trl=2), TRL_TEXT),
    (CSA, Profile(country="FR", consortium="alone", trl=5), TRL_TEXT),
    (ACCELERATOR, Profile(organisation_type="startup", country="PL"), ""),
    (ACCELERATOR, Profile(organisation_type="sme", country="PL", consortium="consortium", partners=4), ""),
    (ACCELERATOR, Profile(organisation_type="midcap", country="IT"), ""),
    (ACCELERATOR, Profile(organisation_type="sme", country="US"), ""),
    (ACCELERATOR, Profile(country="PL", staff=600), ""),
    (ACCELERATOR, Profile(country="PL"), ""),
    *(
        (ACCELERATOR, Profile(organisation_type=kind, country="PL", staff=600), "")
        for kind in ORGANISATION_TYPES
    ),
    (GUARANTEE, Profile(organisation_type="sme", country="ES", finance_form="grant"), ""),
    (GUARANTEE, Profile(organisation_type="sme", country="US"), ""),
    *((GUARANTEE, Profile(country="ES", finance_form=form), "") for form in FINANCE_FORMS),
    (IF_SMALL, Profile(country="DE"), ""),
    (IF_SMALL, Profile(country="DE", amount_eur=8e6), ""),
    (IF_SMALL, Profile(country="DE", amount_eur=1e6), ""),
    (IF_SMALL, Profile(country="DE", amount_eur=50e6), ""),
    (IF_SMALL, Profile(country="CH", amount_eur=8e6), ""),
    (IF_LARGE, Profile(country="NO", amount_eur=8e6), ""),
    (IF_LARGE, Profile(country="DE", amount_eur=200e6), ""),
    (IF_UNSIZED, Profile(country="DE", amount_eur=8e6), ""),
    (WIDENING, Profile(country="PL"), ""),
    (WIDENING, Profile(country="DE"), ""),
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_reason_key_has_a_template_with_the_same_values_in_every_language() -> None:
    english = REASON_TEMPLATES["en"]
    assert set(REASON_TEMPLATES) == set(LANGUAGES)
    for language in LANGUAGES:
        table = REASON_TEMPLATES[language]
        for key, template in english.items():
            assert key in table, f"{language} has no template for {key}"
            assert _fields(table[key]) == _fields(template), f"{language}/{key} uses other values"
        assert set(table) == set(english), f"{language} has keys English lacks"


def test_every_organisation_kind_finance_form_scheme_and_size_has_a_localised_term() -> None:
    values = (
        [("kind", kind) for kind in ORGANISATION_TYPES]
        + [("form", form) for form in FINANCE_FORMS if form != "grant"]
        + [("scheme", scheme) for scheme in ("horizon-ria", "horizon-ia")]
        + [("size", size) for size in eligibility.IF_SIZE_CLASSES]
    )
    for language in LANGUAGES[1:]:
        missing = [value for value in values if value not in TERMS[language]]
        assert not missing, f"{language} lacks terms for {missing}"


def test_every_rule_path_is_phrased_in_every_language() -> None:
    keys: set[str] = set()
    for opportunity, profile, topic_text in RULE_PATHS:
        result = assess_eligibility(opportunity, profile, topic_text)
        keys.update(code.key for code in result.reason_codes)
        assert localised_reasons(result, "en") == result.reasons
        for language in LANGUAGES[1:]:
            phrased = localised_reasons(result, language)
            assert len(phrased) == len(result.reasons)
            for sentence, english in zip(phrased, result.reasons, strict=True):
                assert "{" not in sentence and "}" not in sentence, sentence
                assert sentence != english, f"{language} fell back to English: {english}"
    assert keys | {"no_rule"} == set(REASON_TEMPLATES["en"]), "a reason key is not reached by RULE_PATHS"


def test_the_fallback_reason_is_phrased_in_every_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eligibility, "_RULES", ())
    result = assess_eligibility(RIA, Profile(country="DE"))
    phrased = {language: localised_reasons(result, language)[0] for language in LANGUAGES}
    assert phrased["en"] == result.reasons[0]
    assert len(set(phrased.values())) == len(LANGUAGES)


def test_a_german_consortium_on_an_ria_reads_german_reasons_with_its_partner_count() -> None:
    profile = Profile(country="DE", consortium="consortium", partners=5, countries=4, language="de")
    result = assess_eligibility(RIA, profile)
    country, consortium = localised_reasons(result, "de")
    assert country == "DE ist ein EU-Mitgliedstaat oder ein mit Horizont Europa assoziiertes Land."
    assert consortium.startswith("Forschungs- und Innovationsmaßnahmen (RIA) erfordern mindestens 3")
    assert "Ihre 5 Partner aus 4 Ländern erfüllen diese Bedingung." in consortium
    alone = assess_eligibility(IA, Profile(country="DE", consortium="alone"))
    assert localised_reasons(alone, "de")[0].startswith("Innovationsmaßnahmen (IA) erfordern")


def test_terms_and_amounts_follow_the_language() -> None:
    tiny = assess_eligibility(IF_SMALL, Profile(country="DE", amount_eur=1_000_000))
    assert "EUR 2.5 million" in tiny.reasons[0] and "EUR 1,000,000" in tiny.reasons[0]
    german = localised_reasons(tiny, "de")[0]
    assert "EUR 2,5 Mio." in german and "EUR 1\u202f000\u202f000" in german
    loan = assess_eligibility(GUARANTEE, Profile(country="PL", finance_form="loan"))
    assert "o finansowanie w formie pożyczki należy zwrócić się" in localised_reasons(loan, "pl")[1]
    university = assess_eligibility(ACCELERATOR, Profile(organisation_type="university", country="FR"))
    assert "votre type d'organisation (université) n'est pas admis" in localised_reasons(university, "fr")[0]


def test_verdict_labels_differ_per_language() -> None:
    for verdict in VERDICTS:
        labels = [text(language, f"verdict_{verdict}") for language in LANGUAGES]
        assert len(set(labels)) == len(LANGUAGES), labels
    for language in LANGUAGES:
        assert len({text(language, f"verdict_{verdict}") for verdict in VERDICTS}) == len(VERDICTS)
    assert text("de", "verdict_not eligible") == "nicht förderfähig"


def test_reasons_without_codes_and_unknown_languages_fall_back_to_english() -> None:
    written = Eligibility("check", ("A consortium of at least three entities is required.",))
    assert localised_reasons(written, "de") == written.reasons
    assessed = assess_eligibility(RIA, Profile(country="DE", consortium="alone"))
    assert localised_reasons(assessed, "nl") == assessed.reasons


def test_a_german_eligibility_answer_gives_german_reasons() -> None:
    rec = FakeEngine().recommend("heat pumps", None, None, 10)[0]
    rec = replace(
        rec, eligibility=assess_eligibility(rec.opportunity, Profile(country="DE", consortium="alone"))
    )
    answer = about_answer(
        rec.opportunity,
        rec,
        "Sind wir förderfähig?",
        "eligibility",
        [],
        "de",
        date(2026, 8, 20),
        CitationBook(),
    )
    assert "Förderfähigkeit für HORIZON-CL5-2026-D3-01-05: nicht förderfähig." in answer
    assert "Sie stellen den Antrag allein oder mit zu wenigen Partnern." in answer
    assert "you apply alone" not in answer
