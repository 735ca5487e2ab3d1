"""A GGUF model run in-process by xllamacpp (llama.cpp), which also serves it on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fundmatch.errors import LLMError, ModelError
from fundmatch.llm.openai_compatible import one_line, reply_text


class LocalLLM:
    """Loads a GGUF file once; ``complete`` runs a greedy chat completion on the CPU.

    ``base_url`` is the OpenAI-compatible endpoint llama.cpp serves for the same model
    (bound to 127.0.0.1 on a free port), usable by the ``openai-compatible`` backend.
    """

    def __init__(self, model_path: Path, context_tokens: int = 4096, threads: int = 0) -> None:
        if not model_path.is_file():
            raise ModelError(
                f"no GGUF model at {model_path}; run 'fundmatch llm assemble' or set llm_model_path"
            )
        try:
            import xllamacpp
        except ImportError:
            raise LLMError(
                "the local LLM backend needs xllamacpp: pip install 'fundmatch[local-llm]'"
            ) from None
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = context_tokens
        params.n_parallel = 1
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.verbosity = -1
        params.warmup = False
        params.sampling.temp = 0.0
        params.sampling.seed = 0
        n_threads = threads or os.cpu_count() or 1
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
        try:
            self._server = xllamacpp.Server(params)
        except RuntimeError as exc:
            raise ModelError(f"llama.cpp cannot load {model_path}: {one_line(str(exc))}") from None
        self.model_path = model_path
        self.threads = n_threads
        self.name = f"local:{model_path.name}"
        self.base_url = f"{self._server.listening_address}/v1"

    def complete(self, system: str, user: str, max_tokens: int = 512) -> str:
        """Greedy chat completion; llama.cpp errors become one LLMError line."""
        request = {
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": 0,
        }
        result = self.chat(request)
        return reply_text(result)

    def chat(self, request: dict[str, Any]) -> dict[str, Any]:
        """The raw ``chat/completions`` response (with llama.cpp's ``timings``) for a request."""
        try:
            result = self._server.handle_chat_completions(request)
        except Exception as exc:
            raise LLMError(f"local LLM failed: {one_line(str(exc))}") from None
        if isinstance(result, dict) and "error" in result:
            error = result["error"]
            message = error.get("message", error) if isinstance(error, dict) else error
            raise LLMError(f"local LLM failed: {one_line(str(message))}")
        return result
