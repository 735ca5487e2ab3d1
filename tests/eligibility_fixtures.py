"""Opportunities of each funding scheme, shared by the eligibility rule and wording tests."""

from __future__ import annotations

from typing import Any

from fundmatch.core.models import (
    HORIZON_EUROPE,
    INNOVATION_FUND,
    INVESTEU,
    KIND_CALL_TOPIC,
    KIND_FINANCIAL_PRODUCT,
    Opportunity,
)


def topic(ident: str, action: str = "", programme: str = HORIZON_EUROPE, **extra: Any) -> Opportunity:
    """A call topic whose title is its id."""
    return Opportunity(
        id=ident,
        programme=programme,
        kind=KIND_CALL_TOPIC,
        title=ident,
        source="test",
        type_of_action=action,
        **extra,
    )


RIA = topic("HORIZON-CL5-2026-D3-01-01", "HORIZON Research and Innovation Actions")
IA = topic("HORIZON-CL4-2026-TWIN-01-02", "HORIZON Innovation Actions")
CSA = topic("HORIZON-CL2-2026-DEMOCRACY-01-03", "HORIZON Coordination and Support Actions")
ACCELERATOR = topic("HORIZON-EIC-2026-ACCELERATOR-01", "HORIZON EIC Grants")
WIDENING = topic("HORIZON-WIDERA-2027-01-WIDENING-01", "HORIZON Coordination and Support Actions")
IF_SMALL = topic("INNOVFUND-2025-NZT-GENERAL-SSP", programme=INNOVATION_FUND)
IF_LARGE = topic("INNOVFUND-2025-NZT-GENERAL-LSP", programme=INNOVATION_FUND)
IF_UNSIZED = topic("INNOVFUND-2025-NZT-PILOTS", programme=INNOVATION_FUND)
GUARANTEE = Opportunity(
    id="investeu-sme-window-guarantees",
    programme=INVESTEU,
    kind=KIND_FINANCIAL_PRODUCT,
    title="InvestEU SME window guarantees",
    source="test",
)
