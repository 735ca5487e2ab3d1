"""Read side of the index: ``open_index(settings)`` returns a ``HybridIndex`` (a PassageIndex)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from fundmatch.core.errors import IndexMismatchError, QueryError
from fundmatch.core.models import FundedProject, Opportunity, Passage
from fundmatch.core.settings import Settings
from fundmatch.index.base import PASSAGES, PROJECTS, Hit
from fundmatch.index.bm25 import KeywordIndex
from fundmatch.index.catalogue import read_projects, read_records
from fundmatch.index.dense import read_dense
from fundmatch.index.layout import IndexLayout, Manifest

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection


def open_index(settings: Settings) -> HybridIndex:
    """Open the live index generation named by the settings.

    Raises IndexNotFoundError (with a hint to run ``fundmatch ingest``) when there is none, and
    IndexMismatchError when it was built with another embedding model or vector store.
    """
    directory = IndexLayout(settings.resolved_index_dir).require_live()
    manifest = Manifest.read(directory)
    if manifest.embedding_model != settings.embedding_model:
        raise IndexMismatchError(
            f"the index at {settings.resolved_index_dir} was built with embedding model "
            f"{manifest.embedding_model!r}, but the settings ask for {settings.embedding_model!r}; "
            f"run `fundmatch ingest` again or set FUNDMATCH_EMBEDDING_MODEL={manifest.embedding_model}"
        )
    if manifest.vector_store != settings.vector_store:
        raise IndexMismatchError(
            f"the index at {settings.resolved_index_dir} keeps its vectors in {manifest.vector_store!r}, "
            f"but the settings ask for {settings.vector_store!r}; run `fundmatch ingest` again"
        )

    def open_collections() -> dict[str, Collection]:
        from fundmatch.index.vector_store import get_vector_store

        return get_vector_store(settings).open(directory, manifest.collections)

    return HybridIndex(directory, manifest, open_collections)


def _chroma_where(where: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Chroma wants ``$and`` around several conditions; a plain multi-key dict is wrapped."""
    if not where:
        return None
    if len(where) == 1:
        return dict(where)
    return {"$and": [{key: value} for key, value in where.items()]}


class HybridIndex:
    """Dense (Chroma) and keyword (BM25) search over passages, project search, and the catalogue.

    Passages and opportunities are read when the index opens; projects, the BM25 weights and the
    vector store are opened on first use, so that opening stays fast. An unfiltered passage search
    reads the generation's memory-mapped copy of the passage vectors (``dense``) and needs no
    vector store at all: Chroma (a few seconds to import) is only opened for filtered or project
    searches.
    """

    def __init__(
        self, directory: Path, manifest: Manifest, open_collections: Callable[[], dict[str, Collection]]
    ) -> None:
        self.directory = directory
        self.manifest = manifest
        self._open_collections = open_collections
        self._collections: dict[str, Collection] | None = None
        self._dense = read_dense(directory)
        self._opportunities, self._passages = read_records(directory)
        self._opportunity_by_id = {o.id: o for o in self._opportunities}
        self._passage_by_id = {p.id: p for p in self._passages}
        self._projects: list[FundedProject] | None = None
        self._project_by_id: dict[str, FundedProject] = {}
        self._keywords: KeywordIndex | None = None

    @property
    def dense_complete(self) -> bool:
        """True when every passage has a vector; False while the background embedding runs."""
        return self.manifest.dense_complete

    def dense_progress(self) -> float:
        """The share of passages with a vector now (the background embedding's last report)."""
        if self.manifest.dense_complete:
            return 1.0
        from fundmatch.index.background import read_progress

        total = self.manifest.counts.get("passages", 0)
        progress = read_progress(self.directory.parent)
        if progress is not None and progress.total == total:
            return progress.share
        return (total - self.manifest.pending_passages) / total if total else 1.0

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Mapping[str, Any] | None = None
    ) -> list[Hit]:
        """Nearest passages by cosine similarity (score = 1 - cosine distance), best first.

        ``where`` is a Chroma metadata filter on the keys listed in ``documents.passage_metadata``,
        e.g. ``{"programme": "InvestEU"}``, ``{"status": {"$in": ["open", "forthcoming"]}}`` or
        ``{"deadline_int": {"$gte": 20260101}}``; several keys are combined with ``$and``.
        """
        if where is None and self._dense is not None:
            return self._dense.search(self._checked(query_vector), k)
        return self._query(self._collection(PASSAGES), query_vector, k, where)

    def project_search(
        self, query_vector: np.ndarray, k: int, where: Mapping[str, Any] | None = None
    ) -> list[Hit]:
        """Nearest embedded funded projects (keys: call_family, topic, funding_scheme,
        coordinator_country, start_year); empty when projects were not embedded."""
        if self.manifest.projects_embedded == 0:
            self._checked(query_vector)
            return []
        return self._query(self._collection(PROJECTS), query_vector, k, where)

    def _collection(self, kind: str) -> Collection:
        if self._collections is None:
            self._collections = self._open_collections()
        return self._collections[kind]

    def _checked(self, query_vector: np.ndarray) -> np.ndarray:
        vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.manifest.dimension:
            raise QueryError(
                f"query vector has dimension {vector.shape[0]}, the index {self.manifest.dimension} "
                f"({self.manifest.embedding_model})"
            )
        return vector

    def _query(
        self, collection: Collection, query_vector: np.ndarray, k: int, where: Mapping[str, Any] | None
    ) -> list[Hit]:
        vector = self._checked(query_vector)
        size = collection.count()
        if k <= 0 or size == 0:
            return []
        result = collection.query(
            query_embeddings=[vector],
            n_results=min(k, size),
            where=_chroma_where(where),
            include=["distances"],
        )
        return [
            Hit(hit_id, 1.0 - float(distance))
            for hit_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def keyword_search(self, query: str, k: int) -> list[Hit]:
        """Best passages by BM25 (multilingual tokenizer, stopwords removed), best first."""
        if self._keywords is None:
            self._keywords = KeywordIndex.load(self.directory)
        return self._keywords.search(query, k)

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (KeyError when unknown)."""
        return self._passage_by_id[passage_id]

    def opportunity(self, opportunity_id: str) -> Opportunity:
        """The opportunity with this id (KeyError when unknown)."""
        return self._opportunity_by_id[opportunity_id]

    def opportunities(self) -> Sequence[Opportunity]:
        """Every opportunity, in ingest order."""
        return self._opportunities

    def passages(self) -> Sequence[Passage]:
        """Every passage, in ingest order."""
        return self._passages

    def projects(self) -> Sequence[FundedProject]:
        """Every funded project with its organisations, embedded or not."""
        self._load_projects()
        assert self._projects is not None
        return self._projects

    def project(self, project_id: str) -> FundedProject:
        """The funded project with this id (KeyError when unknown)."""
        self._load_projects()
        return self._project_by_id[project_id]

    def _load_projects(self) -> None:
        if self._projects is None:
            self._projects = read_projects(self.directory)
            self._project_by_id = {p.id: p for p in self._projects}
