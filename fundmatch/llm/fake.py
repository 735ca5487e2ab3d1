"""A deterministic LLM for tests: canned replies in order, every prompt recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fundmatch.core.errors import LLMError

Reply = str | Callable[[str, str], str] | Exception


@dataclass(frozen=True)
class RecordedPrompt:
    """One call the fake received."""

    system: str
    user: str
    max_tokens: int


@dataclass
class FakeLLM:
    """Returns ``replies`` one per call, the last one repeated once they run out.

    A reply is a string, a function of ``(system, user)`` returning a string, or an
    exception instance, which is raised (an ``LLMError`` stands for a backend failure).
    """

    replies: Sequence[Reply] = ("",)
    name: str = "fake"
    prompts: list[RecordedPrompt] = field(default_factory=list)

    def complete(self, system: str, user: str, max_tokens: int = 512) -> str:
        """Record the prompt and give the next canned reply."""
        if not self.replies:
            raise LLMError("fake LLM has no replies configured")
        self.prompts.append(RecordedPrompt(system, user, max_tokens))
        reply = self.replies[min(len(self.prompts), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(system, user)
        return reply
