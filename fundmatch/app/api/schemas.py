"""What the API's requests carry, checked by pydantic (bounds on sizes and ``k``)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fundmatch.core.models import CORE_PROGRAMMES, Filters
from fundmatch.retrieval.profile import MAX_QUERY_CHARS

MAX_K = 50
MAX_MESSAGE_CHARS = 4000
Language = Literal["en", "de", "fr", "it", "es", "pl"]


class Strict(BaseModel):
    """Unknown fields are refused, so that a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid")


class FiltersIn(Strict):
    """Restrictions on the list. ``programmes``/``statuses`` null: the defaults (the core programmes;
    open and forthcoming); an empty list: no restriction."""

    programmes: list[str] | None = Field(default=None, max_length=50)
    statuses: list[Literal["open", "forthcoming", "closed", "unknown"]] | None = None
    types_of_action: list[str] = Field(default_factory=list, max_length=20)
    deadline_from: date | None = None
    deadline_to: date | None = None
    budget_min: float | None = Field(default=None, ge=0)
    budget_max: float | None = Field(default=None, ge=0)

    def to_filters(self) -> Filters:
        """The recommender's filters."""
        defaults = Filters()
        return Filters(
            programmes=CORE_PROGRAMMES if self.programmes is None else tuple(self.programmes),
            statuses=defaults.statuses if self.statuses is None else tuple(self.statuses),
            types_of_action=tuple(self.types_of_action),
            deadline_from=self.deadline_from,
            deadline_to=self.deadline_to,
            budget_min=self.budget_min,
            budget_max=self.budget_max,
        )


class RecommendIn(Strict):
    """``POST /recommend``: a description (or a saved client's), profile overrides, filters, ``k``."""

    text: str = ""  # bounded by the request size; its own limit is checked with the recommender's message
    profile: dict[str, Any] | None = None
    profile_name: str | None = Field(default=None, max_length=120)
    filters: FiltersIn | None = None
    k: int = Field(default=10, ge=1, le=MAX_K)
    language: Language | None = None  # of the reasons (as --language); the text's own is detected


class ChatIn(Strict):
    """``POST /chat``: one message of a conversation (a new one when ``conversation_id`` is null)."""

    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    conversation_id: str | None = Field(default=None, max_length=64)
    language: Language | None = None
    profile_name: str | None = Field(default=None, max_length=120)


class ProfileIn(Strict):
    """``POST /profiles``: a client to save (fields not given are read from the description)."""

    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=MAX_QUERY_CHARS)
    profile: dict[str, Any] | None = None
    filters: FiltersIn | None = None
    language: Language | None = None
