"""The persistent, incremental hybrid index: Chroma vectors, BM25 keywords and a record catalogue.

Write side: ``build_index(snapshot, settings)``. Read side: ``open_index(settings)``. Both are
imported on first use (PEP 562), so that importing a light submodule (``layout``, ``fingerprint``)
does not import Chroma.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "BuildReport": "fundmatch.index.builder",
    "StageCounts": "fundmatch.index.builder",
    "build_index": "fundmatch.index.builder",
    "HybridIndex": "fundmatch.index.reader",
    "open_index": "fundmatch.index.reader",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'fundmatch.index' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
