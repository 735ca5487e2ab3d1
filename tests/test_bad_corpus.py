"""The bad-input battery for corpus files: one real ``fundmatch ingest`` over good files mixed with
broken and hostile ones. Each bad file is skipped with its reason in the summary, the good ones are
indexed, and nothing crashes."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import random
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from fundmatch.app import cli
from fundmatch.core.settings import load_settings
from fundmatch.index import open_index
from tests.corpus_samples import (
    FACT_SHEET,
    HTML_PAGE,
    dump_record,
    make_pdf,
    work_programme_pages,
    write_dump,
    write_sheet,
)
from tests.index_fixtures import minilm

GOOD_TOPIC = "HORIZON-CL5-2027-01-07"


def _encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _write_bad_corpus(root: Path) -> dict[str, str]:
    """Good files plus one bad file per case; returns {relative path: phrase of its skip reason}."""
    write_dump(root / "horizon_europe" / "good_dump.json.gz", [dump_record(GOOD_TOPIC)])
    write_sheet(root / "investeu" / "good_sheet.md")
    pdf = make_pdf(work_programme_pages(GOOD_TOPIC))
    (root / "horizon_europe" / "good.pdf").write_bytes(pdf)
    bad: dict[str, str] = {}

    def put(relative: str, data: bytes, phrase: str) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        bad[relative] = phrase

    put("horizon_europe/zero.pdf", b"", "empty file")
    put("horizon_europe/truncated.pdf", pdf[: len(pdf) // 2], "not a readable PDF")
    put("horizon_europe/random.pdf", random.Random(7).randbytes(6000), "not a readable PDF")
    put("horizon_europe/not_a_pdf.pdf", b"<html>not a pdf</html>", "not a readable PDF")
    put("horizon_europe/encrypted.pdf", _encrypted(pdf), "encrypted PDF")
    dump = (root / "horizon_europe" / "good_dump.json.gz").read_bytes()
    put("horizon_europe/truncated_dump.json.gz", dump[: len(dump) - 20], "cannot read file")
    put("horizon_europe/not_gzip.json.gz", b"plain text, not gzip", "Not a gzipped file")
    raw = json.dumps(dump_record("HORIZON-CL5-2027-01-99"))
    put("horizon_europe/cut_json.json", raw[: len(raw) // 2].encode(), "no readable topic records")
    put(
        "horizon_europe/wrong_types.jsonl",
        (
            json.dumps({"identifier": 5, "title": ["a"]}) + "\n" + json.dumps({"identifier": {"x": 1}})
        ).encode(),
        "no topic record of the expected shape",
    )
    put("horizon_europe/a_list.json", json.dumps([1, 2, 3]).encode(), "JSON records of an unknown shape")
    put("horizon_europe/zero.json", b"", "empty file")
    put("horizon_europe/null_bytes.jsonl", b"\x00" * 4000, "JSON records of an unknown shape")
    put(
        "cordis/broken_projects.jsonl.gz",
        gzip.compress(b'{"acronym": "X", "objective"'),
        "malformed project record",
    )
    put("investeu/latin1.html", HTML_PAGE.replace("ferries", "Fähren").encode("latin-1"), "not UTF-8 text")
    put(
        "investeu/huge.html",
        b"<html><body>" + b"<p>words and more words</p>" * 1_900_000 + b"</body></html>",
        "over the 20.0 MB limit",
    )
    put("investeu/binary.md", random.Random(3).randbytes(3000), "not UTF-8 text")
    put("investeu/no_front_matter.md", b"\xef\xbb\xbf", "fact sheet")
    put("investeu/table.csv", b"a,b\n1,2\n", "CSV tables are not read")
    put("investeu/picture.png", b"\x89PNG\r\n\x1a\n", "unknown file type .png")
    (root / "loop").mkdir()
    os.symlink("loop", root / "loop" / "loop")
    bad["loop/loop"] = "Too many levels of symbolic links"
    os.symlink("nowhere.md", root / "investeu" / "dangling.md")
    bad["investeu/dangling.md"] = "No such file or directory"
    unreadable = write_sheet(root / "investeu" / "unreadable.md", FACT_SHEET)
    unreadable.chmod(0)
    bad["investeu/unreadable.md"] = "Permission denied"
    return bad


@pytest.fixture
def refuse_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod 0 does not stop reads: make the unreadable file refuse as it would for a user."""
    if os.geteuid() != 0:
        return
    real_open = builtins.open
    real_read_bytes = Path.read_bytes
    real_read_text = Path.read_text

    def guarded(path: object) -> None:
        if str(path).endswith("unreadable.md"):
            raise PermissionError(13, "Permission denied", str(path))

    def open_(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        guarded(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(Path, "read_bytes", lambda self: (guarded(self), real_read_bytes(self))[1])
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: (guarded(self), real_read_text(self, *a, **k))[1]
    )


def test_every_bad_corpus_file_is_skipped_with_its_reason_and_the_rest_is_indexed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    refuse_unreadable: None,
) -> None:
    import fundmatch.embeddings.registry as registry

    source = tmp_path / "corpus"
    bad = _write_bad_corpus(source)
    assert len(bad) >= 22
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FUNDMATCH_EMBEDDING_MODEL", "all-minilm-l6-v2")
    monkeypatch.setattr(registry, "get_embedder", lambda settings: minilm())
    monkeypatch.setattr(sys, "argv", ["fundmatch", "ingest", "--source", str(source)])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    out, err = capsys.readouterr()
    assert stop.value.code == 0, err
    assert "Traceback" not in out + err

    skipped = {
        line.strip().split(": ", 1)[0]: line.strip().split(": ", 1)[1]
        for line in out.split("Files skipped:", 1)[1].splitlines()[1:]
        if line.startswith("  ")
    }
    for relative, phrase in bad.items():
        assert relative in skipped, (relative, out)
        assert phrase in skipped[relative], (relative, skipped[relative])
    index = open_index(load_settings())
    assert index.opportunity(GOOD_TOPIC).title
    assert {o.programme for o in index.opportunities()} >= {"Horizon Europe", "InvestEU"}
    assert any(p.source.endswith("good.pdf") for p in index.passages())
