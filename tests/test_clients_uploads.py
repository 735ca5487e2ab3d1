"""The user's own files: descriptions from PDF, DOCX, TXT and MD; call documents from PDF and HTML;
and a one-line refusal for corrupt, encrypted, empty, oversized or unknown files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from fundmatch.clients.uploads import read_call_document, read_description, safe_name
from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import KIND_CALL_TOPIC, OWN_DOCUMENTS, Opportunity
from fundmatch.retrieval.profile import MAX_QUERY_CHARS
from tests.corpus_samples import make_pdf

MB = 1_000_000
PROJECT = [
    "Project description",
    "We are an SME from Saxony with 20 staff building solid-state battery recycling at TRL 5.",
    "We want to apply alone.",
]
CALL = [
    "Regional call: hydrogen valleys in Saxony",
    "Expected Outcome: regional hydrogen valleys connect electrolysers and industrial users.",
    "Scope: pilots with at least two municipalities and one SME.",
]
KNOWN = {
    "HORIZON-CL5-2026-D3-01-05": Opportunity(
        id="HORIZON-CL5-2026-D3-01-05",
        programme="Horizon Europe",
        kind=KIND_CALL_TOPIC,
        title="Industrial heat pumps",
        source="portal",
    )
}


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("project.pdf", make_pdf([PROJECT])),
        ("project.docx", _docx(PROJECT)),
        ("project.txt", "\n".join(PROJECT).encode()),
        ("project.md", ("# " + "\n\n".join(PROJECT)).encode()),
    ],
)
def test_a_description_is_read_from_each_format(name: str, data: bytes) -> None:
    description = read_description(name, data, MB)
    assert "solid-state battery recycling at TRL 5" in description.text and not description.cut


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "not a readable PDF"),
        ("locked.pdf", _encrypted(make_pdf([PROJECT])), "encrypted PDF"),
        ("scan.pdf", make_pdf([[]]), "no text found"),
        ("empty.txt", b"   \n", "the file is empty"),
        ("big.txt", b"heat pumps " * 200_000, "over the 1.0 MB limit"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable DOCX"),
        ("latin1.txt", "Wärmepumpen".encode("latin-1"), "not UTF-8"),
        ("slides.pptx", b"whatever", "must be one of .pdf, .docx, .txt, .md"),
        ("punctuation.md", b"... --- !!!", "no text found"),
    ],
)
def test_bad_description_files_get_one_line(name: str, data: bytes, words: str) -> None:
    with pytest.raises(SourceFileError, match=words) as caught:
        read_description(name, data, MB)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(name)


def test_a_long_description_is_cut_at_a_sentence() -> None:
    text = ("We build heat pumps for dairies. " * 400).encode()
    description = read_description("long.txt", text, MB)
    assert description.cut and len(description.text) <= MAX_QUERY_CHARS
    assert description.text.endswith("dairies.")


def test_a_call_pdf_naming_no_known_topic_becomes_an_own_opportunity() -> None:
    document = read_call_document("../../Hydrogen valleys call.pdf", make_pdf([CALL]), MB, KNOWN)
    assert document.name == "Hydrogen valleys call.pdf"
    own = document.opportunity
    assert own is not None and own.programme == OWN_DOCUMENTS and own.id.startswith("own-")
    assert own.title == "Regional call: hydrogen valleys in Saxony"
    assert all(p.opportunity_id == own.id and p.source == document.name for p in document.passages)
    assert document.passages[0].page == 1


def test_a_call_document_naming_a_known_topic_adds_to_it() -> None:
    pages = [
        ["HORIZON-CL5-2026-D3-01-05: national co-funding rules", "Applicants from Saxony get 10 % more."]
    ]
    document = read_call_document("cofunding.pdf", make_pdf(pages), MB, KNOWN)
    assert document.opportunity is None
    assert {p.opportunity_id for p in document.passages} == {"HORIZON-CL5-2026-D3-01-05"}
    html = b"<html><head><title>Call page</title></head><body><h1>Hydrogen valleys</h1><p>Pilots.</p></body></html>"
    page = read_call_document("valleys.html", html, MB, KNOWN)
    assert page.opportunity is not None and page.opportunity.title == "Call page"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("call.docx", _docx(CALL), "must be one of .pdf, .html, .htm"),
        ("call.html", b"<html><body><script>x()</script></body></html>", "without any visible text"),
        ("call.pdf", b"", "the file is empty"),
        ("call.pdf", _encrypted(make_pdf([CALL])), "encrypted PDF"),
    ],
)
def test_bad_call_documents_get_one_line(name: str, data: bytes, words: str) -> None:
    with pytest.raises(SourceFileError, match=words) as caught:
        read_call_document(name, data, MB, KNOWN)
    assert "\n" not in str(caught.value)


def test_safe_names_keep_only_the_file_name() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\call (final).pdf".replace("\\", "/")) == "call _final_.pdf"
    assert safe_name("...") == "document"
