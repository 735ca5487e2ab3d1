"""``fundmatch profiles``: add (from text, a description file or JSON), list, show, rename, rm,
export and import, each error one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fundmatch.app.commands.profiles import profiles
from tests.corpus_samples import make_pdf

DESCRIPTION = (
    "Wir sind ein KMU aus Bayern mit 25 Mitarbeitern und entwickeln Wärmepumpen für Molkereien (TRL 6)."
)


def _run(*args: str) -> Result:
    result = CliRunner().invoke(profiles, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _fails(*args: str) -> str:
    result = CliRunner().invoke(profiles, list(args))
    assert result.exit_code != 0
    return str(result.exception)


def test_add_reads_the_profile_from_the_description_and_show_prints_it() -> None:
    assert "Saved profile 'Kälte AG' (de)." in _run("add", "Kälte AG", "--description", DESCRIPTION).stdout
    shown = json.loads(_run("show", "kälte ag").stdout)
    assert shown["profile"]["country"] == "DE" and shown["profile"]["staff"] == 25
    assert shown["profile"]["trl"] == 6 and shown["language"] == "de"
    assert "Kälte AG\tde\t" in _run("list").stdout


def test_overrides_filters_and_language() -> None:
    _run(
        "add", "Loans", "--description", "We need a loan to modernise our bakery in Poland.",
        "--profile", '{"staff": 60}', "--programme", "InvestEU", "--closed", "--language", "pl",
    )  # fmt: skip
    shown = json.loads(_run("show", "Loans").stdout)
    assert shown["profile"]["staff"] == 60 and shown["profile"]["language"] == "pl"
    assert shown["filters"]["programmes"] == ["InvestEU"] and shown["filters"]["statuses"] == []
    assert "is saved already" in _fails("add", "loans", "--description", "x y z")
    _run("add", "loans", "--description", "bakery ovens", "--overwrite")
    assert json.loads(_run("show", "Loans").stdout)["description"] == "bakery ovens"


@pytest.mark.parametrize("suffix", [".pdf", ".txt", ".md"])
def test_add_from_a_description_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"project{suffix}"
    if suffix == ".pdf":
        path.write_bytes(make_pdf([["We are an SME from Austria making solar roof tiles at TRL 7."]]))
    else:
        path.write_text("We are an SME from Austria making solar roof tiles at TRL 7.", encoding="utf-8")
    _run("add", "Tiles", "--from-file", str(path))
    shown = json.loads(_run("show", "Tiles").stdout)
    assert shown["profile"]["country"] == "AT" and "solar roof tiles" in shown["description"]


def test_export_import_and_from_file_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run("add", "A", "--description", DESCRIPTION)
    _run("add", "B", "--description", "heat pumps for breweries")
    out = tmp_path / "clients.json"
    assert "Wrote 2 profile(s)" in _run("export", "--out", str(out)).stdout
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path / "elsewhere"))
    assert "Imported 2 profile(s): A, B" in _run("import", str(out)).stdout
    assert "nothing imported" in _fails("import", str(out))
    _run("rm", "A", "B")
    assert "Saved 2 profile(s): A, B" in _run("add", "--from-file", str(out)).stdout
    assert json.loads(_run("show", "A").stdout)["description"] == DESCRIPTION


def test_rename_rm_and_one_line_errors(tmp_path: Path) -> None:
    _run("add", "Old name", "--description", DESCRIPTION)
    _run("rename", "old name", "New name")
    assert "New name" in _run("list").stdout and "Old name" not in _run("list").stdout
    assert "No saved client named 'Old name'; saved: New name." in _fails("show", "Old name")
    assert "No saved client named 'Ghost'" in _fails("rm", "New name", "Ghost")
    assert "New name" in _run("list").stdout  # nothing deleted when one name is unknown
    assert "Deleted 1 profile(s)." in _run("rm", "new name").stdout
    assert "No saved profile yet" in _run("list").stdout
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    assert "not a readable PDF" in _fails("add", "X", "--from-file", str(broken))
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{oops", encoding="utf-8")
    assert "not valid JSON" in _fails("add", "--from-file", str(bad_json))
    assert "valid JSON" in _fails("add", "X", "--description", "heat pumps", "--profile", "{oops")
    assert "give the client's NAME" in _fails("add", "--description", "heat pumps")
    assert _run("list").stdout.startswith("No saved profile yet")
