"""The chat assistant: reads a message in its conversation, asks the engine, answers with sources."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from fundmatch.chat.answers import (
    about_answer,
    compare_answer,
    comparison_rows,
    fact_lines,
    partners_answer,
    profile_changes_text,
    profile_summary,
    question_answer,
    record_evidence,
    results_answer,
)
from fundmatch.chat.engine import Engine
from fundmatch.chat.facts import is_financial_product, opportunity_name
from fundmatch.chat.followup import Intent, parse_followup
from fundmatch.chat.proposal import outline_for, outline_markdown, similar_funded_projects
from fundmatch.chat.reply import CitationBook, Reply
from fundmatch.chat.rewrite import standalone_query
from fundmatch.chat.state import Conversation, Message
from fundmatch.core.models import Profile, Recommendation
from fundmatch.lang.detect import detect_language
from fundmatch.lang.i18n import t

FACT_ASPECTS = ("deadline", "budget", "type")
Polisher = Callable[[Reply, str, Collection[str]], Reply]
Translator = Callable[[str, str | None], str | None]


def _merge_profile(current: Profile, extracted: Profile) -> dict[str, object]:
    """Fields the new message states, leaving what it does not mention as it was."""
    blank = Profile()
    return {
        name: value
        for name, value in vars(extracted).items()
        if name != "language" and value is not None and value != getattr(blank, name)
    } | {"language": current.language}


def _thanks(language: str) -> str:
    return t(
        language,
        "You're welcome. Ask me about any call in the list, compare two of them, or ask for partners or "
        "a proposal outline for one.",
    )


def _no_target(language: str, have_results: bool) -> str:
    """What to say when a message points at no result: how to name one, or to describe first."""
    if have_results:
        return t(
            language,
            "I could not tell which opportunity you mean; name it by its position in the list (e.g. 'the "
            "second one') or by its call id.",
        )
    return t(language, "Describe your project first; then I can answer questions about the calls I find.")


class Assistant:
    """Answers chat messages. Deterministic by default; ``polish`` may rephrase an answer and
    ``translate`` may turn a non-English request into English for the search (None: as written).

    Each message's language is detected once, here, and handed to the engine and the translator."""

    def __init__(
        self,
        engine: Engine,
        k: int = 10,
        polish: Polisher | None = None,
        translate: Translator | None = None,
    ) -> None:
        self.engine = engine
        self.k = k
        self.polish = polish
        self.translate = translate

    def respond(
        self, conversation: Conversation, message: str, language: str | None = None, today: date | None = None
    ) -> Reply:
        """Answer ``message``, updating ``conversation`` (profile, results, focus, messages)."""
        today = today or date.today()
        lang = language or detect_language(message, default=conversation.profile.language)
        conversation.profile.language = lang
        names = conversation.call_names()
        intent = parse_followup(message, names)
        query = standalone_query(
            intent, message, conversation.description, conversation.profile, names, conversation.focus
        )
        if intent.kind == "search":
            reply = self._search(conversation, message, intent, query, lang)
        elif intent.kind == "refine":
            reply = self._refine(conversation, intent, query, lang)
        elif intent.kind == "compare":
            reply = self._compare(conversation, intent, query, lang, today)
        elif intent.kind == "thanks":
            reply = Reply(_thanks(lang), lang, intent, query)
        elif intent.kind in {"partners", "outline"}:
            reply = self._proposal_help(conversation, intent, query, lang)
        else:
            reply = self._answer(conversation, message, intent, query, lang, today)
        if self.polish and intent.kind in {"about", "question"} and reply.citations:
            reply = self.polish(reply, message, self._known_ids(conversation) | set(intent.unknown_ids))
        conversation.messages += [Message("user", message), Message("assistant", reply.text, reply)]
        return reply

    def rerun(self, conversation: Conversation) -> list[Recommendation]:
        """Recommend again for the current description, profile and filters (after a sidebar change)."""
        if not conversation.description:
            return []
        conversation.recommendations = self._recommend(conversation, conversation.description)
        conversation.focus = None
        return conversation.recommendations

    def _recommend(self, conversation: Conversation, query: str) -> list[Recommendation]:
        translation = self.translate(query, conversation.profile.language) if self.translate else None
        return self.engine.recommend(
            query, conversation.profile, conversation.filters, self.k, translation=translation
        )

    @staticmethod
    def _known_ids(conversation: Conversation) -> set[str]:
        ids = {r.opportunity.id for r in conversation.recommendations}
        return ids | {r.opportunity.call_id for r in conversation.recommendations if r.opportunity.call_id}

    def refresh(self, conversation: Conversation, language: str) -> Reply:
        """Recommend again after a sidebar change and add the new results as an assistant message."""
        self.rerun(conversation)
        again = t(language, "I searched again with the profile and filters from the sidebar.")
        body = f"{again} {results_answer(conversation.recommendations, language)}"
        reply = Reply(
            body,
            language,
            Intent(kind="refine"),
            conversation.description,
            list(conversation.recommendations),
            profile=conversation.profile,
        )
        conversation.messages.append(Message("assistant", reply.text, reply))
        return reply

    def _search(
        self, conversation: Conversation, message: str, intent: Intent, query: str, lang: str
    ) -> Reply:
        conversation.update_profile(
            _merge_profile(conversation.profile, self.engine.extract_profile(message, lang))
        )
        conversation.update_profile(intent.changes)
        conversation.description = message
        self.rerun(conversation)
        summary = profile_summary(conversation.profile, lang)
        if summary:
            intro = f"{t(lang, 'Here is what I understood about you:')} **{summary}**"
        else:
            intro = t(
                lang, "I could not read anything about your organisation yet; the sidebar lets you set it."
            )
        body = f"{intro}\n\n{results_answer(conversation.recommendations, lang)}"
        return Reply(
            body, lang, intent, query, list(conversation.recommendations), profile=conversation.profile
        )

    def _refine(self, conversation: Conversation, intent: Intent, query: str, lang: str) -> Reply:
        conversation.update_profile(intent.changes)
        conversation.recommendations = self._recommend(conversation, query)
        conversation.focus = None
        changes = profile_changes_text(intent.changes, lang)
        updated = t(lang, "I updated your profile: {changes}.", changes=changes)
        body = f"{updated}\n\n{results_answer(conversation.recommendations, lang)}"
        return Reply(
            body, lang, intent, query, list(conversation.recommendations), profile=conversation.profile
        )

    def _compare(
        self, conversation: Conversation, intent: Intent, query: str, lang: str, today: date
    ) -> Reply:
        chosen = [
            conversation.recommendations[i] for i in intent.targets if i < len(conversation.recommendations)
        ]
        if len(chosen) < 2:
            chosen = conversation.recommendations[:2]
        book = CitationBook()
        body = compare_answer(chosen, lang, book)
        rows = comparison_rows(chosen, lang, today)
        return Reply(body, lang, intent, query, comparison=rows, citations=book.citations)

    def _proposal_help(self, conversation: Conversation, intent: Intent, query: str, lang: str) -> Reply:
        """Partner ideas or a proposal outline for the call asked about (else the one in focus, else
        the first), from the call's text and the funded projects like the user's."""
        recs = conversation.recommendations
        index = intent.targets[0] if intent.targets else (conversation.focus or 0)
        if index >= len(recs):
            return Reply(_no_target(lang, bool(recs)), lang, intent, query)
        conversation.focus = index
        rec = recs[index]
        name = opportunity_name(rec.opportunity)
        if is_financial_product(rec.opportunity):
            not_a_call = t(
                lang,
                "{name} is a financial product, not a call: a bank or fund finances it, so it needs no "
                "partners and no proposal.",
                name=name,
            )
            return Reply(not_a_call, lang, intent, query)
        if intent.kind == "partners":
            projects = similar_funded_projects(rec, self.engine)
            return Reply(partners_answer(name, projects, lang), lang, intent, query)
        outline = outline_for(rec, self.engine)
        intro = t(
            lang,
            "A proposal outline for {name}, along its evaluation criteria and quoting the call text:",
            name=name,
        )
        body = f"{intro}\n\n{outline_markdown(outline, document=False, language=lang)}"
        return Reply(body, lang, intent, query, citations=outline.citations)

    def _answer(
        self, conversation: Conversation, message: str, intent: Intent, query: str, lang: str, today: date
    ) -> Reply:
        recs = conversation.recommendations
        book = CitationBook()
        targets = list(intent.targets)
        follows_focus = intent.refers_back or intent.aspect != "general"
        if not targets and intent.kind == "question" and conversation.focus is not None and follows_focus:
            targets = [conversation.focus]
        parts: list[str] = []
        for index in targets:
            rec = recs[index]
            passages = self.engine.passages_for(rec.opportunity.id)
            parts.append(
                about_answer(rec.opportunity, rec, message, intent.aspect, passages, lang, today, book)
            )
            conversation.focus = index
        for call_id in intent.unknown_ids:
            opportunity = self.engine.opportunity(call_id)
            if opportunity is not None:
                passages = self.engine.passages_for(opportunity.id)
                parts.append(
                    about_answer(opportunity, None, message, intent.aspect, passages, lang, today, book)
                )
        if not parts and intent.kind == "about":
            return Reply(_no_target(lang, bool(recs)), lang, intent, query)
        if not parts and intent.aspect in FACT_ASPECTS:
            for rec in recs[:5]:
                marker = book.cite(record_evidence(rec.opportunity, lang), rec.opportunity.url)
                parts += fact_lines(rec.opportunity, intent.aspect, lang, today, marker)
        if not parts:
            pool = {
                name: (rec.opportunity, self.engine.passages_for(rec.opportunity.id))
                for name, rec in zip(conversation.call_names(), recs[:5], strict=False)
            }
            answer = question_answer(message, intent.aspect, pool, lang, book)
            parts.append(
                answer or t(lang, "I found no passage in the corpus that answers this, so I will not guess.")
            )
        return Reply("\n\n".join(parts), lang, intent, query, citations=book.citations)
