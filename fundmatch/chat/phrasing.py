"""Optional LLM phrasing of a template answer, kept only when the guard accepts it."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from fundmatch.chat.reply import Reply
from fundmatch.llm.base import LLM
from fundmatch.llm.guard import guarded_answer
from fundmatch.llm.prompting import build_answer_prompt


class LLMPhrasing:
    """Asks an LLM to phrase an answer from the passages the template answer cites."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm

    def __call__(self, reply: Reply, question: str, allowed_ids: Collection[str]) -> Reply:
        """The reply with the LLM's wording when every guard check passes, else unchanged."""
        evidence = [citation.evidence for citation in reply.citations]
        prompt = build_answer_prompt(question, evidence, reply.language)
        guarded = guarded_answer(self.llm, prompt, allowed_ids, fallback=reply.text)
        if not guarded.used_llm:
            return dataclasses.replace(reply, guard_note=guarded.reason)
        return dataclasses.replace(reply, text=guarded.text, polished_by=self.llm.name)
