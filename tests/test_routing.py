"""Routing rules that do not need an index: researcher schemes and InvestEU product forms."""

from __future__ import annotations

import pytest

from fundmatch.models import HORIZON_EUROPE, INVESTEU, KIND_CALL_TOPIC, KIND_FINANCIAL_PRODUCT, Opportunity
from retrieval.routing import RESEARCHER_SCHEME_FACTOR, product_forms, scheme_fit


def _topic(ident: str, programme: str = HORIZON_EUROPE, title: str = "A topic") -> Opportunity:
    kind = KIND_FINANCIAL_PRODUCT if programme == INVESTEU else KIND_CALL_TOPIC
    return Opportunity(id=ident, programme=programme, kind=kind, title=title, source="x")


MSCA_PF = _topic("HORIZON-MSCA-2026-PF-01-01")
ERC_POC = _topic("ERC-2026-POC")
CLUSTER_TOPIC = _topic("HORIZON-CL5-2027-02-D2-05")


@pytest.mark.parametrize(
    "request_text",
    [
        "We are an SME consortium recycling solid-state batteries.",
        "Wir sind ein KMU und recyceln Festkörperbatterien.",
        "Jesteśmy MŚP, a instytut naukowy z Krakowa jest naszym partnerem.",
    ],
)
def test_researcher_schemes_are_demoted_for_project_requests(request_text: str) -> None:
    assert scheme_fit(MSCA_PF, request_text) == RESEARCHER_SCHEME_FACTOR
    assert scheme_fit(ERC_POC, request_text) == RESEARCHER_SCHEME_FACTOR
    assert scheme_fit(CLUSTER_TOPIC, request_text) == 1.0


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
    assert scheme_fit(MSCA_PF, request_text) == 1.0
    assert scheme_fit(ERC_POC, request_text) == 1.0


def test_investeu_product_forms_follow_the_product_name() -> None:
    guarantees = _topic("investeu_sme_window_guarantees", INVESTEU, "InvestEU SME guarantees")
    equity = _topic("investeu_equity", INVESTEU, "InvestEU equity for growth companies")
    assert product_forms(guarantees) == {"loan", "guarantee"}
    assert product_forms(equity) == {"equity"}
    assert product_forms(CLUSTER_TOPIC) == frozenset()
