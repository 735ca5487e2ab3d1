"""A client's private collection: the call documents uploaded for it, kept with their passage vectors
in the client database and searched with the snapshot (``fundmatch.index.overlay``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fundmatch.clients.store import ProfileStore, now_iso
from fundmatch.core.codec import from_jsonable, to_jsonable
from fundmatch.core.errors import ProfileError
from fundmatch.core.models import Opportunity, Passage
from fundmatch.embeddings.base import Embedder
from fundmatch.index.overlay import ExtraPassages

if TYPE_CHECKING:
    from fundmatch.clients.uploads import CallDocument


@dataclass(frozen=True)
class DocumentInfo:
    """One stored document: its file name, content hash, passages, and the opportunity it feeds."""

    name: str
    sha256: str
    passages: int
    opportunity_id: str
    added: str


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """The vectors scaled to length 1 (cosine = dot product), as float32."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


class PrivateDocuments:
    """The call documents of the clients in one profile store."""

    def __init__(self, store: ProfileStore) -> None:
        self.store = store

    def add(self, profile_name: str, document: CallDocument, embedder: Embedder) -> bool:
        """Embed and store a document for the client; False (nothing done) when it is there already."""
        profile_id = self.store.profile_id(profile_name)
        if any(info.sha256 == document.sha256 for info in self.list(profile_name)):
            return False
        vectors = unit_rows(embedder.embed_passages([p.text for p in document.passages]))
        opportunity = json.dumps(to_jsonable(document.opportunity)) if document.opportunity else None
        with self.store.database.writing() as connection:
            document_id = connection.execute(
                "INSERT INTO documents (profile_id, name, sha256, embedding_model, opportunity, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (profile_id, document.name, document.sha256, embedder.name, opportunity, now_iso()),
            ).lastrowid
            connection.executemany(
                "INSERT INTO document_passages (document_id, position, passage, vector) VALUES (?, ?, ?, ?)",
                [
                    (
                        document_id,
                        position,
                        json.dumps(to_jsonable(passage), ensure_ascii=False),
                        vector.tobytes(),
                    )
                    for position, (passage, vector) in enumerate(zip(document.passages, vectors, strict=True))
                ],
            )
        return True

    def list(self, profile_name: str) -> list[DocumentInfo]:
        """The client's documents, oldest first."""
        profile_id = self.store.profile_id(profile_name)
        with self.store.database.reading() as connection:
            rows = connection.execute(
                "SELECT d.name, d.sha256, d.added_at, d.opportunity, "
                "(SELECT COUNT(*) FROM document_passages p WHERE p.document_id = d.id) AS passages, "
                "(SELECT passage FROM document_passages p WHERE p.document_id = d.id AND p.position = 0) AS first "
                "FROM documents d WHERE d.profile_id = ? ORDER BY d.id",
                (profile_id,),
            ).fetchall()
        return [
            DocumentInfo(
                row["name"],
                row["sha256"],
                row["passages"],
                _owner(row["opportunity"], row["first"]),
                row["added_at"],
            )
            for row in rows
        ]

    def remove(self, profile_name: str, name: str) -> None:
        """Drop one of the client's documents by file name."""
        profile_id = self.store.profile_id(profile_name)
        with self.store.database.writing() as connection:
            deleted = connection.execute(
                "DELETE FROM documents WHERE profile_id = ? AND name = ?", (profile_id, name)
            )
            if deleted.rowcount == 0:
                raise ProfileError(f"{profile_name!r} has no document named {name!r}")

    def collection(self, profile_name: str, embedder: Embedder) -> ExtraPassages:
        """The client's passages, vectors and added opportunities, for an ``OverlayIndex``.

        Documents embedded with another model than ``embedder`` are embedded again and stored so.
        """
        profile_id = self.store.profile_id(profile_name)
        with self.store.database.reading() as connection:
            documents = connection.execute(
                "SELECT id, embedding_model, opportunity FROM documents WHERE profile_id = ? ORDER BY id",
                (profile_id,),
            ).fetchall()
            rows = connection.execute(
                "SELECT p.document_id, p.position, p.passage, p.vector FROM document_passages p "
                "JOIN documents d ON d.id = p.document_id WHERE d.profile_id = ? ORDER BY d.id, p.position",
                (profile_id,),
            ).fetchall()
        stale = {row["id"] for row in documents if row["embedding_model"] != embedder.name}
        passages = [from_jsonable(Passage, json.loads(row["passage"])) for row in rows]
        vectors = [np.frombuffer(row["vector"], dtype=np.float32) for row in rows]
        if stale:
            vectors = self._embed_again(stale, rows, passages, vectors, embedder)
        opportunities = tuple(
            from_jsonable(Opportunity, json.loads(row["opportunity"]))
            for row in documents
            if row["opportunity"]
        )
        matrix = np.vstack(vectors) if vectors else np.zeros((0, embedder.dimension), dtype=np.float32)
        return ExtraPassages(tuple(passages), matrix, opportunities)

    def _embed_again(
        self,
        stale: set[int],
        rows: list[sqlite3.Row],
        passages: list[Passage],
        vectors: list[np.ndarray],
        embedder: Embedder,
    ) -> list[np.ndarray]:
        """``vectors`` with those of the ``stale`` documents' passages embedded anew (and stored)."""
        chosen = [i for i, row in enumerate(rows) if row["document_id"] in stale]
        fresh = unit_rows(embedder.embed_passages([passages[i].text for i in chosen])) if chosen else []
        with self.store.database.writing() as connection:
            for i, vector in zip(chosen, fresh, strict=True):
                vectors[i] = vector
                connection.execute(
                    "UPDATE document_passages SET vector = ? WHERE document_id = ? AND position = ?",
                    (vector.tobytes(), rows[i]["document_id"], rows[i]["position"]),
                )
            connection.executemany(
                "UPDATE documents SET embedding_model = ? WHERE id = ?", [(embedder.name, i) for i in stale]
            )
        return vectors


def _owner(opportunity_json: str | None, first_passage_json: str | None) -> str:
    if opportunity_json:
        return json.loads(opportunity_json)["id"]
    if first_passage_json:
        return json.loads(first_passage_json).get("opportunity_id") or ""
    return ""
