"""Build or incrementally update the index from a corpus snapshot: ``build_index`` is the entry point.

A run compares content hashes with the live generation (see ``catalogue.Hashes``): it embeds
only passages whose text is new or changed, rewrites metadata of passages whose opportunity
changed, deletes removed ones, and does nothing at all when neither vectors nor catalogue differ.
Passage vectors come from the ``vector_cache`` first (a text embedded once, by any earlier run, a
killed one included, is never embedded again; duplicates are embedded once). With
``defer_embedding`` nothing is embedded: the generation holds the vectors the cache already has and
records how many passages still lack one (``Manifest.pending_passages``); BM25, the catalogue and
everything ``derive`` writes are complete, so the keyword side answers at once and
``fundmatch.index.background`` embeds the rest.
Everything is written into a new generation that becomes live atomically (see ``layout``); on any
error or interrupt the half-built generation is removed and the previous one stays live. The whole
run holds the index's writer lock (see ``lock``), and ends by pruning old generations (``retention``).

Builds are reproducible: records are written in the order the loaders give them (files sorted by
path, passages in document order, first of each id kept), removals in id order, and the same
corpus, code and settings give the same catalogue, vectors and rankings.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fundmatch.core.models import FundedProject, Opportunity, Passage, SkippedFile
from fundmatch.core.settings import Settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.registry import get_embedder, model_spec, vector_family
from fundmatch.index.base import PASSAGES, PROJECTS, collection_names
from fundmatch.index.bm25 import write_tokens
from fundmatch.index.catalogue import (
    CatalogueLines,
    Hashes,
    content_hash,
    serialise_catalogue,
    write_catalogue,
    write_records,
)
from fundmatch.index.dense import write_dense
from fundmatch.index.documents import Metadata, passage_metadata, project_metadata, project_text
from fundmatch.index.layout import IndexLayout, Manifest, new_generation_id, now_iso, remove_tree
from fundmatch.index.retention import PruneReport, prune
from fundmatch.index.vector_cache import VectorCache, text_key

if TYPE_CHECKING:  # Chroma is imported when a build starts, not with this module
    from chromadb.api.models.Collection import Collection

    from fundmatch.index.vector_store import VectorStore

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while vectors are written; stages: passages, projects."""


@dataclass(frozen=True)
class DeriveInputs:
    """What a ``derive`` hook computes its files from: the records of the generation being written,
    their catalogue digest, and the previous live generation's folder (None on a first build)."""

    opportunities: Sequence[Opportunity]
    passages: Sequence[Passage]
    projects: Sequence[FundedProject]
    catalogue_digest: str
    previous_dir: Path | None


Derive = Callable[[Path, DeriveInputs], None]
"""Writes files computed from the corpus (the CORDIS side) into a generation folder before it goes live."""

EMBED_CHUNK = 256
WRITE_BATCH = 4000
T = TypeVar("T", Passage, FundedProject, Opportunity)


@dataclass
class StageCounts:
    """How many records of one kind were new, changed, removed or unchanged in this run."""

    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    metadata_updated: int = 0
    skipped: int = 0  # projects left unembedded (``--no-projects``)

    @property
    def embedded(self) -> int:
        return self.new + self.changed


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and the benchmarks."""

    index_dir: Path
    generation: str
    changed: bool
    opportunities_by_programme: dict[str, int]
    passages: StageCounts
    projects: StageCounts
    projects_total: int
    projects_embedded: int
    skipped_files: list[SkippedFile]
    seconds: dict[str, float] = field(default_factory=dict)
    pending_passages: int = 0  # passages the generation has no vector for yet (``defer_embedding``)
    pruned: PruneReport = field(default_factory=PruneReport)


@dataclass
class _Plan:
    """The diff of one record kind against the previous generation."""

    upsert_ids: list[str]
    upsert_texts: list[str]
    upsert_metadata: list[Metadata]
    metadata_ids: list[str]
    metadata_values: list[Metadata]
    remove_ids: list[str]
    hashes: dict[str, tuple[str, str]]
    counts: StageCounts

    @property
    def touches_vectors(self) -> bool:
        return bool(self.upsert_ids or self.metadata_ids or self.remove_ids)


def build_index(
    snapshot: CorpusSnapshot,
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    embed_projects: bool | None = None,
    progress: Progress | None = None,
    source_fingerprint: str = "",
    defer_embedding: bool = False,
    derive: Derive | None = None,
    base_generation: str | None = None,
    corpus_snapshot: str = "",
) -> BuildReport:
    """Bring the index at ``settings.resolved_index_dir`` up to date with ``snapshot``.

    ``source_fingerprint`` (see ``fingerprint.source_fingerprint``) is stored in the manifest so
    that the next ingest can tell, before loading anything, that nothing changed; ``corpus_snapshot``
    (the date of the newest source file) is stored for ``fundmatch index status``. The embedder is
    loaded (built on first use) only when a text is missing from the vector cache and
    ``defer_embedding`` is off. With ``base_generation``, the build goes ahead only while that
    generation is still live (BaseMovedError otherwise: another build landed first). Raises
    IndexBusyError at once when another writer holds the index (a caller that already holds the
    lock in this thread, as ``fundmatch ingest`` does, is not refused). After the swap, generations
    beyond ``keep_generations`` are deleted.
    """
    from fundmatch.index.vector_store import get_vector_store

    embed_projects = settings.embed_projects if embed_projects is None else embed_projects
    layout = IndexLayout(settings.resolved_index_dir)
    with layout.writer_lock().hold("ingest"):
        if base_generation is not None:
            live = layout.live_manifest()
            if live is None or live.generation != base_generation:
                raise BaseMovedError(f"generation {base_generation} is no longer live")
        never_live = layout.never_live()
        store = get_vector_store(settings)
        build = _Build(
            snapshot,
            _LazyEmbedder(settings, embedder),
            store,
            layout,
            embed_projects,
            progress or _no_progress,
        )
        build.defer_embedding = defer_embedding
        build.derive = derive
        report = build.run(source_fingerprint, corpus_snapshot)
        report.pruned = prune(layout, settings.keep_generations, store, never_live)
        return report


class BaseMovedError(Exception):
    """The generation a build was based on is no longer live (see ``base_generation``)."""


class _LazyEmbedder:
    """The embedder's name, dimension and runtime without loading it; the model on first use."""

    def __init__(self, settings: Settings, embedder: Embedder | None) -> None:
        spec = model_spec(settings)
        self._settings = settings
        self._embedder = embedder
        self.name = embedder.name if embedder else spec.name
        self.dimension = embedder.dimension if embedder else spec.dimension
        self.runtime = getattr(embedder, "runtime", settings.embedding_runtime)
        self.load_seconds = 0.0

    def get(self) -> Embedder:
        if self._embedder is None:
            started = time.perf_counter()
            self._embedder = get_embedder(self._settings)
            self.load_seconds = time.perf_counter() - started
        return self._embedder


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress sink for callers that show none."""


class _Build:
    def __init__(
        self,
        snapshot: CorpusSnapshot,
        embedder: _LazyEmbedder,
        store: VectorStore,
        layout: IndexLayout,
        embed_projects: bool,
        progress: Progress,
    ) -> None:
        self.snapshot = snapshot
        self.embedder = embedder
        self.store = store
        self.layout = layout
        self.embed_projects = embed_projects
        self.progress = progress
        self.seconds: Counter[str] = Counter()
        self.defer_embedding = False
        self.derive: Derive | None = None
        self.cache = VectorCache(
            layout.root, embedder.name, vector_family(embedder.runtime), embedder.dimension
        )
        self.pending: list[str] = []  # passages this generation holds no vector for

    def run(self, source_fingerprint: str, corpus_snapshot: str) -> BuildReport:
        opportunities = _unique(self.snapshot.opportunities)
        passages = _unique(self.snapshot.passages)
        projects = _unique(self.snapshot.projects)
        previous_dir, previous = self._reusable_previous()
        old_hashes = Hashes.read(previous_dir) if previous_dir and previous else Hashes()

        started = time.perf_counter()
        by_id = {opportunity.id: opportunity for opportunity in opportunities}
        passage_plan = _plan(
            passages,
            old_hashes.passages,
            text=lambda p: p.text,
            metadata=lambda p: passage_metadata(p, by_id.get(p.opportunity_id or "")),
        )
        project_plan = self._project_plan(projects, old_hashes.projects)
        lines = serialise_catalogue(opportunities, passages, projects)
        self.seconds["diff"] += time.perf_counter() - started

        generation = new_generation_id()
        by_programme = dict(Counter(o.programme for o in opportunities).most_common())
        unchanged = (
            previous is not None
            and not passage_plan.touches_vectors
            and not project_plan.touches_vectors
            and previous.catalogue_digest == lines.digest
            and previous.source_fingerprint == source_fingerprint
        )
        if unchanged:
            generation = previous.generation
        else:
            manifest = Manifest(
                embedding_model=self.embedder.name,
                embedding_runtime=self.embedder.runtime,
                dimension=self.embedder.dimension,
                vector_store=self.store.name,
                generation=generation,
                collections=collection_names(generation),
                created=now_iso(),
                catalogue_digest=lines.digest,
                projects_embedded=len(project_plan.hashes),
                source_fingerprint=source_fingerprint,
                counts={
                    "opportunities": len(opportunities),
                    "passages": len(passages),
                    "projects": len(projects),
                },
                opportunities_by_programme=by_programme,
                corpus_snapshot=corpus_snapshot,
            )
            self._write_generation(
                manifest,
                previous_dir,
                previous,
                passage_plan,
                project_plan,
                (opportunities, passages, projects),
                lines,
            )
        if self.embedder.load_seconds:
            self.seconds["embedding model load"] = self.embedder.load_seconds
        return BuildReport(
            index_dir=self.layout.root,
            generation=generation,
            changed=not unchanged,
            opportunities_by_programme=by_programme,
            passages=passage_plan.counts,
            projects=project_plan.counts,
            projects_total=len(projects),
            projects_embedded=len(project_plan.hashes),
            skipped_files=list(self.snapshot.skipped),
            seconds={key: round(value, 2) for key, value in self.seconds.items()},
            pending_passages=len(self.pending)
            if not unchanged
            else (previous.pending_passages if previous else 0),
        )

    def _reusable_previous(self) -> tuple[Path | None, Manifest | None]:
        """The live generation if its vectors can be reused (same model, dimension and store)."""
        live = self.layout.live()
        if live is None:
            return None, None
        manifest = Manifest.read(live)
        reusable = (
            manifest.embedding_model == self.embedder.name
            and vector_family(manifest.embedding_runtime) == vector_family(self.embedder.runtime)
            and manifest.dimension == self.embedder.dimension
            and manifest.vector_store == self.store.name
        )
        return live, manifest if reusable else None

    def _project_plan(self, projects: list[FundedProject], old: dict[str, tuple[str, str]]) -> _Plan:
        if not self.embed_projects and not old:  # nothing embedded, nothing to embed: skip the hashing
            return _Plan([], [], [], [], [], [], {}, StageCounts(skipped=len(projects)))
        plan = _plan(projects, old, text=project_text, metadata=project_metadata)
        if self.embed_projects:
            return plan
        # Embed nothing: keep the vectors of unchanged projects, drop those of changed or removed ones.
        kept = {key: value for key, value in plan.hashes.items() if old.get(key) == value}
        counts = StageCounts(
            unchanged=len(kept), removed=len(set(old) - set(kept)), skipped=len(projects) - len(kept)
        )
        return _Plan([], [], [], [], [], sorted(set(old) - set(kept)), kept, counts)

    def _write_generation(
        self,
        manifest: Manifest,
        previous_dir: Path | None,
        previous: Manifest | None,
        passage_plan: _Plan,
        project_plan: _Plan,
        records: tuple[list[Opportunity], list[Passage], list[FundedProject]],
        lines: CatalogueLines,
    ) -> None:
        opportunities, passages, projects = records
        building = self.layout.building_dir(manifest.generation)
        names = manifest.collections
        building.mkdir(parents=True)
        try:
            started = time.perf_counter()
            reuse = (previous_dir, previous.collections) if previous_dir and previous else None
            collections = self.store.create(building, names, reuse)
            self.seconds["copy previous vectors"] += time.perf_counter() - started
            self._apply_passages(collections[PASSAGES], passage_plan)
            self._apply(collections[PROJECTS], project_plan, PROJECTS)
            started = time.perf_counter()
            write_dense(building, collections[PASSAGES], manifest.dimension)
            self.seconds["vector writes"] += time.perf_counter() - started

            started = time.perf_counter()
            write_catalogue(building, lines)
            write_records(building, opportunities, passages)
            write_tokens(building, [p.id for p in passages], [p.text for p in passages])
            pending = set(self.pending)
            embedded = {key: value for key, value in passage_plan.hashes.items() if key not in pending}
            Hashes(passages=embedded, projects=project_plan.hashes).write(building)
            self.seconds["catalogue, BM25"] += time.perf_counter() - started
            if self.derive is not None:
                started = time.perf_counter()
                inputs = DeriveInputs(opportunities, passages, projects, lines.digest, previous_dir)
                self.derive(building, inputs)
                self.seconds["CORDIS side"] += time.perf_counter() - started
            started = time.perf_counter()
            dataclasses.replace(manifest, pending_passages=len(self.pending)).write(building)
            self.layout.commit(building, manifest.generation)
            self.seconds["commit"] += time.perf_counter() - started
        except BaseException:
            self.store.drop(building, names)
            remove_tree(building)
            raise

    def _apply_passages(self, collection: Collection, plan: _Plan) -> None:
        """Removals and metadata as ``_apply``; vectors from the cache, embedding only texts it lacks
        (each distinct text once, longest first, every batch stored as soon as it is done)."""
        self._remove_and_update(collection, plan)
        keys = [text_key(text) for text in plan.upsert_texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, plan.upsert_texts, strict=True):
            if key not in self.cache:
                missing.setdefault(key, text)
        if missing and not self.defer_embedding:
            self._embed_into_cache(missing)
        started = time.perf_counter()
        have = [i for i, key in enumerate(keys) if key in self.cache]
        self.pending = [plan.upsert_ids[i] for i, key in enumerate(keys) if key not in self.cache]
        for start in range(0, len(have), WRITE_BATCH):
            rows = have[start : start + WRITE_BATCH]
            collection.upsert(
                ids=[plan.upsert_ids[i] for i in rows],
                embeddings=self.cache.get([keys[i] for i in rows]),
                metadatas=[plan.upsert_metadata[i] for i in rows],
            )
        self.seconds["vector writes"] += time.perf_counter() - started

    def _embed_into_cache(self, texts: dict[str, str]) -> None:
        embedder = self.embedder.get()
        order = sorted(texts, key=lambda key: (-len(texts[key]), key))
        total = len(order)
        self.progress(PASSAGES, 0, total)
        for start, batch in _batches(order, EMBED_CHUNK):
            started = time.perf_counter()
            vectors = embedder.embed_passages([texts[key] for key in batch])
            self.seconds[f"embedding {PASSAGES}"] += time.perf_counter() - started
            self.cache.add(batch, vectors)
            self.progress(PASSAGES, start + len(batch), total)

    def _remove_and_update(self, collection: Collection, plan: _Plan) -> None:
        started = time.perf_counter()
        for start in range(0, len(plan.remove_ids), WRITE_BATCH):
            collection.delete(ids=plan.remove_ids[start : start + WRITE_BATCH])
        for start in range(0, len(plan.metadata_ids), WRITE_BATCH):
            end = start + WRITE_BATCH
            collection.update(ids=plan.metadata_ids[start:end], metadatas=plan.metadata_values[start:end])
        self.seconds["vector writes"] += time.perf_counter() - started

    def _apply(self, collection: Collection, plan: _Plan, stage: str) -> None:
        self._remove_and_update(collection, plan)
        total = len(plan.upsert_ids)
        if total == 0:
            return
        embedder = self.embedder.get()
        self.progress(stage, 0, total)
        for start in range(0, total, EMBED_CHUNK):
            end = start + EMBED_CHUNK
            started = time.perf_counter()
            vectors = embedder.embed_passages(plan.upsert_texts[start:end])
            self.seconds[f"embedding {stage}"] += time.perf_counter() - started
            started = time.perf_counter()
            collection.upsert(
                ids=plan.upsert_ids[start:end], embeddings=vectors, metadatas=plan.upsert_metadata[start:end]
            )
            self.seconds["vector writes"] += time.perf_counter() - started
            self.progress(stage, min(end, total), total)


def _batches(items: Sequence[str], size: int) -> Iterator[tuple[int, Sequence[str]]]:
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


def _unique(records: Sequence[T]) -> list[T]:
    """The records with the first of any duplicate ids kept."""
    seen: dict[str, T] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return list(seen.values())


def _plan(
    records: list,
    old: dict[str, tuple[str, str]],
    text: Callable[[object], str],
    metadata: Callable[[object], Metadata],
) -> _Plan:
    """Sort records into embed (new/changed text), metadata-only updates, removals and unchanged."""
    plan = _Plan([], [], [], [], [], [], {}, StageCounts())
    for record in records:
        record_text, record_metadata = text(record), metadata(record)
        hashes = (content_hash(record_text), content_hash(record_metadata))
        plan.hashes[record.id] = hashes
        before = old.get(record.id)
        if before is None or before[0] != hashes[0]:
            plan.upsert_ids.append(record.id)
            plan.upsert_texts.append(record_text)
            plan.upsert_metadata.append(record_metadata)
            if before is None:
                plan.counts.new += 1
            else:
                plan.counts.changed += 1
        elif before[1] != hashes[1]:
            plan.metadata_ids.append(record.id)
            plan.metadata_values.append(record_metadata)
            plan.counts.metadata_updated += 1
        else:
            plan.counts.unchanged += 1
    plan.remove_ids = sorted(set(old) - set(plan.hashes))
    plan.counts.removed = len(plan.remove_ids)
    return plan
