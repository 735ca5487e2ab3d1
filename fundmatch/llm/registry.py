"""The LLM backends fundmatch knows, chosen by ``settings.llm_backend``."""

from __future__ import annotations

from collections.abc import Callable

from fundmatch.core.registry import lookup
from fundmatch.core.settings import Settings
from fundmatch.llm.base import LLM
from fundmatch.llm.weights import QWEN_CODER_1_5B


def _none(settings: Settings) -> None:
    return None


def _local(settings: Settings) -> LLM:
    from fundmatch.llm.local import LocalLLM

    model_path = settings.llm_model_path or settings.models_dir / QWEN_CODER_1_5B.filename
    return LocalLLM(model_path, settings.llm_context_tokens, settings.llm_threads, settings.llm_timeout_s)


def _openai_compatible(settings: Settings) -> LLM:
    from fundmatch.llm.openai_compatible import OpenAICompatibleLLM

    return OpenAICompatibleLLM(
        settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout_s
    )


BACKENDS: dict[str, Callable[[Settings], LLM | None]] = {
    "none": _none,
    "local": _local,
    "openai-compatible": _openai_compatible,
}


def get_llm(settings: Settings) -> LLM | None:
    """The backend named by ``settings.llm_backend``; ``none`` (the default) gives None.

    ``local`` loads a GGUF file (``llm_model_path``, else the assembled Qwen2.5-Coder in
    ``models_dir``); loading takes seconds, so build it once and reuse it.
    """
    return lookup(BACKENDS, settings.llm_backend, "LLM backend")(settings)
