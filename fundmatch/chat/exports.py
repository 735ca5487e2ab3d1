"""Shortlist exports: CSV for spreadsheets, a Markdown report, an ICS calendar of deadlines."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from fundmatch.chat.answers import profile_summary
from fundmatch.chat.facts import (
    budget_range,
    days_phrase,
    is_financial_product,
    next_deadline,
    opportunity_name,
    product_name,
    reference_id,
)
from fundmatch.core.models import Profile, Recommendation

CSV_COLUMNS = (
    "rank",
    "programme",
    "topic_id",
    "call_id",
    "title",
    "kind",
    "status",
    "next_deadline",
    "days_left",
    "budget_min_eur",
    "budget_max_eur",
    "type_of_action",
    "eligibility",
    "eligibility_reasons",
    "url",
    "source",
)
_ICS_LINE_OCTETS = 75
# Days before a deadline at which calendars remind and digests warn.
REMINDER_DAYS = (30, 14, 7)


def shortlist_csv(recommendations: Sequence[Recommendation], today: date) -> str:
    """One row per recommendation with the facts a spreadsheet needs."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rank, rec in enumerate(recommendations, start=1):
        opp = rec.opportunity
        deadline = next_deadline(opp, today)
        writer.writerow(
            {
                "rank": rank,
                "programme": opp.programme,
                "topic_id": opp.id if reference_id(opp) == opp.id else "",
                "call_id": opp.call_id or "",
                "title": opp.title,
                "kind": opp.kind,
                "status": rec.status,
                "next_deadline": deadline.isoformat() if deadline else "",
                "days_left": (deadline - today).days if deadline else "",
                "budget_min_eur": "" if opp.budget_min is None else f"{opp.budget_min:.0f}",
                "budget_max_eur": "" if opp.budget_max is None else f"{opp.budget_max:.0f}",
                "type_of_action": opp.type_of_action or "",
                "eligibility": rec.eligibility.verdict,
                "eligibility_reasons": " ".join(rec.eligibility.reasons),
                "url": opp.url or "",
                "source": opp.source,
            }
        )
    return buffer.getvalue()


def shortlist_markdown(
    recommendations: Sequence[Recommendation], profile: Profile | None, today: date
) -> str:
    """A report: the profile, then each opportunity with facts, eligibility, reasons and citations."""
    lines = ["# fundmatch shortlist", "", f"Generated on {today.isoformat()}.", ""]
    if profile is not None:
        lines += ["## Profile", "", profile_summary(profile, "en") or "(nothing stated)", ""]
    sources: list[str] = []
    for rank, rec in enumerate(recommendations, start=1):
        opp = rec.opportunity
        reference = reference_id(opp)
        heading = f"{reference} – {opp.title}" if reference else opp.title
        lines += [f"## {rank}. {heading}", ""]
        facts = [("Programme", opp.programme), ("Status", rec.status)]
        if is_financial_product(opp):
            facts.append(("Financial product", product_name(opp)))
        else:
            deadline = next_deadline(opp, today)
            when = f"{deadline.isoformat()} ({days_phrase(deadline, today)})" if deadline else "rolling"
            facts += [("Deadline", when), ("Type of action", opp.type_of_action or "not stated")]
        facts.append(("Budget per grant", budget_range(opp) or "not stated"))
        if opp.url:
            facts.append(("Official page", f"<{opp.url}>"))
        lines += [f"- **{label}:** {value}" for label, value in facts]
        reasons = " ".join(rec.eligibility.reasons)
        lines += ["", f"**Eligibility:** {rec.eligibility.verdict}. {reasons}".rstrip()]
        if rec.why:
            lines += ["", f"**Why it matches:** {rec.why}"]
        for evidence in rec.evidence:
            sources.append(
                ", ".join(
                    [evidence.source]
                    + ([evidence.section] if evidence.section else [])
                    + ([f"p. {evidence.page}"] if evidence.page is not None else [])
                )
            )
            excerpt = " ".join(evidence.text.split())[:400]
            lines += ["", f"> {excerpt} [{len(sources)}]"]
        if rec.similar_projects:
            similar = ", ".join(
                f"{p.acronym} ({p.topic or p.call_family or 'n/a'})" for p in rec.similar_projects
            )
            lines += ["", f"**Similar funded projects:** {similar}"]
        lines.append("")
    if sources:
        lines += ["## Sources", ""] + [f"[{n}] {label}" for n, label in enumerate(sources, start=1)]
    return "\n".join(lines).rstrip() + "\n"


def _escape(value: str) -> str:
    """RFC 5545 TEXT escaping of backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _ICS_LINE_OCTETS if not chunks else _ICS_LINE_OCTETS - 1
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def _uid(rec: Recommendation, deadline: date) -> str:
    digest = hashlib.sha1(f"{rec.opportunity.id}|{deadline.isoformat()}".encode()).hexdigest()[:16]
    return f"{digest}@fundmatch"


def _alarms(name: str, reminders: Sequence[int]) -> list[str]:
    """One display reminder per number of days before the (all-day) deadline."""
    lines: list[str] = []
    for days in sorted(set(reminders), reverse=True):
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(f'Deadline in {days} days: {name}')}",
            f"TRIGGER:-P{days}D",
            "END:VALARM",
        ]
    return lines


def deadlines_ics(
    recommendations: Sequence[Recommendation],
    now: datetime | None = None,
    reminders: Sequence[int] = REMINDER_DAYS,
    calendar_name: str | None = None,
) -> str:
    """An iCalendar file with one all-day event per deadline of each recommendation, each event with
    a reminder ``reminders`` days before it; ``calendar_name`` names the calendar (one per client)."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fundmatch//deadlines//EN", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if calendar_name:
        lines.append(f"X-WR-CALNAME:{_escape(calendar_name)}")
    for rec in recommendations:
        opp = rec.opportunity
        for deadline in sorted(set(opp.deadlines)):
            name = opportunity_name(opp)
            description = f"{opp.programme}: {opp.title}" + (f"\n{opp.url}" if opp.url else "")
            lines += [
                "BEGIN:VEVENT",
                f"UID:{_uid(rec, deadline)}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{deadline.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(deadline + timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{_escape(f'Deadline: {name}')}",
                f"DESCRIPTION:{_escape(description)}",
            ]
            if opp.url:
                lines.append(f"URL:{opp.url}")
            lines += ["TRANSP:TRANSPARENT", *_alarms(name, reminders), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
