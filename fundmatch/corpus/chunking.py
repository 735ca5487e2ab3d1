"""Cutting sections into passages of about ``chunk_size`` characters, never across two opportunities."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from langchain_text_splitters import RecursiveCharacterTextSplitter

from fundmatch.core.families import call_family
from fundmatch.core.models import Opportunity, Passage
from fundmatch.corpus.documents import OpportunityText, Section

OVERVIEW = "Overview"
_SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]
OVERVIEW_SUMMARY_CHARS = 400

Metadata = dict[str, str | int | float | bool]


def passage_id(owner_id: str, section: str, text: str) -> str:
    """Stable, content-derived id: the same owner, section and text always give the same id."""
    return hashlib.sha1(f"{owner_id}\x1f{section}\x1f{text}".encode()).hexdigest()


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    """The splitter used inside a section: paragraphs, then lines, sentences, clauses, words."""
    if chunk_size <= 0 or not 0 <= chunk_overlap < chunk_size:
        raise ValueError(f"need chunk_size > chunk_overlap >= 0, got {chunk_size} and {chunk_overlap}")
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=_SEPARATORS,
        keep_separator="end",
    )


def opportunity_metadata(opportunity: Opportunity) -> Metadata:
    """Filterable facts of an opportunity; every value is a str, int, float or bool, never None."""
    return {
        "opportunity_id": opportunity.id,
        "title": opportunity.title,
        "programme": opportunity.programme,
        "kind": opportunity.kind,
        "status": opportunity.status,
        "deadline": opportunity.deadlines[-1].isoformat() if opportunity.deadlines else "",
        "opening_date": opportunity.opening_date.isoformat() if opportunity.opening_date else "",
        "type_of_action": opportunity.type_of_action or "",
        "call_id": opportunity.call_id or "",
        "call_family": call_family(opportunity.id) or "",
    }


def overview_text(opportunity: Opportunity) -> str:
    """Title, call, destination and the start of the summary: what a short query should hit."""
    lines = [opportunity.title]
    if opportunity.call_title and opportunity.call_title != opportunity.title:
        lines.append(f"Call: {opportunity.call_title}")
    if opportunity.destination:
        lines.append(f"Destination: {opportunity.destination}")
    if opportunity.summary:
        lines.append(opportunity.summary[:OVERVIEW_SUMMARY_CHARS])
    return "\n".join(line for line in lines if line)


def chunk_sections(
    sections: Iterable[Section],
    *,
    owner_id: str,
    source: str,
    metadata: Metadata,
    splitter: RecursiveCharacterTextSplitter,
    opportunity_id: str | None = None,
    document_id: str | None = None,
) -> list[Passage]:
    """Passages of each section in turn; a passage never spans two sections. Repeats are dropped."""
    passages: list[Passage] = []
    seen: set[str] = set()
    for section in sections:
        search_from = 0
        for piece in splitter.split_text(section.text):
            text = piece.strip()
            if not text:
                continue
            offset = section.text.find(text, search_from)
            if offset >= 0:
                search_from = offset + 1
            page = section.page_at(max(offset, 0))
            identifier = passage_id(owner_id, section.heading, text)
            if identifier in seen:
                continue
            seen.add(identifier)
            passages.append(
                Passage(
                    id=identifier,
                    text=text,
                    source=source,
                    opportunity_id=opportunity_id,
                    document_id=document_id,
                    section=section.heading,
                    page=page,
                    metadata={
                        **metadata,
                        "source": source,
                        "section": section.heading,
                        "page": page or 0,
                        "opportunity_id": opportunity_id or "",
                        "document_id": document_id or "",
                    },
                )
            )
    return passages


def chunk_opportunity(
    item: OpportunityText, splitter: RecursiveCharacterTextSplitter, extra: Metadata | None = None
) -> list[Passage]:
    """An overview passage, then the passages of each section of the opportunity."""
    opportunity = item.opportunity
    sections = (Section(OVERVIEW, overview_text(opportunity)), *item.sections)
    return chunk_sections(
        sections,
        owner_id=opportunity.id,
        source=opportunity.source,
        metadata={**opportunity_metadata(opportunity), **(extra or {})},
        splitter=splitter,
        opportunity_id=opportunity.id,
    )
