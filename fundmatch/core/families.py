"""Call families: the programme part plus its destination, derived from a topic identifier.

HORIZON-CL5-2022-D3-01-05 -> CL5-D3; HORIZON-EIC-2026-ACCELERATOR-01 -> EIC-ACCELERATOR.
"""

from __future__ import annotations

import re

_ALIASES = {
    "EIC-ACCELERATOROPEN": "EIC-ACCELERATOR",
    "EIC-ACCELERATORCHALLENGES": "EIC-ACCELERATOR",
    "EIC-TRANSITIONCHALLENGES": "EIC-TRANSITIONOPEN",
    "JTI-CLEANH2": "JU-CLEANH2",
    "CL2-TRANSFORMATIONS": "CL2-TRANSFO",
}
_NUMBER = re.compile(r"^\d+$")


def call_family(topic_id: str | None) -> str | None:
    """The call family of a topic identifier, or None when it has no recognisable parts."""
    if not topic_id:
        return None
    tokens = [t for t in topic_id.strip().upper().split("-") if t]
    if tokens and tokens[0] == "HORIZON":
        tokens = tokens[1:]
    kept = [t for t in tokens if not _NUMBER.match(t) and t not in {"TWO", "STAGE", "TWO-STAGE"}]
    if not kept:
        return None
    family = "-".join(kept[:2])
    return _ALIASES.get(family, family)
