"""The assistant drives a conversation against a deterministic fake engine."""

from __future__ import annotations

import re
from datetime import date

from fundmatch.chat.answers import about_answer
from fundmatch.chat.assistant import Assistant
from fundmatch.chat.reply import CitationBook
from fundmatch.chat.state import Conversation
from fundmatch.core.models import INVESTEU, KIND_PROGRAMME_INFO, Filters, Opportunity, Passage
from tests.chat_fakes import INJECTION, FakeEngine

TODAY = date(2026, 8, 20)
FIRST = "We are an SME from Germany building industrial heat pumps for process heat in dairies."


def _start() -> tuple[Assistant, Conversation, FakeEngine]:
    engine = FakeEngine()
    assistant = Assistant(engine)
    conversation = Conversation()
    assistant.respond(conversation, FIRST, today=TODAY)
    return assistant, conversation, engine


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_first_message_extracts_the_profile_and_recommends() -> None:
    engine = FakeEngine()
    conversation = Conversation()
    reply = Assistant(engine).respond(conversation, FIRST, today=TODAY)
    assert reply.intent.kind == "search"
    assert reply.profile is not None and reply.profile.country == "DE"
    assert "SME · DE" in reply.text
    assert [r.id for r in reply.recommendations] == ["HORIZON-CL5-2026-D3-01-05", "HORIZON-CL4-2026-TWIN-02"]
    assert conversation.description == FIRST
    assert len(conversation.messages) == 2


def test_a_follow_up_about_the_second_call_is_answered_with_sources() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "what is the deadline of the second one?", today=TODAY)
    assert reply.intent.kind == "about"
    assert "4 November 2026" in reply.text
    assert "76 days left" in reply.text
    assert "2 March 2027" in reply.text
    assert reply.citations, "no answer without a source"
    assert _markers(reply.text) == {c.number for c in reply.citations}
    assert conversation.focus == 1


def test_a_pronoun_follow_up_uses_the_call_in_focus() -> None:
    assistant, conversation, _ = _start()
    assistant.respond(conversation, "tell me more about the second one", today=TODAY)
    reply = assistant.respond(conversation, "how much money per grant?", today=TODAY)
    assert "EUR 6 million" in reply.text
    assert "EUR 30 million" in reply.text


def test_the_answer_is_in_the_language_of_the_question() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "Wann ist die Frist für die erste Ausschreibung?", today=TODAY)
    assert reply.language == "de"
    assert "Die Frist für HORIZON-CL5-2026-D3-01-05 ist der 15. September 2026 (noch 26 Tage)" in reply.text


def test_compare_the_first_two_gives_a_table() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "compare the first two", today=TODAY)
    assert reply.intent.kind == "compare"
    assert len(reply.comparison) == 7
    deadline_row = next(r for r in reply.comparison if r[""] == "Deadline")
    assert deadline_row["HORIZON-CL5-2026-D3-01-05"].startswith("15 September 2026")
    assert deadline_row["HORIZON-CL4-2026-TWIN-02"].startswith("4 November 2026")
    assert len(reply.citations) == 2


def test_loans_instead_rerecommends_financial_products() -> None:
    assistant, conversation, engine = _start()
    reply = assistant.respond(conversation, "what about loans instead?", today=TODAY)
    assert reply.intent.kind == "refine"
    assert conversation.profile.finance_form == "loan"
    assert [r.id for r in reply.recommendations] == ["investeu-sme-guarantee"]
    assert FIRST in engine.queries[-1] and "loan" in engine.queries[-1]


def test_an_investeu_product_is_explained_by_its_route_not_a_deadline() -> None:
    assistant, conversation, _ = _start()
    assistant.respond(conversation, "what about loans instead?", today=TODAY)
    reply = assistant.respond(conversation, "tell me more about the first one", today=TODAY)
    assert "financial product, not a call" in reply.text
    assert "participating bank or financial intermediary" in reply.text
    assert "deadline" not in reply.text.lower()


def test_consortium_update_changes_the_profile() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "we are now three partners", today=TODAY)
    assert conversation.profile.partners == 3
    assert conversation.profile.consortium == "consortium"
    assert "Partners: 3" in reply.text


def test_nothing_fits_says_so_and_suggests_changes() -> None:
    engine = FakeEngine()
    reply = Assistant(engine).respond(Conversation(), "nothing at all matches this", today=TODAY)
    assert reply.recommendations == []
    assert "Nothing in the corpus fits" in reply.text
    assert "widen the deadline window" in reply.text


def test_a_question_nothing_answers_gets_no_guess() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "Who won the 1998 world cup?", today=TODAY)
    assert "will not guess" in reply.text
    assert reply.citations == []


def test_a_general_question_quotes_passages_with_sources() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "Which calls need pilot lines in two countries?", today=TODAY)
    assert "pilot lines in at least two countries" in reply.text
    assert reply.citations[0].evidence.page == 42


def test_injected_instructions_in_a_passage_are_quoted_never_obeyed() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(
        conversation, "Is the first one eligible for us? what are the conditions", today=TODAY
    )
    assert reply.intent.aspect == "eligibility"
    assert "to check" in reply.text, "the verdict comes from the engine, not from the document"
    assert "legal entities established in a Member State" in reply.text
    assert "APPROVED" not in reply.text
    assert "ignore all previous instructions" not in reply.text
    assert INJECTION.split(":")[0] not in reply.text


def test_a_filter_change_reruns_the_search() -> None:
    assistant, conversation, _ = _start()
    conversation.filters = Filters(statuses=("open",))
    results = assistant.rerun(conversation)
    assert [r.id for r in results] == ["HORIZON-CL5-2026-D3-01-05"]


def test_a_call_id_not_shown_is_looked_up() -> None:
    assistant, conversation, _ = _start()
    assistant.respond(conversation, "what about loans instead?", today=TODAY)
    reply = assistant.respond(conversation, "what is the budget of HORIZON-CL4-2026-TWIN-02?", today=TODAY)
    assert "EUR 6 million" in reply.text


def test_an_unknown_call_id_is_admitted() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "deadline of HORIZON-CL9-2030-XX-01?", today=TODAY)
    assert "could not tell which opportunity" in reply.text


def test_a_fact_question_without_a_reference_answers_for_every_result() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(conversation, "What are the deadlines?", today=TODAY)
    assert "The deadline of HORIZON-CL5-2026-D3-01-05 is 15 September 2026 (26 days left). [1]" in reply.text
    assert "The deadline of HORIZON-CL4-2026-TWIN-02 is 4 November 2026 (76 days left). [2]" in reply.text
    assert len(reply.citations) == 2


def test_a_translator_gives_the_engine_an_english_search_text() -> None:
    engine = FakeEngine()
    asked: list[str] = []
    languages: list[str | None] = []

    def translate(text: str, language: str | None) -> str | None:
        asked.append(text)
        languages.append(language)
        return "Industrial heat pumps for dairies." if text.startswith("Wir") else None

    assistant = Assistant(engine, translate=translate)
    conversation = Conversation()
    german = "Wir sind ein KMU aus Bayern und bauen Hochtemperatur-Wärmepumpen für Molkereien."
    assistant.respond(conversation, german, today=TODAY)
    assistant.respond(conversation, "loans instead", today=TODAY)

    assert engine.queries[0] == german
    assert engine.translations[0] == "Industrial heat pumps for dairies."
    assert asked[0] == german and len(asked) == len(engine.queries)
    assert languages[0] == "de"


def test_about_a_programme_information_sheet_names_it_once_and_invents_no_deadline() -> None:
    sheet = Opportunity(
        id="investeu-how-to-access",
        programme=INVESTEU,
        kind=KIND_PROGRAMME_INFO,
        title="How SMEs obtain InvestEU-backed financing",
        source="investeu/how_to_access.md",
        status="unknown",
    )
    passage = Passage(
        id="access-1",
        text="SMEs obtain InvestEU-backed financing through banks that hold an EU guarantee.",
        source="investeu/how_to_access.md",
        opportunity_id=sheet.id,
        section="Overview",
    )
    answer = about_answer(sheet, None, "tell me more", "general", [passage], "en", TODAY, CitationBook())
    first_line = answer.split("\n\n")[0]
    assert first_line == "How SMEs obtain InvestEU-backed financing (InvestEU, status unknown). [1]"
    assert "rolling basis" not in answer and "deadline" not in answer
    assert "through banks that hold an EU guarantee" in answer


def test_partners_for_the_second_call_come_from_the_funded_projects_like_yours() -> None:
    assistant, conversation, engine = _start()
    before = list(engine.queries)
    reply = assistant.respond(conversation, "Which partners would fit the second call?", today=TODAY)
    assert reply.intent.kind == "partners" and conversation.focus == 1
    assert "HEATUP" in reply.text and "HORIZON-CL4-2026-TWIN-02" in reply.text
    assert "- Kaelte Systeme GmbH (DE, private company, SME): HEATUP" in reply.text
    assert "- Universidad de Ejemplo (ES, higher education): HEATUP" in reply.text
    assert engine.queries == before, "asking for partners does not search again"


def test_partners_are_described_in_the_language_of_the_question() -> None:
    assistant, conversation, _ = _start()
    reply = assistant.respond(
        conversation, "Welche Partner kämen für die erste Ausschreibung in Frage?", today=TODAY
    )
    assert reply.language == "de"
    assert "- Kaelte Systeme GmbH (DE, Unternehmen, KMU): HEATUP" in reply.text
    assert "HORIZON-CL5-2026-D3-01-05" in reply.text
    outline = assistant.respond(
        conversation, "Erstelle eine Gliederung für den Antrag zur ersten", today=TODAY
    )
    assert "**Exzellenz**" in outline.text and "Was die Ausschreibung verlangt:" in outline.text


def test_an_outline_for_the_call_in_focus_quotes_its_text_with_sources() -> None:
    assistant, conversation, _ = _start()
    assistant.respond(conversation, "tell me more about the first one", today=TODAY)
    reply = assistant.respond(conversation, "Draft a proposal outline for it", today=TODAY)
    assert reply.intent.kind == "outline"
    assert reply.text.startswith("A proposal outline for HORIZON-CL5-2026-D3-01-05")
    assert "**Excellence**" in reply.text and "**Impact**" in reply.text
    assert reply.citations and _markers(reply.text) == {c.number for c in reply.citations}
    assert "## Sources" not in reply.text, "the reply lists its sources itself"


def test_partners_for_a_financial_product_explain_that_it_needs_none() -> None:
    assistant, conversation, _ = _start()
    assistant.respond(conversation, "we want a loan instead", today=TODAY)
    assert conversation.recommendations[0].opportunity.programme == INVESTEU
    reply = assistant.respond(conversation, "suggest partners for the first one", today=TODAY)
    assert "is a financial product, not a call" in reply.text


def test_thanks_is_acknowledged_without_searching_again() -> None:
    assistant, conversation, engine = _start()
    shown = list(conversation.recommendations)
    for message, expected in [
        ("thanks!", "You're welcome"),
        ("danke", "Gern geschehen"),
        ("Grazie mille!", "Prego"),
    ]:
        reply = assistant.respond(conversation, message, today=TODAY)
        assert reply.intent.kind == "thanks" and reply.text.startswith(expected)
    assert conversation.recommendations == shown and len(engine.queries) == 1
