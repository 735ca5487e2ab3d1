"""The conversation kept per session: profile, filters, shown results and the messages so far."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from fundmatch.chat.facts import opportunity_name
from fundmatch.chat.reply import Reply
from fundmatch.core.models import Filters, Profile, Recommendation


@dataclass
class Message:
    """One chat message; assistant messages carry the structured reply they render."""

    role: str
    text: str
    reply: Reply | None = None


@dataclass
class Conversation:
    """Everything a follow-up needs to be understood."""

    profile: Profile = field(default_factory=Profile)
    filters: Filters = field(default_factory=Filters)
    description: str = ""
    recommendations: list[Recommendation] = field(default_factory=list)
    focus: int | None = None
    messages: list[Message] = field(default_factory=list)

    def call_names(self) -> list[str]:
        """How each shown result is named: topic or call id, else title."""
        return [opportunity_name(r.opportunity) for r in self.recommendations]

    def update_profile(self, changes: dict[str, Any]) -> None:
        """Apply profile field changes (unknown fields are ignored)."""
        known = {f.name for f in dataclasses.fields(Profile)}
        self.profile = dataclasses.replace(self.profile, **{k: v for k, v in changes.items() if k in known})
