"""Whether an opportunity is open, forthcoming or closed on a given date."""

from __future__ import annotations

from datetime import date

from fundmatch.core.models import Opportunity, Status
from fundmatch.core.settings import Settings


def status_date(as_of: date | None, settings: Settings | None = None) -> date:
    """The date statuses are computed for: ``as_of``, else ``settings.as_of``, else today."""
    if as_of is not None:
        return as_of
    if settings is not None and settings.as_of is not None:
        return settings.as_of
    return date.today()


def opportunity_status(opportunity: Opportunity, as_of: date) -> Status:
    """Open, forthcoming or closed from the opening date and deadlines; the stored status otherwise.

    Closed when every deadline lies before ``as_of``; forthcoming when it opens after ``as_of``;
    open when it has opened (or has no opening date) and a deadline is still ahead. Without dates
    (financial products, programme information) the status recorded at load time stands.
    """
    deadlines = opportunity.deadlines
    if deadlines and max(deadlines) < as_of:
        return "closed"
    if opportunity.opening_date and opportunity.opening_date > as_of:
        return "forthcoming"
    if deadlines:
        if opportunity.opening_date is None and opportunity.status == "forthcoming":
            return "forthcoming"
        return "open"
    if opportunity.opening_date and opportunity.status == "forthcoming":
        return "open"
    return opportunity.status


def next_deadline(opportunity: Opportunity, as_of: date) -> date | None:
    """The first deadline on or after ``as_of``, else the last one, else None."""
    ahead = sorted(d for d in opportunity.deadlines if d >= as_of)
    if ahead:
        return ahead[0]
    return max(opportunity.deadlines) if opportunity.deadlines else None
