"""An Embedder on ONNX Runtime: the int8 graph of ``bert_onnx`` and the ``tokenizers`` library, no torch.

Importing it costs well under a second (onnxruntime and tokenizers), against about 9 s for
sentence-transformers with torch; that is most of a cold ``fundmatch recommend``. Passages are
embedded in batches of similar length (sorted by tokens), so little of a batch is padding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from fundmatch.core.errors import ModelError


def default_threads() -> int:
    """Intra-op threads: every core this process may use (2 on the project machine)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OnnxEmbedder:
    """Embeds with an ONNX graph taking int32 ``input_ids``/``attention_mask`` and giving unit vectors."""

    def __init__(
        self,
        name: str,
        model_file: Path,
        tokenizer_file: Path,
        word_embeddings_file: Path,
        dimension: int,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
        query_max_tokens: int = 0,
        threads: int = 0,
        max_tokens: int = 512,
        query_model_file: Path | None = None,
        runtime: str = "onnx",
    ) -> None:
        """``query_model_file``: a graph for queries (the float one), else ``model_file`` serves both."""
        import onnxruntime
        from tokenizers import Tokenizer

        for path in (model_file, tokenizer_file, word_embeddings_file):
            if not path.is_file():
                raise ModelError(f"embedding model {name!r}: {path} is missing; run `fundmatch models build`")
        self.name = name
        self.runtime = runtime
        self.dimension = dimension
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.query_max_tokens = query_max_tokens
        self.threads = threads or default_threads()
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_tokens)
        self._pad_id = self._tokenizer.token_to_id("<pad>") or 0
        self._words = np.load(word_embeddings_file, mmap_mode="r", allow_pickle=False)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3

        self._options = options
        self._files = {"passage": model_file, "query": query_model_file or model_file}
        self._sessions: dict[Path, Any] = {}

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages (with the passage prefix) in length-sorted batches; rows in input order."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([self.passage_prefix + text for text in texts])
        ids = [encoding.ids for encoding in encodings]
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run("passage", [ids[i] for i in rows])
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query (with the query prefix), cut to ``query_max_tokens`` tokens (0: 512)."""
        ids = self._tokenizer.encode(self.query_prefix + text).ids
        if self.query_max_tokens and len(ids) > self.query_max_tokens + 2:
            ids = [*ids[: self.query_max_tokens + 1], ids[-1]]  # <s>, the first tokens, </s>
        return self._run("query", [ids])[0]

    def _session(self, side: str) -> Any:
        """The ONNX session of ``side`` (passage or query), opened on first use: an ingest never
        opens the query graph."""
        path = self._files[side]
        if path not in self._sessions:
            import onnxruntime

            self._sessions[path] = onnxruntime.InferenceSession(
                str(path), self._options, providers=["CPUExecutionProvider"]
            )
        return self._sessions[path]

    def _run(self, side: str, batch: Sequence[Sequence[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        input_ids = np.full((len(batch), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int32)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        embeds = np.ascontiguousarray(self._words[input_ids], dtype=np.float32)
        (vectors,) = self._session(side).run(["embedding"], {"inputs_embeds": embeds, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)
