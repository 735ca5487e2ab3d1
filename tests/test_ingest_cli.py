"""``fundmatch ingest`` through click's CliRunner, with a real index built by MiniLM."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands import ingest as ingest_module
from fundmatch.core.settings import load_settings
from fundmatch.index import open_index
from tests.index_fixtures import small_snapshot


@pytest.fixture
def source_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus folder; the loader seam returns the small snapshot for it."""
    source = tmp_path / "corpus"
    source.mkdir()
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setattr(ingest_module, "load_snapshot", lambda settings, limit, files, **_: small_snapshot())
    return source


def test_ingest_prints_summary_with_counts_and_skipped_files(source_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    result = CliRunner().invoke(
        ingest_module.ingest,
        ["--source", str(source_dir), "--index", str(index_dir), "--projects"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Opportunities: 4 (Horizon Europe 2, Innovation Fund 1, InvestEU 1)" in out
    assert "Passages: 5 new, 0 changed, 0 removed, 0 unchanged" in out
    assert "Projects: 2 in the catalogue, 2 embedded" in out
    assert "Files skipped: 1" in out and "fixtures/broken.pdf: not a PDF (no %PDF header)" in out
    assert "Wall time:" in out
    assert "Embedding passages: 5/5" in result.stderr and "Embedding projects: 2/2" in result.stderr
    index = open_index(load_settings().replace(index_dir=index_dir))
    assert len(index.passages()) == 5

    again = CliRunner().invoke(
        ingest_module.ingest, ["--source", str(source_dir), "--index", str(index_dir), "--projects"]
    )
    assert again.exit_code == 0
    assert "unchanged; no source file, loader or setting changed" in again.stdout
    assert "Opportunities: 4 (Horizon Europe 2, Innovation Fund 1, InvestEU 1)" in again.stdout

    (source_dir / "new.md").write_text("touched", encoding="utf-8")  # the loader seam ignores it
    third = CliRunner().invoke(
        ingest_module.ingest, ["--source", str(source_dir), "--index", str(index_dir), "--projects"]
    )
    assert "Passages: 0 new, 0 changed, 0 removed, 5 unchanged" in third.stdout


def test_no_projects_flag_keeps_projects_out_of_the_vectors(source_dir: Path) -> None:
    result = CliRunner().invoke(ingest_module.ingest, ["--source", str(source_dir), "--no-projects"])
    assert result.exit_code == 0, result.output
    assert "Projects: 2 in the catalogue, 0 embedded" in result.stdout
    assert "2 not embedded; --projects embeds them" in result.stdout


def test_missing_source_directory_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(ingest_module.ingest, ["--source", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no corpus directory" in result.output and result.output.count("\n") == 1
