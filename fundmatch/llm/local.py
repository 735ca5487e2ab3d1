"""A GGUF model run in-process by xllamacpp (llama.cpp), which also serves it on 127.0.0.1."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fundmatch.core.errors import LLMError, ModelError
from fundmatch.llm.openai_compatible import one_line


def default_threads() -> int:
    """Every CPU core but one, at least one.

    llama.cpp's worker threads spin while they wait for each other, so on a busy machine
    using every core is many times slower than leaving one free (measured: 2 threads on a
    loaded 2-core machine generated 0.5-2 tokens/s, 1 thread 9-12 tokens/s).
    """
    return max(1, (os.cpu_count() or 2) - 1)


class LocalLLM:
    """Loads a GGUF file once; ``complete`` runs a greedy chat completion on the CPU.

    ``base_url`` is the OpenAI-compatible endpoint llama.cpp serves for the same model
    (bound to 127.0.0.1 on a free port), usable by the ``openai-compatible`` backend.
    """

    def __init__(
        self, model_path: Path, context_tokens: int = 4096, threads: int = 0, timeout_s: float = 60.0
    ) -> None:
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
        n_threads = threads or default_threads()
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
        try:
            self._server = xllamacpp.Server(params)
        except RuntimeError as exc:
            raise ModelError(f"llama.cpp cannot load {model_path}: {one_line(str(exc))}") from None
        self.model_path = model_path
        self.threads = n_threads
        self.timeout_s = timeout_s
        self.name = f"local:{model_path.name}"
        self.base_url = f"{self._server.listening_address}/v1"

    def complete(self, system: str, user: str, max_tokens: int = 512) -> str:
        """Greedy chat completion within ``timeout_s``; llama.cpp errors become one LLMError line.

        The model streams into a worker thread. On timeout the caller gets an LLMError at
        once and the worker stops at the next token (prompt processing cannot be cut short).
        """
        request = {
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": True,
        }
        stream = _Stream()
        worker = threading.Thread(target=self._run, args=(request, stream), daemon=True)
        worker.start()
        worker.join(self.timeout_s)
        if worker.is_alive():
            stream.cancelled.set()
            raise LLMError(f"local LLM timed out after {self.timeout_s:g} s")
        if stream.error:
            raise LLMError(f"local LLM failed: {one_line(stream.error)}")
        return "".join(stream.pieces)

    def _run(self, request: dict[str, Any], stream: _Stream) -> None:
        try:
            self._server.handle_chat_completions(request, stream.receive)
        except Exception as exc:
            stream.error = str(exc) or type(exc).__name__

    def chat(self, request: dict[str, Any]) -> dict[str, Any]:
        """The raw non-streaming ``chat/completions`` response (with llama.cpp's ``timings``)."""
        try:
            result = self._server.handle_chat_completions(request)
        except Exception as exc:
            raise LLMError(f"local LLM failed: {one_line(str(exc))}") from None
        if isinstance(result, dict) and "error" in result:
            raise LLMError(f"local LLM failed: {one_line(_error_message(result['error']))}")
        return result


def _error_message(error: object) -> str:
    return str(error.get("message", error)) if isinstance(error, dict) else str(error)


@dataclass
class _Stream:
    """Collects streamed chunks; asks llama.cpp to stop once ``cancelled`` is set."""

    pieces: list[str] = field(default_factory=list)
    error: str = ""
    cancelled: threading.Event = field(default_factory=threading.Event)

    def receive(self, chunk: dict[str, Any]) -> bool:
        if "error" in chunk:
            self.error = _error_message(chunk["error"])
            return True
        for choice in chunk.get("choices", ()):
            content = (choice.get("delta") or {}).get("content")
            if content:
                self.pieces.append(content)
        return self.cancelled.is_set()
