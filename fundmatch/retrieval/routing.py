"""Routing by finance form and project size: which programme fits before which topic fits.

InvestEU products are reached through banks and funds, so a request for a loan, a guarantee or
equity is routed to the InvestEU product serving that form. A capital-intensive first-of-a-kind
plant (CAPEX above the Innovation Fund minimum) is routed towards the Innovation Fund.
Opportunities of the wrong kind for the request (a grant call for a loan request, a research call
for a commercial decarbonisation plant, MSCA or ERC for a project that does not ask for researchers)
are ranked lower, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fundmatch.core.families import call_family
from fundmatch.core.models import INNOVATION_FUND, INVESTEU, Opportunity, Profile, ReasonCode
from fundmatch.retrieval.eligibility import IF_MIN_CAPEX

# An instrument of the wrong kind for the request keeps this share of its score.
MISMATCH_FACTOR = 0.25
_RESEARCHER_SCHEMES = ("MSCA", "ERC")

# Which finance forms an InvestEU product serves, from words in its id and title.
_PRODUCT_FORMS: tuple[tuple[str, frozenset[str]], ...] = (
    (r"guarantee", frozenset({"loan", "guarantee"})),
    (r"venture[ _-]debt", frozenset({"loan", "equity"})),
    (r"equity", frozenset({"equity"})),
    (r"research|innovation|digitisation", frozenset({"loan", "equity"})),
    (r"social|microfinanc", frozenset({"loan", "guarantee"})),
    (r"infrastructure", frozenset({"loan"})),
    (r"access|obtain|how[ _-]smes", frozenset({"loan", "guarantee", "equity"})),
)
_CAPEX_WORDS = re.compile(
    r"capex|capital (?:cost|expenditure)|first-of-a-kind|commercial[- ]scale|industrial[- ]scale|"
    r"(?:demonstration|production|manufacturing) plant|\bplant\b|factory|gigafactory|"
    r"investitionskosten|anlage|fabrik|werk\b|usine|installation industrielle|impianto|stabilimento|"
    r"planta|fábrica|zakład\w*|instalacj\w*|fabryk\w*",
    re.IGNORECASE,
)
_DECARBONISATION_WORDS = re.compile(
    r"decarboni[sz]\w*|net[- ]zero|low[- ]carbon|emission\w*|carbon capture|\bccs\b|\bccu\b|hydrogen|"
    r"renewable\w*|energy storage|dekarbon\w*|klimaneutral\w*|emissionen|wasserstoff|décarbon\w*|"
    r"hydrogène|decarbonizza\w*|idrogeno|descarboniza\w*|hidrógeno|wodór|wodoru|emisj\w*|"
    r"cement|steel|stahl|acier|acciaio|acero|stal\w*|ciment|cemento",
    re.IGNORECASE,
)

# What a request for a researcher scheme says, in the six languages.
_RESEARCHER_WORDS = re.compile(
    r"fellow\w*|post-?doc\w*|doctora\w*|ph\.?d\b|researchers?\b|mobility|secondment|staff exchange|"
    r"frontier research|principal investigator|marie[- ]curie|\bmsca\b|\berc\b|"
    r"stipendi\w*|doktorand\w*|forscher\w*|nachwuchs\w*|mobilität|pionierforschung|"
    r"bourse\w*|postdoctor\w*|doctorant\w*|doctorat|chercheu\w*|mobilité|"
    r"borsa di studio|borse di studio|post-?dottora\w*|dottora\w*|ricercat\w*|mobilità|"
    r"becas?\b|posdoctora\w*|doctorado|investigador\w*|movilidad|"
    r"stypendi\w*|postdok\w*|doktoran\w*|doktorat\w*|naukowc\w*|badacz\w*|mobilnoś\w*",
    re.IGNORECASE,
)


def product_forms(opportunity: Opportunity) -> frozenset[str]:
    """The finance forms (loan, guarantee, equity) an InvestEU product serves; empty for others."""
    if opportunity.programme != INVESTEU:
        return frozenset()
    text = f"{opportunity.id} {opportunity.title}"
    for pattern, forms in _PRODUCT_FORMS:
        if re.search(pattern, text, re.IGNORECASE):
            return forms
    return frozenset()


def wants_finance(profile: Profile) -> bool:
    """True when the applicant asks for a loan, a guarantee or equity rather than a grant.

    A consortium applies for grants (banks and funds finance single companies), so in a consortium's
    description words like "guarantee" or "investors" are read as prose, not as a finance request.
    """
    return profile.finance_form in {"loan", "guarantee", "equity"} and profile.consortium != "consortium"


def looks_like_capex_project(text: str, profile: Profile) -> bool:
    """A decarbonisation plant whose stated size is above the Innovation Fund minimum."""
    big_enough = profile.amount_eur is not None and profile.amount_eur > IF_MIN_CAPEX
    return big_enough and bool(_CAPEX_WORDS.search(text)) and bool(_DECARBONISATION_WORDS.search(text))


@dataclass(frozen=True)
class Request:
    """What a request asks for, read once per query rather than once per candidate."""

    profile: Profile
    wants_finance: bool
    capex_plant: bool
    asks_for_researchers: bool


def read_request(text: str, profile: Profile) -> Request:
    """The routing facts of a request: finance form, a large decarbonisation plant, researcher words."""
    return Request(
        profile=profile,
        wants_finance=wants_finance(profile),
        capex_plant=looks_like_capex_project(text, profile),
        asks_for_researchers=bool(_RESEARCHER_WORDS.search(text)),
    )


def routed_programmes(request: Request) -> frozenset[str]:
    """The programmes whose every opportunity is a candidate, found by text or not: InvestEU for a
    loan, guarantee or equity request, the Innovation Fund for a large decarbonisation plant."""
    programmes = set()
    if request.wants_finance:
        programmes.add(INVESTEU)
    if request.capex_plant:
        programmes.add(INNOVATION_FUND)
    return frozenset(programmes)


def routing_prior(opportunity: Opportunity, request: Request) -> float:
    """A bonus in [0, 1] for the programme that fits the request's form and size, else 0."""
    if request.wants_finance:
        forms = product_forms(opportunity)
        if request.profile.finance_form in forms:
            return 1.0
        return 0.5 if opportunity.programme == INVESTEU else 0.0
    if opportunity.programme == INNOVATION_FUND and request.capex_plant:
        return 1.0
    return 0.0


def is_researcher_scheme(opportunity: Opportunity) -> bool:
    """True for MSCA and ERC actions, which fund researchers rather than projects."""
    return (call_family(opportunity.id) or "").startswith(_RESEARCHER_SCHEMES)


def route_mismatch(opportunity: Opportunity, request: Request) -> ReasonCode | None:
    """Why an opportunity is the wrong kind of instrument for the request (phrased by
    fundmatch/retrieval/why_text.py), or None when it is not.

    A loan, guarantee or equity request is served by InvestEU, not by grant calls; a
    decarbonisation plant above the Innovation Fund minimum by the Innovation Fund (or InvestEU);
    MSCA and ERC fund researchers, unless the request speaks of researchers, fellowships,
    doctoral training or frontier research. Such an opportunity keeps ``MISMATCH_FACTOR`` of its score.
    """
    if request.wants_finance:
        if opportunity.programme == INVESTEU:
            return None
        return ReasonCode("mismatch_finance", (("form", str(request.profile.finance_form)),))
    if request.capex_plant and opportunity.programme not in {INNOVATION_FUND, INVESTEU}:
        return ReasonCode("mismatch_capex")
    if is_researcher_scheme(opportunity) and not request.asks_for_researchers:
        return ReasonCode("mismatch_researcher")
    return None


def route_code(opportunity: Opportunity, request: Request) -> ReasonCode:
    """How to reach the opportunity: an intermediary for InvestEU, the portal for calls."""
    if opportunity.programme != INVESTEU:
        return ReasonCode("route_portal")
    if request.wants_finance:
        return ReasonCode("route_investeu", (("form", str(request.profile.finance_form)),))
    return ReasonCode("route_investeu_any")
