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
    deadline_text,
    is_financial_product,
    next_deadline,
    opportunity_name,
    product_name,
    reference_id,
    status_label,
    verdict_label,
)
from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.chat.reply import source_label
from fundmatch.core.models import Profile, Recommendation
from fundmatch.lang.i18n import colon, day, n, t

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


def shortlist_csv(recommendations: Sequence[Recommendation], today: date, language: str = "en") -> str:
    """One row per recommendation with the facts a spreadsheet needs (codes and ISO dates; the
    eligibility reasons in ``language``)."""
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
                "eligibility_reasons": " ".join(eligibility_reasons(rec.eligibility, language)),
                "url": opp.url or "",
                "source": opp.source,
            }
        )
    return buffer.getvalue()


def shortlist_markdown(
    recommendations: Sequence[Recommendation], profile: Profile | None, today: date, language: str = "en"
) -> str:
    """A report in ``language``: the profile, then each opportunity with facts, eligibility, reasons
    and citations."""
    lines = [
        f"# {t(language, 'fundmatch shortlist')}",
        "",
        t(language, "Generated on {date}.", date=day(today, language)),
    ]
    lines.append("")
    missing = t(language, "not stated")
    if profile is not None:
        summary = profile_summary(profile, language) or t(language, "(nothing stated)")
        lines += [f"## {t(language, 'Profile')}", "", summary, ""]
    sources: list[str] = []
    for rank, rec in enumerate(recommendations, start=1):
        opp = rec.opportunity
        reference = reference_id(opp)
        heading = f"{reference} – {opp.title}" if reference else opp.title
        lines += [f"## {rank}. {heading}", ""]
        facts = [
            (t(language, "Programme"), opp.programme),
            (t(language, "Status"), status_label(rec, language)),
        ]
        if is_financial_product(opp):
            facts.append((t(language, "Financial product"), product_name(opp)))
        else:
            deadline = next_deadline(opp, today)
            when = deadline_text(deadline, today, language) if deadline else t(language, "rolling")
            facts += [
                (t(language, "Deadline"), when),
                (t(language, "Type of action"), opp.type_of_action or missing),
            ]
        facts.append((t(language, "Budget per grant"), budget_range(opp, language) or missing))
        if opp.url:
            facts.append((t(language, "Official page"), f"<{opp.url}>"))
        lines += [f"- **{colon(language, label)}** {value}" for label, value in facts]
        reasons = " ".join(eligibility_reasons(rec.eligibility, language))
        eligibility = colon(language, t(language, "Eligibility"))
        lines += ["", f"**{eligibility}** {verdict_label(rec, language)}. {reasons}".rstrip()]
        if rec.why_codes:
            why = colon(language, t(language, "Why it matches"))
            lines += ["", f"**{why}** {why_text(rec.why_codes, language)}"]
        for evidence in rec.evidence:
            sources.append(source_label(evidence.source, evidence.section, evidence.page, language))
            excerpt = " ".join(evidence.text.split())[:400]
            lines += ["", f"> {excerpt} [{len(sources)}]"]
        if rec.similar_projects:
            similar = ", ".join(
                f"{p.acronym} ({p.topic or p.call_family or t(language, 'n/a')})"
                for p in rec.similar_projects
            )
            lines += ["", f"**{colon(language, t(language, 'Similar funded projects'))}** {similar}"]
        lines.append("")
    if sources:
        lines += [f"## {t(language, 'Sources')}", ""] + [
            f"[{n}] {label}" for n, label in enumerate(sources, start=1)
        ]
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


def _alarms(name: str, reminders: Sequence[int], language: str) -> list[str]:
    """One display reminder per number of days before the (all-day) deadline."""
    lines: list[str] = []
    for days in sorted(set(reminders), reverse=True):
        text = n(language, "Deadline in {n} day: {name}", "Deadline in {n} days: {name}", days, name=name)
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(text)}",
            f"TRIGGER:-P{days}D",
            "END:VALARM",
        ]
    return lines


def deadlines_ics(
    recommendations: Sequence[Recommendation],
    now: datetime | None = None,
    language: str = "en",
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
                f"SUMMARY:{_escape(t(language, 'Deadline: {name}', name=name))}",
                f"DESCRIPTION:{_escape(description)}",
            ]
            if opp.url:
                lines.append(f"URL:{opp.url}")
            lines += ["TRANSP:TRANSPARENT", *_alarms(name, reminders, language), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
