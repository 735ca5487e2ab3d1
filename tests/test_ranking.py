"""Family diversity and a deterministic order among equal scores."""

from __future__ import annotations

from fundmatch.retrieval.ranking import Scored, diversify
from tests.eligibility_fixtures import topic

CANDIDATES = [
    Scored(topic("HORIZON-CL5-2026-D3-01-02"), "CL5-D3", 2.0),
    Scored(topic("HORIZON-CL5-2026-D3-01-01"), "CL5-D3", 2.0),
    Scored(topic("HORIZON-CL4-2026-TWIN-01-02"), "CL4-TWIN", 1.5),
    Scored(topic("HORIZON-CL6-2026-FARM-01-01"), "CL6-FARM", 1.5),
]


def _ids(picked: list[Scored]) -> list[str]:
    return [item.opportunity.id for item in picked]


def test_equal_scores_are_ordered_by_id_whatever_the_input_order() -> None:
    expected = [
        "HORIZON-CL5-2026-D3-01-01",
        "HORIZON-CL5-2026-D3-01-02",
        "HORIZON-CL4-2026-TWIN-01-02",
        "HORIZON-CL6-2026-FARM-01-01",
    ]
    assert _ids(diversify(CANDIDATES, 4, 1.0)) == expected
    assert _ids(diversify(list(reversed(CANDIDATES)), 4, 1.0)) == expected


def test_a_second_pick_of_one_family_gives_way_to_other_families() -> None:
    assert _ids(diversify(CANDIDATES, 3, 0.5)) == [
        "HORIZON-CL5-2026-D3-01-01",
        "HORIZON-CL4-2026-TWIN-01-02",
        "HORIZON-CL6-2026-FARM-01-01",
    ]
