"""The chat's engine backed by the built index and the recommender."""

from __future__ import annotations

from fundmatch.core.models import Filters, FundedProject, Opportunity, Passage, Profile, Recommendation
from fundmatch.retrieval.profile import extract_profile
from fundmatch.retrieval.recommend import Recommender


class IndexEngine:
    """Adapts ``fundmatch.retrieval.recommend.Recommender`` to the chat's ``Engine`` seam."""

    def __init__(self, recommender: Recommender) -> None:
        self.recommender = recommender
        self._projects: dict[str, FundedProject] | None = None

    def recommend(
        self,
        text: str,
        profile: Profile | None,
        filters: Filters | None,
        k: int,
        translation: str | None = None,
    ) -> list[Recommendation]:
        run = self.recommender.run(text, profile=profile, filters=filters, k=k, translation=translation)
        return run.recommendations

    def programmes(self) -> list[str]:
        return self.recommender.programmes()

    def extract_profile(self, text: str, language: str | None = None) -> Profile:
        return extract_profile(text, language)

    def passages_for(self, opportunity_id: str) -> list[Passage]:
        return self.recommender.passages_of(opportunity_id)

    def opportunity(self, opportunity_id: str) -> Opportunity | None:
        index = self.recommender.index
        try:
            return index.opportunity(opportunity_id)
        except KeyError:
            return next((o for o in index.opportunities() if o.call_id == opportunity_id), None)

    def funded_project(self, project_id: str) -> FundedProject | None:
        if self._projects is None:
            self._projects = {p.id: p for p in self.recommender.index.projects()}
        return self._projects.get(project_id)
