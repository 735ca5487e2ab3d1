"""Choosing an LLM backend by name, and the deterministic fake shipped for tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from fundmatch.core.errors import LLMError, ModelError, RegistryError
from fundmatch.core.settings import Settings, load_settings
from fundmatch.llm.fake import FakeLLM
from fundmatch.llm.openai_compatible import OpenAICompatibleLLM
from fundmatch.llm.registry import get_llm


def _settings(tmp_path: Path, **env: str) -> Settings:
    return load_settings(env={"FUNDMATCH_DATA_DIR": str(tmp_path), **env})


def test_default_backend_is_none(tmp_path: Path) -> None:
    assert _settings(tmp_path).llm_backend == "none"
    assert get_llm(_settings(tmp_path)) is None


def test_unknown_backend_names_the_valid_choices(tmp_path: Path) -> None:
    settings = _settings(tmp_path, FUNDMATCH_LLM_BACKEND="gpt-5")

    with pytest.raises(RegistryError, match=r"'gpt-5'.*none, local, openai-compatible"):
        get_llm(settings)


def test_openai_compatible_uses_the_settings(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        FUNDMATCH_LLM_BACKEND="openai-compatible",
        FUNDMATCH_LLM_BASE_URL="http://127.0.0.1:11434/v1/",
        FUNDMATCH_LLM_MODEL="qwen2.5:1.5b",
        FUNDMATCH_LLM_API_KEY="k",
        FUNDMATCH_LLM_TIMEOUT_S="7.5",
    )

    llm = get_llm(settings)

    assert isinstance(llm, OpenAICompatibleLLM)
    assert llm.url == "http://127.0.0.1:11434/v1/chat/completions"
    assert (llm.model, llm.api_key, llm.timeout_s) == ("qwen2.5:1.5b", "k", 7.5)
    assert llm.name == "openai-compatible:qwen2.5:1.5b"


def test_local_without_assembled_model_says_how_to_get_it(tmp_path: Path) -> None:
    settings = _settings(tmp_path, FUNDMATCH_LLM_BACKEND="local")

    with pytest.raises(ModelError, match=r"no GGUF model at .*qwen2.5-coder.*fundmatch llm assemble"):
        get_llm(settings)


def test_local_with_corrupt_file_is_a_model_error(tmp_path: Path) -> None:
    pytest.importorskip("xllamacpp")
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a gguf file" * 100)
    settings = _settings(tmp_path, FUNDMATCH_LLM_BACKEND="local", FUNDMATCH_LLM_MODEL_PATH=str(bad))

    with pytest.raises(ModelError, match=r"llama\.cpp cannot load"):
        get_llm(settings)


def test_fake_replies_in_order_then_repeats_the_last_and_records_prompts() -> None:
    fake = FakeLLM(["first [1]", lambda system, user: f"echo {user}", "last"])

    replies = [fake.complete("s", f"u{i}", max_tokens=i) for i in range(4)]

    assert replies == ["first [1]", "echo u1", "last", "last"]
    assert [(p.user, p.max_tokens) for p in fake.prompts] == [("u0", 0), ("u1", 1), ("u2", 2), ("u3", 3)]


def test_fake_raises_configured_errors() -> None:
    fake = FakeLLM([LLMError("backend down")])

    with pytest.raises(LLMError, match="backend down"):
        fake.complete("s", "u")
    assert len(fake.prompts) == 1
