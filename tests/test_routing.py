"""Routing rules that do not need an index: the wrong kind of instrument, finance requests, product forms."""

from __future__ import annotations

import pytest

from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    Opportunity,
    Profile,
    ReasonCode,
)
from fundmatch.retrieval.profile import extract_profile
from fundmatch.retrieval.routing import product_forms, read_request, route_mismatch, wants_finance


def _topic(ident: str, programme: str = HORIZON_EUROPE, title: str = "A topic") -> Opportunity:
    kind = KIND_FINANCIAL_PRODUCT if programme == INVESTEU else KIND_CALL_TOPIC
    return Opportunity(id=ident, programme=programme, kind=kind, title=title, source="x")


MSCA_PF = _topic("HORIZON-MSCA-2026-PF-01-01")
ERC_POC = _topic("ERC-2026-POC")
CLUSTER_TOPIC = _topic("HORIZON-CL5-2027-02-D2-05")
GUARANTEES = _topic("investeu_sme_window_guarantees", INVESTEU, "InvestEU SME guarantees")
IF_CALL = _topic("INNOVFUND-2025-NZT-GENERAL-SSP", INNOVATION_FUND)
NO_PROFILE = Profile()
RESEARCHER = ReasonCode("mismatch_researcher")


def _mismatch(opportunity: Opportunity, profile: Profile, text: str) -> ReasonCode | None:
    return route_mismatch(opportunity, read_request(text, profile))


@pytest.mark.parametrize(
    "request_text",
    [
        "We are an SME consortium recycling solid-state batteries.",
        "Wir sind ein KMU und recyceln Festkörperbatterien.",
        "Jesteśmy MŚP, a instytut naukowy z Krakowa jest naszym partnerem.",
    ],
)
def test_researcher_schemes_are_demoted_for_project_requests(request_text: str) -> None:
    assert _mismatch(MSCA_PF, NO_PROFILE, request_text) == RESEARCHER
    assert _mismatch(ERC_POC, NO_PROFILE, request_text) == RESEARCHER
    assert _mismatch(CLUSTER_TOPIC, NO_PROFILE, request_text) is None


@pytest.mark.parametrize(
    "request_text",
    [
        "I am a postdoc looking for a fellowship in battery chemistry.",
        "Wir suchen ein Stipendium für eine Doktorandin in der Batterieforschung.",
        "Nous cherchons une bourse pour un chercheur en mobilité.",
        "Cerchiamo una borsa di studio post-dottorato per un ricercatore.",
        "Buscamos una beca posdoctoral para una investigadora.",
        "Szukamy stypendium dla doktoranta.",
        "Our principal investigator wants an ERC grant for frontier research.",
    ],
)
def test_researcher_schemes_keep_their_score_when_asked_for(request_text: str) -> None:
    assert _mismatch(MSCA_PF, NO_PROFILE, request_text) is None
    assert _mismatch(ERC_POC, NO_PROFILE, request_text) is None


def test_a_loan_request_ranks_grant_calls_lower() -> None:
    text = "Wir sind ein KMU aus Thüringen und brauchen ein Darlehen über 300.000 Euro mit EU-Bürgschaft."
    profile = extract_profile(text)
    assert wants_finance(profile)
    assert _mismatch(CLUSTER_TOPIC, profile, text) == ReasonCode("mismatch_finance", (("form", "loan"),))
    assert _mismatch(GUARANTEES, profile, text) is None


def test_finance_words_in_a_consortium_description_are_prose() -> None:
    text = (
        "We are an SME applying with a consortium of 12 partners from 5 countries; our platform will "
        "guarantee the security of supply chains and attract investors."
    )
    profile = extract_profile(text)
    assert profile.consortium == "consortium" and profile.finance_form in {"guarantee", "equity"}
    assert not wants_finance(profile)
    assert _mismatch(CLUSTER_TOPIC, profile, text) is None


def test_a_large_decarbonisation_plant_ranks_research_calls_lower() -> None:
    text = (
        "Planujemy na Śląsku zakład produkcji zielonego wodoru do dekarbonizacji huty, nakłady 120 mln EUR."
    )
    profile = extract_profile(text)
    assert _mismatch(CLUSTER_TOPIC, profile, text) == ReasonCode("mismatch_capex")
    assert _mismatch(IF_CALL, profile, text) is None
    small = "A pilot line for hydrogen electrolysers, EUR 1 million."
    assert _mismatch(CLUSTER_TOPIC, extract_profile(small), small) is None


def test_investeu_product_forms_follow_the_product_name() -> None:
    equity = _topic("investeu_equity", INVESTEU, "InvestEU equity for growth companies")
    assert product_forms(GUARANTEES) == {"loan", "guarantee"}
    assert product_forms(equity) == {"equity"}
    assert product_forms(CLUSTER_TOPIC) == frozenset()
