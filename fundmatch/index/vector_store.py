"""Where the vectors live: an embedded Chroma folder per generation, or a Chroma server.

Both stores keep one pair of collections per generation (``passages-<gen>``, ``projects-<gen>``,
cosine space) so that a build never writes into what readers see:

* ``chroma`` (embedded, default): the collections live in ``<generation>/chroma``. An incremental
  build first copies the live generation's ``chroma`` folder (a plain file copy, well under a
  second even for the full corpus) and then applies deletions and new vectors to the copy.
* ``chroma-http``: the collections live on a Chroma server (``chroma_host``/``chroma_port``).
  An incremental build creates the new generation's collections and copies the unchanged vectors
  over the API, then applies the changes; the old generation's collections are dropped when the
  generation is retired. Catalogue and BM25 still live in the local index folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from fundmatch.core.errors import IndexNotFoundError
from fundmatch.core.registry import lookup
from fundmatch.core.settings import Settings

COPY_BATCH = 2000
COSINE = {"hnsw:space": "cosine"}


class VectorStore(Protocol):
    """Creates, opens and drops the collections of a generation."""

    name: str

    def create(
        self, directory: Path, names: dict[str, str], previous: tuple[Path, dict[str, str]] | None
    ) -> dict[str, Collection]:
        """New collections for a generation being built, holding the previous generation's vectors."""
        ...

    def open(self, directory: Path, names: dict[str, str]) -> dict[str, Collection]:
        """The existing collections of a built generation."""
        ...

    def drop(self, directory: Path, names: dict[str, str]) -> None:
        """Delete a generation's collections (its folder is removed by the caller)."""
        ...


def _client_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _create_collections(client: ClientAPI, names: dict[str, str]) -> dict[str, Collection]:
    return {
        kind: client.get_or_create_collection(name, metadata=COSINE, embedding_function=None)
        for kind, name in names.items()
    }


def _open_collections(client: ClientAPI, names: dict[str, str], where: str) -> dict[str, Collection]:
    try:
        return {kind: client.get_collection(name, embedding_function=None) for kind, name in names.items()}
    except Exception as exc:  # chromadb raises NotFoundError/ValueError depending on the backend
        raise IndexNotFoundError(
            f"the vector collections of the index are missing at {where} ({exc}); run `fundmatch ingest`"
        ) from None


class EmbeddedChroma:
    """Chroma's PersistentClient in a ``chroma`` folder inside each generation."""

    name = "chroma"

    def _client(self, directory: Path) -> ClientAPI:
        return chromadb.PersistentClient(path=str(directory / "chroma"), settings=_client_settings())

    def create(
        self, directory: Path, names: dict[str, str], previous: tuple[Path, dict[str, str]] | None
    ) -> dict[str, Collection]:
        if previous is None:
            return _create_collections(self._client(directory), names)
        previous_dir, previous_names = previous
        shutil.copytree(previous_dir / "chroma", directory / "chroma")
        client = self._client(directory)
        for kind, name in names.items():
            client.get_collection(previous_names[kind], embedding_function=None).modify(name=name)
        return _open_collections(client, names, str(directory))

    def open(self, directory: Path, names: dict[str, str]) -> dict[str, Collection]:
        if not (directory / "chroma").is_dir():
            raise IndexNotFoundError(f"no vectors at {directory / 'chroma'}; run `fundmatch ingest`")
        return _open_collections(self._client(directory), names, str(directory))

    def drop(self, directory: Path, names: dict[str, str]) -> None:
        """Nothing to do: the collections go with the generation folder."""


class HttpChroma:
    """A Chroma server reached with chromadb.HttpClient."""

    name = "chroma-http"

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    def _client(self) -> ClientAPI:
        try:
            return chromadb.HttpClient(host=self.host, port=self.port, settings=_client_settings())
        except Exception as exc:  # connection refused, DNS, wrong protocol ...
            raise IndexNotFoundError(
                f"cannot reach the Chroma server at {self.host}:{self.port} ({exc})"
            ) from None

    def create(
        self, directory: Path, names: dict[str, str], previous: tuple[Path, dict[str, str]] | None
    ) -> dict[str, Collection]:
        client = self._client()
        collections = _create_collections(client, names)
        if previous is not None:
            old = _open_collections(client, previous[1], f"{self.host}:{self.port}")
            for kind, collection in collections.items():
                _copy_vectors(old[kind], collection)
        return collections

    def open(self, directory: Path, names: dict[str, str]) -> dict[str, Collection]:
        return _open_collections(self._client(), names, f"{self.host}:{self.port}")

    def drop(self, directory: Path, names: dict[str, str]) -> None:
        client = self._client()
        existing = {collection.name for collection in client.list_collections()}
        for name in names.values():
            if name in existing:
                client.delete_collection(name)


def _copy_vectors(source: Collection, target: Collection) -> None:
    offset = 0
    while True:
        batch = source.get(include=["embeddings", "metadatas"], limit=COPY_BATCH, offset=offset)
        if not batch["ids"]:
            return
        target.add(ids=batch["ids"], embeddings=batch["embeddings"], metadatas=batch["metadatas"])
        offset += len(batch["ids"])


VECTOR_STORES: dict[str, Callable[[Settings], VectorStore]] = {
    "chroma": lambda settings: EmbeddedChroma(),
    "chroma-http": lambda settings: HttpChroma(settings.chroma_host, settings.chroma_port),
}


def get_vector_store(settings: Settings) -> VectorStore:
    """The store named by ``settings.vector_store``; unknown names list the valid ones."""
    return lookup(VECTOR_STORES, settings.vector_store, "vector store")(settings)
