"""Reading one portal topic file, in either of its two formats, into topic records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fundmatch.core.errors import SourceFileError
from fundmatch.core.models import SkippedFile
from fundmatch.corpus.dates import parse_date
from fundmatch.corpus.portal_merge import newest_by_id
from fundmatch.corpus.portal_topics import PortalRecord, from_full_record, from_union_record
from fundmatch.corpus.reading import concatenated_json, read_text

DUMP_KEY = "topicId"
FEED_KEY = "identifier"


@dataclass
class PortalFile:
    """The topics of one portal file, one per id, and notes on records that were dropped."""

    is_feed: bool
    topics: dict[str, PortalRecord] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)


def _format_key(text: str) -> str:
    head = text[:20_000]
    if f'"{DUMP_KEY}"' in head:
        return DUMP_KEY
    if f'"{FEED_KEY}"' in head:
        return FEED_KEY
    raise SourceFileError(f"no portal topic records (neither {DUMP_KEY!r} nor {FEED_KEY!r} found)")


def read_portal_file(path: Path) -> PortalFile:
    """Topics of a dump (concatenated JSON, full text) or of the feed (JSON lines, metadata).

    Records are concatenated or one per line; both read the same way. A repeated id keeps the
    most recently seen record (the feed's ``_snapshot``; the dump's date is in its file name).
    """
    text = read_text(path)
    key = _format_key(text)
    decoded = concatenated_json(text, key)
    if not decoded.records:
        raise SourceFileError(
            "no readable topic records" + (f": {decoded.malformed[0]}" if decoded.malformed else "")
        )
    seen = parse_date(path.name)
    records: list[PortalRecord] = []
    wrong_shape: list[str] = []
    for number, record in enumerate(decoded.records, start=1):
        try:
            converted = (
                from_full_record(record, path.name, seen)
                if key == DUMP_KEY
                else from_union_record(record, path.name)
            )
        except (AttributeError, TypeError, KeyError, ValueError) as exc:  # a field of the wrong type
            wrong_shape.append(f"record {number} ({type(exc).__name__}: {exc})")
            continue
        records.append(converted)
    if not records:
        raise SourceFileError(f"no topic record of the expected shape, first: {wrong_shape[0]}")
    topics, repeated = newest_by_id(records)
    result = PortalFile(is_feed=key == FEED_KEY, topics=topics)
    if decoded.malformed:
        result.skipped.append(SkippedFile(str(path), decoded.malformed_summary()))
    if wrong_shape:
        result.skipped.append(
            SkippedFile(
                str(path), f"{len(wrong_shape)} record(s) of the wrong shape skipped, first: {wrong_shape[0]}"
            )
        )
    if repeated:
        result.skipped.append(
            SkippedFile(
                str(path),
                f"{len(repeated)} repeated topic id(s) kept once (most recent record), e.g. {repeated[0]}",
            )
        )
    return result
