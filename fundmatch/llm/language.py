"""Language names for prompts (which language an answer is in is told by fundmatch.lang.detect)."""

from __future__ import annotations

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German (Deutsch)",
    "fr": "French (français)",
    "it": "Italian (italiano)",
    "es": "Spanish (español)",
    "pl": "Polish (polski)",
    "nl": "Dutch (Nederlands)",
    "pt": "Portuguese (português)",
}


def language_name(code: str) -> str:
    """The name to write in a prompt for an ISO 639-1 code; unknown codes are returned as given."""
    return LANGUAGE_NAMES.get(code.lower(), code)
