"""Instrument routing: which kind of money fits a request before which topic fits.

``InstrumentRouter.route`` reads the request (``request_reader``), scores every instrument of the
catalogue (``instrument_fit``) and gives each opportunity its instrument's fit
(``Routing.opportunity_fit``, a clean per-request, per-opportunity value in [0, 1]). Instruments are
of two kinds:

- topic-led (Horizon Europe RIA, IA, CSA): many calls, chosen by topic; the fit only says whether
  the kind of grant suits the request at all;
- instrument-led (EIC, MSCA, ERC, Innovation Fund, InvestEU, cluster programmes): one scheme open to
  any topic, so the fit decides. The ones that fit clearly better than the best topic-led
  instrument are *routed*: their opportunities join the candidates, found by text or not, with a
  bonus (``route_bonus``).

An opportunity whose fit is far below (``MISMATCH_RATIO``) the best routed instrument's, or the
best topic-led one's when none is routed, is the wrong kind of instrument for the request and keeps
``MISMATCH_FACTOR`` of its score, with the reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from fundmatch.core.models import CORE_PROGRAMMES, INVESTEU, Opportunity, Profile, ReasonCode
from fundmatch.embeddings.base import Embedder
from fundmatch.retrieval.instrument_fit import Fit, instrument_fit
from fundmatch.retrieval.instruments import Catalogue, Instrument, default_catalogue
from fundmatch.retrieval.request_reader import RequestFacts, RequestReader, embedded_texts, facts_from

# An opportunity of the wrong kind for the request keeps this share of its score.
MISMATCH_FACTOR = 0.25
# ... when its fit is below this share of the best instrument's.
MISMATCH_RATIO = 0.6
# An instrument-led instrument is routed when it beats the best topic-led one by this much and is
# within ROUTE_WINDOW of the best fit; its bonus falls linearly across the window.
ROUTE_MARGIN = 0.03
ROUTE_WINDOW = 0.1
# ... and a fact of the request (form, applicant, size, stage, alone or in a consortium) fits it
# and not the best topic-led instrument; without such a fact, by meaning alone, it must beat the
# topic-led instruments by this margin, calibrated per embedding model (another model never routes
# by meaning alone).
UNSUPPORTED_MARGINS: dict[str, float] = {"multilingual-e5-small": 0.1}
_FACT_PARTS = ("form", "applicant", "size", "stage", "collaboration")
# Who-it-is-for similarities within this distance of the closest instrument's count, falling to 0.
SEMANTIC_WINDOW = 0.05
# A page about a whole programme (overview, rules) takes this share of its best instrument's fit.
PROGRAMME_PAGE_SHARE = 0.85
# A request that asks for money in a form other than a grant, read with this fit, is a real
# instrument need: the relevance guard does not block it.
NEED_FIT = 0.5
# With trained heads: a request the need head reads as an organisation's with this probability,
# which an instrument fits with NEED_FIT, is a real instrument need.
ORGANISATION_NEED = 0.85
CLUSTER_PROGRAMMES = ("Single Market Programme", "Interregional Innovation Investments Instrument")


@dataclass(frozen=True)
class Routing:
    """The routing of one request: its facts, every instrument's fit and what follows from them."""

    facts: RequestFacts
    fits: Mapping[str, Fit]
    members: Mapping[str, tuple[str, ...]]
    page_programme: Mapping[str, str]
    topic_led: frozenset[str]
    catalogue: Catalogue
    unsupported_margin: float = float("inf")

    @cached_property
    def best(self) -> float:
        """The best instrument's fit."""
        return max((f.score for f in self.fits.values()), default=0.0)

    @cached_property
    def best_topic_led(self) -> float:
        """The best topic-led instrument's fit."""
        return max((self.fits[i].score for i in self.topic_led if i in self.fits), default=0.0)

    @cached_property
    def routed_ids(self) -> frozenset[str]:
        """The instrument-led instruments that fit clearly better than the topic-led ones."""
        floor = max(self.best_topic_led + ROUTE_MARGIN, self.best - ROUTE_WINDOW)
        topic = max(
            (self.fits[i] for i in self.topic_led if i in self.fits), key=lambda f: f.score, default=None
        )

        def supported(fit: Fit) -> bool:
            if topic is None or fit.score >= self.best_topic_led + self.unsupported_margin:
                return True
            return any(fit.parts[p] >= 1.0 > topic.parts[p] for p in _FACT_PARTS)

        return frozenset(
            i for i, f in self.fits.items() if i not in self.topic_led and f.score >= floor and supported(f)
        )

    def routed(self) -> frozenset[str]:
        """The routed instruments' ids (see ``routed_ids``)."""
        return self.routed_ids

    def instrument_of(self, opportunity_id: str) -> Instrument | None:
        """The best-fitting instrument ``opportunity_id`` belongs to, None for a programme page or
        an opportunity outside the catalogue."""
        ids = [i for i in self.members.get(opportunity_id, ()) if i in self.fits]
        if not ids:
            return None
        return self.catalogue.by_id[max(ids, key=lambda i: self.fits[i].score)]

    def opportunity_fit(self, opportunity_id: str) -> float | None:
        """The fit of the opportunity's instrument (a programme page: a share of the programme's best
        instrument's); None when it belongs to no programme of the catalogue."""
        instrument = self.instrument_of(opportunity_id)
        if instrument is not None:
            return self.fits[instrument.id].score
        programme = self.page_programme.get(opportunity_id)
        if programme is None:
            return None
        best = max(
            (f.score for i, f in self.fits.items() if self.catalogue.by_id[i].programme == programme),
            default=0.0,
        )
        return round(PROGRAMME_PAGE_SHARE * best, 4)

    def route_bonus(self, opportunity_id: str) -> float:
        """0-1: how strongly the opportunity's routed instrument is preferred (1 = the best fit)."""
        instrument = self.instrument_of(opportunity_id)
        if instrument is None or instrument.id not in self.routed():
            return 0.0
        return max(0.0, 1.0 - (self.best - self.fits[instrument.id].score) / ROUTE_WINDOW)

    def mismatch(self, opportunity: Opportunity) -> ReasonCode | None:
        """Why the opportunity is the wrong kind of instrument for the request, or None."""
        fit = self.opportunity_fit(opportunity.id)
        reference = self.routed() or (self.topic_led & set(self.fits))
        if fit is None or not reference:
            return None
        instrument = self.instrument_of(opportunity.id)
        if not self.routed() and instrument is not None and instrument.id in self.topic_led:
            return None  # which kind of Horizon grant (RIA, IA, CSA) fits is the topic ranking's to say
        best = self.catalogue.by_id[max(reference, key=lambda i: self.fits[i].score)]
        if fit >= MISMATCH_RATIO * self.fits[best.id].score:
            return None
        return ReasonCode("mismatch_instrument", (("instrument", best.name),))

    @cached_property
    def routed_programmes(self) -> frozenset[str]:
        """The programmes of the routed instruments."""
        return frozenset(self.catalogue.by_id[i].programme for i in self.routed())

    @cached_property
    def _routed_members(self) -> frozenset[str]:
        routed = self.routed()
        members = {o for o, ids in self.members.items() if routed.intersection(ids)}
        pages = {o for o, programme in self.page_programme.items() if programme in self.routed_programmes}
        return frozenset(members | pages)

    def routed_opportunities(self) -> frozenset[str]:
        """The opportunities of the routed instruments and the pages of their programmes
        (candidates whether found by text or not); computed once per request."""
        return self._routed_members

    def cluster_opportunities(self) -> set[str]:
        """The opportunities of the cluster instruments."""
        cluster = {i for i in self.fits if self.catalogue.by_id[i].programme in CLUSTER_PROGRAMMES}
        return {o for o, ids in self.members.items() if cluster.intersection(ids)}

    def real_need(self) -> bool:
        """A request an instrument fits (``NEED_FIT``) that the need head reads as an organisation's
        need (``ORGANISATION_NEED``); without heads, a request for money in a form other than a
        grant, named by the profile or read clearly, or read at all from an organisation (a company,
        a public body, a cooperative, ...), which an instrument fits, unless it reads closer to a
        private need than to an organisation's (``facts.private_doubt``). Never blocked by the
        relevance guard."""
        facts = self.facts
        if facts.organisation_need is not None:
            return facts.organisation_need >= ORGANISATION_NEED and self.best >= NEED_FIT
        asked = (facts.explicit_forms if not facts.applicants else facts.forms) - {"grant"}
        return (
            bool(asked)
            and not facts.private_doubt
            and any(
                f.score >= NEED_FIT and asked & set(self.catalogue.by_id[i].forms)
                for i, f in self.fits.items()
            )
        )

    def fit_code(self, opportunity_id: str) -> ReasonCode | None:
        """The reason naming the opportunity's instrument and why it fits, when it is routed."""
        instrument = self.instrument_of(opportunity_id)
        if instrument is None or instrument.id not in self.routed():
            return None
        fit = self.fits[instrument.id]
        params: list[tuple[str, str | float]] = [("instrument", instrument.id)]
        if fit.fits("form") and self.facts.forms:
            params.append(("form", sorted(self.facts.forms & set(instrument.forms))[0]))
        if fit.fits("applicant"):
            params.append(("applicant", sorted(self.facts.applicants & set(instrument.applicants))[0]))
        if fit.fits("size") and self.facts.amount_eur:
            params.append(("amount_eur", self.facts.amount_eur))
        if fit.fits("stage") and self.facts.trl:
            params.append(("trl", self.facts.trl))
        return ReasonCode("fits_instrument", tuple(params))


class InstrumentRouter:
    """Holds the catalogue, the request reader and the who-it-is-for vectors; ``route`` answers one
    request."""

    def __init__(
        self,
        embedder: Embedder,
        opportunities: Iterable[Opportunity],
        catalogue: Catalogue | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.catalogue = catalogue or default_catalogue()
        self._reader = RequestReader(embedder, cache_dir=cache_dir)
        self._who_for = embedded_texts(embedder, [i.who_for for i in self.catalogue.instruments], cache_dir)
        programmes = self.catalogue.programmes()
        self._members: dict[str, tuple[str, ...]] = {}
        self._pages: dict[str, str] = {}
        for opportunity in opportunities:
            ids = self.catalogue.instruments_of(opportunity)
            if ids:
                self._members[opportunity.id] = ids
            elif opportunity.programme in programmes:
                self._pages[opportunity.id] = opportunity.programme
        self._topic_led = frozenset(i.id for i in self.catalogue.instruments if i.members.action_types)
        self._present = frozenset(i for ids in self._members.values() for i in ids)
        self._model = embedder.name

    def route(
        self, text: str, query_vector: np.ndarray, profile: Profile, programmes: Collection[str] = ()
    ) -> Routing:
        """Read the request and score every instrument in scope for it (see ``route_facts``)."""
        facts = self._reader.read(text, query_vector, profile)
        return self.route_facts(facts, query_vector, programmes)

    def route_facts(
        self, facts: RequestFacts, query_vector: np.ndarray, programmes: Collection[str] = ()
    ) -> Routing:
        """Score the instruments for facts already read (``query_vector`` for the meaning part).

        Only instruments with opportunities in the index count, and only those of ``programmes``
        (empty: every programme); the cluster programmes join the core ones for a cluster request.
        """
        scope = set(programmes)
        if scope and tuple(programmes) == CORE_PROGRAMMES and facts.is_cluster:
            scope.update(CLUSTER_PROGRAMMES)
        similarities = self._who_for @ query_vector
        rows = [
            (instrument, float(similarity))
            for instrument, similarity in zip(self.catalogue.instruments, similarities, strict=True)
            if (instrument.id in self._present or instrument.id in self._topic_led)
            and (not scope or instrument.programme in scope)
        ]
        closest = max((similarity for _, similarity in rows), default=0.0)
        # With the trained heads: the instrument head's reading, relative to the likeliest in scope
        # (it replaced the who-it-is-for similarity on the tuning cases, instrument@1 0.68 -> 0.82).
        likeliest = max((facts.instruments.get(i.id, 0.0) for i, _ in rows), default=0.0)
        fits = {}
        for instrument, similarity in rows:
            if likeliest > 0.0:
                semantic = facts.instruments.get(instrument.id, 0.0) / likeliest
            else:
                semantic = max(0.0, 1.0 - (closest - similarity) / SEMANTIC_WINDOW)
            fits[instrument.id] = instrument_fit(instrument, facts, semantic)
        members = {o: ids for o, ids in self._members.items() if set(ids) & set(fits)}
        return Routing(
            facts,
            fits,
            members,
            self._pages,
            self._topic_led,
            self.catalogue,
            UNSUPPORTED_MARGINS.get(self._model, float("inf")),
        )


def neutral_routing(profile: Profile) -> Routing:
    """The routing of a request that cannot be read (a keyword-only answer has no query vector):
    the profile's facts, no instrument scored, so nothing is routed, demoted or exempt."""
    return Routing(facts_from({}, profile), {}, {}, {}, frozenset(), default_catalogue())


def route_code(opportunity: Opportunity, routing: Routing) -> ReasonCode:
    """How to reach the opportunity: an intermediary for InvestEU, an auction, the portal for calls."""
    instrument = routing.instrument_of(opportunity.id)
    if instrument is not None and instrument.apply == "auction":
        return ReasonCode("route_auction")
    if instrument is not None and instrument.apply in {"request", "listing"}:
        return ReasonCode(f"route_{instrument.apply}")
    if opportunity.programme != INVESTEU:
        return ReasonCode("route_portal")
    asked = sorted(routing.facts.forms & {"loan", "guarantee", "equity"})
    if asked:
        return ReasonCode("route_investeu", (("form", asked[0]),))
    return ReasonCode("route_investeu_any")
