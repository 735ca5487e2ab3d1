"""Evaluation cases in two forms, read from JSON lines.

Dev form (funded projects): {"id", "query", "profile", "gold_family", ...}.
Routing form: {"id", "query", "gold_programme", "acceptable": [opportunity ids or call families]},
where gold_programme "none" means nothing should fit; instrument cases add "gold_instrument" (an
instrument id of fundmatch/retrieval/data/instruments.toml), "kind" (instrument, cluster or
nonfundable) and "split" (tune or heldout; a case without one is in both). Multilingual cases add "group" (the same
project in several languages) and "language"; a second English wording of the group's project is
marked "paraphrase": true (how much two English wordings agree is the yardstick for the
translations).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fundmatch.core.errors import QueryError

NOTHING_FITS = "none"
SPLITS = ("tune", "heldout")


@dataclass(frozen=True)
class EvalCase:
    """One query with what counts as a right answer."""

    id: str
    query: str
    profile: dict[str, Any] = field(default_factory=dict)
    gold_family: str | None = None
    gold_programme: str | None = None
    acceptable: tuple[str, ...] = ()
    group: str | None = None
    language: str | None = None
    paraphrase: bool = False
    gold_instrument: str | None = None
    kind: str | None = None  # instrument, cluster, nonfundable
    split: str | None = None  # tune, heldout; None: in both

    @property
    def expects_nothing(self) -> bool:
        """True for routing cases where the right answer is an empty list."""
        return (self.gold_programme or "").lower() == NOTHING_FITS


def _case(row: Any, where: str) -> EvalCase:
    if not isinstance(row, dict):
        raise QueryError(f"{where}: a case is a JSON object, not {type(row).__name__}")
    if not row.get("id") or not isinstance(row.get("query"), str) or not row["query"].strip():
        raise QueryError(f"{where}: a case needs an 'id' and a 'query'")
    if not (row.get("gold_family") or row.get("gold_programme")):
        raise QueryError(f"{where}: case {row['id']} has neither 'gold_family' nor 'gold_programme'")
    if not isinstance(row.get("profile") or {}, dict) or not isinstance(row.get("acceptable") or [], list):
        raise QueryError(f"{where}: case {row['id']}: 'profile' must be an object and 'acceptable' a list")
    if row.get("split") not in (None, "", *SPLITS):
        raise QueryError(f"{where}: case {row['id']} has split {row['split']!r}; valid: {', '.join(SPLITS)}")
    return EvalCase(
        id=str(row["id"]),
        query=row["query"],
        profile=dict(row.get("profile") or {}),
        gold_family=row.get("gold_family"),
        gold_programme=row.get("gold_programme"),
        acceptable=tuple(row.get("acceptable") or ()),
        group=row.get("group"),
        language=row.get("language"),
        paraphrase=bool(row.get("paraphrase", False)),
        gold_instrument=row.get("gold_instrument") or None,
        kind=row.get("kind") or None,
        split=row.get("split") or None,
    )


def load_cases(path: Path, limit: int | None = None, split: str | None = None) -> list[EvalCase]:
    """The cases of a JSON-lines file (blank lines skipped), at most ``limit`` of them; with
    ``split``, only the cases of that split and those without one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise QueryError(f"cases file {path} is not UTF-8 text (byte offset {exc.start})") from None
    except OSError as exc:
        raise QueryError(f"cannot read cases file {path}: {exc.strerror or exc}") from None
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QueryError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        case = _case(row, f"{path}:{number}")
        if split is not None and case.split not in (None, split):
            continue
        cases.append(case)
        if limit is not None and len(cases) >= limit:
            break
    if not cases:
        raise QueryError(f"no cases in {path}; one JSON object per line with 'id', 'query' and a gold answer")
    return cases
