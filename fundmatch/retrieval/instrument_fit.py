"""How well each instrument of the catalogue fits a request: hard eligibility, soft fit and meaning.

``instrument_fit`` scores one instrument for ``RequestFacts`` in [0, 1]:

- hard eligibility: an amount outside a size range the instrument makes a rule of (an Innovation
  Fund class by capital cost, EIC STEP's EUR 10-30 million ticket), or applying alone to an
  instrument that needs a consortium (and the reverse), multiplies the fit by ``HARD_FACTOR``;
- soft fit: the finance form, the applicant type, what the money is for (the purposes read from
  the request), the amount and the TRL, each 1 (fits), 0 (does not) or neutral when the request
  does not say, weighted by ``WEIGHTS``;
- meaning: how close the request reads to the instrument's "who it is for" sentences, relative to
  the closest instrument, or with the trained heads the instrument head's probability relative to
  the likeliest instrument's (``semantic``, 0-1, computed by the caller).

Each part is also kept as a reason (``FitReason``) so that cards and the chat can say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fundmatch.retrieval.instruments import Instrument
from fundmatch.retrieval.request_reader import RequestFacts

WEIGHTS: Mapping[str, float] = {
    "form": 3.0,
    "purpose": 4.0,
    "semantic": 2.0,
    "applicant": 2.0,
    "size": 1.0,
    "stage": 1.0,
    "collaboration": 2.0,
}
# With the trained heads the meaning part is the instrument head's reading (routing.py), which
# weighs this much instead (chosen on the tuning cases: 2 -> 4 moved instrument@1 0.841 -> 0.876).
HEAD_SEMANTIC_WEIGHT = 4.0
HARD_FACTOR = 0.3
NEUTRAL = 0.5
# When the request names no form, an instrument that gives no grant is less likely what it wants.
UNNAMED_FORM_NON_GRANT = 0.25
# A form the instrument gives, but not its main one (equity from the EIC Accelerator), fits this much.
SECONDARY_FORM = 0.6
# A TRL one step outside the range still fits a quarter.
TRL_STEP = 0.75
# How far a request's amount may stray outside a soft size range and still half fit (factor).
SIZE_TOLERANCE = 2.0


# A company that names no partners: how much an instrument for single applicants fits it.
LONE_COMPANY = 0.7
_COMPANIES = frozenset({"sme", "startup", "scaleup", "midcap", "large"})


@dataclass(frozen=True)
class Fit:
    """One instrument's fit for one request, with the parts it was made of."""

    instrument_id: str
    score: float
    parts: Mapping[str, float]
    hard_failures: tuple[str, ...] = ()

    def fits(self, part: str) -> bool:
        """True when the request said something about ``part`` and it fits."""
        return self.parts.get(part, 0.0) >= 1.0


def form_fit(instrument: Instrument, facts: RequestFacts) -> float:
    """The share of the forms asked for that the instrument gives (a grant and equity: the EIC
    Accelerator gives both, a grant call half), lowered to ``SECONDARY_FORM`` when the
    instrument's main form (the first it lists) is not among them; neutral when none was asked
    for (lower for instruments that give no grant)."""
    if not facts.forms:
        return NEUTRAL if "grant" in instrument.forms else UNNAMED_FORM_NON_GRANT
    share = len(facts.forms & set(instrument.forms)) / len(facts.forms)
    return share if instrument.forms[0] in facts.forms else min(share, SECONDARY_FORM)


def applicant_fit(instrument: Instrument, facts: RequestFacts) -> float:
    """1 when an applicant type read is one the instrument serves, 0 when none is, else neutral."""
    if not facts.applicants:
        return NEUTRAL
    return 1.0 if facts.applicants & set(instrument.applicants) else 0.0


def purpose_fit(instrument: Instrument, facts: RequestFacts) -> float:
    """How close the instrument's purposes are to the best-reading purpose of the request (0-1)."""
    return max((facts.purposes.get(p, 0.0) for p in instrument.purposes), default=0.0)


def size_fit(instrument: Instrument, facts: RequestFacts) -> tuple[float, bool]:
    """(fit, hard failure) of the request's amount against the instrument's size range."""
    size, amount = instrument.size, facts.amount_eur
    if amount is None or (size.min_eur is None and size.max_eur is None):
        return NEUTRAL, False
    low, high = size.min_eur or 0.0, size.max_eur or float("inf")
    if low <= amount <= high:
        return 1.0, False
    if size.hard:
        return 0.0, True
    near = low / SIZE_TOLERANCE <= amount <= high * SIZE_TOLERANCE
    return (0.5 if near else 0.0), False


def stage_fit(instrument: Instrument, facts: RequestFacts) -> float:
    """The request's TRL against the instrument's range: 1 inside, half a step outside, else 0."""
    low, high = instrument.stage.trl_min, instrument.stage.trl_max
    if facts.trl is None or (low is None and high is None):
        return NEUTRAL
    low, high = low or 1, high or 9
    distance = max(low - facts.trl, facts.trl - high, 0)
    return max(0.0, 1.0 - TRL_STEP * distance) if distance <= 1 else 0.0


def collaboration_fit(instrument: Instrument, facts: RequestFacts) -> tuple[float, bool]:
    """(fit, hard failure): applying alone where a consortium is required, or the reverse, fails.
    A company that names no partners leans to instruments it can apply to alone."""
    wanted, offered = facts.collaboration, instrument.collaboration
    if wanted is None:
        if facts.applicants and facts.applicants <= _COMPANIES and offered != "either":
            return (LONE_COMPANY if offered == "alone" else 1.0 - LONE_COMPANY), False
        return NEUTRAL, False
    if offered == "either" or offered == wanted:
        return 1.0, False
    return 0.0, True


def instrument_fit(instrument: Instrument, facts: RequestFacts, semantic: float) -> Fit:
    """The fit of ``instrument`` for ``facts``; ``semantic`` is the who-it-is-for closeness (0-1)."""
    size, size_failed = size_fit(instrument, facts)
    collaboration, collaboration_failed = collaboration_fit(instrument, facts)
    parts = {
        "form": form_fit(instrument, facts),
        "purpose": purpose_fit(instrument, facts),
        "semantic": semantic,
        "applicant": applicant_fit(instrument, facts),
        "size": size,
        "stage": stage_fit(instrument, facts),
        "collaboration": collaboration,
    }
    weights = dict(WEIGHTS)
    if facts.instruments:
        weights["semantic"] = HEAD_SEMANTIC_WEIGHT
    score = sum(weights[name] * value for name, value in parts.items()) / sum(weights.values())
    failures = tuple(
        name for name, failed in (("size", size_failed), ("collaboration", collaboration_failed)) if failed
    )
    if failures:
        score *= HARD_FACTOR
    return Fit(instrument.id, round(score, 4), parts, failures)
