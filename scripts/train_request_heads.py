"""Cross-validate the request heads (fundmatch/retrieval/request_heads.py) on their training file.

    FUNDMATCH_DATA_DIR=... python scripts/train_request_heads.py [--c 1.0] [--vectors FILE] [--write]

Embeds the training requests with the index's embedder (``--vectors`` caches them in a ``.npy``
file between runs) and prints, per facet, the accuracy of the head on the query vectors of requests
it was not trained on: in 5 folds (every request's query and passage rows in the same fold) and
leaving one language out at a time (trained on the other five languages). ``--write`` then trains
the heads on the whole file and writes the weights the recommender reads
(``fundmatch/retrieval/data/request_heads/<model>.npz``, with the training file's digest).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np

from fundmatch.core.settings import load_settings
from fundmatch.embeddings.registry import get_embedder, query_runtime
from fundmatch.index import open_index
from fundmatch.lang.i18n import LANGUAGES
from fundmatch.retrieval.instruments import default_catalogue
from fundmatch.retrieval.request_heads import (
    METHOD,
    C,
    TrainingRequest,
    heads_path,
    load_training,
    train_heads,
    training_vectors,
)

FOLDS = 5


def _accuracy(
    vectors: np.ndarray, requests: list[TrainingRequest], test: np.ndarray, c: float
) -> dict[str, tuple[int, int]]:
    """Per facet (right, labelled) on the query rows of the ``test`` requests, heads trained on the rest."""
    catalogue = default_catalogue()
    train = np.flatnonzero(~test)
    size = len(requests)
    rows = np.concatenate([train, train + size])
    heads = train_heads(vectors[rows], [requests[i] for i in train], catalogue, c)
    counts: dict[str, tuple[int, int]] = {}
    for facet in heads.heads:
        right = total = 0
        for i in np.flatnonzero(test):
            label = requests[i].labels.get(facet)
            if label is None:
                continue
            probabilities = heads.read(facet, vectors[i], requests[i].language)[0]
            right += max(probabilities, key=probabilities.get) == label
            total += 1
        counts[facet] = (right, total)
    return counts


def _add(into: dict[str, list[int]], counts: dict[str, tuple[int, int]]) -> None:
    for facet, (right, total) in counts.items():
        into[facet][0] += right
        into[facet][1] += total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--vectors", type=Path, help="cache the training vectors in this .npy file")
    parser.add_argument("--write", action="store_true", help="write the weights trained on the whole file")
    args = parser.parse_args()
    requests, digest = load_training(default_catalogue())
    settings = load_settings()
    model = settings.embedding_model
    # The cache file's name carries the model and the training file's digest.
    cache = args.vectors.with_name(f"{args.vectors.stem}-{model}-{digest}.npy") if args.vectors else None
    if cache is not None and cache.is_file():
        vectors = np.load(cache)
    else:
        index = open_index(settings)
        runtime = query_runtime(index.manifest.embedding_runtime, settings.embedding_runtime)
        vectors = training_vectors(get_embedder(settings.replace(embedding_runtime=runtime)), requests)
        if cache is not None:
            np.save(cache, vectors)
    order = np.arange(len(requests))
    folds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for fold in range(FOLDS):
        _add(folds, _accuracy(vectors, requests, order % FOLDS == fold, args.c))
    by_language: dict[str, dict[str, list[int]]] = {}
    languages = np.array([r.language for r in requests])
    for language in LANGUAGES:
        by_language[language] = defaultdict(lambda: [0, 0])
        _add(by_language[language], _accuracy(vectors, requests, languages == language, args.c))
    print(f"{len(requests)} requests, C={args.c}; accuracy on unseen requests (query vectors)")
    print(f"{'facet':12s} {'5-fold':>14s}   leave one language out: " + "  ".join(LANGUAGES))
    for facet, (right, total) in folds.items():
        cells = "  ".join(
            f"{by_language[lang][facet][0] / max(1, by_language[lang][facet][1]):.2f}" for lang in LANGUAGES
        )
        print(f"{facet:12s} {right / total:6.3f} ({total:3d})   {cells}")
    if args.write:
        heads = train_heads(vectors, requests, default_catalogue(), args.c)
        heads.meta.update(model=model, training=digest, method=METHOD)
        path = heads_path(model)
        heads.save(path)
        print(f"weights written to {path.name} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
