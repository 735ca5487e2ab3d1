"""Instrument fit rules on request facts (no embedder): each instrument wins the request it is for,
hard eligibility (size classes, alone or in a consortium) fails where it should, and the routing
decisions (routed instruments, mismatch, the guard's real need, the cluster scope) follow."""

from __future__ import annotations

import numpy as np
import pytest

from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, INVESTEU, Opportunity, Profile, ReasonCode
from fundmatch.retrieval.instrument_fit import HARD_FACTOR, instrument_fit
from fundmatch.retrieval.instruments import default_catalogue
from fundmatch.retrieval.request_reader import CALIBRATIONS, RequestFacts, clauses, facts_from
from fundmatch.retrieval.routing import UNSUPPORTED_MARGINS, Routing


def facts(
    forms: tuple[str, ...] = (),
    applicants: tuple[str, ...] = (),
    purpose: str | None = None,
    amount: float | None = None,
    trl: int | None = None,
    collaboration: str | None = None,
    private: bool = False,
) -> RequestFacts:
    return RequestFacts(
        forms=frozenset(forms),
        explicit_forms=frozenset(forms),
        applicants=frozenset(applicants),
        purposes={purpose: 1.0} if purpose else {},
        private_need=private,
        private_doubt=private,
        amount_eur=amount,
        trl=trl,
        collaboration=collaboration,
    )


# One typical request per instrument: what it would say (form, applicant, purpose, amount, TRL,
# alone or in a consortium). The semantic part is held equal, so the rules alone must pick it.
TYPICAL = {
    "he-ria": facts(("grant",), ("university",), "research", 6e6, 3, "consortium"),
    "he-ia": facts(("grant",), ("large",), "demonstration", 12e6, 7, "consortium"),
    "he-csa": facts(("grant",), ("ngo",), "coordination", 2e6, None, "consortium"),
    "msca-dn": facts(("grant",), ("university",), "researcher_training", 3e6, None, "consortium"),
    "msca-pf": facts(("grant",), ("researcher",), "researcher_mobility", 2e5, None, "alone"),
    "msca-se": facts(("grant",), ("university",), "researcher_mobility", 1e6, None, "consortium"),
    "msca-cofund": facts(("grant",), ("public",), "researcher_training", 5e6, None, "alone"),
    "eic-pathfinder-open": facts(("grant",), ("research",), "breakthrough_research", 3e6, 2, "consortium"),
    "eic-pathfinder-challenges": facts(("grant",), ("research",), "breakthrough_research", 2e6, 2, "alone"),
    "eic-transition": facts(("grant",), ("research",), "technology_validation", 2e6, 4, "alone"),
    "eic-accelerator": facts(("grant", "equity"), ("startup",), "market_launch", 2.5e6, 6, "alone"),
    "eic-step-scaleup": facts(("equity",), ("scaleup",), "company_growth", 20e6, 9, "alone"),
    "erc-frontier": facts(("grant",), ("researcher",), "frontier_research", 2e6, 1, "alone"),
    "if-large-scale": facts((), ("large",), "decarbonisation_plant", 150e6, 8),
    "if-medium-scale": facts((), ("large",), "decarbonisation_plant", 60e6, 8),
    "if-small-scale": facts((), ("sme",), "decarbonisation_plant", 4e6, 8),
    "if-pilot": facts((), ("startup",), "decarbonisation_pilot", 15e6, 6),
    "if-clean-tech-manufacturing": facts((), ("midcap",), "clean_tech_manufacturing", 40e6, 8),
    "if-hydrogen-bank": facts(("premium",), ("large",), "hydrogen_production", 80e6, 9),
    "if-heat-auction": facts(("premium",), ("large",), "process_heat", 10e6, 9, "alone"),
    "if-pda": facts(("advisory",), ("sme",), "project_preparation", 8e6),
    "investeu-sme-guarantee": facts(
        ("loan", "guarantee"), ("sme",), "business_investment", 8e5, None, "alone"
    ),
    "investeu-microfinance-social": facts(
        ("loan",), ("self_employed",), "microenterprise", 3e4, None, "alone"
    ),
    "investeu-rid": facts(("loan",), ("midcap",), "innovation_investment", 20e6, 7, "alone"),
    "investeu-venture-debt": facts(("loan",), ("scaleup",), "company_growth", 15e6, 9, "alone"),
    "investeu-equity": facts(("equity",), ("startup",), "company_growth", 4e6, None, "alone"),
    "investeu-sustainable-infrastructure": facts(("loan",), ("public",), "infrastructure", 25e6, 9),
    "investeu-social-investment-skills": facts(
        ("loan",), ("public",), "social_infrastructure", 10e6, None, "alone"
    ),
    "investeu-advisory-hub": facts(("advisory",), ("public",), "project_preparation"),
    "investeu-portal": facts(("visibility",), ("sme",), "investor_visibility", 2e6),
    "smp-euroclusters": facts(("grant",), ("cluster",), "cluster_cooperation", 2e6, None, "consortium"),
    "smp-tourism": facts(("grant",), ("cluster",), "tourism", 1e6, None, "consortium"),
    "smp-agrifood-biotech": facts(("grant",), ("cluster",), "agrifood_biotech", 1e6, None, "consortium"),
    "i3-strand1": facts(("grant",), ("public",), "interregional_innovation", 5e6, 7, "consortium"),
    "i3-capacity-2b": facts(("grant",), ("public",), "regional_capacity", 1e6, None, "consortium"),
}


def _scores(request: RequestFacts) -> dict[str, float]:
    return {i.id: instrument_fit(i, request, 0.5).score for i in default_catalogue().instruments}


def test_every_instrument_has_a_typical_request_or_shares_one() -> None:
    # Strand 2a is strand 1 for less developed regions: the same facts, told apart by meaning.
    assert set(default_catalogue().by_id) - set(TYPICAL) == {"i3-strand2a"}


@pytest.mark.parametrize("instrument_id", sorted(TYPICAL))
def test_each_instrument_wins_its_typical_request(instrument_id: str) -> None:
    scores = _scores(TYPICAL[instrument_id])
    best = max(scores.values())
    assert scores[instrument_id] == best, sorted(scores.items(), key=lambda kv: -kv[1])[:3]


@pytest.mark.parametrize(
    ("instrument_id", "request_facts", "failure"),
    [
        ("if-large-scale", facts(purpose="decarbonisation_plant", amount=40e6), "size"),
        ("if-small-scale", facts(purpose="decarbonisation_plant", amount=150e6), "size"),
        ("if-clean-tech-manufacturing", facts(purpose="clean_tech_manufacturing", amount=1e6), "size"),
        ("eic-step-scaleup", facts(("equity",), amount=4e6), "size"),
        (
            "eic-pathfinder-open",
            facts(("grant",), purpose="breakthrough_research", collaboration="alone"),
            "collaboration",
        ),
        (
            "eic-accelerator",
            facts(("grant",), purpose="market_launch", collaboration="consortium"),
            "collaboration",
        ),
        ("msca-dn", facts(("grant",), purpose="researcher_training", collaboration="alone"), "collaboration"),
    ],
)
def test_hard_eligibility_fails(instrument_id: str, request_facts: RequestFacts, failure: str) -> None:
    instrument = default_catalogue().by_id[instrument_id]
    fit = instrument_fit(instrument, request_facts, 1.0)
    assert fit.hard_failures == (failure,)
    assert fit.score <= HARD_FACTOR


def test_a_soft_size_range_fits_near_amounts_half() -> None:
    guarantee = default_catalogue().by_id["investeu-sme-guarantee"]
    inside = instrument_fit(guarantee, facts(amount=5e5), 0.5).parts["size"]
    near = instrument_fit(guarantee, facts(amount=12e6), 0.5).parts["size"]
    far = instrument_fit(guarantee, facts(amount=80e6), 0.5).parts["size"]
    assert (inside, near, far) == (1.0, 0.5, 0.0)


def test_a_request_that_names_no_form_leans_to_grants() -> None:
    scores = _scores(facts(purpose="business_investment"))
    assert instrument_fit(default_catalogue().by_id["he-ria"], facts(), 0.5).parts["form"] == 0.5
    assert instrument_fit(default_catalogue().by_id["investeu-equity"], facts(), 0.5).parts["form"] < 0.5
    assert scores["investeu-sme-guarantee"] == max(scores.values()), "the purpose still decides"


def _routing(request: RequestFacts, opportunities: list[Opportunity]) -> Routing:
    catalogue = default_catalogue()
    fits = {i.id: instrument_fit(i, request, 0.5) for i in catalogue.instruments}
    members = {o.id: catalogue.instruments_of(o) for o in opportunities if catalogue.instruments_of(o)}
    pages = {
        o.id: o.programme
        for o in opportunities
        if o.id not in members and o.programme in catalogue.programmes()
    }
    topic_led = frozenset(i.id for i in catalogue.instruments if i.members.action_types)
    return Routing(
        request, fits, members, pages, topic_led, catalogue, UNSUPPORTED_MARGINS["multilingual-e5-small"]
    )


def _opportunity(ident: str, programme: str, type_of_action: str | None = None) -> Opportunity:
    return Opportunity(
        id=ident, programme=programme, kind="call topic", title="t", source="s", type_of_action=type_of_action
    )


RIA = _opportunity("HORIZON-CL5-2026-D2-01-01", HORIZON_EUROPE, "RIA")
GUARANTEES = _opportunity("investeu_sme_window_guarantees", INVESTEU)
INVESTEU_OVERVIEW = _opportunity("investeu_programme_overview", INVESTEU)
IF_SSP = _opportunity("INNOVFUND-2025-NZT-GENERAL-SSP", INNOVATION_FUND)
EUROCLUSTERS = _opportunity("SMP-COSME-2024-CLUSTER-01", "Single Market Programme")
LIFE = _opportunity("LIFE-2026-SAP-ENV", "Programme for the Environment and Climate Action", "RIA")
ALL = [RIA, GUARANTEES, INVESTEU_OVERVIEW, IF_SSP, EUROCLUSTERS, LIFE]


def test_a_loan_request_routes_to_investeu_and_demotes_grant_calls() -> None:
    routing = _routing(TYPICAL["investeu-sme-guarantee"], ALL)
    assert "investeu-sme-guarantee" in routing.routed()
    assert GUARANTEES.id in routing.routed_opportunities()
    assert routing.route_bonus(GUARANTEES.id) == 1.0
    assert routing.mismatch(RIA) == ReasonCode(
        "mismatch_instrument", (("instrument", "InvestEU SME guarantees"),)
    )
    assert routing.mismatch(GUARANTEES) is None and routing.mismatch(LIFE) is None, (
        "outside the catalogue: neutral"
    )
    assert routing.opportunity_fit(LIFE.id) is None
    page = routing.opportunity_fit(INVESTEU_OVERVIEW.id)
    assert page is not None and page < routing.opportunity_fit(GUARANTEES.id)
    assert routing.real_need()
    code = routing.fit_code(GUARANTEES.id)
    assert code is not None and dict(code.params) == {
        "instrument": "investeu-sme-guarantee", "form": "guarantee", "applicant": "sme", "amount_eur": 8e5,
    }  # fmt: skip


def test_a_research_consortium_stays_with_topic_led_grants() -> None:
    routing = _routing(TYPICAL["he-ria"], ALL)
    assert routing.routed() == frozenset()
    assert routing.mismatch(RIA) is None and routing.route_bonus(RIA.id) == 0.0
    assert not routing.real_need() and not routing.facts.is_cluster


def test_a_private_need_is_no_real_need() -> None:
    assert not _routing(facts(("loan",), private=True), ALL).real_need()


def test_a_cluster_organisation_widens_the_scope_to_cluster_programmes() -> None:
    routing = _routing(TYPICAL["smp-euroclusters"], ALL)
    assert routing.facts.is_cluster
    assert routing.cluster_opportunities() == {EUROCLUSTERS.id}
    assert "smp-euroclusters" in routing.routed()
    company = facts(("grant",), ("sme",), "cluster_cooperation", collaboration="consortium")
    assert not company.is_cluster, "a company's consortium is not a cluster"


def test_blended_finance_is_a_grant_request() -> None:
    assert not TYPICAL["eic-accelerator"].wants_finance
    assert TYPICAL["investeu-venture-debt"].wants_finance


def test_the_fit_is_a_number_per_request_and_opportunity() -> None:
    routing = _routing(TYPICAL["if-small-scale"], ALL)
    values = [routing.opportunity_fit(o.id) for o in ALL]
    assert all(v is None or 0.0 <= v <= 1.0 for v in values)
    assert routing.instrument_of(IF_SSP.id).id == "if-small-scale"
    assert np.argmax([v or 0.0 for v in values]) == ALL.index(IF_SSP)


def test_a_weakly_read_form_is_a_real_need_only_for_an_organisation() -> None:
    weak = RequestFacts(forms=frozenset({"loan"}), purposes={"business_investment": 1.0})
    assert not _routing(weak, ALL).real_need(), "no organisation, no form the profile named"
    company = RequestFacts(
        forms=frozenset({"loan"}), applicants=frozenset({"sme"}), purposes={"business_investment": 1.0}
    )
    assert _routing(company, ALL).real_need()


def _sims(form: dict[str, float], need: tuple[float, float] = (0.80, 0.85)) -> dict[str, dict[str, float]]:
    return {
        "form": form,
        "applicant": {"sme": 0.85, "public": 0.80},
        "purpose": {"business_investment": 0.86, "research": 0.80},
        "need": {"private": need[0], "business": need[1]},
    }


def test_facts_combine_the_profile_with_the_prototype_readings() -> None:
    e5 = CALIBRATIONS["multilingual-e5-small"]
    loan = facts_from(_sims({"loan": 0.90, "guarantee": 0.89}), Profile(finance_form="loan"), e5)
    assert loan.forms == {"loan"} and loan.explicit_forms == {"loan"} and loan.applicants == {"sme"}
    assert loan.purposes == {"business_investment": 1.0}, "research is outside the purpose window"
    premium = facts_from(_sims({"premium": 0.92, "grant": 0.89}), Profile(finance_form="grant"), e5)
    assert premium.forms == {"premium"}, "a clear premium is what the profile's 'support' means"
    blended = facts_from(_sims({"equity": 0.92, "grant": 0.90}), Profile(finance_form="grant"), e5)
    assert blended.forms == {"grant", "equity"} and not blended.wants_finance
    prose = facts_from(_sims({"equity": 0.95}), Profile(finance_form="equity", consortium="consortium"), e5)
    assert prose.forms == frozenset(), "a consortium's investors are prose"
    private = facts_from(_sims({"loan": 0.9}, need=(0.90, 0.85)), Profile(finance_form="loan"), e5)
    assert private.private_need and private.private_doubt
    unsure = facts_from(_sims({"loan": 0.9}, need=(0.86, 0.85)), Profile(finance_form="loan"), e5)
    assert unsure.private_doubt and not unsure.private_need


def test_an_uncalibrated_model_reads_only_the_profile() -> None:
    facts = facts_from(_sims({"premium": 0.99, "grant": 0.5}, need=(0.99, 0.1)), Profile(trl=4))
    assert facts.forms == frozenset() and facts.applicants == frozenset() and not facts.private_need
    assert facts.trl == 4 and facts.purposes


def test_clauses_split_sentences_and_commas() -> None:
    text = "We are a 35-person SME in Ireland. We need a bank loan of EUR 800,000, with an EU guarantee."
    assert clauses(text) == [
        "We are a 35-person SME in Ireland.",
        "We need a bank loan of EUR 800,000",
        "with an EU guarantee.",
    ]
