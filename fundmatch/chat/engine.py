"""The seam between the chat and the recommender: what the assistant needs from the engine."""

from __future__ import annotations

from typing import Protocol

from fundmatch.core.models import Filters, FundedProject, Opportunity, Passage, Profile, Recommendation


class Engine(Protocol):
    """Recommendations, profile extraction and the catalogue behind them."""

    def recommend(
        self,
        text: str,
        profile: Profile | None,
        filters: Filters | None,
        k: int,
        translation: str | None = None,
    ) -> list[Recommendation]:
        """Ranked opportunities for a project description; an empty list when nothing fits.

        ``translation``, an English translation of a non-English ``text``, is searched instead; the
        language of ``text`` is ``profile.language``.
        """
        ...

    def programmes(self) -> list[str]:
        """The programmes the catalogue holds opportunities of, by name, sorted."""
        ...

    def extract_profile(self, text: str, language: str | None = None) -> Profile:
        """What a message says about the applicant (``language``: the message's, when known)."""
        ...

    def passages_for(self, opportunity_id: str) -> list[Passage]:
        """Every indexed passage of one opportunity, in document order."""
        ...

    def opportunity(self, opportunity_id: str) -> Opportunity | None:
        """An opportunity by its id or call id, None when unknown."""
        ...

    def funded_project(self, project_id: str) -> FundedProject | None:
        """A funded project with its organisations, None when unknown."""
        ...
