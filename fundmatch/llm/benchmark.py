"""Measure load time and tokens per second of a GGUF model on this machine."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from fundmatch.llm.local import LocalLLM
from fundmatch.llm.prompting import build_answer_prompt
from fundmatch.llm.trial import CASES

# The benchmark asks the first trial case: an English question over the EIC Accelerator passages.
_BENCH_CASE = CASES[0]


@dataclass(frozen=True)
class Throughput:
    """One measured run: load time, prompt processing and generation speed."""

    model: str
    threads: int
    load_s: float
    prompt_tokens: int
    prompt_tokens_per_s: float
    generated_tokens: int
    generated_tokens_per_s: float
    reply: str


def measure(model_path: Path, max_tokens: int = 64, threads: int = 0) -> Throughput:
    """Load ``model_path`` and answer one fundmatch answer prompt, reading llama.cpp's timings."""
    started = time.perf_counter()
    llm = LocalLLM(model_path, context_tokens=2048, threads=threads)
    load_s = time.perf_counter() - started
    prompt = build_answer_prompt(_BENCH_CASE.question, _BENCH_CASE.passages)
    result = llm.chat(
        {
            "messages": [
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": prompt.user},
            ],
            "max_tokens": max_tokens,
            "temperature": 0,
        }
    )
    timings = result.get("timings", {})
    return Throughput(
        model=model_path.name,
        threads=llm.threads,
        load_s=load_s,
        prompt_tokens=int(timings.get("prompt_n", 0)),
        prompt_tokens_per_s=float(timings.get("prompt_per_second", 0.0)),
        generated_tokens=int(timings.get("predicted_n", 0)),
        generated_tokens_per_s=float(timings.get("predicted_per_second", 0.0)),
        reply=result["choices"][0]["message"]["content"],
    )
