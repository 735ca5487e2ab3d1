"""The country lexicon and the eligibility lists, read from data: CLDR names, typed stems, policy."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from importlib.resources import files

import pytest

from fundmatch.lang.countries import (
    StemRow,
    build_lexicon,
    cldr_names,
    country_policy,
    find_countries,
    is_horizon_country,
    parse_policy,
    parse_stems,
)


def test_plain_country_names_come_from_cldr_in_the_six_languages() -> None:
    assert cldr_names("DE") == ["Germany", "Deutschland", "Allemagne", "Germania", "Alemania", "Niemcy"]
    for text, code in [
        ("Nous sommes une PME installée en Tchéquie.", "CZ"),
        ("Somos una empresa de Chequia y de Bélgica.", "CZ"),
        ("Wir sind ein Start-up aus Österreich.", "AT"),
        ("Nasza firma działa na Wyspy Owcze", "FO"),
        ("Una PMI delle Isole Fær Øer", "FO"),
    ]:
        assert find_countries(text)[0][1] == code, text


def test_a_cldr_name_that_is_an_ordinary_word_is_skipped_or_narrowed() -> None:
    assert find_countries("Island communities depend on ferries.") == []
    assert find_countries("We sell dania (dishes) from Dania.") == [(28, "DK")]
    assert find_countries("Malta mortar and malta beer") == [(0, "MT")]


def test_a_typed_stem_the_same_as_a_cldr_name_keeps_its_case_and_exactness() -> None:
    countries = [StemRow("MT", "Malta", "exact"), StemRow("IS", "Island", "skip")]
    stems, exact = build_lexicon(countries, [], frozenset({"MT", "IS"}))
    assert "malta" not in stems["MT"] and "Malta" in stems["MT"] and "Malta" in exact
    assert "island" not in stems["IS"] and "iceland" in stems["IS"]


def test_stem_files_are_checked() -> None:
    header = "country\tstem\tmatch\n"
    assert parse_stems(header + "# a comment\nAT\twien\texact\n", "t.tsv") == [StemRow("AT", "wien", "exact")]
    with pytest.raises(ValueError, match="first line that is not a comment"):
        parse_stems("AT\twien\texact\n", "t.tsv")
    with pytest.raises(ValueError, match="row 2"):
        parse_stems(header + "AUT\twien\texact\n", "t.tsv")
    with pytest.raises(ValueError, match="listed twice"):
        parse_stems(header + "AT\twien\texact\nAT\twien\texact\n", "t.tsv")
    with pytest.raises(ValueError, match="row 2"):
        parse_stems(header + "AT\twien\tskip\n", "places.tsv")
    with pytest.raises(ValueError, match="both exact and prefix: wien"):
        build_lexicon([StemRow("AT", "wien", "exact")], [StemRow("AT", "wien", "prefix")], frozenset())


def _policy() -> dict:
    return tomllib.loads(files("fundmatch.lang").joinpath("country_policy.toml").read_text(encoding="utf-8"))


def test_each_eligibility_list_names_its_source_and_date() -> None:
    policy = country_policy()
    assert len(policy.eu_member_states.codes) == 27 and "GB" not in policy.eu_member_states.codes
    assert policy.eea_countries.codes == policy.eu_member_states.codes | {"IS", "LI", "NO"}
    assert "Treaty on European Union" in policy.eu_member_states.source
    assert policy.horizon_associated_countries.as_of == date(2026, 11, 23)
    assert is_horizon_country("UK") and is_horizon_country("ch") and not is_horizon_country("US")


def test_a_list_without_a_source_or_with_a_bad_code_is_refused() -> None:
    data = _policy()
    del data["widening_countries"]["source"]
    with pytest.raises(ValueError, match=r"\[widening_countries\] needs a source"):
        parse_policy(data)
    data = _policy()
    data["eea_countries"]["codes"] = ["IS", "LI", "NO"]
    with pytest.raises(ValueError, match="every EU Member State is in the EEA"):
        parse_policy(data)
    data = _policy()
    data["eu_member_states"]["codes"].append("Germany")
    with pytest.raises(ValueError, match="ISO alpha-2"):
        parse_policy(data)


def test_nothing_is_read_on_import() -> None:
    code = (
        "import fundmatch.retrieval.eligibility, fundmatch.retrieval.profile\n"
        "from fundmatch.lang import countries\n"
        "print(countries.country_policy.cache_info().currsize, countries._lexicon.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "0"]
