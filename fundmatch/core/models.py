"""The records every part of fundmatch exchanges: opportunities, passages, projects, recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

HORIZON_EUROPE = "Horizon Europe"
INNOVATION_FUND = "Innovation Fund"
INVESTEU = "InvestEU"
EURATOM = "Euratom Research and Training Programme"
# What fundmatch recommends from unless asked for more: the portal dumps in the corpus also hold
# other programmes' calls (EuropeAid, LIFE, Digital Europe, ...), which its eligibility rules do
# not cover and which, written in the applicants' languages, attract non-English descriptions.
CORE_PROGRAMMES = (HORIZON_EUROPE, EURATOM, INNOVATION_FUND, INVESTEU)
# The programme of a call document a user uploaded that names no opportunity of the snapshot.
OWN_DOCUMENTS = "Own documents"

# Kinds of opportunity. A call topic is applied to through the portal; a financial product
# (InvestEU) is reached through a bank or fund; an auction is a competitive bidding round.
KIND_CALL_TOPIC = "call topic"
KIND_FINANCIAL_PRODUCT = "financial product"
KIND_AUCTION = "auction"
KIND_PROGRAMME_INFO = "programme information"
KIND_ADVISORY = "advisory service"

Status = Literal["open", "forthcoming", "closed", "unknown"]


@dataclass(frozen=True)
class Opportunity:
    """One recommendable thing: a call topic, a financial product, an auction, an instrument."""

    id: str
    programme: str
    kind: str
    title: str
    source: str
    call_id: str | None = None
    call_title: str | None = None
    destination: str | None = None
    type_of_action: str | None = None
    status: Status = "unknown"
    opening_date: date | None = None
    deadlines: tuple[date, ...] = ()
    deadline_model: str | None = None
    budget_min: float | None = None
    budget_max: float | None = None
    call_budget: float | None = None
    expected_grants: int | None = None
    conditions: str = ""
    url: str | None = None
    keywords: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Passage:
    """A citable piece of text, about 1,000 characters, never spanning two opportunities."""

    id: str
    text: str
    source: str
    opportunity_id: str | None = None
    document_id: str | None = None
    section: str | None = None
    page: int | None = None
    metadata: dict[str, str | int | float | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Organisation:
    """A participant of a funded project (CORDIS)."""

    name: str
    country: str | None = None
    city: str | None = None
    role: str | None = None
    sme: bool | None = None
    activity_type: str | None = None
    ec_contribution: float | None = None


@dataclass(frozen=True)
class FundedProject:
    """A funded Horizon Europe project from CORDIS, with its organisations."""

    id: str
    acronym: str
    title: str
    objective: str
    topic: str | None
    call_family: str | None
    funding_scheme: str | None = None
    keywords: str = ""
    start_date: date | None = None
    end_date: date | None = None
    total_cost: float | None = None
    ec_contribution: float | None = None
    organisations: tuple[Organisation, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class SkippedFile:
    """A file that ingestion skipped, with the one-line reason shown to the user."""

    path: str
    reason: str


@dataclass
class Profile:
    """What we know about the applicant. Every field is optional and editable."""

    organisation_type: str | None = (
        None  # sme, startup, midcap, large, university, research, public, cluster, ngo
    )
    country: str | None = None  # ISO 3166 alpha-2
    region: str | None = None
    staff: int | None = None
    trl: int | None = None
    amount_eur: float | None = None
    finance_form: str | None = None  # grant, loan, guarantee, equity
    consortium: str | None = None  # alone, consortium
    partners: int | None = None
    countries: int | None = None
    sector: str | None = None
    language: str = "en"


Verdict = Literal["eligible", "check", "not eligible"]


ReasonValue = str | int | float


@dataclass(frozen=True)
class ReasonCode:
    """One reason (for an eligibility finding, or for a recommendation) as a stable key and the
    values its sentence is built from; ``fundmatch.chat.reasons`` phrases it in each language."""

    key: str
    params: tuple[tuple[str, ReasonValue], ...] = ()


@dataclass(frozen=True)
class Eligibility:
    """An eligibility verdict and the reasons behind it, worst finding first, as codes (phrased at
    the edges: ``fundmatch.chat.reasons.eligibility_reasons``)."""

    verdict: Verdict
    reason_codes: tuple[ReasonCode, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A passage shown as the basis of a claim."""

    text: str
    source: str
    section: str | None = None
    page: int | None = None
    passage_id: str | None = None

    @classmethod
    def from_passage(cls, passage: Passage) -> Evidence:
        """The citable form of a passage."""
        return cls(
            text=passage.text,
            source=passage.source,
            section=passage.section,
            page=passage.page,
            passage_id=passage.id,
        )


@dataclass(frozen=True)
class SimilarProject:
    """A funded project close to the user's description, shown as evidence."""

    id: str
    acronym: str
    title: str
    call_family: str | None
    topic: str | None
    score: float
    coordinator_country: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """One ranked opportunity with why it matches and whether the applicant is eligible."""

    opportunity: Opportunity
    score: float
    status: Status
    eligibility: Eligibility
    evidence: tuple[Evidence, ...] = ()
    similar_projects: tuple[SimilarProject, ...] = ()
    # Why it is on the list, as codes (phrased at the edges: ``fundmatch.chat.reasons.why_text``).
    why_codes: tuple[ReasonCode, ...] = ()
    # None: ranked by the hybrid search. A share (0-1): a keyword-only match, made while the semantic
    # index was that far embedded (fundmatch/index/background.py).
    semantic_progress: float | None = None

    @property
    def id(self) -> str:
        return self.opportunity.id

    @property
    def deadline(self) -> date | None:
        """The next deadline after the status date, else the last one."""
        return self.opportunity.deadlines[-1] if self.opportunity.deadlines else None


@dataclass(frozen=True)
class Filters:
    """User-chosen restrictions on recommendations; None or empty means no restriction.

    By default: open and forthcoming opportunities of the ``CORE_PROGRAMMES``.
    """

    programmes: tuple[str, ...] = CORE_PROGRAMMES
    statuses: tuple[str, ...] = ("open", "forthcoming")
    types_of_action: tuple[str, ...] = ()
    deadline_from: date | None = None
    deadline_to: date | None = None
    budget_min: float | None = None
    budget_max: float | None = None
