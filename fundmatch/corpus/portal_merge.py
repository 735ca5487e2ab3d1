"""Merging portal topics by id: full description from the dump, opening date and call budget from the feed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from fundmatch.corpus.documents import OpportunityText
from fundmatch.corpus.portal_topics import PortalRecord


@dataclass(frozen=True)
class MergeCounts:
    """How the merge went, for the load report."""

    feed_topics: int
    dump_topics: int
    merged: int
    dump_only: int


def newest_by_id(records: list[PortalRecord]) -> tuple[dict[str, PortalRecord], list[str]]:
    """One record per topic id, the most recently seen; the ids that occurred more than once."""
    kept: dict[str, PortalRecord] = {}
    repeated: list[str] = []
    for record in records:
        topic_id = record.text.opportunity.id
        current = kept.get(topic_id)
        if current is None:
            kept[topic_id] = record
            continue
        repeated.append(topic_id)
        if (record.seen or date.min) >= (current.seen or date.min):
            kept[topic_id] = record
    return kept, repeated


def merge_topic(dump: PortalRecord, feed: PortalRecord) -> OpportunityText:
    """The dump's text and conditions, the feed's opening date, call budget and destination.

    Status and deadlines come from whichever source saw the topic last (deadlines get extended).
    """
    full, meta = dump.text.opportunity, feed.text.opportunity
    newer = meta if (feed.seen or date.min) >= (dump.seen or date.max) else full
    merged = replace(
        full,
        programme=meta.programme or full.programme,
        title=full.title or meta.title,
        call_id=full.call_id or meta.call_id,
        call_title=full.call_title or meta.call_title,
        destination=meta.destination or full.destination,
        type_of_action=full.type_of_action or meta.type_of_action,
        status=newer.status if newer.status != "unknown" else full.status,
        opening_date=meta.opening_date or full.opening_date,
        deadlines=newer.deadlines or full.deadlines or meta.deadlines,
        budget_min=full.budget_min if full.budget_min is not None else meta.budget_min,
        budget_max=full.budget_max if full.budget_max is not None else meta.budget_max,
        call_budget=meta.call_budget if meta.call_budget is not None else full.call_budget,
        expected_grants=full.expected_grants if full.expected_grants is not None else meta.expected_grants,
        url=full.url or meta.url,
        summary=full.summary or meta.summary,
    )
    sections = dump.text.sections or feed.text.sections
    return OpportunityText(merged, sections)


def merge_portal(
    dump: dict[str, PortalRecord], feed: dict[str, PortalRecord]
) -> tuple[list[OpportunityText], MergeCounts]:
    """Every feed topic (merged with the dump where both have it) plus the dump's extra topics."""
    merged: list[OpportunityText] = []
    for topic_id, feed_record in feed.items():
        dump_record = dump.get(topic_id)
        merged.append(merge_topic(dump_record, feed_record) if dump_record else feed_record.text)
    dump_only = [record.text for topic_id, record in dump.items() if topic_id not in feed]
    counts = MergeCounts(
        feed_topics=len(feed),
        dump_topics=len(dump),
        merged=sum(1 for topic_id in feed if topic_id in dump),
        dump_only=len(dump_only),
    )
    return merged + dump_only, counts
