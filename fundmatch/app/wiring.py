"""The one place where settings become components: the recommender (index, embedder, similar-project
model), the chat engine, the optional LLM translator, and the saved clients (profile store, ranking
over each client's own documents). Lower floors receive what they need."""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from fundmatch.app.live import LiveEngine
from fundmatch.chat.index_engine import IndexEngine
from fundmatch.clients.database import DATABASE_FILE, ClientDatabase
from fundmatch.clients.digest import Ranker
from fundmatch.clients.private_docs import PrivateDocuments
from fundmatch.clients.store import ProfileStore, SavedProfile, name_key
from fundmatch.core.models import OWN_DOCUMENTS, Filters, Profile, Recommendation
from fundmatch.core.settings import Settings, load_settings
from fundmatch.index.overlay import OverlayIndex
from fundmatch.lang.detect import detect_language
from fundmatch.llm.translate import QueryTranslator, translator_from_settings
from fundmatch.retrieval.precomputed import load_side
from fundmatch.retrieval.recommend import RecommendationRun, Recommender


def open_recommender(settings: Settings | None = None) -> Recommender:
    """Open the index, its stored CORDIS side, once every passage has a vector the embedder, and the
    ranker named by the settings (a learned ranker that is missing or stale is logged as a one-line
    notice, kept as ``ranker_notice``, and fusion ranks).

    Queries are embedded on the configured runtime when it gives the vectors the index was embedded
    with (``registry.query_runtime``: an index embedded with torch is queried on ONNX, without torch),
    else on the index's own runtime. While the background embedding runs, the recommender is
    keyword-only and loads no model.
    """
    from fundmatch.index import open_index
    from fundmatch.retrieval.learned import load_ranker

    settings = settings or load_settings()
    index = open_index(settings)
    side = load_side(index)
    embedder = None
    if index.dense_complete:
        from fundmatch.embeddings.registry import get_embedder, query_runtime

        runtime = query_runtime(index.manifest.embedding_runtime, settings.embedding_runtime)
        embedder = get_embedder(settings.replace(embedding_runtime=runtime))
    ranker, notice = load_ranker(settings, index)
    if notice:
        logging.getLogger("fundmatch").warning(notice.text("en"))
    recommender = Recommender(
        index, embedder, side.similar, settings, side.carrier(settings.carry_over_votes), ranker
    )
    recommender.ranker_notice = notice
    return recommender


def open_engine(settings: Settings) -> LiveEngine:
    """The chat's engine over the index named by ``settings`` (IndexNotFoundError when there is none);
    it reopens the index when a newer generation goes live (the background embedding's)."""
    return LiveEngine(lambda: IndexEngine(open_recommender(settings)), settings.resolved_index_dir)


def query_translator(settings: Settings) -> QueryTranslator | None:
    """The LLM translator for non-English queries, or None without an LLM or with translation off."""
    return translator_from_settings(settings)


@cache
def _default_recommender(settings: Settings) -> Recommender:
    return open_recommender(settings)


@cache
def _default_translator(settings: Settings) -> QueryTranslator | None:
    return query_translator(settings)


def recommend(
    text: str,
    profile: Profile | Mapping[str, Any] | None = None,
    filters: Filters | None = None,
    k: int = 10,
    as_of: date | None = None,
) -> list[Recommendation]:
    """The ``k`` best opportunities for a project description; empty when nothing fits.

    Uses the index and models named by the current settings (opened once per process); with an
    LLM configured, a non-English description is searched in its English translation.
    """
    settings = load_settings()
    translator = _default_translator(settings)
    language = detect_language(text)
    translation = translator.run(text, language) if translator else None
    run = _default_recommender(settings).run(
        text, profile=profile, filters=filters, k=k, as_of=as_of, translation=translation, language=language
    )
    return run.recommendations


def open_profile_store(settings: Settings) -> ProfileStore:
    """The saved client profiles: one SQLite file under ``data_dir``."""
    return ProfileStore(ClientDatabase(settings.data_dir / DATABASE_FILE))


class ClientRanking:
    """Ranks for saved clients: the snapshot's recommender, with each client's own call documents
    laid over the index (``fundmatch.index.overlay``). A client's recommender is built once per set of
    documents and kept for the next request (a few, least recently used first out)."""

    KEPT = 4

    def __init__(
        self,
        recommender: Recommender,
        store: ProfileStore,
        translator: QueryTranslator | None = None,
    ) -> None:
        self.recommender = recommender
        self.store = store
        self.documents = PrivateDocuments(store)
        self.translator = translator
        self._kept: OrderedDict[tuple[str, tuple[str, ...]], Recommender] = OrderedDict()

    def recommender_for(self, name: str | None) -> Recommender:
        """The recommender for a saved client (the snapshot's when it has no documents or no name)."""
        if not name or self.store.find(name) is None:
            return self.recommender
        signature = tuple(info.sha256 for info in self.documents.list(name))
        if not signature:
            return self.recommender
        key = (name_key(name), signature)
        if key not in self._kept:
            extra = self.documents.collection(name, self.recommender.embedder)
            base = self.recommender
            overlay = OverlayIndex(base.index, extra)
            self._kept[key] = Recommender(overlay, base.embedder, base.similar, base.settings)
            while len(self._kept) > self.KEPT:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        return self._kept[key]

    def run(
        self,
        text: str,
        profile: Profile | Mapping[str, Any] | None,
        filters: Filters | None,
        k: int,
        client: str | None = None,
    ) -> RecommendationRun:
        """Rank for ``text``; with ``client``, over the snapshot and that client's documents."""
        recommender = self.recommender_for(client)
        filters = filters or Filters()
        if recommender is not self.recommender and filters.programmes:
            filters = dataclasses.replace(filters, programmes=(*filters.programmes, OWN_DOCUMENTS))
        language = detect_language(text)
        translation = self.translator.run(text, language) if self.translator else None
        return recommender.run(
            text, profile=profile, filters=filters, k=k, translation=translation, language=language
        )

    def ranker(self, k: int = 10) -> Ranker:
        """What a digest ranks a saved client with: its description, profile fields and filters."""

        def rank(saved: SavedProfile) -> list[Recommendation]:
            return self.run(
                saved.description, profile_fields(saved.profile), saved.filters, k, saved.name
            ).recommendations

        return rank


def profile_fields(profile: Profile) -> dict[str, Any]:
    """A saved profile's stated fields as recommender overrides; the language is read from the text."""
    return {k: v for k, v in dataclasses.asdict(profile).items() if k != "language" and v is not None}
