"""CORDIS Horizon Europe projects (JSON lines, gzipped) as funded projects with their organisations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from fundmatch.core.families import call_family
from fundmatch.core.models import FundedProject, Organisation, SkippedFile
from fundmatch.corpus.dates import parse_date
from fundmatch.corpus.reading import iter_json_lines_gz


@dataclass
class CordisFile:
    """Projects of one CORDIS file and notes on the lines that were dropped."""

    projects: list[FundedProject] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def _money(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _flag(value: object) -> bool | None:
    text = str(value).strip().lower() if value is not None else ""
    return {"true": True, "false": False}.get(text)


def organisation(record: dict) -> Organisation:
    """One participant as CORDIS lists it."""
    return Organisation(
        name=(record.get("legalName") or record.get("shortName") or "").strip(),
        country=record.get("country") or None,
        city=record.get("city") or None,
        role=record.get("role") or None,
        sme=_flag(record.get("sme")),
        activity_type=record.get("activityType") or None,
        ec_contribution=_money(record.get("ecContribution")),
    )


def project(record: dict, source: str) -> FundedProject:
    """A funded project; its call family comes from its topic code."""
    topics = record.get("topics") or []
    topic = (topics[0].get("code") if topics and isinstance(topics[0], dict) else None) or None
    return FundedProject(
        id=str(record["id"]),
        acronym=(record.get("acronym") or "").strip(),
        title=(record.get("title") or "").strip(),
        objective=(record.get("objective") or "").strip(),
        topic=topic,
        call_family=call_family(topic),
        funding_scheme=record.get("fundingScheme") or None,
        keywords=record.get("keywords") or "",
        start_date=parse_date(record.get("startDate")),
        end_date=parse_date(record.get("endDate")),
        total_cost=_money(record.get("totalCost")),
        ec_contribution=_money(record.get("ecMaxContribution")),
        organisations=tuple(
            organisation(org) for org in record.get("organizations") or [] if isinstance(org, dict)
        ),
        source=source,
    )


def load_cordis_file(path: Path, limit: int | None = None) -> CordisFile:
    """Stream a CORDIS projects file; broken lines and repeated ids are skipped and counted."""
    result = CordisFile()
    seen: set[str] = set()
    malformed: list[str] = []
    repeated: list[str] = []
    for number, line in iter_json_lines_gz(path):
        if limit is not None and len(result.projects) >= limit:
            break
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not record.get("id"):
                raise ValueError("no 'id'")
            item = project(record, path.name)
        except (ValueError, TypeError, AttributeError) as exc:
            malformed.append(f"line {number}: {str(exc).splitlines()[0]}")
            continue
        if item.id in seen:
            repeated.append(item.id)
            continue
        seen.add(item.id)
        result.projects.append(item)
    if malformed:
        result.skipped.append(
            SkippedFile(
                str(path), f"{len(malformed)} malformed project record(s) skipped, first: {malformed[0]}"
            )
        )
    if repeated:
        result.skipped.append(
            SkippedFile(str(path), f"{len(repeated)} repeated project id(s) kept once, e.g. {repeated[0]}")
        )
    return result
