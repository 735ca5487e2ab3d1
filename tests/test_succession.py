"""Votes of projects funded under a family with no current call move to the most similar current one."""

from __future__ import annotations

import pytest

from fundmatch.core.models import FundedProject, SimilarProject
from fundmatch.retrieval.similar import SimilarProjectModel, project_vote_shares
from fundmatch.retrieval.succession import VoteCarrier, opportunity_texts

_PROJECTS = [
    (
        "1",
        "TWINLINE",
        "Digital twins of production lines for zero-defect manufacturing",
        "HORIZON-CL4-2021-TWIN-TRANSITION-01-01",
    ),
    (
        "2",
        "FABTWIN",
        "Digital twins and robots for flexible factory automation",
        "HORIZON-CL4-2022-TWIN-TRANSITION-01-03",
    ),
    ("3", "HEATUP", "High-temperature heat pumps for dairies and breweries", "HORIZON-CL5-2022-D3-01-05"),
    (
        "4",
        "SEPSIS",
        "Machine learning for early sepsis detection in intensive care",
        "HORIZON-HLTH-2022-DISEASE-03-01",
    ),
]
_OPPORTUNITIES = {
    "HORIZON-CL4-2027-01-MAT-PROD-02": "Advanced manufacturing: digital twins of production lines, robots and factory "
    "automation for zero-defect manufacturing",
    "HORIZON-CL5-2027-02-D3-07": "Industrial heat pumps delivering process heat for dairies and food industry",
}
FAMILIES = {"HORIZON-CL4-2027-01-MAT-PROD-02": "CL4-MAT", "HORIZON-CL5-2027-02-D3-07": "CL5-D3"}


@pytest.fixture(scope="module")
def carrier() -> VoteCarrier:
    projects = [
        FundedProject(id=pid, acronym=acronym, title=title, objective=title, topic=topic, call_family=None)
        for pid, acronym, title, topic in _PROJECTS
    ]
    texts = opportunity_texts({i: "" for i in _OPPORTUNITIES}, list(_OPPORTUNITIES.items()))
    return VoteCarrier(SimilarProjectModel.fit(projects), texts, share=0.5)


def _neighbour(pid: str, family: str, score: float) -> SimilarProject:
    return SimilarProject(id=pid, acronym=pid, title="", call_family=family, topic=None, score=score)


def test_votes_of_a_family_without_current_calls_move_to_the_most_similar_current_family(
    carrier: VoteCarrier,
) -> None:
    neighbours = [_neighbour("1", "CL4-TWIN", 0.4), _neighbour("3", "CL5-D3", 0.2)]
    votes = {"CL4-TWIN": 1.0, "CL5-D3": 0.25}
    carried, moved = carrier.carry_over(votes, neighbours, project_vote_shares(neighbours), FAMILIES)
    assert moved == {"1": "CL4-MAT"}
    assert carried["CL4-MAT"] == pytest.approx(0.5 * 1.0)
    assert carried["CL5-D3"] == 0.25 and carried["CL4-TWIN"] == 1.0


def test_a_family_with_a_current_call_keeps_its_votes(carrier: VoteCarrier) -> None:
    available = {**FAMILIES, "HORIZON-CL4-2027-01-TWIN-TRANSITION-09": "CL4-TWIN"}
    neighbours = [_neighbour("1", "CL4-TWIN", 0.4)]
    carried, moved = carrier.carry_over(
        {"CL4-TWIN": 1.0}, neighbours, project_vote_shares(neighbours), available
    )
    assert moved == {} and carried == {"CL4-TWIN": 1.0}


def test_nothing_moves_to_a_call_that_is_not_alike(carrier: VoteCarrier) -> None:
    only_heat = {"HORIZON-CL5-2027-02-D3-07": "CL5-D3"}
    neighbours = [_neighbour("4", "HLTH-DISEASE", 0.5)]
    carried, moved = carrier.carry_over(
        {"HLTH-DISEASE": 1.0}, neighbours, project_vote_shares(neighbours), only_heat
    )
    assert moved == {} and carried == {"HLTH-DISEASE": 1.0}


def test_the_nearest_current_opportunity_of_a_funded_project(carrier: VoteCarrier) -> None:
    nearest = carrier.nearest(["2", "3"], FAMILIES)
    assert nearest["2"][0] == "HORIZON-CL4-2027-01-MAT-PROD-02"
    assert nearest["3"][0] == "HORIZON-CL5-2027-02-D3-07"
    assert carrier.nearest(["2"], {}) == {}
