"""An Embedder backed by a local sentence-transformers folder (never a hub download)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError


class SentenceTransformerEmbedder:
    """Embeds with a sentence-transformers model loaded from a local folder, CPU only."""

    runtime = "torch"

    def __init__(
        self,
        name: str,
        model_dir: Path,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
        query_max_tokens: int = 0,
        threads: int = 0,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        if threads:
            import torch

            torch.set_num_threads(threads)

        if not (model_dir / "modules.json").is_file():
            raise ModelError(f"embedding model {name!r}: no sentence-transformers folder at {model_dir}")
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.query_max_tokens = query_max_tokens
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.dimension = int(self._model.get_embedding_dimension())

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages (with the model's passage prefix), longest first to limit padding."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefixed = [self.passage_prefix + t for t in texts]
        vectors = self._model.encode(
            prefixed,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query (with the model's query prefix), cut to ``query_max_tokens`` tokens."""
        vector = self._model.encode(
            [self._truncated_query(self.query_prefix + text)],
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )[0]
        return vector.astype(np.float32)

    def _truncated_query(self, text: str) -> str:
        """``text`` up to the end of its ``query_max_tokens``-th token (0: all of it); the cost grows
        with length."""
        if not self.query_max_tokens:
            return text
        encoding = self._model.tokenizer(
            text, add_special_tokens=False, return_offsets_mapping=True, truncation=False
        )
        offsets = encoding["offset_mapping"]
        if len(offsets) <= self.query_max_tokens:
            return text
        return text[: offsets[self.query_max_tokens - 1][1]]
