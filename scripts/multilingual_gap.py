"""Where translations lose the English top 5: overlap@5 with one signal given the English text.

Usage: FUNDMATCH_DATA_DIR=<data_dir> python scripts/multilingual_gap.py [--cases FILE]

A diagnostic, not a product path: each non-English case is run as it is, then with the English
description of its group handed to one side of the search (the keyword side: BM25 and the
similar-project search; or the dense side: the query embedding), in one process. A fourth run
gives the keyword side a perfect glossary instead: the text plus every term of a large English
vocabulary (the glossary's terms and each CORDIS project keyword used by at least
``ORACLE_MIN_PROJECTS`` projects) that the English description contains, i.e. the most any
glossary of that size could add. Rewordings (second English wordings) are reported as the
same-language yardstick.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from evaluation.cases import EvalCase, load_cases
from evaluation.runner import run_evaluation
from fundmatch.core.models import FundedProject
from fundmatch.core.settings import load_settings
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.registry import get_embedder
from fundmatch.index import open_index
from fundmatch.lang.glossary import glossary
from fundmatch.retrieval.hybrid import HybridRetriever
from fundmatch.retrieval.precomputed import load_side
from fundmatch.retrieval.recommend import Recommender

REPO = Path(__file__).resolve().parent.parent
METRICS = ("overlap@5", "family_overlap@5", "acceptable@5", "paraphrase_overlap@5")
ORACLE_MIN_PROJECTS = 8


def english_twins(cases: list[EvalCase]) -> dict[str, str]:
    """Each non-English case's query mapped to the English reference description of its group."""
    english = {c.group: c.query for c in cases if c.language == "en" and not c.paraphrase}
    return {c.query: english[c.group] for c in cases if c.group in english and c.language != "en"}


class EnglishKeywords(HybridRetriever):
    """The keyword side searches the group's English description instead of the text and its terms."""

    def __init__(self, twins: dict[str, str], *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self._twins = twins

    def _keyword_text(self, text: str, terms: Sequence[str]) -> str:
        return self._twins.get(text, text)


class OracleGlossary(HybridRetriever):
    """The keyword side searches the text plus the vocabulary's terms found in the English twin."""

    def __init__(self, twins: dict[str, str], vocabulary: Sequence[str], *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self._twins = twins
        self._patterns = [(t, re.compile(r"(?<!\w)" + re.escape(t) + r"(?:e?s)?(?!\w)")) for t in vocabulary]

    def _terms(self, text: str, language: str) -> list[str]:
        english = self._twins.get(text)
        if english is None:
            return super()._terms(text, language)
        return [term for term, pattern in self._patterns if pattern.search(english.lower())]


def oracle_vocabulary(projects: Iterable[FundedProject]) -> list[str]:
    """The glossary's English terms, then every project keyword used by enough projects."""
    counts = Counter(
        word.strip().lower() for project in projects for word in project.keywords.split(",") if word.strip()
    )
    frequent = [word for word, n in counts.items() if n >= ORACLE_MIN_PROJECTS]
    return list(dict.fromkeys([*glossary(), *frequent]))


class EnglishQueryVectors:
    """An embedder that embeds the group's English description in place of a translation."""

    def __init__(self, embedder: Embedder, twins: dict[str, str]) -> None:
        self._embedder = embedder
        self._twins = twins

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embedder.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embedder.embed_query(self._twins.get(text, text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO / "evaluation" / "cases" / "multilingual.jsonl")
    args = parser.parse_args()
    settings = load_settings()
    index = open_index(settings)
    embedder = get_embedder(settings)
    similar = load_side(index).similar
    cases = load_cases(args.cases)
    twins = english_twins(cases)

    as_is = Recommender(index, embedder, similar, settings)
    keywords = Recommender(index, embedder, similar, settings)
    # The retriever is swapped in place: this script measures, it is not a way to configure one.
    keywords._retriever = EnglishKeywords(twins, index, embedder, settings)
    dense = Recommender(index, EnglishQueryVectors(embedder, twins), similar, settings)
    vocabulary = oracle_vocabulary(index.projects())
    oracle = Recommender(index, embedder, similar, settings)
    oracle._retriever = OracleGlossary(twins, vocabulary, index, embedder, settings)
    print("| run | " + " | ".join(METRICS) + " |")
    print("|---" * (len(METRICS) + 1) + "|")
    for name, recommender in (
        ("as it is", as_is),
        ("English words on the keyword side", keywords),
        ("English text for the dense search", dense),
        (f"a perfect glossary of {len(vocabulary)} terms on the keyword side", oracle),
    ):
        summary = run_evaluation(recommender, cases, baselines=False).summary
        print(f"| {name} | " + " | ".join(str(summary.get(m, "")) for m in METRICS) + " |", flush=True)


if __name__ == "__main__":
    main()
