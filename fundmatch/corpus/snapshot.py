"""What a load of the source directory yields, before indexing."""

from __future__ import annotations

from dataclasses import dataclass, field

from fundmatch.core.models import FundedProject, Opportunity, Passage, SkippedFile


@dataclass
class CorpusSnapshot:
    """Opportunities, their passages, funded projects, and the files that were skipped."""

    opportunities: list[Opportunity] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    projects: list[FundedProject] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    files_reused: list[str] = field(default_factory=list)  # of files_read: unchanged, not read again
