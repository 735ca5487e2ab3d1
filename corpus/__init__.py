"""Design-card entry point for Python callers: ``from corpus import load_corpus``.

The loaders live in ``fundmatch.corpus``; ``python -m fundmatch.corpus.summary DIR`` prints a
snapshot's counts.
"""

from fundmatch.corpus.load import load_corpus

__all__ = ["load_corpus"]
