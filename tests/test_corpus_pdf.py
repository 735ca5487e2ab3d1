"""PDFs: page numbers, topic links, running headers, the draft flag, corrupt and encrypted files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import KIND_CALL_TOPIC, Opportunity
from fundmatch.corpus.chunking import make_splitter
from fundmatch.corpus.load import load_file
from fundmatch.corpus.pdf_cache import pdf_text
from fundmatch.corpus.pdf_docs import pdf_document, pdf_passages, topic_conditions
from fundmatch.corpus.pdf_text import read_pdf, strip_footnotes
from tests.corpus_samples import make_pdf, work_programme_pages

TOPIC = "HORIZON-CL5-2027-01-05"


def _write_pdf(path: Path) -> Path:
    path.write_bytes(make_pdf(work_programme_pages(TOPIC)))
    return path


def _known() -> dict[str, Opportunity]:
    opportunity = Opportunity(
        id=TOPIC, programme="Horizon Europe", kind=KIND_CALL_TOPIC, title="Greener batteries", source="feed"
    )
    return {TOPIC: opportunity}


def test_pdf_passages_link_to_their_topic_with_pages_and_sections(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "wp2027_transport.pdf")
    text = read_pdf(path)
    assert len(text.pages) == 4
    passages = pdf_passages(pdf_document(path, text), make_splitter(1000, 100), _known(), "Horizon Europe")
    by_section = {p.section: p for p in passages}
    scope = by_section["Scope"]
    assert scope.opportunity_id == TOPIC
    assert scope.page == 4
    assert scope.metadata["page"] == 4
    assert scope.metadata["kind"] == KIND_CALL_TOPIC
    assert by_section["Expected Outcome"].page == 3
    assert "TRL 6" in by_section["Specific conditions"].text
    destination = by_section["Destination - Clean and competitive mobility"]
    assert destination.opportunity_id is None
    assert destination.document_id == "wp2027_transport"
    assert destination.page == 1
    assert destination.metadata["programme"] == "Horizon Europe"
    assert destination.metadata["draft"] is False
    assert all("Work Programme 2027" not in p.text for p in passages)  # running header removed


def test_topic_missing_from_the_snapshot_keeps_the_document_id(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "wp2027_transport.pdf")
    passages = pdf_passages(pdf_document(path, read_pdf(path)), make_splitter(1000, 100), {}, "")
    scope = next(p for p in passages if p.section == "Scope")
    assert scope.opportunity_id is None
    assert scope.document_id == "wp2027_transport"
    assert scope.metadata["topic_id"] == TOPIC


def test_public_draft_is_flagged(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "wp2027_transport_PUBLIC-DRAFT.pdf")
    passages = load_file(path).passages
    assert passages and all(p.metadata["draft"] is True for p in passages)


def test_corrupt_pdf_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref or trailer")
    with pytest.raises(SourceFileError, match="not a readable PDF") as caught:
        read_pdf(path)
    assert "\n" not in str(caught.value)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(work_programme_pages(TOPIC)))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(SourceFileError, match="encrypted PDF"):
        read_pdf(path)


def test_pdf_page_limit(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "wp.pdf")
    assert len(read_pdf(path, max_pages=2).pages) == 2


def test_page_texts_are_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_pdf(tmp_path / "wp.pdf")
    cache = tmp_path / "cache"
    first = pdf_text(path, cache_dir=cache)
    stored = list(cache.glob("pdf-text-*.json.gz"))
    assert len(stored) == 1
    with monkeypatch.context() as patch:
        patch.setattr("fundmatch.corpus.pdf_cache.read_pdf", lambda *_: pytest.fail("re-extracted"))
        assert pdf_text(path, cache_dir=cache) == first  # served from the cache
    path.write_bytes(b"%PDF-1.4 overwritten: a second extraction would fail")
    with pytest.raises(SourceFileError):
        pdf_text(path, cache_dir=cache)  # new content, new key: no stale answer
    _write_pdf(path)
    stored[0].write_bytes(b"not gzip")  # a damaged cache entry is ignored and rewritten
    assert pdf_text(path, cache_dir=cache) == first


def test_bookmarks_name_the_sections(tmp_path: Path) -> None:
    pages = [
        ["Opening words of the plan.", "More about the plan."],
        ["Second chapter", "Body of chapter two."],
    ]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    writer.add_outline_item("Foreword", 0)
    writer.add_outline_item("Second chapter", 1)
    path = tmp_path / "plan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert read_pdf(path).outline == [(1, "Foreword"), (2, "Second chapter")]
    passages = load_file(path).passages
    assert [(p.section, p.page) for p in passages] == [("Foreword", 1), ("Second chapter", 2)]
    assert passages[1].text.startswith("Second chapter\nBody of chapter two.")


def test_footnotes_at_the_page_bottom_are_dropped() -> None:
    body = "Scope: proposals build a ferry.\nThey test it in two ports.\nResults are shared openly.\n"
    page = (
        body
        + " \n12 https://example.org/a-long-source-address\n13 Of which EUR 2 million from another budget."
    )
    assert strip_footnotes(page) == body.rstrip("\n")
    numbered_list = "Steps:\n \n1 Build\n2 Test\n3 Share\nand more text after it."
    assert strip_footnotes(numbered_list) == numbered_list  # too high on the page to be footnotes


def test_specific_conditions_are_collected_per_topic(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "wp2027_transport.pdf")
    conditions = topic_conditions(pdf_document(path, read_pdf(path)))
    assert list(conditions) == [TOPIC]
    assert "TRL 6" in conditions[TOPIC] and "wp2027_transport.pdf" in conditions[TOPIC]
