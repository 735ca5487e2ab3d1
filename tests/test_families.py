import pytest

from fundmatch.core.families import call_family


@pytest.mark.parametrize(
    ("topic", "family"),
    [
        ("HORIZON-CL5-2022-D3-01-05", "CL5-D3"),
        ("HORIZON-EIC-2026-ACCELERATOR-01", "EIC-ACCELERATOR"),
        ("HORIZON-CL4-2026-03-DIGITAL-EMERGING-05", "CL4-DIGITAL"),
        ("HORIZON-JU-CBE-2026-IA-01", "JU-CBE"),
        ("HORIZON-EIC-2025-ACCELERATORCHALLENGES-01", "EIC-ACCELERATOR"),
        ("HORIZON-JTI-CLEANH2-2023-01-02", "JU-CLEANH2"),
        ("HORIZON-CL2-2024-TRANSFORMATIONS-01-03", "CL2-TRANSFO"),
        ("HORIZON-CL5-2024-D2-01-01-two-stage", "CL5-D2"),
    ],
)
def test_call_family_follows_the_evaluation_rule(topic: str, family: str) -> None:
    assert call_family(topic) == family


@pytest.mark.parametrize("topic", [None, "", "HORIZON-2026-01"])
def test_call_family_of_nothing_recognisable_is_none(topic: str | None) -> None:
    assert call_family(topic) is None
