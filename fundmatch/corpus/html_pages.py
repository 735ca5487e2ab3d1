"""HTML pages (saved portal pages, pages users add): title, headed sections, topic ids."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import HORIZON_EUROPE, INNOVATION_FUND, KIND_CALL_TOPIC, Opportunity, Passage
from fundmatch.corpus.chunking import chunk_opportunity, chunk_sections, make_splitter, opportunity_metadata
from fundmatch.corpus.documents import OpportunityText, Section
from fundmatch.corpus.portal_topics import summary_of
from fundmatch.corpus.reading import read_text
from fundmatch.corpus.text import find_topic_ids, normalise_space, repair

_HEADINGS = ("h1", "h2", "h3", "h4")
_CHROME = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
_PROGRAMME_BY_PREFIX = {"HORIZON": HORIZON_EUROPE, "INNOVFUND": INNOVATION_FUND}
# ``fundmatch update`` saves the official pages behind a fact sheet as ``<sheet>-official-<n>.html``.
_OFFICIAL_COPY = re.compile(r"^(?P<sheet>.+)-official-\d+$")
_BLOCKS = ("p", "div", "li", "br", "tr", "table", "section", "article", "dd", "dt", *_HEADINGS)


def _main_part(soup: BeautifulSoup) -> Tag:
    for chrome in soup(_CHROME):
        chrome.decompose()
    return soup.find("main") or soup.find("article") or soup.body or soup


def html_sections(markup: str) -> tuple[str, list[Section]]:
    """The page title and one section per heading of the main content."""
    soup = BeautifulSoup(repair(markup), "html.parser")
    title_tag = soup.find("title")
    first_heading = soup.find("h1")
    title = (
        normalise_space((title_tag or first_heading).get_text(" ")) if (title_tag or first_heading) else ""
    )
    main = _main_part(soup)
    for block in main.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    marker = "\x00"
    for heading in main.find_all(_HEADINGS):
        heading.insert_before(marker)
        heading.insert_after(marker)
    pieces = normalise_space(main.get_text()).split(marker)
    sections: list[Section] = []
    heading_text = title or "Page"
    for index, piece in enumerate(pieces):
        text = normalise_space(piece)
        if index % 2 == 1:
            heading_text = text or heading_text
        elif text:
            sections.append(Section(heading_text, text))
    return title, sections


def html_to_record(markup: str, path: Path) -> tuple[str, list[Section], OpportunityText | None]:
    """Title, sections, and an opportunity when the title or first heading names one topic id."""
    title, sections = html_sections(markup)
    if not sections:
        raise SourceFileError("HTML page without any visible text")
    lead = title + " " + (sections[0].heading if sections else "")
    topic_ids = find_topic_ids(lead)
    if len(topic_ids) != 1:
        return title, sections, None
    topic_id = topic_ids[0]
    opportunity = Opportunity(
        id=topic_id,
        programme=_PROGRAMME_BY_PREFIX.get(topic_id.split("-")[0], ""),
        kind=KIND_CALL_TOPIC,
        title=title.replace(topic_id, "").strip(" :-–|") or topic_id,
        source=path.name,
        summary=summary_of(sections),
    )
    return title, sections, OpportunityText(opportunity, tuple(sections))


def known_owner(path: Path, title: str, known: Mapping[str, Opportunity]) -> Opportunity | None:
    """The opportunity a page belongs to: the sheet it is an official copy of, or the one topic it names."""
    copy = _OFFICIAL_COPY.match(path.stem)
    if copy and copy.group("sheet") in known:
        return known[copy.group("sheet")]
    topic_ids = find_topic_ids(title)
    return known.get(topic_ids[0]) if len(topic_ids) == 1 else None


def load_html_file(
    path: Path,
    chunk_size: int = 1000,
    chunk_overlap: int = 150,
    known: Mapping[str, Opportunity] | None = None,
) -> tuple[list[Opportunity], list[Passage]]:
    """Passages of a page; a page of a ``known`` opportunity links to it, a page naming a new topic
    becomes that opportunity, any other page gives document passages."""
    title, sections, item = html_to_record(read_text(path), path)
    splitter = make_splitter(chunk_size, chunk_overlap)
    owner = known_owner(path, title, known or {})
    if owner:
        metadata = {**opportunity_metadata(owner), "document_id": path.stem}
        passages = chunk_sections(
            sections,
            owner_id=f"{owner.id}/{path.stem}",
            source=path.name,
            metadata=metadata,
            splitter=splitter,
            opportunity_id=owner.id,
            document_id=path.stem,
        )
        return [], passages
    if item:
        return [item.opportunity], chunk_opportunity(item, splitter)
    topics = find_topic_ids(" ".join(section.text for section in sections))
    metadata = {
        "programme": "",
        "kind": "document",
        "title": title or path.stem,
        "topic_ids": " ".join(topics),
    }
    passages = chunk_sections(
        sections,
        owner_id=path.stem,
        source=path.name,
        metadata=metadata,
        splitter=splitter,
        document_id=path.stem,
    )
    return [], passages
