"""The instrument catalogue: the shipped file loads, every bad entry fails with one line naming the
file, the entry and the field, and opportunities are assigned to their instruments."""

from __future__ import annotations

from pathlib import Path

import pytest

from fundmatch.core.errors import CatalogueError
from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, INVESTEU, Opportunity
from fundmatch.retrieval.instrument_text import TEXT_PATH, parse_texts
from fundmatch.retrieval.instruments import CATALOGUE_PATH, default_catalogue, load_catalogue, parse_catalogue
from fundmatch.retrieval.request_reader import load_prototypes, parse_prototypes

# The ids the evaluation cases name (evaluation/cases/instruments.jsonl): never renamed.
CASE_INSTRUMENTS = {
    "he-ria", "he-ia", "he-csa", "msca-dn", "msca-pf", "msca-se", "msca-cofund",
    "eic-pathfinder-open", "eic-pathfinder-challenges", "eic-transition", "eic-accelerator",
    "eic-step-scaleup", "if-large-scale", "if-medium-scale", "if-small-scale", "if-pilot",
    "if-clean-tech-manufacturing", "if-hydrogen-bank", "if-heat-auction", "if-pda",
    "investeu-sme-guarantee", "investeu-microfinance-social", "investeu-rid", "investeu-venture-debt",
    "investeu-equity", "investeu-sustainable-infrastructure", "investeu-social-investment-skills",
    "investeu-advisory-hub", "investeu-portal", "smp-euroclusters", "smp-tourism",
    "smp-agrifood-biotech", "i3-strand1", "i3-strand2a", "i3-capacity-2b",
}  # fmt: skip

GOOD = """
[[instrument]]
id = "x-loan"
programme = "InvestEU"
name = "A loan"
summary = "a loan through a bank"
forms = ["loan"]
applicants = ["sme"]
collaboration = "alone"
size = { min_eur = 10_000, max_eur = 1_000_000, measures = "loan" }
stage = { phases = ["operations"] }
purposes = ["business_investment"]
apply = "intermediary"
sources = ["https://example.europa.eu/loan"]
who_for = "A small business that needs a bank loan."
[instrument.members]
fact_sheets = ["x_loan_sheet"]
"""


def _opportunity(ident: str, programme: str, type_of_action: str | None = None) -> Opportunity:
    return Opportunity(
        id=ident, programme=programme, kind="call topic", title="t", source="s", type_of_action=type_of_action
    )


def test_the_shipped_catalogue_loads_with_every_case_instrument() -> None:
    catalogue = load_catalogue(CATALOGUE_PATH)
    assert set(catalogue.by_id) >= CASE_INSTRUMENTS
    assert len(catalogue.instruments) >= 35
    for instrument in catalogue.instruments:
        assert instrument.who_for and instrument.summary and instrument.sources


def test_a_good_entry_parses() -> None:
    catalogue = parse_catalogue(GOOD, Path("good.toml"))
    loan = catalogue.by_id["x-loan"]
    assert loan.forms == ("loan",) and loan.size.max_eur == 1_000_000 and loan.size.measures == "loan"
    assert catalogue.instruments_of(_opportunity("x_loan_sheet", INVESTEU)) == ("x-loan",)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('forms = ["loan"]', 'forms = ["gift"]', "instrument x-loan: field 'forms' has unknown value 'gift'"),
        ('forms = ["loan"]', "forms = []", "instrument x-loan: field 'forms' is empty"),
        ('collaboration = "alone"', 'collaboration = "solo"', "field 'collaboration' is 'solo'"),
        ("max_eur = 1_000_000", "max_eur = 1_000", "field 'size' has min_eur 10,000 above max_eur 1,000"),
        ("max_eur = 1_000_000", "max_eur = -5", "field 'size.max_eur' must be a non-negative number"),
        ('measures = "loan"', 'measures = "hours"', "field 'measures' is 'hours'"),
        ('stage = { phases = ["operations"] }', "stage = { trl_min = 12 }", "field 'stage.trl_min' must be"),
        (
            'stage = { phases = ["operations"] }',
            "stage = { trl_min = 6, trl_max = 3 }",
            "trl_min 6 above trl_max 3",
        ),
        ('apply = "intermediary"', 'apply = "email"', "field 'apply' is 'email'"),
        (
            'sources = ["https://example.europa.eu/loan"]',
            'sources = ["ftp://x"]',
            "field 'sources' must list",
        ),
        (
            'who_for = "A small business that needs a bank loan."',
            'who_for = ""',
            "field 'who_for' must be a non-empty",
        ),
        ('fact_sheets = ["x_loan_sheet"]', 'colour = ["red"]', "field 'members.colour' is unknown"),
        ('fact_sheets = ["x_loan_sheet"]', "ids = []", "field 'members' names no opportunity"),
        (
            'purposes = ["business_investment"]',
            'purposes = ["fun"]',
            "field 'purposes' has unknown value 'fun'",
        ),
        ('name = "A loan"', 'name = "A loan"\ncolour = "red"', "field 'colour' is unknown"),
    ],
)
def test_a_bad_entry_fails_with_file_entry_and_field(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(GOOD.replace(old, new), Path("instruments.toml"))
    text = str(raised.value)
    assert text.startswith("instruments.toml: ") and message in text and "\n" not in text


def test_a_duplicate_id_an_entry_without_id_and_bad_toml_fail() -> None:
    with pytest.raises(CatalogueError, match="field 'id' is used twice"):
        parse_catalogue(GOOD + GOOD, Path("c.toml"))
    with pytest.raises(CatalogueError, match=r"instrument entry 1: field .id."):
        parse_catalogue(GOOD.replace('id = "x-loan"\n', ""), Path("c.toml"))
    with pytest.raises(CatalogueError, match=r"c\.toml: not valid TOML"):
        parse_catalogue("[[instrument]\n", Path("c.toml"))
    with pytest.raises(CatalogueError, match=r"no \[\[instrument\]\] entries"):
        parse_catalogue("", Path("c.toml"))


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"missing\.toml: cannot be read"):
        load_catalogue(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("opportunity", "expected"),
    [
        (_opportunity("HORIZON-CL5-2026-D2-01-01", HORIZON_EUROPE, "RIA"), ("he-ria",)),
        (_opportunity("HORIZON-CL4-2026-TWIN-01-02", HORIZON_EUROPE, "IA"), ("he-ia",)),
        (_opportunity("HORIZON-MSCA-2026-DN-01-01", HORIZON_EUROPE, "MSCA"), ("msca-dn",)),
        (_opportunity("HORIZON-MSCA-2027-COFUND-02-01", HORIZON_EUROPE), ("msca-cofund",)),
        (_opportunity("HORIZON-EIC-2026-PATHFINDEROPEN", HORIZON_EUROPE), ("eic-pathfinder-open",)),
        (_opportunity("HORIZON-EIC-2026-ACCELERATOR-01", HORIZON_EUROPE), ("eic-accelerator",)),
        (_opportunity("eic_accelerator", HORIZON_EUROPE), ("eic-accelerator",)),
        (_opportunity("INNOVFUND-2025-NZT-GENERAL-SSP", INNOVATION_FUND), ("if-small-scale",)),
        (_opportunity("hydrogen_bank_auctions", INNOVATION_FUND), ("if-hydrogen-bank",)),
        (
            _opportunity("investeu_venture_debt_equity", INVESTEU),
            ("investeu-venture-debt", "investeu-equity"),
        ),
        (_opportunity("SMP-COSME-2026-TOURSME-01", "Single Market Programme"), ("smp-tourism",)),
        (_opportunity("I3-2026-INV2a", "Interregional Innovation Investments Instrument"), ("i3-strand2a",)),
        (_opportunity("I3-2024-INV1", "Interregional Innovation Investments Instrument"), ("i3-strand1",)),
        (_opportunity("innovation_fund_overview", INNOVATION_FUND), ()),
        (_opportunity("LIFE-2026-SAP-ENV", "Programme for the Environment and Climate Action", "RIA"), ()),
    ],
)
def test_opportunities_belong_to_their_instruments(
    opportunity: Opportunity, expected: tuple[str, ...]
) -> None:
    assert default_catalogue().instruments_of(opportunity) == expected


def test_the_request_prototypes_and_the_instrument_texts_load_and_check() -> None:
    prototypes = load_prototypes()
    assert {"form", "applicant", "purpose", "need"} <= set(prototypes)
    with pytest.raises(CatalogueError, match=r"p\.toml: dimension 'form': value 'gift' is unknown"):
        parse_prototypes('[form]\ngift = ["a present"]\n', Path("p.toml"))
    with pytest.raises(CatalogueError, match=r"dimension 'applicant' is missing"):
        parse_prototypes('[form]\nloan = ["a loan"]\n', Path("p.toml"))
    good = TEXT_PATH.read_text(encoding="utf-8")
    assert parse_texts(good, TEXT_PATH)["pl"]["form"]["premium"]
    with pytest.raises(CatalogueError, match=r"instrument_text\.toml: pl: field 'form\.premium' is missing"):
        parse_texts(good.replace('premium = "stała premia za wyprodukowaną jednostkę"\n', ""), TEXT_PATH)
