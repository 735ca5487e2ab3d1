"""Rewriting a follow-up into a standalone query that needs no earlier message to be understood."""

from __future__ import annotations

from collections.abc import Sequence

from fundmatch.chat.followup import Intent
from fundmatch.core.models import Profile

_FINANCE_WORDS = {
    "loan": "loan financing (debt, credit) through a bank or financial intermediary",
    "guarantee": "guarantee for bank financing through a financial intermediary",
    "equity": "equity or venture capital investment",
    "grant": "grant funding",
}


def refinement_phrase(changes: dict[str, object]) -> str:
    """The changed profile facts as an English phrase the retrievers can match."""
    parts: list[str] = []
    if form := changes.get("finance_form"):
        parts.append(_FINANCE_WORDS.get(str(form), str(form)))
    if changes.get("consortium") == "consortium" and changes.get("partners"):
        parts.append(f"collaborative project, consortium of {changes['partners']} partners")
    elif changes.get("consortium") == "alone":
        parts.append("single applicant, mono-beneficiary")
    if countries := changes.get("countries"):
        parts.append(f"partners from {countries} countries")
    return "; ".join(parts)


def standalone_query(
    intent: Intent,
    message: str,
    description: str,
    profile: Profile,
    names: Sequence[str],
    focus: int | None,
) -> str:
    """The message as a self-contained request, using the project description and results shown."""
    if intent.kind == "search":
        return message.strip()
    if intent.kind == "refine":
        changes = {**intent.changes}
        if "finance_form" not in changes and profile.finance_form:
            changes["finance_form"] = profile.finance_form
        phrase = refinement_phrase(changes)
        return f"{description.strip()} ({phrase})" if phrase else description.strip()
    targets = list(intent.targets) or ([focus] if focus is not None else [])
    named = [names[i] for i in targets if 0 <= i < len(names)] + list(intent.unknown_ids)
    if intent.kind == "compare":
        return f"Compare {' and '.join(named)}"
    if named:
        topic = "everything" if intent.aspect == "general" else intent.aspect
        return f"{message.strip()} [{topic} of {', '.join(named)}]"
    return f"{message.strip()} [about the calls shown: {', '.join(names[:5])}]"
