"""A client's digest as Markdown (for mail), JSON (for scripts) or an iCalendar file with reminders,
each phrased in the client's language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from fundmatch.chat.exports import deadlines_ics
from fundmatch.chat.facts import budget_range, deadline_text, opportunity_name, status_label, verdict_label
from fundmatch.chat.reasons import eligibility_reasons, why_text
from fundmatch.clients.digest import BUDGET, CLOSING, DEADLINE, NEW, OPENED, Change, ClientDigest, DigestItem
from fundmatch.core.codec import to_jsonable
from fundmatch.core.models import Recommendation
from fundmatch.lang.i18n import day, eur, n, t, tc
from fundmatch.retrieval.status import next_deadline

FORMATS = ("md", "json", "ics")


def _dates(values: str, language: str) -> str:
    """ISO dates (comma-separated) as the language writes them; "rolling" for none."""
    if not values:
        return t(language, "rolling")
    return ", ".join(day(date.fromisoformat(v.strip()), language) for v in values.split(","))


def _amounts(values: str, language: str) -> str:
    """EUR amounts (" – "-separated) as the language writes them; "not stated" for none."""
    if not values:
        return t(language, "not stated")
    return " – ".join(eur(float(v), language) for v in values.split(" – "))


def change_text(change: Change, language: str) -> str:
    """One change as a short phrase in ``language``."""
    if change.kind == NEW:
        return tc(language, "digest", "New")
    if change.kind == DEADLINE:
        before, after = _dates(change.before, language), _dates(change.after, language)
        return t(language, "Deadline changed: {before} → {after}", before=before, after=after)
    if change.kind == BUDGET:
        before, after = _amounts(change.before, language), _amounts(change.after, language)
        return t(language, "Budget changed: {before} → {after}", before=before, after=after)
    if change.kind == OPENED:
        return t(language, "Now open for submission")
    if change.kind == CLOSING:
        when = day(date.fromisoformat(change.after), language)
        return n(
            language, "Closes in {n} day ({date})", "Closes in {n} days ({date})", change.days or 0, date=when
        )
    raise ValueError(f"unknown change kind {change.kind!r}")


def summary_line(digest: ClientDigest) -> str:
    """The digest's first sentence: how much is new, against which date, or why there is nothing."""
    language = digest.profile.language
    if digest.missing:
        return t(language, "This client has no project description; add one to rank opportunities for it.")
    count = len(digest.items)
    if digest.since is not None:
        since = day(digest.since, language)
        if not count:
            return t(language, "Nothing new or changed since {date}.", date=since)
        return n(
            language,
            "{n} opportunity is new or changed since {date}.",
            "{n} opportunities are new or changed since {date}.",
            count,
            date=since,
        )
    if digest.previous is None:
        if not count:
            return t(language, "No opportunity fits this client with its profile and filters.")
        return n(
            language,
            "First digest for this client: {n} opportunity fits now.",
            "First digest for this client: {n} opportunities fit now.",
            count,
        )
    previous = day(digest.previous, language)
    if not count:
        return t(language, "Nothing new or changed since the last digest ({date}).", date=previous)
    return n(
        language,
        "{n} opportunity is new or changed since the last digest ({date}).",
        "{n} opportunities are new or changed since the last digest ({date}).",
        count,
        date=previous,
    )


def _item_markdown(rank: int, item: DigestItem, language: str, today: date) -> list[str]:
    rec = item.recommendation
    opp = rec.opportunity
    name = opportunity_name(opp)
    heading = f"{name} – {opp.title}" if name != opp.title else opp.title
    changes = "; ".join(change_text(change, language) for change in item.changes)
    deadline = next_deadline(opp, today)
    facts = [
        (t(language, "Programme"), opp.programme),
        (t(language, "Status"), status_label(rec, language)),
        (t(language, "Deadline"), deadline_text(deadline, today, language) if deadline else "–"),
        (t(language, "Budget per grant"), budget_range(opp, language) or t(language, "not stated")),
    ]
    lines = [f"### {rank}. {heading}", "", f"**{changes}**", ""]
    lines += [f"- {label}: {value}" for label, value in facts]
    if opp.url:
        lines.append(f"- <{opp.url}>")
    reasons = " ".join(eligibility_reasons(rec.eligibility, language))
    eligibility = f"**{t(language, 'Eligibility')}:** {verdict_label(rec, language)}. {reasons}"
    lines += ["", eligibility.rstrip()]
    why = why_text(rec.why_codes, language)
    if why:
        lines += ["", f"**{t(language, 'Why it matches')}:** {why}"]
    for evidence in rec.evidence[:1]:
        excerpt = " ".join(evidence.text.split())[:300]
        where = ", ".join([evidence.source] + ([f"p. {evidence.page}"] if evidence.page else []))
        lines += ["", f"> {excerpt} ({where})"]
    return [*lines, ""]


def digest_markdown(digests: Sequence[ClientDigest]) -> str:
    """Every client's digest as one Markdown document (a section per client)."""
    lines: list[str] = []
    for digest in digests:
        language = digest.profile.language
        title = t(
            language,
            "fundmatch digest for {name}, {date}",
            name=digest.profile.name,
            date=day(digest.as_of, language),
        )
        lines += [f"## {title}", "", summary_line(digest), ""]
        for rank, item in enumerate(digest.items, start=1):
            lines += _item_markdown(rank, item, language, digest.as_of)
    return "\n".join(lines).rstrip() + "\n"


def _item_json(item: DigestItem, language: str) -> dict[str, Any]:
    rec = item.recommendation
    return {
        "opportunity_id": rec.id,
        "title": rec.opportunity.title,
        "programme": rec.opportunity.programme,
        "status": rec.status,
        "deadline": rec.deadline.isoformat() if rec.deadline else None,
        "changes": [
            {**to_jsonable(change), "text": change_text(change, language)} for change in item.changes
        ],
        "why": why_text(rec.why_codes, language),
        "eligibility": {
            "verdict": rec.eligibility.verdict,
            "reasons": list(eligibility_reasons(rec.eligibility, language)),
        },
        "recommendation": to_jsonable(rec),
    }


def digest_payload(digests: Sequence[ClientDigest]) -> dict[str, Any]:
    """Every client's digest as JSON-ready data."""
    return {
        "clients": [
            {
                "name": digest.profile.name,
                "language": digest.profile.language,
                "as_of": digest.as_of.isoformat(),
                "previous": digest.previous.isoformat() if digest.previous else None,
                "since": digest.since.isoformat() if digest.since else None,
                "first": digest.first,
                "summary": summary_line(digest),
                "nothing_new": not digest.items,
                "items": [_item_json(item, digest.profile.language) for item in digest.items],
            }
            for digest in digests
        ]
    }


def digest_json(digests: Sequence[ClientDigest]) -> str:
    """``digest_payload`` as indented JSON text."""
    return json.dumps(digest_payload(digests), ensure_ascii=False, indent=2) + "\n"


def client_calendar(
    name: str, recommendations: Sequence[Recommendation], language: str = "en", now: datetime | None = None
) -> str:
    """One client's calendar: every deadline of its current list, reminders 30, 14 and 7 days before,
    in the client's language."""
    return deadlines_ics(recommendations, now=now, language=language, calendar_name=f"fundmatch: {name}")
