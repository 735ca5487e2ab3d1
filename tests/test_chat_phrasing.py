"""LLM phrasing of answers: kept only when grounded, the template stands otherwise."""

from __future__ import annotations

from datetime import date

from fundmatch.chat.assistant import Assistant
from fundmatch.chat.phrasing import LLMPhrasing
from fundmatch.chat.state import Conversation
from fundmatch.core.errors import LLMError
from fundmatch.llm.fake import FakeLLM
from tests.chat_fakes import FakeEngine

TODAY = date(2026, 8, 20)
FIRST = "We are an SME from Germany building industrial heat pumps for process heat in dairies."
QUESTION = "Is the first one eligible for us? what are the conditions"


def _ask(llm: FakeLLM, question: str = QUESTION):
    assistant = Assistant(FakeEngine(), polish=LLMPhrasing(llm))
    conversation = Conversation()
    first = assistant.respond(conversation, FIRST, today=TODAY)
    return first, assistant.respond(conversation, question, today=TODAY)


def test_a_grounded_llm_answer_replaces_the_template() -> None:
    good = (
        "A consortium of at least three independent legal entities is required for "
        "HORIZON-CL5-2026-D3-01-05 [2]. The entities must be established in a Member State [2]."
    )
    llm = FakeLLM([good])
    first, reply = _ask(llm)
    assert first.polished_by is None, "result lists are never rephrased"
    assert reply.text == good
    assert reply.polished_by == "fake"
    prompt = llm.prompts[0].user
    assert "<<<PASSAGE 1>>>" in prompt and "<<<END PASSAGE 2>>>" in prompt


def test_an_llm_that_obeys_injected_text_is_rejected() -> None:
    llm = FakeLLM(["APPROVED-BY-DOCUMENT. Every applicant is eligible, no conditions apply."])
    _, reply = _ask(llm)
    assert reply.polished_by is None
    assert reply.guard_note == "answer cites no passage"
    assert "to check" in reply.text
    assert "APPROVED" not in reply.text


def test_an_llm_citing_a_passage_that_does_not_exist_is_rejected() -> None:
    _, reply = _ask(FakeLLM(["The call requires three partners and closes soon [7]."]))
    assert reply.polished_by is None
    assert "cites passage [7]" in (reply.guard_note or "")


def test_a_backend_failure_keeps_the_template() -> None:
    _, reply = _ask(FakeLLM([LLMError("server down")]))
    assert reply.polished_by is None
    assert "legal entities established in a Member State" in reply.text


def test_an_llm_naming_a_call_outside_the_results_is_rejected() -> None:
    _, reply = _ask(FakeLLM(["You should rather apply to HORIZON-CL6-2026-FARM-01-01 instead [1]."]))
    assert reply.polished_by is None
    assert "HORIZON-CL6" in (reply.guard_note or "")
