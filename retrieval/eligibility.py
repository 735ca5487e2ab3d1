"""Eligibility and fit: a verdict (eligible / check / not eligible) with the reason for each finding.

Each rule looks at one condition of one kind of opportunity and returns findings; the worst
finding decides the verdict. Where the profile does not say enough, the verdict is "check".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fundmatch.models import INNOVATION_FUND, INVESTEU, Eligibility, Opportunity, Profile, Verdict
from retrieval.countries import EEA_COUNTRIES, EU_MEMBER_STATES, is_horizon_country

# Innovation Fund size classes by total capital cost (CAPEX), EUR. Source: the fact sheet
# corpus/innovation_fund/innovation_fund_eligibility_and_award_criteria.md (project_size_classes)
# and the IF25 call sheet corpus/innovation_fund/if25_net_zero_technologies_call.md (topic table).
IF_SOURCE = "innovation_fund/innovation_fund_eligibility_and_award_criteria.md"
IF_MIN_CAPEX = 2.5e6
IF_SIZE_CLASSES: dict[str, tuple[float, float]] = {
    "small-scale": (2.5e6, 20e6),
    "medium-scale": (20e6, 100e6),
    "large-scale": (100e6, float("inf")),
}
_RESEARCH_OR_PUBLIC = {"university", "research", "public", "ngo", "cluster"}
_SEVERITY: dict[Verdict, int] = {"eligible": 0, "check": 1, "not eligible": 2}


@dataclass(frozen=True)
class Finding:
    """One rule's conclusion about one condition."""

    verdict: Verdict
    reason: str


def scheme_of(opportunity: Opportunity) -> str:
    """The funding scheme whose rules apply: horizon-ria/ia/csa, eic-accelerator, eic, innovation-fund,
    investeu or other."""
    ident = opportunity.id.upper()
    if opportunity.programme == INVESTEU:
        return "investeu"
    if opportunity.programme == INNOVATION_FUND or ident.startswith("INNOVFUND"):
        return "innovation-fund"
    if "EIC" in ident and "ACCELERATOR" in ident:
        return "eic-accelerator"
    if "-EIC-" in ident or ident.startswith("EIC"):
        return "eic"
    action = f"{opportunity.type_of_action or ''} {ident}"
    if re.search(r"coordination and support|\bCSA\b|-CSA-", action, re.IGNORECASE):
        return "horizon-csa"
    if re.search(r"research and innovation action|\bRIA\b|-RIA-", action, re.IGNORECASE):
        return "horizon-ria"
    if re.search(r"innovation action|\bIA\b|-IA-", action, re.IGNORECASE):
        return "horizon-ia"
    return "other"


def _country(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if profile.country is None:
        return [Finding("check", "Your country is not known; say where your organisation is established.")]
    if scheme == "innovation-fund":
        if profile.country in EEA_COUNTRIES:
            return [
                Finding(
                    "eligible", f"{profile.country} is in the EEA, where Innovation Fund projects must be."
                )
            ]
        return [
            Finding(
                "not eligible",
                f"Innovation Fund projects must be located in the EEA; {profile.country} is not.",
            )
        ]
    if scheme == "investeu" or scheme == "other":
        if profile.country in EU_MEMBER_STATES:
            return [Finding("eligible", f"{profile.country} is an EU Member State.")]
        return [
            Finding(
                "check", f"{profile.country} is not an EU Member State; check the programme's country rules."
            )
        ]
    if is_horizon_country(profile.country):
        return [
            Finding(
                "eligible", f"{profile.country} is an EU Member State or Horizon Europe associated country."
            )
        ]
    verdict: Verdict = "not eligible" if scheme == "eic-accelerator" else "check"
    return [
        Finding(
            verdict,
            f"{profile.country} is neither an EU Member State nor a Horizon Europe associated country; "
            "entities there can join but are usually not funded.",
        )
    ]


def _horizon_consortium(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme == "horizon-csa":
        return [Finding("eligible", "Coordination and support actions accept a single legal entity.")]
    if scheme not in {"horizon-ria", "horizon-ia"}:
        return []
    action = "Research and innovation actions" if scheme == "horizon-ria" else "Innovation actions"
    rule = (
        f"{action} need at least 3 independent legal entities from 3 different EU Member States or "
        "associated countries (at least one in a Member State)"
    )
    if profile.consortium == "alone" or (profile.partners is not None and profile.partners < 3):
        return [Finding("not eligible", f"{rule}; you apply alone or with too few partners.")]
    if profile.countries is not None and profile.countries < 3:
        return [Finding("not eligible", f"{rule}; your consortium covers {profile.countries} countries.")]
    if profile.partners is not None and profile.countries is not None:
        return [
            Finding(
                "eligible",
                f"{rule}: your {profile.partners} partners from {profile.countries} countries meet it.",
            )
        ]
    return [Finding("check", f"{rule}; say how many partners from how many countries you have.")]


def _eic_accelerator(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme != "eic-accelerator":
        return []
    rule = (
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap"
    )
    kind = profile.organisation_type
    if profile.consortium == "consortium" or (profile.partners or 0) > 1:
        return [Finding("not eligible", f"{rule}; consortia cannot apply.")]
    if kind in _RESEARCH_OR_PUBLIC or kind == "large" or (profile.staff or 0) >= 500:
        return [Finding("not eligible", f"{rule}; a {kind or 'company of 500 or more staff'} cannot apply.")]
    if kind == "midcap" or (profile.staff is not None and 250 <= profile.staff < 500):
        return [
            Finding("check", f"{rule}: a small mid-cap (up to 499 staff) gets the investment component only.")
        ]
    if kind in {"sme", "startup"}:
        return [Finding("eligible", f"{rule}: you apply as a single {kind}.")]
    return [Finding("check", f"{rule}; say what kind of organisation you are.")]


def _investeu(opportunity: Opportunity, profile: Profile, scheme: str) -> list[Finding]:
    if scheme != "investeu":
        return []
    route = "InvestEU backs loans, guarantees and equity through banks and funds (financial intermediaries)"
    form = profile.finance_form
    if form == "grant":
        return [Finding("not eligible", f"{route}; it gives no grants, so it is not the route for a grant.")]
    if form in {"loan", "guarantee", "equity"}:
        return [
            Finding(
                "eligible",
                f"{route}: ask a bank or fund that is an InvestEU implementing partner or intermediary "
                f"for {form} financing; you do not apply to the EU directly.",
            )
        ]
    return [Finding("check", f"{route}; say whether you need a loan, a guarantee or equity.")]


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
    if profile.amount_eur is None:
        return [
            Finding(
                "check",
                "Innovation Fund topics are sized by capital cost (CAPEX); give your project's CAPEX.",
            )
        ]
    amount = profile.amount_eur
    if amount <= IF_MIN_CAPEX:
        return [
            Finding(
                "not eligible",
                f"Innovation Fund projects need a capital cost above EUR 2.5 million (source: {IF_SOURCE}); "
                f"your stated amount is EUR {amount:,.0f}.",
            )
        ]
    size = innovation_fund_size_class(opportunity)
    if size is None:
        return [
            Finding(
                "eligible", f"Your project size (EUR {amount:,.0f}) is above the EUR 2.5 million minimum."
            )
        ]
    low, high = IF_SIZE_CLASSES[size]
    bounds = f"above EUR {low / 1e6:g} million" + (
        "" if high == float("inf") else f" up to EUR {high / 1e6:g} million"
    )
    if low < amount <= high:
        return [
            Finding("eligible", f"{size.capitalize()} projects have a CAPEX {bounds} (source: {IF_SOURCE}).")
        ]
    return [
        Finding(
            "not eligible",
            f"{size.capitalize()} projects have a CAPEX {bounds} (source: {IF_SOURCE}); "
            f"yours is EUR {amount:,.0f}, so another size class fits.",
        )
    ]


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
        return [
            Finding(
                "check",
                f"The topic targets TRL {low}-{high}; at TRL {profile.trl} you may be past its scope.",
            )
        ]
    if profile.trl < low - 2:
        return [
            Finding(
                "check",
                f"The topic expects results at TRL {low}-{high}; TRL {profile.trl} is a long way off.",
            )
        ]
    return [
        Finding("eligible", f"The topic expects TRL {low}-{high}, within reach from your TRL {profile.trl}.")
    ]


_RULES: tuple[Callable[[Opportunity, Profile, str], list[Finding]], ...] = (
    _country,
    _horizon_consortium,
    _eic_accelerator,
    _investeu,
    _innovation_fund,
)


def assess_eligibility(opportunity: Opportunity, profile: Profile, topic_text: str = "") -> Eligibility:
    """The verdict for ``profile`` on ``opportunity``; ``topic_text`` adds conditions such as TRL."""
    scheme = scheme_of(opportunity)
    findings = [finding for rule in _RULES for finding in rule(opportunity, profile, scheme)]
    findings += _trl(opportunity, profile, topic_text)
    if not findings:
        return Eligibility("check", ("No specific rule applies; check the conditions in the topic text.",))
    worst = max(findings, key=lambda f: _SEVERITY[f.verdict]).verdict
    ordered = sorted(findings, key=lambda f: -_SEVERITY[f.verdict])
    return Eligibility(worst, tuple(f.reason for f in ordered))
