"""What the assistant hands back for one message: text with [n] markers and the structure behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from fundmatch.chat.followup import Intent
from fundmatch.core.models import Evidence, Profile, Recommendation
from fundmatch.lang.i18n import t


def source_label(source: str, section: str | None, page: int | None, language: str = "en") -> str:
    """``source, section, p. 12`` as shown under an answer or a card."""
    parts = [source]
    if section:
        parts.append(section)
    if page is not None:
        parts.append(t(language, "p. {page}", page=str(page)))
    return ", ".join(parts)


@dataclass(frozen=True)
class Citation:
    """A numbered source an answer cites as [number]."""

    number: int
    evidence: Evidence
    url: str | None = None

    def label(self, language: str = "en") -> str:
        """``source, section, p. 12`` as shown under the answer."""
        return source_label(self.evidence.source, self.evidence.section, self.evidence.page, language)


@dataclass
class Reply:
    """One assistant turn."""

    text: str
    language: str
    intent: Intent
    standalone_query: str
    recommendations: list[Recommendation] = field(default_factory=list)
    comparison: list[dict[str, str]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    profile: Profile | None = None
    polished_by: str | None = None
    guard_note: str | None = None

    def sources_markdown(self) -> str:
        """The numbered source list shown under an answer, in the reply's language."""
        if not self.citations:
            return ""
        lines = [f"**{t(self.language, 'Sources')}**"]
        for citation in self.citations:
            label = citation.label(self.language)
            lines.append(f"[{citation.number}] " + (f"[{label}]({citation.url})" if citation.url else label))
        return "  \n".join(lines)


class CitationBook:
    """Numbers evidence in the order an answer cites it, one number per distinct source."""

    def __init__(self) -> None:
        self._citations: list[Citation] = []

    def cite(self, evidence: Evidence, url: str | None = None) -> str:
        """The ``[n]`` marker for ``evidence``, numbering it on first use."""
        key = (evidence.passage_id, evidence.source, evidence.section, evidence.page)
        for citation in self._citations:
            existing = citation.evidence
            if (existing.passage_id, existing.source, existing.section, existing.page) == key:
                return f"[{citation.number}]"
        number = len(self._citations) + 1
        self._citations.append(Citation(number, evidence, url))
        return f"[{number}]"

    @property
    def citations(self) -> list[Citation]:
        return list(self._citations)
