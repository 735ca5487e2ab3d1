"""An engine that follows the live index generation: the app keeps answering while the background
embedding works, and answers from the complete (hybrid) index as soon as it goes live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fundmatch.chat.index_engine import IndexEngine
from fundmatch.core.models import Filters, FundedProject, Opportunity, Passage, Profile, Recommendation
from fundmatch.index.background import EmbeddingProgress, is_running, read_progress
from fundmatch.index.layout import IndexLayout


@dataclass(frozen=True)
class IndexStatus:
    """Which mode answers now and how far the background embedding is."""

    hybrid: bool
    progress: EmbeddingProgress | None
    embedding_running: bool

    @property
    def share(self) -> float:
        """Passages with a vector, as a share of all."""
        if self.hybrid:
            return 1.0
        return self.progress.share if self.progress else 0.0


class LiveEngine:
    """The chat's ``Engine`` over whichever generation is live; ``open`` builds one for the live index."""

    def __init__(self, open_engine: Callable[[], IndexEngine], index_dir: Path) -> None:
        self._open = open_engine
        self._layout = IndexLayout(index_dir)
        self._generation = self._layout.live()
        self._engine = open_engine()

    @property
    def engine(self) -> IndexEngine:
        """The engine of the live generation, reopened when a newer one went live since the last call."""
        live = self._layout.live()
        if live is not None and live != self._generation:
            self._engine = self._open()
            self._generation = live
        return self._engine

    def status(self) -> IndexStatus:
        """The answering mode and the background embedding's last progress report."""
        hybrid = not self.engine.recommender.keyword_only
        root = self._layout.root
        return IndexStatus(hybrid, None if hybrid else read_progress(root), not hybrid and is_running(root))

    def recommend(
        self,
        text: str,
        profile: Profile | None,
        filters: Filters | None,
        k: int,
        translation: str | None = None,
    ) -> list[Recommendation]:
        return self.engine.recommend(text, profile, filters, k, translation)

    def programmes(self) -> list[str]:
        return self.engine.programmes()

    def extract_profile(self, text: str, language: str | None = None) -> Profile:
        return self.engine.extract_profile(text, language)

    def passages_for(self, opportunity_id: str) -> list[Passage]:
        return self.engine.passages_for(opportunity_id)

    def opportunity(self, opportunity_id: str) -> Opportunity | None:
        return self.engine.opportunity(opportunity_id)

    def funded_project(self, project_id: str) -> FundedProject | None:
        return self.engine.funded_project(project_id)
