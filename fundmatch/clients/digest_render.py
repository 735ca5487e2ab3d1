"""A client's digest as Markdown (for mail), JSON (for scripts) or an iCalendar file with reminders,
each phrased in the client's language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from fundmatch.chat.exports import deadlines_ics
from fundmatch.chat.facts import budget_range, days_phrase, opportunity_name, status_label, verdict_label
from fundmatch.chat.templates import text
from fundmatch.clients.digest import BUDGET, CLOSING, DEADLINE, NEW, OPENED, Change, ClientDigest, DigestItem
from fundmatch.clients.texts import digest_text
from fundmatch.core.codec import to_jsonable
from fundmatch.core.models import Recommendation
from fundmatch.retrieval.eligibility_text import localised_reasons
from fundmatch.retrieval.status import next_deadline
from fundmatch.retrieval.why_text import why_text

FORMATS = ("md", "json", "ics")


def change_text(change: Change, language: str) -> str:
    """One change as a short phrase in ``language``."""
    if change.kind == NEW:
        return digest_text(language, "change_new")
    if change.kind == DEADLINE:
        rolling = digest_text(language, "rolling")
        before, after = change.before or rolling, change.after or rolling
        return digest_text(language, "change_deadline", before=before, after=after)
    if change.kind == BUDGET:
        missing = text(language, "not_stated")
        before, after = change.before or missing, change.after or missing
        return digest_text(language, "change_budget", before=f"EUR {before}", after=f"EUR {after}")
    if change.kind == OPENED:
        return digest_text(language, "change_opened")
    if change.kind == CLOSING:
        return digest_text(language, "change_closing", days=change.days, date=change.after)
    raise ValueError(f"unknown change kind {change.kind!r}")


def why_of(rec: Recommendation, language: str) -> str:
    """Why the opportunity fits, in ``language`` (its English text when it carries no codes)."""
    return why_text(rec.why_codes, language) if rec.why_codes else rec.why


def summary_line(digest: ClientDigest) -> str:
    """The digest's first sentence: how much is new, against which date, or why there is nothing."""
    language = digest.profile.language
    if digest.missing:
        return digest_text(language, "digest_no_description")
    count = len(digest.items)
    if digest.since is not None:
        key = "digest_since" if count else "digest_nothing_since"
        return digest_text(language, key, n=count, date=digest.since.isoformat())
    if digest.previous is None:
        if not count:
            return digest_text(language, "digest_nothing_first")
        return digest_text(language, "digest_first", n=count)
    key = "digest_count" if count else "digest_nothing"
    return digest_text(language, key, n=count, date=digest.previous.isoformat())


def _item_markdown(rank: int, item: DigestItem, language: str, today: date) -> list[str]:
    rec = item.recommendation
    opp = rec.opportunity
    name = opportunity_name(opp)
    heading = f"{name} – {opp.title}" if name != opp.title else opp.title
    changes = "; ".join(change_text(change, language) for change in item.changes)
    deadline = next_deadline(opp, today)
    when = f"{deadline.isoformat()} ({days_phrase(deadline, today, language)})" if deadline else "–"
    facts = [
        (text(language, "label_programme"), opp.programme),
        (text(language, "label_status"), status_label(rec, language)),
        (text(language, "label_deadline"), when),
        (text(language, "label_budget"), budget_range(opp, language) or text(language, "not_stated")),
    ]
    lines = [f"### {rank}. {heading}", "", f"**{changes}**", ""]
    lines += [f"- {label}: {value}" for label, value in facts]
    if opp.url:
        lines.append(f"- <{opp.url}>")
    reasons = " ".join(localised_reasons(rec.eligibility, language))
    lines += [
        "",
        f"**{text(language, 'label_eligibility')}:** {verdict_label(rec, language)}. {reasons}".rstrip(),
    ]
    why = why_of(rec, language)
    if why:
        lines += ["", f"**{text(language, 'label_why')}:** {why}"]
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
        title = digest_text(language, "digest_title", name=digest.profile.name, date=digest.as_of.isoformat())
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
        "why": why_of(rec, language),
        "eligibility": {
            "verdict": rec.eligibility.verdict,
            "reasons": list(localised_reasons(rec.eligibility, language)),
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


def client_calendar(name: str, recommendations: Sequence[Recommendation], now: datetime | None = None) -> str:
    """One client's calendar: every deadline of its current list, reminders 30, 14 and 7 days before."""
    return deadlines_ics(recommendations, now=now, calendar_name=f"fundmatch: {name}")
