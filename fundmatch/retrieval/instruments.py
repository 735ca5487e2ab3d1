"""The instrument catalogue: the kinds of EU money (a Horizon Europe collaborative grant, an InvestEU
SME guarantee, a Hydrogen Bank premium, ...), read and checked from ``data/instruments.toml``.

Each instrument says what it gives (finance forms), to whom, alone or in a consortium, for which
size and stage, how one applies, who it is for in plain words, and which opportunities of the index
belong to it. ``load_catalogue`` fails on the first bad entry with one line naming the file, the
entry and the field; ``Catalogue.instruments_of`` tells which instruments an opportunity belongs to.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

from fundmatch.core.errors import CatalogueError
from fundmatch.core.models import Opportunity

CATALOGUE_PATH = Path(__file__).parent / "data" / "instruments.toml"

FORMS = ("grant", "loan", "guarantee", "equity", "advisory", "visibility", "premium")
APPLICANT_TYPES = (
    "sme",
    "startup",
    "scaleup",
    "midcap",
    "large",
    "university",
    "research",
    "researcher",
    "public",
    "cooperative",
    "social_enterprise",
    "ngo",
    "cluster",
    "self_employed",
    "fund_manager",
)
COLLABORATION = ("alone", "consortium", "either")
MEASURES = ("grant", "capex", "loan", "equity", "investment", "none")
PHASES = (
    "research",
    "proof_of_concept",
    "development",
    "demonstration",
    "first_of_a_kind",
    "deployment",
    "growth",
    "operations",
    "preparation",
    "training",
    "coordination",
)
PURPOSES = (
    "research",
    "innovation",
    "demonstration",
    "coordination",
    "researcher_training",
    "researcher_mobility",
    "frontier_research",
    "breakthrough_research",
    "technology_validation",
    "market_launch",
    "company_growth",
    "decarbonisation_plant",
    "decarbonisation_pilot",
    "clean_tech_manufacturing",
    "hydrogen_production",
    "process_heat",
    "project_preparation",
    "business_investment",
    "microenterprise",
    "social_impact",
    "social_infrastructure",
    "innovation_investment",
    "infrastructure",
    "investor_visibility",
    "cluster_cooperation",
    "sme_support",
    "tourism",
    "agrifood_biotech",
    "interregional_innovation",
    "regional_capacity",
)
APPLY_ROUTES = ("portal", "intermediary", "auction", "direct", "request", "listing")
_FIELDS = {
    "id",
    "programme",
    "name",
    "summary",
    "forms",
    "applicants",
    "collaboration",
    "size",
    "stage",
    "purposes",
    "apply",
    "members",
    "sources",
    "who_for",
}
_MEMBER_FIELDS = {"ids", "fact_sheets", "call_patterns", "action_types", "member_programmes"}


@dataclass(frozen=True)
class SizeRange:
    """The amounts an instrument serves and what they measure; ``hard``: outside is not eligible."""

    min_eur: float | None = None
    max_eur: float | None = None
    measures: str = "none"
    hard: bool = False


@dataclass(frozen=True)
class Stage:
    """The technology readiness range and the phases of a project an instrument serves."""

    trl_min: int | None = None
    trl_max: int | None = None
    phases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Members:
    """Which opportunities of the index belong to an instrument.

    ``ids`` and ``fact_sheets`` name opportunities exactly, ``call_patterns`` are globs on the
    opportunity or call id, ``action_types`` match the type of action of opportunities of
    ``member_programmes`` (the instrument's programme when empty). An exact name wins over a
    pattern, a pattern over a type of action.
    """

    ids: tuple[str, ...] = ()
    fact_sheets: tuple[str, ...] = ()
    call_patterns: tuple[str, ...] = ()
    action_types: tuple[str, ...] = ()
    member_programmes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    """One kind of EU money, as the catalogue describes it."""

    id: str
    programme: str
    name: str
    summary: str
    forms: tuple[str, ...]
    applicants: tuple[str, ...]
    collaboration: str
    size: SizeRange
    stage: Stage
    purposes: tuple[str, ...]
    apply: str
    members: Members
    sources: tuple[str, ...]
    who_for: str


class _Entry:
    """Reads the fields of one catalogue entry, raising CatalogueError that names where it failed."""

    def __init__(self, path: Path, row: Mapping[str, Any], number: int) -> None:
        self.path, self.row = path, row
        self.name = str(row.get("id") or f"entry {number}")

    def fail(self, field: str, problem: str) -> CatalogueError:
        return CatalogueError(f"{self.path.name}: instrument {self.name}: field '{field}' {problem}")

    def text(self, field: str, row: Mapping[str, Any] | None = None) -> str:
        value = (self.row if row is None else row).get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a non-empty string")
        return " ".join(value.split())

    def words(
        self, field: str, allowed: Iterable[str] | None = None, row: Mapping[str, Any] | None = None
    ) -> tuple[str, ...]:
        value = (self.row if row is None else row).get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(field, "must be a list of strings")
        if allowed is not None:
            allowed = tuple(allowed)
            unknown = [v for v in value if v not in allowed]
            if unknown:
                raise self.fail(field, f"has unknown value '{unknown[0]}'; valid: {', '.join(allowed)}")
        return tuple(value)

    def choice(self, field: str, allowed: tuple[str, ...], row: Mapping[str, Any] | None = None) -> str:
        value = self.text(field, row)
        if value not in allowed:
            raise self.fail(field, f"is '{value}'; valid: {', '.join(allowed)}")
        return value

    def table(self, field: str, keys: set[str]) -> Mapping[str, Any]:
        value = self.row.get(field, {})
        if not isinstance(value, dict):
            raise self.fail(field, "must be a table")
        unknown = sorted(set(value) - keys)
        if unknown:
            raise self.fail(f"{field}.{unknown[0]}", f"is unknown; valid: {', '.join(sorted(keys))}")
        return value

    def number(self, table: Mapping[str, Any], field: str, name: str) -> float | None:
        value = table.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(f"{name}.{field}", "must be a non-negative number")
        return float(value)

    def size(self) -> SizeRange:
        table = self.table("size", {"min_eur", "max_eur", "measures", "hard"})
        low, high = self.number(table, "min_eur", "size"), self.number(table, "max_eur", "size")
        if low is not None and high is not None and low > high:
            raise self.fail("size", f"has min_eur {low:,.0f} above max_eur {high:,.0f}")
        measures = self.choice("measures", MEASURES, table) if "measures" in table else "none"
        hard = table.get("hard", False)
        if not isinstance(hard, bool):
            raise self.fail("size.hard", "must be true or false")
        if hard and low is None and high is None:
            raise self.fail("size.hard", "needs min_eur or max_eur")
        return SizeRange(low, high, measures, hard)

    def stage(self) -> Stage:
        table = self.table("stage", {"trl_min", "trl_max", "phases"})
        trls = []
        for field in ("trl_min", "trl_max"):
            value = table.get(field)
            if value is not None and (isinstance(value, bool) or value not in range(1, 10)):
                raise self.fail(f"stage.{field}", "must be a whole number from 1 to 9")
            trls.append(value)
        if trls[0] is not None and trls[1] is not None and trls[0] > trls[1]:
            raise self.fail("stage", f"has trl_min {trls[0]} above trl_max {trls[1]}")
        return Stage(trls[0], trls[1], self.words("phases", PHASES, table))

    def members(self) -> Members:
        table = self.table("members", _MEMBER_FIELDS)
        members = Members(**{field: self.words(field, row=table) for field in sorted(_MEMBER_FIELDS)})
        if not (members.ids or members.fact_sheets or members.call_patterns or members.action_types):
            raise self.fail(
                "members", "names no opportunity (ids, fact_sheets, call_patterns or action_types)"
            )
        return members

    def instrument(self) -> Instrument:
        unknown = sorted(set(self.row) - _FIELDS)
        if unknown:
            raise self.fail(unknown[0], "is unknown")
        forms = self.words("forms", FORMS)
        if not forms:
            raise self.fail("forms", "is empty")
        applicants = self.words("applicants", APPLICANT_TYPES)
        if not applicants:
            raise self.fail("applicants", "is empty")
        sources = self.words("sources")
        if not sources or not all(s.startswith("https://") for s in sources):
            raise self.fail("sources", "must list at least one https:// address")
        return Instrument(
            id=self.text("id"),
            programme=self.text("programme"),
            name=self.text("name"),
            summary=self.text("summary"),
            forms=forms,
            applicants=applicants,
            collaboration=self.choice("collaboration", COLLABORATION),
            size=self.size(),
            stage=self.stage(),
            purposes=self.words("purposes", PURPOSES),
            apply=self.choice("apply", APPLY_ROUTES),
            members=self.members(),
            sources=sources,
            who_for=self.text("who_for"),
        )


class Catalogue:
    """The instruments, by id, and which of them each opportunity belongs to."""

    def __init__(self, instruments: Iterable[Instrument]) -> None:
        self.instruments = tuple(instruments)
        self.by_id = {instrument.id: instrument for instrument in self.instruments}

    def instruments_of(self, opportunity: Opportunity) -> tuple[str, ...]:
        """The ids of the instruments ``opportunity`` belongs to, most specific rule first; empty
        when none names it (other programmes, programme overviews)."""
        ident, call = opportunity.id, opportunity.call_id or ""
        exact = tuple(
            i.id for i in self.instruments if ident in i.members.ids or ident in i.members.fact_sheets
        )
        if exact:
            return exact
        upper = (ident.upper(), call.upper())
        patterned = tuple(
            i.id
            for i in self.instruments
            if any(fnmatchcase(text, p.upper()) for p in i.members.call_patterns for text in upper if text)
        )
        if patterned:
            return patterned[:1]
        action = (opportunity.type_of_action or "").upper()
        return tuple(
            i.id
            for i in self.instruments
            if action in {a.upper() for a in i.members.action_types}
            and opportunity.programme in (i.members.member_programmes or (i.programme,))
        )[:1]

    def programmes(self) -> frozenset[str]:
        """The programmes that have instruments in the catalogue."""
        return frozenset(i.programme for i in self.instruments)


def parse_catalogue(text: str, path: Path) -> Catalogue:
    """The catalogue in ``text`` (TOML, read from ``path``); CatalogueError on the first bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path.name}: not valid TOML ({exc})") from None
    rows = data.get("instrument")
    if not isinstance(rows, list) or not rows:
        raise CatalogueError(f"{path.name}: no [[instrument]] entries")
    instruments, seen = [], set()
    for number, row in enumerate(rows, start=1):
        instrument = _Entry(path, row, number).instrument()
        if instrument.id in seen:
            raise CatalogueError(f"{path.name}: instrument {instrument.id}: field 'id' is used twice")
        seen.add(instrument.id)
        instruments.append(instrument)
    return Catalogue(instruments)


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read and check the catalogue file; CatalogueError names the file, entry and field at fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    return parse_catalogue(text, path)


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the package, read once."""
    return load_catalogue()
