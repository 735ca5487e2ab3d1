"""What goes into the vector collections: the embedded text and the filter metadata of each record."""

from __future__ import annotations

from fundmatch.core.models import FundedProject, Opportunity, Passage

Metadata = dict[str, str | int | float | bool]

# Projects are embedded from their acronym, title and the start of the objective: enough to find
# similar projects, and about a fifth of the cost of embedding whole objectives.
PROJECT_OBJECTIVE_CHARS = 300


def passage_metadata(passage: Passage, opportunity: Opportunity | None) -> Metadata:
    """Filterable metadata of a passage: its own, then the opportunity's fields.

    Keys: ``programme``, ``kind``, ``status``, ``type_of_action``, ``opportunity_id``, ``source``,
    ``deadline`` (latest deadline, ISO date string) and ``deadline_int`` (the same as YYYYMMDD for
    ``$gte``/``$lte`` filters), plus ``section``/``page``/``document_id`` and whatever the loader
    put into ``passage.metadata``. Keys whose value is unknown are left out (Chroma has no null).
    """
    metadata: Metadata = {key: value for key, value in passage.metadata.items() if value is not None}
    metadata["source"] = passage.source
    for key in ("opportunity_id", "document_id", "section", "page"):
        value = getattr(passage, key)
        if value is not None:
            metadata[key] = value
    if opportunity is not None:
        metadata["programme"] = opportunity.programme
        metadata["kind"] = opportunity.kind
        metadata["status"] = opportunity.status
        if opportunity.type_of_action:
            metadata["type_of_action"] = opportunity.type_of_action
        if opportunity.deadlines:
            latest = max(opportunity.deadlines)
            metadata["deadline"] = latest.isoformat()
            metadata["deadline_int"] = int(latest.strftime("%Y%m%d"))
    return metadata


def project_text(project: FundedProject) -> str:
    """The text embedded for a funded project: acronym, title, start of the objective."""
    objective = " ".join(project.objective.split())
    if len(objective) > PROJECT_OBJECTIVE_CHARS:
        objective = objective[:PROJECT_OBJECTIVE_CHARS].rsplit(" ", 1)[0]
    return f"{project.acronym}: {project.title}. {objective}".strip()


def project_metadata(project: FundedProject) -> Metadata:
    """Filterable metadata of a project: call family, topic, funding scheme, coordinator country."""
    metadata: Metadata = {"kind": "funded project"}
    for key in ("call_family", "topic", "funding_scheme"):
        value = getattr(project, key)
        if value:
            metadata[key] = value
    coordinator = next((org for org in project.organisations if org.role == "coordinator"), None)
    if coordinator is not None and coordinator.country:
        metadata["coordinator_country"] = coordinator.country
    if project.start_date is not None:
        metadata["start_year"] = project.start_date.year
    return metadata
