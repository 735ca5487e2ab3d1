"""The persistent, incremental hybrid index: Chroma vectors, BM25 keywords and a record catalogue.

Write side: ``build_index(snapshot, settings)``. Read side: ``open_index(settings)``.

The names are imported on first use, so that ``fundmatch.index.lock`` or ``.layout`` load without
Chroma: a second ``fundmatch ingest`` can then name the writer holding the index within a second.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fundmatch.index.builder import BuildReport, StageCounts, build_index
    from fundmatch.index.reader import HybridIndex, open_index

_HOMES = {
    "BuildReport": "fundmatch.index.builder",
    "StageCounts": "fundmatch.index.builder",
    "build_index": "fundmatch.index.builder",
    "HybridIndex": "fundmatch.index.reader",
    "open_index": "fundmatch.index.reader",
}

__all__ = ["BuildReport", "HybridIndex", "StageCounts", "build_index", "open_index"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
