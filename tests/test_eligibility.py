"""Every eligibility rule, and the status of an opportunity on a date."""

from __future__ import annotations

from datetime import date

import pytest

import fundmatch.retrieval.eligibility as eligibility
from fundmatch.chat.reasons import eligibility_reasons
from fundmatch.core.models import (
    INNOVATION_FUND,
    INVESTEU,
    KIND_FINANCIAL_PRODUCT,
    Opportunity,
    Profile,
    ReasonCode,
)
from fundmatch.retrieval.eligibility import IF_SOURCE, assess_eligibility, scheme_of, topic_trl_range
from fundmatch.retrieval.status import opportunity_status
from tests.eligibility_fixtures import (
    ACCELERATOR,
    CSA,
    GUARANTEE,
    IA,
    IF_LARGE,
    IF_SMALL,
    RIA,
    topic,
)


def test_schemes_are_recognised() -> None:
    assert [scheme_of(o) for o in (RIA, IA, CSA, ACCELERATOR, IF_SMALL, GUARANTEE)] == [
        "horizon-ria",
        "horizon-ia",
        "horizon-csa",
        "eic-accelerator",
        "innovation-fund",
        "investeu",
    ]


def test_the_scheme_follows_programme_and_action_not_just_the_identifier() -> None:
    assert scheme_of(topic("X-2026-01")) == "other"
    assert scheme_of(topic("X-2026-01", "HORIZON Research and Innovation Actions")) == "horizon-ria"
    assert scheme_of(topic("X-2026-01", programme=INVESTEU)) == "investeu"
    assert scheme_of(topic("X-2026-01", programme=INNOVATION_FUND)) == "innovation-fund"


def test_ria_and_ia_need_three_entities_from_three_countries() -> None:
    alone = Profile(organisation_type="sme", country="DE", consortium="alone")
    for opportunity in (RIA, IA):
        result = assess_eligibility(opportunity, alone)
        assert result.verdict == "not eligible"
        assert "at least 3 independent legal entities" in eligibility_reasons(result, "en")[0]
    two_countries = Profile(country="DE", consortium="consortium", partners=5, countries=2)
    assert assess_eligibility(RIA, two_countries).verdict == "not eligible"
    full = Profile(country="DE", consortium="consortium", partners=5, countries=4)
    assert assess_eligibility(RIA, full).verdict == "eligible"
    unknown = Profile(country="DE")
    assert assess_eligibility(IA, unknown).verdict == "check"


def test_csa_accepts_a_single_entity() -> None:
    result = assess_eligibility(CSA, Profile(country="FR", consortium="alone"))
    assert result.verdict == "eligible"


def test_widening_actions_only_for_widening_countries() -> None:
    widening = topic("HORIZON-WIDERA-2027-01-WIDENING-01", "HORIZON Coordination and Support Actions")
    german = assess_eligibility(widening, Profile(organisation_type="sme", country="DE"))
    assert german.verdict == "not eligible"
    assert "DE is not one" in eligibility_reasons(german, "en")[0]
    assert assess_eligibility(widening, Profile(organisation_type="sme", country="PL")).verdict == "eligible"
    other_csa = topic("HORIZON-CL2-2026-DEMOCRACY-01-03", "HORIZON Coordination and Support Actions")
    assert assess_eligibility(other_csa, Profile(country="DE")).verdict == "eligible"


def test_eic_accelerator_single_sme_only() -> None:
    assert (
        assess_eligibility(ACCELERATOR, Profile(organisation_type="startup", country="PL")).verdict
        == "eligible"
    )
    for kind in ("university", "large", "research"):
        assert (
            assess_eligibility(ACCELERATOR, Profile(organisation_type=kind, country="PL")).verdict
            == "not eligible"
        )
    consortium = Profile(organisation_type="sme", country="PL", consortium="consortium", partners=4)
    assert assess_eligibility(ACCELERATOR, consortium).verdict == "not eligible"
    midcap = assess_eligibility(ACCELERATOR, Profile(organisation_type="midcap", country="IT"))
    assert midcap.verdict == "check"
    assert "investment" in " ".join(eligibility_reasons(midcap, "en"))
    us = assess_eligibility(ACCELERATOR, Profile(organisation_type="sme", country="US"))
    assert us.verdict == "not eligible"


def test_investeu_routes_finance_but_not_grants() -> None:
    grant = assess_eligibility(
        GUARANTEE, Profile(organisation_type="sme", country="ES", finance_form="grant")
    )
    assert grant.verdict == "not eligible"
    assert "no grants" in eligibility_reasons(grant, "en")[0]
    loan = assess_eligibility(GUARANTEE, Profile(organisation_type="sme", country="ES", finance_form="loan"))
    assert loan.verdict == "eligible"
    assert any("bank or fund" in reason for reason in eligibility_reasons(loan, "en"))


def test_innovation_fund_size_classes_by_capital_cost() -> None:
    small = Profile(country="DE", amount_eur=8e6)
    assert assess_eligibility(IF_SMALL, small).verdict == "eligible"
    wrong = assess_eligibility(IF_LARGE, small)
    assert wrong.verdict == "not eligible"
    assert "innovation_fund_eligibility_and_award_criteria.md" in eligibility_reasons(wrong, "en")[0]
    tiny = assess_eligibility(IF_SMALL, Profile(country="DE", amount_eur=1e6))
    assert tiny.verdict == "not eligible"
    outside = assess_eligibility(IF_SMALL, Profile(country="CH", amount_eur=8e6))
    assert outside.verdict == "not eligible"


def test_trl_read_from_topic_text() -> None:
    text = "Projects are expected to achieve TRL 6-7 by the end of the project."
    assert topic_trl_range(text) == (6, 7)
    csa_profile = Profile(country="FR", consortium="alone", trl=9)
    result = assess_eligibility(CSA, csa_profile, text)
    assert result.verdict == "check"
    assert "TRL 6-7" in eligibility_reasons(result, "en")[0]
    assert (
        assess_eligibility(CSA, Profile(country="FR", consortium="alone", trl=5), text).verdict == "eligible"
    )


def test_each_reason_has_a_code_in_the_same_order_and_the_english_sentence_is_its_text() -> None:
    full = Profile(country="DE", consortium="consortium", partners=5, countries=4)
    result = assess_eligibility(RIA, full)
    assert result.reason_codes == (
        ReasonCode("country_horizon", (("country", "DE"),)),
        ReasonCode("consortium_met", (("scheme", "horizon-ria"), ("partners", 5), ("countries", 4))),
    )
    assert eligibility_reasons(result, "en")[1] == (
        "Research and innovation actions need at least 3 independent legal entities from 3 different "
        "EU Member States or associated countries (at least one in a Member State): your 5 partners "
        "from 4 countries meet it."
    )


def test_the_worst_finding_comes_first_with_its_values() -> None:
    result = assess_eligibility(IF_LARGE, Profile(country="DE", amount_eur=8e6))
    assert [code.key for code in result.reason_codes] == ["if_class_misfit_uncapped", "country_in_eea"]
    assert dict(result.reason_codes[0].params) == {
        "size": "large-scale",
        "low_million_eur": 100.0,
        "source": IF_SOURCE,
        "amount_eur": 8e6,
    }
    assert eligibility_reasons(result, "en")[0] == (
        f"Large-scale projects have a CAPEX above EUR 100 million (source: {IF_SOURCE}); "
        "yours is EUR 8,000,000, so another size class fits."
    )


def test_no_applicable_rule_asks_to_check_thetopic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eligibility, "_RULES", ())
    result = assess_eligibility(RIA, Profile(country="DE"))
    assert result.verdict == "check"
    assert result.reason_codes == (ReasonCode("no_rule"),)
    assert eligibility_reasons(result, "en") == (
        "No specific rule applies; check the conditions in the topic text.",
    )


def test_status_from_dates() -> None:
    dated = topic("X", opening_date=date(2026, 5, 1), deadlines=(date(2026, 9, 1),))
    assert opportunity_status(dated, date(2026, 4, 1)) == "forthcoming"
    assert opportunity_status(dated, date(2026, 6, 1)) == "open"
    assert opportunity_status(dated, date(2026, 10, 1)) == "closed"
    product = Opportunity(
        id="p", programme=INVESTEU, kind=KIND_FINANCIAL_PRODUCT, title="p", source="t", status="open"
    )
    assert opportunity_status(product, date(2030, 1, 1)) == "open"
