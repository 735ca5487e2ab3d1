"""Reading source files as text and JSON records, with one-line reasons for what cannot be read."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fundmatch.core.errors import SourceFileError


@dataclass
class JsonRecords:
    """Records decoded from a file and a note of each record that was malformed."""

    records: list[dict] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)

    def malformed_summary(self) -> str:
        """One line saying how many records were skipped and why the first one was."""
        return f"{len(self.malformed)} malformed JSON record(s) skipped, first: {self.malformed[0]}"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when the name ends in ``.gz``."""
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                return handle.read()
        return path.read_bytes()
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise SourceFileError(f"not a readable gzip file ({exc})") from exc
    except OSError as exc:
        raise SourceFileError(f"cannot read file ({exc.strerror or exc})") from exc


def decode_utf8(data: bytes) -> str:
    """UTF-8 text with any byte-order mark removed; other encodings are refused with the offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise SourceFileError(
            f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); save the file as UTF-8"
        ) from exc


def read_text(path: Path) -> str:
    """The file as UTF-8 text (gunzipped if needed)."""
    return decode_utf8(read_bytes(path))


def _is_record(value: object, required_key: str) -> bool:
    return isinstance(value, dict) and bool(value.get(required_key))


def _resume_at(text: str, position: int, marker: str) -> int:
    """Where to try again after a broken record: the next line for JSON lines, else the next marker."""
    newline = text.find("\n", position)
    if newline >= 0:
        return newline + 1
    found = text.find(marker, position + 1)
    return found if found >= 0 else len(text)


def concatenated_json(text: str, required_key: str) -> JsonRecords:
    """Objects written back to back (``{..}{..}``) or one per line; a broken one is skipped.

    After an error, reading resumes at the next line, or, in a file without line breaks, where the
    next object opens with the same first key as the first good record, so a nested object inside
    a broken record is not taken for a record.
    """
    decoder = json.JSONDecoder()
    result = JsonRecords()
    marker = "{"
    position, end = 0, len(text)
    while position < end:
        while position < end and text[position].isspace():
            position += 1
        if position >= end:
            break
        try:
            value, next_position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            result.malformed.append(f"at character {position}: {exc.msg}")
            position = _resume_at(text, position, marker)
            continue
        if _is_record(value, required_key):
            if not result.records:
                marker = '{"' + next(iter(value)) + '"'
            result.records.append(value)
        else:
            result.malformed.append(f"at character {position}: no {required_key!r}")
        position = next_position
    return result


def iter_json_lines_gz(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines of a (gzipped) UTF-8 JSON-lines file, streamed without reading it whole."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            yield from enumerate(handle, start=1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise SourceFileError(f"not a readable gzip file ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise SourceFileError(f"not UTF-8 text ({exc.reason} at offset {exc.start}); save as UTF-8") from exc
