"""Build or incrementally update the index from a corpus snapshot: ``build_index`` is the entry point.

A run compares content hashes with the live generation (see ``catalogue.Hashes``): it embeds
only passages whose text is new or changed, rewrites metadata of passages whose opportunity
changed, deletes removed ones, and does nothing at all when neither vectors nor catalogue differ.
Everything is written into a new generation that becomes live atomically (see ``layout``); on any
error or interrupt the half-built generation is removed and the previous one stays live. The whole
run holds the index's writer lock (see ``lock``), and ends by pruning old generations (``retention``).

Builds are reproducible: records are written in the order the loaders give them (files sorted by
path, passages in document order, first of each id kept), removals in id order, and the same
corpus, code and settings give the same catalogue, vectors and rankings.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from chromadb.api.models.Collection import Collection

from fundmatch.core.models import FundedProject, Opportunity, Passage, SkippedFile
from fundmatch.core.settings import Settings
from fundmatch.corpus.snapshot import CorpusSnapshot
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.registry import get_embedder
from fundmatch.index.bm25 import write_tokens
from fundmatch.index.catalogue import (
    CatalogueLines,
    Hashes,
    content_hash,
    serialise_catalogue,
    write_catalogue,
)
from fundmatch.index.documents import Metadata, passage_metadata, project_metadata, project_text
from fundmatch.index.layout import IndexLayout, Manifest, new_generation_id, now_iso, remove_tree
from fundmatch.index.retention import PruneReport, prune
from fundmatch.index.vector_store import PASSAGES, PROJECTS, VectorStore, collection_names, get_vector_store

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while vectors are written; stages: passages, projects."""

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
    corpus_snapshot: str = "",
) -> BuildReport:
    """Bring the index at ``settings.resolved_index_dir`` up to date with ``snapshot``.

    ``source_fingerprint`` (see ``fingerprint.source_fingerprint``) is stored in the manifest so
    that the next ingest can tell, before loading anything, that nothing changed; ``corpus_snapshot``
    (the date of the newest source file) is stored for ``fundmatch index status``. Raises
    IndexBusyError at once when another writer holds the index (a caller that already holds the
    lock in this thread, as ``fundmatch ingest`` does, is not refused).
    """
    layout = IndexLayout(settings.resolved_index_dir)
    with layout.writer_lock().hold("ingest"):
        store = get_vector_store(settings)
        started = time.perf_counter()
        embedder = embedder or get_embedder(settings)
        model_seconds = time.perf_counter() - started
        embed_projects = settings.embed_projects if embed_projects is None else embed_projects
        build = _Build(snapshot, embedder, store, layout, embed_projects, progress or _no_progress)
        build.seconds["embedding model load"] = model_seconds
        report = build.run(source_fingerprint, corpus_snapshot)
        report.pruned = prune(layout, settings.keep_generations, store)
        return report


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress sink for callers that show none."""


class _Build:
    def __init__(
        self,
        snapshot: CorpusSnapshot,
        embedder: Embedder,
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
                manifest, previous_dir, previous, passage_plan, project_plan, passages, lines
            )
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
        )

    def _reusable_previous(self) -> tuple[Path | None, Manifest | None]:
        """The live generation if its vectors can be reused (same model, dimension and store)."""
        live = self.layout.live()
        if live is None:
            return None, None
        manifest = Manifest.read(live)
        reusable = (
            manifest.embedding_model == self.embedder.name
            and manifest.dimension == self.embedder.dimension
            and manifest.vector_store == self.store.name
        )
        return live, manifest if reusable else None

    def _project_plan(self, projects: list[FundedProject], old: dict[str, tuple[str, str]]) -> _Plan:
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
        passages: list[Passage],
        lines: CatalogueLines,
    ) -> None:
        building = self.layout.building_dir(manifest.generation)
        names = manifest.collections
        building.mkdir(parents=True)
        try:
            started = time.perf_counter()
            reuse = (previous_dir, previous.collections) if previous_dir and previous else None
            collections = self.store.create(building, names, reuse)
            self.seconds["copy previous vectors"] += time.perf_counter() - started
            self._apply(collections[PASSAGES], passage_plan, PASSAGES)
            self._apply(collections[PROJECTS], project_plan, PROJECTS)

            started = time.perf_counter()
            write_catalogue(building, lines)
            write_tokens(building, [p.id for p in passages], [p.text for p in passages])
            Hashes(passages=passage_plan.hashes, projects=project_plan.hashes).write(building)
            manifest.write(building)
            self.layout.commit(building, manifest.generation)
            self.seconds["catalogue, BM25, commit"] += time.perf_counter() - started
        except BaseException:
            self.store.drop(building, names)
            remove_tree(building)
            raise

    def _apply(self, collection: Collection, plan: _Plan, stage: str) -> None:
        started = time.perf_counter()
        for start in range(0, len(plan.remove_ids), WRITE_BATCH):
            collection.delete(ids=plan.remove_ids[start : start + WRITE_BATCH])
        for start in range(0, len(plan.metadata_ids), WRITE_BATCH):
            end = start + WRITE_BATCH
            collection.update(ids=plan.metadata_ids[start:end], metadatas=plan.metadata_values[start:end])
        self.seconds["vector writes"] += time.perf_counter() - started

        total = len(plan.upsert_ids)
        self.progress(stage, 0, total)
        for start in range(0, total, EMBED_CHUNK):
            end = start + EMBED_CHUNK
            started = time.perf_counter()
            vectors = self.embedder.embed_passages(plan.upsert_texts[start:end])
            self.seconds[f"embedding {stage}"] += time.perf_counter() - started
            started = time.perf_counter()
            collection.upsert(
                ids=plan.upsert_ids[start:end], embeddings=vectors, metadatas=plan.upsert_metadata[start:end]
            )
            self.seconds["vector writes"] += time.perf_counter() - started
            self.progress(stage, min(end, total), total)


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
