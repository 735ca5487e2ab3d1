"""Eligibility reasons and "why it matches" reasons phrased in the user's language.

The search layer gives each reason a key and the values it needs (``ReasonCode``: country codes,
partner counts, TRL range, CAPEX bounds, the call family and funded projects that voted); this
module, at the edge, turns them into sentences through the message catalogues. Values are written
by name: ``*_million_eur`` as a number of millions and other ``*_eur`` as a whole amount, both with
the language's separators; ``*_date`` and ``*_dates`` (ISO dates) as the language writes dates;
``scheme``, ``size``, ``kind`` and ``form`` as words (``fundmatch.chat.terms``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from fundmatch.chat.terms import word
from fundmatch.core.models import Eligibility, ReasonCode, ReasonValue
from fundmatch.lang.i18n import N_, Nn_, day, n, number, supported, t

# Values named here are counted: the sentence takes the plural form for the value (as ``{n}``).
_COUNTED = {"consortium_too_few_countries": "countries"}
_WORD_KINDS = {"scheme": "scheme", "size": "size", "kind": "organisation", "form": "financing"}

ELIGIBILITY_MESSAGES: dict[str, str | tuple[str, str]] = {
    "widening_country": N_("Widening actions are for organisations in Widening countries; {country} is one."),
    "widening_not_country": N_(
        "Widening actions are for organisations in Widening countries; {country} is not one."
    ),
    "country_unknown": N_("Your country is not known; say where your organisation is established."),
    "country_in_eea": N_("{country} is in the EEA, where Innovation Fund projects must be."),
    "country_outside_eea": N_("Innovation Fund projects must be located in the EEA; {country} is not."),
    "country_in_eu": N_("{country} is an EU Member State."),
    "country_outside_eu": N_("{country} is not an EU Member State; check the programme's country rules."),
    "country_horizon": N_("{country} is an EU Member State or Horizon Europe associated country."),
    "country_outside_horizon": N_(
        "{country} is neither an EU Member State nor a Horizon Europe associated country; entities there can join but are usually not funded."
    ),
    "csa_single_entity": N_("Coordination and support actions accept a single legal entity."),
    "consortium_too_few": N_(
        "{scheme} need at least 3 independent legal entities from 3 different EU Member States or associated countries (at least one in a Member State); you apply alone or with too few partners."
    ),
    "consortium_too_few_countries": Nn_(
        "{scheme} need at least 3 independent legal entities from 3 different EU Member States or "
        "associated countries (at least one in a Member State); your consortium covers {n} country.",
        "{scheme} need at least 3 independent legal entities from 3 different EU Member States or "
        "associated countries (at least one in a Member State); your consortium covers {n} countries.",
    ),
    "consortium_met": N_(
        "{scheme} need at least 3 independent legal entities from 3 different EU Member States or associated countries (at least one in a Member State): your {partners} partners from {countries} countries meet it."
    ),
    "consortium_unknown": N_(
        "{scheme} need at least 3 independent legal entities from 3 different EU Member States or associated countries (at least one in a Member State); say how many partners from how many countries you have."
    ),
    "eic_consortium": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap; consortia cannot apply."
    ),
    "eic_excluded_kind": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap; your kind of organisation ({kind}) cannot apply."
    ),
    "eic_excluded_staff": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap; a company of 500 or more staff cannot apply."
    ),
    "eic_midcap": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap: a small mid-cap (up to 499 staff) gets the investment component only."
    ),
    "eic_single": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap: you apply as a single {kind}."
    ),
    "eic_kind_unknown": N_(
        "The EIC Accelerator funds a single SME (start-ups included) or, for investment only, a small mid-cap; say what kind of organisation you are."
    ),
    "investeu_no_grants": N_(
        "InvestEU backs loans, guarantees and equity through banks and funds (financial intermediaries); it gives no grants, so it is not the route for a grant."
    ),
    "investeu_route": N_(
        "InvestEU backs loans, guarantees and equity through banks and funds (financial intermediaries): ask a bank or fund that is an InvestEU implementing partner or intermediary for {form} financing; you do not apply to the EU directly."
    ),
    "investeu_form_unknown": N_(
        "InvestEU backs loans, guarantees and equity through banks and funds (financial intermediaries); say whether you need a loan, a guarantee or equity."
    ),
    "if_capex_unknown": N_(
        "Innovation Fund topics are sized by capital cost (CAPEX); give your project's CAPEX."
    ),
    "if_below_minimum": N_(
        "Innovation Fund projects need a capital cost above EUR {min_million_eur} million (source: {source}); your stated amount is EUR {amount_eur}."
    ),
    "if_above_minimum": N_(
        "Your project size (EUR {amount_eur}) is above the EUR {min_million_eur} million minimum."
    ),
    "if_class_fits": N_(
        "{size} have a CAPEX above EUR {low_million_eur} million up to EUR {high_million_eur} million (source: {source})."
    ),
    "if_class_fits_uncapped": N_(
        "{size} have a CAPEX above EUR {low_million_eur} million (source: {source})."
    ),
    "if_class_misfit": N_(
        "{size} have a CAPEX above EUR {low_million_eur} million up to EUR {high_million_eur} million (source: {source}); yours is EUR {amount_eur}, so another size class fits."
    ),
    "if_class_misfit_uncapped": N_(
        "{size} have a CAPEX above EUR {low_million_eur} million (source: {source}); yours is EUR {amount_eur}, so another size class fits."
    ),
    "trl_past_scope": N_(
        "The topic targets TRL {trl_low}-{trl_high}; at TRL {trl} you may be past its scope."
    ),
    "trl_far_off": N_("The topic expects results at TRL {trl_low}-{trl_high}; TRL {trl} is a long way off."),
    "trl_within_reach": N_("The topic expects TRL {trl_low}-{trl_high}, within reach from your TRL {trl}."),
    "no_rule": N_("No specific rule applies; check the conditions in the topic text."),
}
WHY_MESSAGES: dict[str, str] = {
    "text_match": N_("Its text matches your description (see the passages cited)."),
    "similar_funded": N_("Projects like yours were funded under {family}: {names}."),
    "similar_funded_earlier": N_(
        "Projects like yours ({names}) were funded under {family}, which has no call open now; this call belongs to the current family most like them."
    ),
    "route_investeu": N_(
        "Route: ask your bank, promotional bank or a venture fund that works with InvestEU for {form} financing (the EU access-to-finance portal lists them); you do not apply to the EU."
    ),
    "route_investeu_any": N_(
        "Route: ask your bank, promotional bank or a venture fund that works with InvestEU for a loan, a guarantee or equity (the EU access-to-finance portal lists them); you do not apply to the EU."
    ),
    "route_portal": N_("Route: apply on the EU Funding & Tenders Portal before the deadline."),
    "mismatch_finance": N_("Ranked lower: you asked for {form} financing, and this is a grant."),
    "mismatch_capex": N_(
        "Ranked lower: a decarbonisation plant of this size is what the Innovation Fund finances; this call funds research and innovation."
    ),
    "fits_innovation_fund": N_(
        "The Innovation Fund finances commercial-scale decarbonisation plants whose capital cost is above EUR {min_million_eur} million; yours is EUR {capex_eur}."
    ),
    "no_open_call": N_(
        "No {programme} call is open now: the last one, {call}, closed on {closed_date}; earlier calls opened on {opening_dates}. The Funding & Tenders Portal announces the next one."
    ),
    "mismatch_researcher": N_(
        "Ranked lower: MSCA and ERC fund researchers (fellowships, doctoral networks, frontier research led by a principal investigator), and your description does not ask for that."
    ),
}
MESSAGES: dict[str, str | tuple[str, str]] = {**ELIGIBILITY_MESSAGES, **WHY_MESSAGES}


def display_value(name: str, value: ReasonValue, language: str) -> str:
    """One value as the sentence in ``language`` shows it."""
    if name in _WORD_KINDS and isinstance(value, str):
        return word(_WORD_KINDS[name], value, language)
    if name.endswith("_date") and isinstance(value, str):
        return day(date.fromisoformat(value), language)
    if name.endswith("_dates") and isinstance(value, str):
        return ", ".join(day(date.fromisoformat(one), language) for one in value.split(", ") if one)
    if name.endswith("_million_eur") and not isinstance(value, str):
        return number(value, language, decimals=2)
    if name.endswith("_eur") and not isinstance(value, str):
        return number(round(value), language, decimals=0)
    return str(value)


@lru_cache(maxsize=4096)
def reason_text(code: ReasonCode, language: str = "en") -> str:
    """The sentence for ``code`` in ``language`` (English outside the six).

    Cached: the same few reasons recur across the candidates of a query and across queries.
    """
    language = supported(language)
    values = {name: display_value(name, value, language) for name, value in code.params}
    message = MESSAGES[code.key]
    if isinstance(message, tuple):
        count = dict(code.params)[_COUNTED[code.key]]
        return n(language, *message, int(count), **values)
    return t(language, message, **values)


def eligibility_reasons(eligibility: Eligibility, language: str) -> tuple[str, ...]:
    """The reasons of ``eligibility`` in ``language``, in the order the rules gave them."""
    return tuple(reason_text(code, language) for code in eligibility.reason_codes)


def why_text(codes: Sequence[ReasonCode], language: str = "en") -> str:
    """Why a recommendation is on the list, in ``language``: its sentences in order."""
    return " ".join(reason_text(code, language) for code in codes)
