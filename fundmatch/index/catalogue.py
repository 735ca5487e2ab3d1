"""The catalogue: opportunities, passages and projects as gzipped JSON lines, plus content hashes.

The matcher reads records back from here (never from Chroma). ``hashes.json`` holds, per passage,
the hash of the embedded text and of its filter metadata, and the same per embedded project;
an incremental build compares them to decide what to embed again. ``records.pkl`` holds the
opportunities and passages once more as pickled records, which an index opens several times faster
than the JSON lines; it names the record fields it was written with and is ignored (the JSON lines
are read) when they changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from fundmatch.core.models import FundedProject, Opportunity, Passage
from fundmatch.index.records import from_json, to_json

OPPORTUNITIES = "opportunities.jsonl.gz"
PASSAGES = "passages.jsonl.gz"
PROJECTS = "projects.jsonl.gz"
HASHES = "hashes.json"
RECORDS = "records.pkl"


def content_hash(value: Any) -> str:
    """A short stable hash of a string or a JSON-serialisable value."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@dataclass
class Hashes:
    """(embedded text hash, metadata hash) per passage and per embedded project."""

    passages: dict[str, tuple[str, str]] = field(default_factory=dict)
    projects: dict[str, tuple[str, str]] = field(default_factory=dict)

    def write(self, directory: Path) -> None:
        """Write ``hashes.json`` into a generation folder."""
        data = {"passages": self.passages, "projects": self.projects}
        (directory / HASHES).write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def read(cls, directory: Path) -> Hashes:
        """Read ``hashes.json``; a generation without one counts as empty."""
        try:
            data = json.loads((directory / HASHES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls(
            passages={key: (value[0], value[1]) for key, value in data["passages"].items()},
            projects={key: (value[0], value[1]) for key, value in data["projects"].items()},
        )


@dataclass(frozen=True)
class CatalogueLines:
    """The serialised catalogue, ready to write, and a digest of all of it."""

    opportunities: list[str]
    passages: list[str]
    projects: list[str]
    digest: str


def serialise_catalogue(
    opportunities: Iterable[Opportunity], passages: Iterable[Passage], projects: Iterable[FundedProject]
) -> CatalogueLines:
    """JSON lines for every record, and one digest telling whether anything differs from before."""
    digest = hashlib.blake2b(digest_size=16)
    parts: list[list[str]] = []
    for records in (opportunities, passages, projects):
        lines = [json.dumps(to_json(record), ensure_ascii=False) for record in records]
        for line in lines:
            digest.update(line.encode("utf-8"))
        digest.update(b"\x00")
        parts.append(lines)
    return CatalogueLines(parts[0], parts[1], parts[2], digest.hexdigest())


def write_catalogue(directory: Path, lines: CatalogueLines) -> None:
    """Write the three catalogue files into a generation folder."""
    for name, rows in (
        (OPPORTUNITIES, lines.opportunities),
        (PASSAGES, lines.passages),
        (PROJECTS, lines.projects),
    ):
        with gzip.open(directory / name, "wt", encoding="utf-8", compresslevel=3) as handle:
            for row in rows:
                handle.write(row)
                handle.write("\n")


def _schema() -> str:
    """The record fields the pickled records depend on."""
    names = [f"{cls.__name__}:{','.join(f.name for f in fields(cls))}" for cls in (Opportunity, Passage)]
    return ";".join(names)


def write_records(directory: Path, opportunities: list[Opportunity], passages: list[Passage]) -> None:
    """Pickle the opportunities and passages beside the JSON lines, for a fast open."""
    with open(directory / RECORDS, "wb") as handle:
        pickle.dump(
            {"schema": _schema(), "opportunities": opportunities, "passages": passages}, handle, protocol=5
        )


def read_records(directory: Path) -> tuple[list[Opportunity], list[Passage]]:
    """Opportunities and passages of a generation: the pickle when it matches the record fields,
    else the JSON lines."""
    try:
        with open(directory / RECORDS, "rb") as handle:
            data = pickle.load(handle)
        if data.get("schema") == _schema():
            return data["opportunities"], data["passages"]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    return read_opportunities(directory), read_passages(directory)


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def read_opportunities(directory: Path) -> list[Opportunity]:
    """Every opportunity of a generation, in ingest order."""
    return [from_json(Opportunity, row) for row in _read_lines(directory / OPPORTUNITIES)]


def read_passages(directory: Path) -> list[Passage]:
    """Every passage of a generation, in ingest order."""
    return [from_json(Passage, row) for row in _read_lines(directory / PASSAGES)]


def read_projects(directory: Path) -> list[FundedProject]:
    """Every funded project of a generation (embedded or not), with organisations."""
    return [from_json(FundedProject, row) for row in _read_lines(directory / PROJECTS)]
