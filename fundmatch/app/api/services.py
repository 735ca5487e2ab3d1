"""What the API's routes work with: the client ranking, the chat conversations, the saved clients.

One lock serialises the work on the models: the embedder's tokenizer is not safe to share between
threads, and on two cores parallel queries would not finish sooner. Requests still arrive and wait
concurrently; each answers in turn.
"""

from __future__ import annotations

import dataclasses
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fundmatch.app.api.client import settings_fingerprint
from fundmatch.app.wiring import ClientRanking, open_profile_store, open_recommender, query_translator
from fundmatch.chat.assistant import Assistant
from fundmatch.chat.index_engine import IndexEngine
from fundmatch.chat.state import Conversation
from fundmatch.clients.digest_state import DigestBook
from fundmatch.core.settings import Settings

KEPT_CONVERSATIONS = 200


@dataclass
class ChatSession:
    """A conversation kept by the server and the client whose documents it searches."""

    conversation: Conversation = field(default_factory=Conversation)
    client: str | None = None


class ApiServices:
    """The server's components, opened once."""

    def __init__(self, settings: Settings, ranking: ClientRanking) -> None:
        self.settings = settings
        self.ranking = ranking
        self.store = ranking.store
        self.book = DigestBook(ranking.store)
        self.lock = threading.Lock()
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()

    @classmethod
    def open(cls, settings: Settings) -> ApiServices:
        """Open the index, the models and the client database named by the settings."""
        ranking = ClientRanking(
            open_recommender(settings), open_profile_store(settings), query_translator(settings)
        )
        return cls(settings, ranking)

    def today(self) -> date:
        """The date statuses and digests are computed for."""
        return self.settings.as_of or date.today()

    def health(self) -> dict[str, Any]:
        """What a client needs to tell whether this server answers as it would itself."""
        index = self.ranking.recommender.index
        return {
            "status": "ok",
            "generation": getattr(getattr(index, "directory", None), "name", None),
            "embedding_model": self.settings.embedding_model,
            "opportunities": len(index.opportunities()),
            "settings": settings_fingerprint(self.settings),
        }

    def session(self, conversation_id: str | None, client: str | None) -> tuple[str, ChatSession]:
        """The conversation of that id (a new one for None or an id this server does not keep)."""
        if conversation_id and conversation_id in self._sessions:
            self._sessions.move_to_end(conversation_id)
            return conversation_id, self._sessions[conversation_id]
        conversation_id = conversation_id or secrets.token_urlsafe(12)
        session = ChatSession(client=client)
        if client:
            saved = self.store.get(client)
            session.conversation.profile = dataclasses.replace(saved.profile)
            session.conversation.filters = saved.filters
        self._sessions[conversation_id] = session
        while len(self._sessions) > KEPT_CONVERSATIONS:
            self._sessions.popitem(last=False)
        return conversation_id, session

    def assistant(self, session: ChatSession) -> Assistant:
        """The chat assistant over the session client's index (snapshot plus its documents)."""
        engine = IndexEngine(self.ranking.recommender_for(session.client))
        translator = self.ranking.translator
        return Assistant(engine, translate=translator.run if translator else None)
