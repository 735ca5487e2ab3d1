"""Intermediate shapes between reading a file and cutting passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from fundmatch.core.models import FundedProject, Opportunity, Passage, SkippedFile


@dataclass(frozen=True)
class Section:
    """A headed stretch of text.

    ``page`` is the 1-based page where it starts, if known; ``page_breaks`` lists
    ``(character offset, page)`` for each later page the section runs onto.
    """

    heading: str
    text: str
    page: int | None = None
    page_breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page on which the character at ``offset`` lies."""
        page = self.page
        for start, number in self.page_breaks:
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True)
class OpportunityText:
    """An opportunity with the sections of text that describe it."""

    opportunity: Opportunity
    sections: tuple[Section, ...] = ()


@dataclass
class FileResult:
    """What one file yielded, plus records inside it that had to be skipped."""

    opportunities: list[Opportunity] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    projects: list[FundedProject] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
