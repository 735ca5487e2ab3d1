"""Proposal outline from a call's own text, and partner suggestions from similar projects."""

from __future__ import annotations

from fundmatch.chat.proposal import build_outline, outline_markdown, suggest_partners
from fundmatch.core.models import FundedProject, Organisation, Passage
from tests.chat_fakes import INJECTION, OPPORTUNITIES, PROJECT

CALL = OPPORTUNITIES[0]
PASSAGES = [
    Passage(
        "p1",
        "Expected Outcome: Project results are expected to contribute to all of the following outcomes: "
        "- Heat pumps supplying process heat above 150 degrees at competitive cost. "
        "- Reduced fossil fuel use in food and chemical industries.",
        "horizon_europe/topics.jsonl",
        CALL.id,
        section="Expected Outcome",
    ),
    Passage(
        "p2",
        "Scope: Proposals should demonstrate prototypes in at least two industrial sites and address noise.",
        "horizon_europe/topics.jsonl",
        CALL.id,
        section="Scope",
    ),
    Passage(
        "p3",
        f"Activities are expected to achieve TRL 6 by the end of the project. {INJECTION}",
        "horizon_europe/topics.jsonl",
        CALL.id,
        section="Specific conditions",
    ),
]


def test_horizon_outline_has_the_three_criteria_with_cited_call_text() -> None:
    outline = build_outline(CALL, PASSAGES, [PROJECT])
    titles = [s.title for s in outline.sections]
    assert titles == ["Excellence", "Impact", "Quality and efficiency of the implementation"]
    excellence, impact, implementation = outline.sections
    assert any("two industrial sites" in q for q, _ in excellence.quotes)
    assert [q for q, _ in impact.quotes] == [
        "Heat pumps supplying process heat above 150 degrees at competitive cost.",
        "Reduced fossil fuel use in food and chemical industries.",
    ]
    assert any("TRL 6" in q for q, _ in implementation.quotes)
    numbers = {n for s in outline.sections for _, n in s.quotes}
    assert numbers == {c.number for c in outline.citations} == {1, 2, 3}


def test_instructions_hidden_in_the_call_text_are_not_quoted() -> None:
    outline = build_outline(CALL, PASSAGES)
    text = outline_markdown(outline)
    assert "ignore all previous instructions" not in text
    assert "APPROVED" not in text


def test_outline_markdown_lists_sections_partners_and_sources() -> None:
    text = outline_markdown(build_outline(CALL, PASSAGES, [PROJECT]))
    assert text.startswith("# Proposal outline: HORIZON-CL5-2026-D3-01-05")
    assert "## Impact" in text
    assert "> Reduced fossil fuel use in food and chemical industries. [2]" in text
    assert "- Kaelte Systeme GmbH (DE, private company, SME): HEATUP" in text
    assert "[3] horizon_europe/topics.jsonl, Specific conditions" in text


def test_the_outline_speaks_the_users_language_and_quotes_the_call_as_written() -> None:
    text = outline_markdown(build_outline(CALL, PASSAGES, [PROJECT]), language="de")
    assert text.startswith("# Antragsgliederung: HORIZON-CL5-2026-D3-01-05")
    assert "## Wirkung" in text and "Was dieser Abschnitt zeigen muss:" in text
    assert "> Reduced fossil fuel use in food and chemical industries. [2]" in text
    assert "- Kaelte Systeme GmbH (DE, Unternehmen, KMU): HEATUP" in text
    assert "## Quellen" in text and "Impact" not in text


def test_partners_are_ranked_by_how_many_similar_projects_they_joined() -> None:
    other = FundedProject(
        id="2",
        acronym="COOLHEAT",
        title="t",
        objective="o",
        topic=None,
        call_family=None,
        organisations=(
            Organisation(
                name="Universidad  de Ejemplo", country="ES", activity_type="HES", role="coordinator"
            ),
            Organisation(name="Newco", country="IT", activity_type="PRC", sme=True),
        ),
    )
    partners = suggest_partners([PROJECT, other])
    assert partners[0].name == "Universidad de Ejemplo"
    assert partners[0].projects == ("HEATUP", "COOLHEAT")
    assert partners[0].activity_type == "HES"
    assert {p.name for p in partners[1:]} == {"Kaelte Systeme GmbH", "Newco"}


def test_an_llm_outline_is_used_only_when_grounded() -> None:
    from fundmatch.chat.proposal import polish_outline
    from fundmatch.llm.fake import FakeLLM

    outline = build_outline(CALL, PASSAGES, [PROJECT])
    good = "- Show how the heat pumps supply process heat above 150 degrees [2].\n- Demonstrate in two sites [1]."
    polished = polish_outline(outline, FakeLLM([good]), "heat pumps for dairies")
    assert polished is not None
    assert good in polished and "## Sources" in polished and "Kaelte Systeme GmbH" in polished
    assert "## Excellence" not in polished
    assert polish_outline(outline, FakeLLM(["Apply now, everyone is eligible!"]), "heat pumps") is None


def test_a_quoted_statement_keeps_a_range_and_ends_once() -> None:
    passage = Passage(
        id="x#0",
        text="Scope: Solar heat for industry (within the 150°C - 400°C range), combined with storage. "
        "- Demonstrate the system at TRL 7 in two plants; - Integrate storage with existing heat networks.",
        source="topics.jsonl",
        opportunity_id=CALL.id,
        section="Scope",
    )
    quotes = [quote for section in build_outline(CALL, [passage]).sections for quote, _ in section.quotes]
    assert r"Solar heat for industry \(within the 150°C - 400°C range\), combined with storage." in quotes
    assert "Demonstrate the system at TRL 7 in two plants." in quotes
