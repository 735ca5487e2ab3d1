"""Eligibility reasons and verdicts in the user's language, for every rule path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import fundmatch.retrieval.eligibility as eligibility
from fundmatch.chat.answers import about_answer
from fundmatch.chat.reasons import ELIGIBILITY_MESSAGES, eligibility_reasons
from fundmatch.chat.reply import CitationBook
from fundmatch.chat.terms import word
from fundmatch.core.models import Opportunity, Profile
from fundmatch.lang.i18n import LANGUAGES
from fundmatch.lang.request_words import FINANCE_FORMS, ORGANISATION_TYPES
from fundmatch.retrieval.eligibility import assess_eligibility
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


def test_every_organisation_kind_finance_form_scheme_and_size_has_a_word_in_every_language() -> None:
    values = (
        [("organisation", kind) for kind in ORGANISATION_TYPES]
        + [("financing", form) for form in FINANCE_FORMS]
        + [("finance", form) for form in FINANCE_FORMS]
        + [("scheme", scheme) for scheme in ("horizon-ria", "horizon-ia")]
        + [("size", size) for size in eligibility.IF_SIZE_CLASSES]
    )
    for kind, code in values:
        words = {language: word(kind, code, language) for language in LANGUAGES}
        assert len(set(words.values())) > 2, (kind, code, words)


def test_every_rule_path_is_phrased_in_every_language() -> None:
    keys: set[str] = set()
    for opportunity, profile, topic_text in RULE_PATHS:
        result = assess_eligibility(opportunity, profile, topic_text)
        keys.update(code.key for code in result.reason_codes)
        english = eligibility_reasons(result, "en")
        assert len(english) == len(result.reason_codes)
        for language in LANGUAGES[1:]:
            phrased = eligibility_reasons(result, language)
            assert len(phrased) == len(english)
            for sentence, original in zip(phrased, english, strict=True):
                assert "{" not in sentence and "}" not in sentence, sentence
                assert sentence != original, f"{language} fell back to English: {original}"
    assert keys | {"no_rule"} == set(ELIGIBILITY_MESSAGES), "a reason key is not reached by RULE_PATHS"


def test_the_fallback_reason_is_phrased_in_every_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eligibility, "_RULES", ())
    result = assess_eligibility(RIA, Profile(country="DE"))
    phrased = {language: eligibility_reasons(result, language)[0] for language in LANGUAGES}
    assert phrased["en"] == "No specific rule applies; check the conditions in the topic text."
    assert len(set(phrased.values())) == len(LANGUAGES)


def test_a_german_consortium_on_an_ria_reads_german_reasons_with_its_partner_count() -> None:
    profile = Profile(country="DE", consortium="consortium", partners=5, countries=4, language="de")
    result = assess_eligibility(RIA, profile)
    country, consortium = eligibility_reasons(result, "de")
    assert country == "DE ist ein EU-Mitgliedstaat oder ein mit Horizont Europa assoziiertes Land."
    assert consortium.startswith("Forschungs- und Innovationsmaßnahmen (RIA) erfordern mindestens 3")
    assert "Ihre 5 Partner aus 4 Ländern erfüllen diese Bedingung." in consortium
    alone = assess_eligibility(IA, Profile(country="DE", consortium="alone"))
    assert eligibility_reasons(alone, "de")[0].startswith("Innovationsmaßnahmen (IA) erfordern")


def test_terms_and_amounts_follow_the_language() -> None:
    tiny = assess_eligibility(IF_SMALL, Profile(country="DE", amount_eur=1_000_000))
    english = eligibility_reasons(tiny, "en")[0]
    assert "EUR 2.5 million" in english and "EUR 1,000,000" in english
    german = eligibility_reasons(tiny, "de")[0]
    assert "EUR 2,5 Mio." in german and "EUR 1.000.000" in german
    assert "EUR 1\u202f000\u202f000" in eligibility_reasons(tiny, "fr")[0]
    loan = assess_eligibility(GUARANTEE, Profile(country="PL", finance_form="loan"))
    assert "o finansowanie w formie pożyczki należy zwrócić się" in eligibility_reasons(loan, "pl")[1]
    university = assess_eligibility(ACCELERATOR, Profile(organisation_type="university", country="FR"))
    assert (
        "votre type d'organisation (université) n'est pas admis" in eligibility_reasons(university, "fr")[0]
    )


def test_verdict_labels_differ_per_language() -> None:
    for verdict in VERDICTS:
        labels = [word("verdict", verdict, language) for language in LANGUAGES]
        assert len(set(labels)) == len(LANGUAGES), labels
    for language in LANGUAGES:
        assert len({word("verdict", verdict, language) for verdict in VERDICTS}) == len(VERDICTS)
    assert word("verdict", "not eligible", "de") == "nicht förderfähig"


def test_a_consortium_counting_one_country_is_singular() -> None:
    result = assess_eligibility(RIA, Profile(country="DE", consortium="consortium", partners=3, countries=1))
    assert eligibility_reasons(result, "en")[0].endswith("your consortium covers 1 country.")
    assert eligibility_reasons(result, "pl")[0].endswith("obejmuje tylko 1 kraj.")
    two = assess_eligibility(RIA, Profile(country="DE", consortium="consortium", partners=3, countries=2))
    assert eligibility_reasons(two, "pl")[0].endswith("obejmuje tylko 2 kraje.")
    assert eligibility_reasons(two, "de")[0].endswith("Ihr Konsortium umfasst nur 2 Länder.")


def test_unknown_languages_fall_back_to_english() -> None:
    assessed = assess_eligibility(RIA, Profile(country="DE", consortium="alone"))
    assert eligibility_reasons(assessed, "nl") == eligibility_reasons(assessed, "en")


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
