"""Prompt templates shipped as package data; ``load_prompt`` reads one by name."""

from __future__ import annotations

from importlib.resources import files


def prompt_names() -> list[str]:
    """The names of the shipped prompt templates (file stems)."""
    return sorted(p.name.removesuffix(".md") for p in files(__name__).iterdir() if p.name.endswith(".md"))


def load_prompt(name: str) -> str:
    """The text of ``prompts/<name>.md``; ValueError naming the valid templates if unknown."""
    resource = files(__name__).joinpath(f"{name}.md")
    if not resource.is_file():
        raise ValueError(f"unknown prompt {name!r}; choose one of: {', '.join(prompt_names())}")
    return resource.read_text(encoding="utf-8")
