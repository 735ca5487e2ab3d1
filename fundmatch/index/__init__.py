"""The persistent, incremental hybrid index: Chroma vectors, BM25 keywords and a record catalogue.

Write side: ``build_index(snapshot, settings)``. Read side: ``open_index(settings)``.
"""

from fundmatch.index.builder import BuildReport, StageCounts, build_index
from fundmatch.index.reader import HybridIndex, open_index

__all__ = ["BuildReport", "HybridIndex", "StageCounts", "build_index", "open_index"]
