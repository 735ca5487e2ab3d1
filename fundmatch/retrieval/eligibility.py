"""Eligibility and fit: a verdict (eligible / check / not eligible) with the reason for each finding.

Each rule looks at one condition of one kind of opportunity and returns findings; the worst
finding decides the verdict. Where the profile does not say enough, the verdict is "check".
A finding's reason is a key with its values; fundmatch/chat/reasons.py phrases it in each language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from fundmatch.core.models import (
    INNOVATION_FUND,
    INVESTEU,
    Eligibility,
    Opportunity,
    Profile,
    ReasonCode,
    ReasonValue,
    Verdict,
)
from fundmatch.lang.countries import country_policy, is_horizon_country

# Innovation Fund size classes by total capital cost (CAPEX), EUR. Source: the fact sheet
# fundmatch/corpus/innovation_fund/innovation_fund_eligibility_and_award_criteria.md (project_size_classes)
# and the IF25 call sheet fundmatch/corpus/innovation_fund/if25_net_zero_technologies_call.md (topic table).
IF_SOURCE = "innovation_fund/innovation_fund_eligibility_and_award_criteria.md"
IF_MIN_CAPEX = 2.5e6
IF_SIZE_CLASSES: dict[str, tuple[float, float]] = {
    "small-scale": (2.5e6, 20e6),
    "medium-scale": (20e6, 100e6),
    "large-scale": (100e6, float("inf")),
}
_RESEARCH_OR_PUBLIC = {"university", "research", "public", "ngo", "cluster"}
_SEVERITY: dict[Verdict, int] = {"eligible": 0, "check": 1, "not eligible": 2}
_CSA = re.compile(r"coordination and support|\bCSA\b|-CSA-", re.IGNORECASE)
_RIA = re.compile(r"research and innovation action|\bRIA\b|-RIA-", re.IGNORECASE)
_IA = re.compile(r"innovation action|\bIA\b|-IA-", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One rule's conclusion about one condition."""

    verdict: Verdict
    reason: ReasonCode


def _finding(verdict: Verdict, key: str, **params: ReasonValue) -> Finding:
    return Finding(verdict, ReasonCode(key, tuple(params.items())))


def scheme_of(opportunity: Opportunity) -> str:
    """The funding scheme whose rules apply: horizon-ria/ia/csa, eic-accelerator, eic, innovation-fund,
    investeu or other."""
    return _scheme(opportunity.id, opportunity.programme, opportunity.type_of_action)


@lru_cache(maxsize=4096)
def _scheme(ident: str, programme: str, type_of_action: str | None) -> str:
    ident = ident.upper()
    if programme == INVESTEU:
        return "investeu"
    if programme == INNOVATION_FUND or ident.startswith("INNOVFUND"):
        return "innovation-fund"
    if "EIC" in ident and "ACCELERATOR" in ident:
        return "eic-accelerator"
    if "-EIC-" in ident or ident.startswith("EIC"):
        return "eic"
    action = f"{type_of_action or ''} {ident}"
    if _CSA.search(action):
        return "horizon-csa"
    if _RIA.search(action):
        return "horizon-ria"
    if _IA.search(action):
        return "horizon-ia"
    return "other"


def _country(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    country = profile.country
    if country is None:
        return [_finding("check", "country_unknown")]
    if scheme == "innovation-fund":
        if country in country_policy().eea_countries.codes:
            return [_finding("eligible", "country_in_eea", country=country)]
        return [_finding("not eligible", "country_outside_eea", country=country)]
    if scheme == "investeu" or scheme == "other":
        if country in country_policy().eu_member_states.codes:
            return [_finding("eligible", "country_in_eu", country=country)]
        return [_finding("check", "country_outside_eu", country=country)]
    if is_horizon_country(country):
        return [_finding("eligible", "country_horizon", country=country)]
    verdict: Verdict = "not eligible" if scheme == "eic-accelerator" else "check"
    return [_finding(verdict, "country_outside_horizon", country=country)]


def _horizon_consortium(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme == "horizon-csa":
        return [_finding("eligible", "csa_single_entity")]
    if scheme not in {"horizon-ria", "horizon-ia"}:
        return []
    if profile.consortium == "alone" or (profile.partners is not None and profile.partners < 3):
        return [_finding("not eligible", "consortium_too_few", scheme=scheme)]
    if profile.countries is not None and profile.countries < 3:
        return [
            _finding(
                "not eligible", "consortium_too_few_countries", scheme=scheme, countries=profile.countries
            )
        ]
    if profile.partners is not None and profile.countries is not None:
        return [
            _finding(
                "eligible",
                "consortium_met",
                scheme=scheme,
                partners=profile.partners,
                countries=profile.countries,
            )
        ]
    return [_finding("check", "consortium_unknown", scheme=scheme)]


def _eic_accelerator(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme != "eic-accelerator":
        return []
    kind = profile.organisation_type
    if profile.consortium == "consortium" or (profile.partners or 0) > 1:
        return [_finding("not eligible", "eic_consortium")]
    if kind in _RESEARCH_OR_PUBLIC or kind == "large" or (profile.staff or 0) >= 500:
        if kind:
            return [_finding("not eligible", "eic_excluded_kind", kind=kind)]
        return [_finding("not eligible", "eic_excluded_staff")]
    if kind == "midcap" or (profile.staff is not None and 250 <= profile.staff < 500):
        return [_finding("check", "eic_midcap")]
    if kind in {"sme", "startup"}:
        return [_finding("eligible", "eic_single", kind=kind)]
    return [_finding("check", "eic_kind_unknown")]


def _investeu(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme != "investeu":
        return []
    form = profile.finance_form
    if form == "grant":
        return [_finding("not eligible", "investeu_no_grants")]
    if form in {"loan", "guarantee", "equity"}:
        return [_finding("eligible", "investeu_route", form=form)]
    return [_finding("check", "investeu_form_unknown")]


def innovation_fund_size_class(opportunity: Opportunity) -> str | None:
    """small-scale / medium-scale / large-scale from the topic identifier or title, else None."""
    text = f"{opportunity.id} {opportunity.title}".upper()
    for suffix, size in (("-SSP", "small-scale"), ("-MSP", "medium-scale"), ("-LSP", "large-scale")):
        if suffix in text or size.upper() in text:
            return size
    return None


def _innovation_fund(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme != "innovation-fund":
        return []
    amount = profile.amount_eur
    if amount is None:
        return [_finding("check", "if_capex_unknown")]
    minimum = IF_MIN_CAPEX / 1e6
    if amount <= IF_MIN_CAPEX:
        return [
            _finding(
                "not eligible",
                "if_below_minimum",
                min_million_eur=minimum,
                source=IF_SOURCE,
                amount_eur=amount,
            )
        ]
    size = innovation_fund_size_class(opportunity)
    if size is None:
        return [_finding("eligible", "if_above_minimum", amount_eur=amount, min_million_eur=minimum)]
    low, high = IF_SIZE_CLASSES[size]
    bounds: dict[str, ReasonValue] = {"size": size, "low_million_eur": low / 1e6}
    uncapped = high == float("inf")
    if not uncapped:
        bounds["high_million_eur"] = high / 1e6
    if low < amount <= high:
        key = "if_class_fits_uncapped" if uncapped else "if_class_fits"
        return [_finding("eligible", key, **bounds, source=IF_SOURCE)]
    key = "if_class_misfit_uncapped" if uncapped else "if_class_misfit"
    return [_finding("not eligible", key, **bounds, source=IF_SOURCE, amount_eur=amount)]


_TOPIC_TRL = re.compile(r"TRL\s*(\d)(?:\s*(?:-|–|to|and)\s*(?:TRL\s*)?(\d))?", re.IGNORECASE)


def topic_trl_range(text: str) -> tuple[int, int] | None:
    """The TRL range a topic text expects ("expected to achieve TRL 6-7"), or None."""
    values = [(int(a), int(b or a)) for a, b in _TOPIC_TRL.findall(text)]
    if not values:
        return None
    return min(v[0] for v in values), max(v[1] for v in values)


def _trl(opportunity: Opportunity, profile: Profile, topic_text: str) -> list[Finding]:
    expected = topic_trl_range(f"{opportunity.conditions}\n{topic_text}")
    if expected is None or profile.trl is None:
        return []
    low, high = expected
    if profile.trl > high:
        key = "trl_past_scope"
    elif profile.trl < low - 2:
        key = "trl_far_off"
    else:
        return [_finding("eligible", "trl_within_reach", trl_low=low, trl_high=high, trl=profile.trl)]
    return [_finding("check", key, trl_low=low, trl_high=high, trl=profile.trl)]


def _widening(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if "WIDENING" not in f"{opportunity.id} {opportunity.title}".upper() or profile.country is None:
        return []
    if profile.country in country_policy().widening_countries.codes:
        return [_finding("eligible", "widening_country", country=profile.country)]
    return [_finding("not eligible", "widening_not_country", country=profile.country)]


_RULES: tuple[Callable[[Opportunity, Profile, str], list[Finding]], ...] = (
    _country,
    _widening,
    _horizon_consortium,
    _eic_accelerator,
    _investeu,
    _innovation_fund,
)


def assess_eligibility(opportunity: Opportunity, profile: Profile, topic_text: str = "") -> Eligibility:
    """The verdict for ``profile`` on ``opportunity``; ``topic_text`` adds conditions such as TRL.

    The reasons come as codes, worst finding first.
    """
    scheme = scheme_of(opportunity)
    findings = [finding for rule in _RULES for finding in rule(opportunity, profile, scheme)]
    findings += _trl(opportunity, profile, topic_text)
    if not findings:
        findings = [_finding("check", "no_rule")]
    worst = max(findings, key=lambda f: _SEVERITY[f.verdict]).verdict
    codes = tuple(f.reason for f in sorted(findings, key=lambda f: -_SEVERITY[f.verdict]))
    return Eligibility(worst, codes)
