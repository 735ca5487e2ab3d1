"""Embedding throughput on real-length passages read at run time from the corpus snapshot."""

from __future__ import annotations

import gzip
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError
from fundmatch.embeddings.base import Embedder


@dataclass(frozen=True)
class Throughput:
    """One timed run: wall-clock and CPU-time rates, and the shape of the input."""

    model: str
    passages: int
    mean_chars: float
    wall_seconds: float
    cpu_seconds: float
    load_average: float

    @property
    def passages_per_second(self) -> float:
        """Wall-clock passages per second (what a user waits for)."""
        return self.passages / self.wall_seconds

    @property
    def passages_per_cpu_second(self) -> float:
        """Passages per CPU-second of this process (robust to other load on the machine)."""
        return self.passages / self.cpu_seconds


def corpus_passages(corpus_dir: Path, count: int, size: int = 1000) -> list[str]:
    """``count`` chunks of about ``size`` characters (cut at a space) from the CORDIS project objectives."""
    sources = sorted(corpus_dir.glob("cordis/horizon_projects_*.jsonl.gz"))
    if not sources:
        raise ModelError(f"no CORDIS projects file under {corpus_dir}/cordis to take benchmark passages from")
    passages: list[str] = []
    with gzip.open(sources[0], "rt", encoding="utf-8") as handle:
        for line in handle:
            text = " ".join((json.loads(line).get("objective") or "").split())
            while len(text) >= size and len(passages) < count:
                cut = text.rfind(" ", int(size * 0.8), size)
                cut = cut if cut > 0 else size
                passages.append(text[:cut])
                text = text[cut:].lstrip()
            if len(passages) >= count:
                return passages
    return passages


def measure_throughput(embedder: Embedder, passages: list[str]) -> tuple[Throughput, np.ndarray]:
    """Embed ``passages`` once after a short warm-up; returns the timing and the vectors."""
    embedder.embed_passages(passages[:4])
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = embedder.embed_passages(passages)
    timing = Throughput(
        model=embedder.name,
        passages=len(passages),
        mean_chars=float(np.mean([len(p) for p in passages])),
        wall_seconds=time.perf_counter() - wall,
        cpu_seconds=time.process_time() - cpu,
        load_average=os.getloadavg()[0],
    )
    return timing, vectors
