"""What a result card shows, for a call and for a financial product, in two languages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fundmatch.app.ui.cards import card_view
from fundmatch.core.models import KIND_ADVISORY, KIND_PROGRAMME_INFO, Passage, Profile, ReasonCode
from fundmatch.retrieval.eligibility import assess_eligibility
from tests.chat_fakes import PASSAGES, FakeEngine

TODAY = date(2026, 8, 20)


def test_a_call_card_shows_deadline_budget_action_verdict_and_evidence() -> None:
    rec = FakeEngine().recommend("heat pumps", None, None, 10)[0]
    view = card_view(rec, 1, "de", TODAY)
    assert dict(view.facts) == {
        "Status": "offen",
        "Frist": "15. September 2026 (noch 26 Tage)",
        "Maßnahmentyp": "HORIZON-RIA",
        "Budget pro Projekt": "EUR 3 Millionen – EUR 5 Millionen",
    }
    assert view.verdict == "zu prüfen"
    assert view.evidence[0][1] == "horizon_europe/topics.jsonl, Expected Outcome"
    assert view.similar[0].startswith(
        "HEATUP – High-temperature heat pumps for dairies (HORIZON-CL5-2022-D3-01-05"
    )
    assert view.route is None


def test_a_financial_product_card_shows_the_route_not_a_deadline() -> None:
    rec = FakeEngine().recommend("loans", Profile(finance_form="loan"), None, 10)[0]
    view = card_view(rec, 1, "en", TODAY, PASSAGES[rec.id])
    labels = [label for label, _ in view.facts]
    assert labels == ["Status", "Financial product"]
    assert dict(view.facts)["Financial product"] == "Guarantee (debt)"
    assert view.route is not None and "participating bank or financial intermediary" in view.route


def test_a_card_gives_the_eligibility_reasons_in_the_user_language() -> None:
    rec = FakeEngine().recommend("heat pumps", None, None, 10)[0]
    profile = Profile(country="PL", consortium="consortium", partners=4, countries=3)
    rec = replace(rec, eligibility=assess_eligibility(rec.opportunity, profile))
    view = card_view(rec, 1, "pl", TODAY)
    assert view.verdict == "kwalifikuje się"
    assert view.reasons[0] == (
        "PL jest państwem członkowskim UE lub krajem stowarzyszonym z programem Horyzont Europa."
    )
    assert "liczba partnerów (4) i krajów (3)" in view.reasons[1]
    assert card_view(rec, 1, "en", TODAY).reasons[0] == (
        "PL is an EU Member State or Horizon Europe associated country."
    )


def test_a_card_explains_the_match_in_the_user_language() -> None:
    rec = FakeEngine().recommend("heat pumps", None, None, 10)[0]
    codes = (ReasonCode("text_match"), ReasonCode("mismatch_researcher"))
    rec = replace(rec, why_codes=codes)
    assert card_view(rec, 1, "de", TODAY).why.startswith("Der Text der Ausschreibung passt")
    assert "MSCA und ERC fördern Forschende" in card_view(rec, 1, "de", TODAY).why
    assert card_view(replace(rec, why_codes=()), 1, "de", TODAY).why == ""


def test_a_programme_information_card_says_what_it_is_instead_of_missing_call_facts() -> None:
    rec = FakeEngine().recommend("loans", Profile(finance_form="loan"), None, 10)[0]
    info = replace(rec.opportunity, kind=KIND_PROGRAMME_INFO, type_of_action=None, status="unknown")
    view = card_view(replace(rec, opportunity=info, status="unknown"), 1, "de", TODAY)
    assert view.facts == (("Art", "Programminformation, keine Ausschreibung"),)
    advisory = replace(rec.opportunity, kind=KIND_ADVISORY, type_of_action=None)
    view = card_view(replace(rec, opportunity=advisory, status="open"), 1, "en", TODAY)
    assert view.facts == (("Status", "open"), ("What it is", "advisory service, not a call"))


def test_the_access_route_is_quoted_without_markdown_emphasis_or_code_marks() -> None:
    rec = FakeEngine().recommend("loans", Profile(finance_form="loan"), None, 10)[0]
    sheet = Passage(
        id="route",
        text="**Intermediaries**: apply to a participating bank (see `investeu_sme.md`).",
        source="investeu/investeu_sme.md",
        opportunity_id=rec.id,
    )
    view = card_view(rec, 1, "en", TODAY, [sheet])
    assert view.route is not None
    assert "*" not in view.route and "`" not in view.route
    assert view.route.startswith("Intermediaries: apply to a participating bank")
