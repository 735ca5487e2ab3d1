"""Name lookup shared by the registries of pluggable components (embedders, vector stores, LLMs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from fundmatch.core.errors import RegistryError

T = TypeVar("T")


def lookup(registry: Mapping[str, T], name: str, kind: str) -> T:
    """The entry registered as ``name``; an unknown name is a one-line error listing the valid ones."""
    try:
        return registry[name]
    except KeyError:
        choices = ", ".join(registry)
        raise RegistryError(f"unknown {kind} {name!r}; choose one of: {choices}") from None
