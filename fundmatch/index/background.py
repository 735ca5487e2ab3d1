"""The background embedding: vectors for the passages a keyword-first generation left without one.

``fundmatch ingest --background`` makes a generation whose BM25, catalogue and CORDIS side are
complete but whose passages are not all embedded (``Manifest.pending_passages``); the app answers
from it at once in keyword mode. ``embed_pending`` then embeds what is missing: passages of current
calls (``is_current``) first, longest first within each group so that batches hold texts of similar
length. Every finished batch goes into the ``VectorCache`` at once, so a killed run resumes where
it stopped and nothing embedded is embedded again. When nothing is missing it commits a complete
generation through the ordinary build (vectors all from the cache), which the app picks up without
a restart. Progress (state, count, rate, ETA) is written to ``embedding-progress.json`` in the
index folder for the app and ``fundmatch index status`` to show.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from fundmatch.core.errors import IndexBusyError
from fundmatch.core.models import Opportunity, Passage
from fundmatch.core.settings import Settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.embeddings.registry import get_embedder, model_spec, query_runtime, vector_family
from fundmatch.index.builder import EMBED_CHUNK, BaseMovedError, BuildReport, Derive, build_index
from fundmatch.index.catalogue import Hashes, read_opportunities, read_passages, read_projects
from fundmatch.index.layout import IndexLayout, Manifest, now_iso
from fundmatch.index.vector_cache import VectorCache, text_key

PROGRESS_FILE = "embedding-progress.json"
EMBED_LOCK = ".embed.lock"
COMMIT_RETRY_SECONDS = 2.0
MAX_ROUNDS = 5  # an ingest that lands during the embedding adds a round; more would mean a loop


@dataclass(frozen=True)
class EmbeddingProgress:
    """What the background embedding is doing, as last written by it."""

    state: str  # "starting"; "model": building/loading it; "embedding"; "committing"; "done"; "failed"
    done: int  # passages with a vector
    total: int  # passages of the live generation
    rate: float = 0.0  # passages per second over this run
    eta_seconds: float | None = None
    pid: int = 0
    updated: str = ""
    message: str = ""

    @property
    def share(self) -> float:
        """Passages with a vector, as a share of all (1.0 for an empty index)."""
        return self.done / self.total if self.total else 1.0


def read_progress(index_dir: Path) -> EmbeddingProgress | None:
    """The last progress written under ``index_dir``, or None when no background embedding ran."""
    try:
        data = json.loads((index_dir / PROGRESS_FILE).read_text(encoding="utf-8"))
        return EmbeddingProgress(**data)
    except (OSError, ValueError, TypeError):
        return None


def is_running(index_dir: Path) -> bool:
    """True while a background embedding holds the embed lock of ``index_dir``, or was started
    (``mark_starting``) and is still alive but has not taken the lock yet."""
    lock = FileLock(str(index_dir / EMBED_LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    progress = read_progress(index_dir)
    return progress is not None and progress.state == "starting" and _alive(progress.pid)


def mark_starting(index_dir: Path, pid: int, done: int, total: int) -> None:
    """Record that process ``pid`` was just started to embed (it takes the lock a few seconds later)."""
    _write_progress(index_dir, EmbeddingProgress("starting", done, total, pid=pid, updated=now_iso()))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a child that exited but was not reaped yet is a zombie, not alive
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def _write_progress(index_dir: Path, progress: EmbeddingProgress) -> None:
    tmp = index_dir / f".{PROGRESS_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(asdict(progress)), encoding="utf-8")
    os.replace(tmp, index_dir / PROGRESS_FILE)


ProgressSink = Callable[[EmbeddingProgress], None]


class _Reporter:
    """Writes progress to the index folder and passes it on (to a CLI bar), with rate and ETA."""

    def __init__(self, index_dir: Path, sink: ProgressSink | None) -> None:
        self.index_dir = index_dir
        self.sink = sink
        self.started = time.perf_counter()
        self.embedded_here = 0

    def __call__(self, state: str, done: int, total: int, message: str = "") -> EmbeddingProgress:
        elapsed = time.perf_counter() - self.started
        rate = self.embedded_here / elapsed if elapsed > 0 and self.embedded_here else 0.0
        eta = (total - done) / rate if rate > 0 else None
        progress = EmbeddingProgress(
            state,
            done,
            total,
            round(rate, 2),
            round(eta, 1) if eta is not None else None,
            os.getpid(),
            now_iso(),
            message,
        )
        _write_progress(self.index_dir, progress)
        if self.sink is not None:
            self.sink(progress)
        return progress


def embed_pending(
    settings: Settings,
    is_current: Callable[[Opportunity], bool],
    derive: Derive | None = None,
    sink: ProgressSink | None = None,
) -> BuildReport | None:
    """Embed every passage of the live generation that has no vector, then commit a complete one.

    Returns the report of the committing build, or None when nothing was missing. Raises
    IndexBusyError when another background embedding is running on the same index.
    """
    root = settings.resolved_index_dir
    layout = IndexLayout(root)
    layout.require_live()
    lock = FileLock(str(root / EMBED_LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise IndexBusyError(f"a background embedding is already running on the index at {root}") from None
    report = _Reporter(root, sink)
    try:
        result = None
        for _ in range(MAX_ROUNDS):
            live = layout.require_live()
            manifest = Manifest.read(live)
            total = manifest.counts.get("passages", 0)
            if manifest.dense_complete:
                report("done", total, total)
                return result
            result = _embed_round(settings, live, manifest, is_current, derive, report) or result
        return result
    except BaseException as error:
        previous = read_progress(root)
        done, total = (previous.done, previous.total) if previous else (0, 0)
        report("failed", done, total, f"{type(error).__name__}: {error}"[:300])
        raise
    finally:
        lock.release()


def _embed_round(
    settings: Settings,
    live: Path,
    manifest: Manifest,
    is_current: Callable[[Opportunity], bool],
    derive: Derive | None,
    report: _Reporter,
) -> BuildReport | None:
    runtime = query_runtime(manifest.embedding_runtime, settings.embedding_runtime)
    settings = settings.replace(embedding_runtime=runtime)
    spec = model_spec(settings)
    cache = VectorCache(settings.resolved_index_dir, spec.name, vector_family(runtime), spec.dimension)
    passages = read_passages(live)
    opportunities = {o.id: o for o in read_opportunities(live)}
    embedded = Hashes.read(live).passages
    todo = _missing_texts([p for p in passages if p.id not in embedded], cache, opportunities, is_current)
    keys_of = {}
    for passage in passages:
        if passage.id not in embedded:
            keys_of.setdefault(text_key(passage.text), []).append(passage.id)
    total = len(passages)
    done = total - sum(len(keys_of[key]) for key in todo)
    if todo:
        report("model", done, total, "loading the embedding model")

        def building(step: str, number: int, steps: int) -> None:
            shown = min(number + 1, steps)
            report("model", done, total, f"building the embedding model, step {shown} of {steps}: {step}")

        embedder = get_embedder(settings, build_progress=building)
        texts = list(todo.items())
        for start in range(0, len(texts), EMBED_CHUNK):
            batch = texts[start : start + EMBED_CHUNK]
            vectors = embedder.embed_passages([text for _, text in batch])
            cache.add([key for key, _ in batch], vectors)
            report.embedded_here += sum(len(keys_of[key]) for key, _ in batch)
            done += sum(len(keys_of[key]) for key, _ in batch)
            report("embedding", done, total)
    report("committing", done, total, "writing the complete index")
    return _commit(settings, live, manifest, opportunities, passages, derive)


def _commit(
    settings: Settings,
    live: Path,
    manifest: Manifest,
    opportunities: dict[str, Opportunity],
    passages: list[Passage],
    derive: Derive | None,
) -> BuildReport | None:
    """Write the complete generation from the live one's records; None when another build landed first."""
    snapshot = CorpusSnapshot(
        opportunities=list(opportunities.values()), passages=passages, projects=read_projects(live)
    )
    while True:
        try:
            return build_index(
                snapshot,
                settings,
                embed_projects=False,
                source_fingerprint=manifest.source_fingerprint,
                derive=derive,
                base_generation=manifest.generation,
            )
        except IndexBusyError:  # an ingest is writing; ours goes in after it
            time.sleep(COMMIT_RETRY_SECONDS)
        except BaseMovedError:  # an ingest landed: the next round embeds what it left missing
            return None


def _missing_texts(
    pending: list[Passage],
    cache: VectorCache,
    opportunities: dict[str, Opportunity],
    is_current: Callable[[Opportunity], bool],
) -> dict[str, str]:
    """Distinct texts of ``pending`` the cache lacks, by key: current calls' first, longest first."""

    def current(passage: Passage) -> bool:
        opportunity = opportunities.get(passage.opportunity_id or "")
        return opportunity is not None and is_current(opportunity)

    ordered = sorted(pending, key=lambda p: (not current(p), -len(p.text), p.id))
    missing: dict[str, str] = {}
    for passage in ordered:
        key = text_key(passage.text)
        if key not in cache:
            missing.setdefault(key, passage.text)
    return missing
