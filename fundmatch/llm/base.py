"""The language-model seam. fundmatch works without one; a backend only polishes answers."""

from __future__ import annotations

from typing import Protocol


class LLM(Protocol):
    """A chat model: one system prompt, one user message, one reply."""

    name: str

    def complete(self, system: str, user: str, max_tokens: int = 512) -> str:
        """Return the model's reply text; raise fundmatch.core.errors.LLMError on failure."""
        ...
