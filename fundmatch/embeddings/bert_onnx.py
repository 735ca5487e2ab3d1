"""Write a BERT sentence encoder (mean pooling, L2-normalised) as ONNX Runtime graphs, float and int8.

The graph is written by hand from a Hugging Face ``BertModel`` state dict with ONNX Runtime's fused
BERT operators (``EmbedLayerNormalization``, ``Attention``, ``SkipLayerNormalization``,
``BiasGelu``), then its matrix products are quantised to int8 per output channel with
``onnxruntime.quantization.quantize_dynamic``. Writing it by hand rather than with
``torch.onnx.export`` needs no torch at build time, and ONNX Runtime's optimiser does not fuse the
attention that transformers' SDPA path traces to, which leaves much of the speed on the table.
Per-channel weights keep the vectors at cosine >= 0.994 of the float model on real passages (per
tensor: 0.976); see docs/benchmarks/embedding.md. Passages are embedded with the int8 graph (the
bulk of the work); queries, one short text each, with the float graph, which equals torch (cosine
0.9999996), so that only one side of each comparison carries the quantisation error.

The word-embedding table (250,037 x 384 floats for e5, 96 % of the weights) stays out of the graph:
it is saved as a ``.npy`` file that the embedder memory-maps and gathers from, so that opening the
model reads a 25 MB graph instead of 400 MB, and only the rows of tokens in use are ever paged in.

Inputs: ``inputs_embeds`` (float32, batch x tokens x hidden: the rows of the word-embedding table)
and ``attention_mask`` (int32, batch x tokens, right-padded). Output: ``embedding`` (float32, batch
x hidden), mean-pooled over the mask and L2-normalised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

OPSET = 17
MS_DOMAIN = "com.microsoft"


@dataclass(frozen=True)
class BertShape:
    """The sizes the graph needs (the rest follows from the tensors)."""

    layers: int
    heads: int
    layer_norm_eps: float


class _GraphWriter:
    """Collects nodes and initialisers of one graph."""

    def __init__(self) -> None:
        self.initialisers: list[Any] = []
        self.nodes: list[Any] = []

    def const(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initialisers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], output: str, domain: str = "", **attributes: Any) -> str:
        from onnx import helper

        self.nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attributes))
        return output


def _layer(
    g: _GraphWriter, state: Mapping[str, np.ndarray], layer: int, hidden: str, shape: BertShape
) -> str:
    p = f"encoder.layer.{layer}"

    def w(part: str) -> np.ndarray:
        return state[f"{p}.{part}.weight"]

    def b(part: str) -> np.ndarray:
        return state[f"{p}.{part}.bias"]

    self_attention = ("attention.self.query", "attention.self.key", "attention.self.value")
    qkv_w = np.concatenate([w(part).T for part in self_attention], axis=1)
    qkv_b = np.concatenate([b(part) for part in self_attention])
    attended = g.node(
        "Attention",
        [hidden, g.const(f"{p}.qkv.w", qkv_w), g.const(f"{p}.qkv.b", qkv_b), "mask_index"],
        f"{p}.attention",
        MS_DOMAIN,
        num_heads=shape.heads,
    )

    def dense_then_norm(x: str, dense: str, norm: str, skip: str) -> str:
        projected = g.node("MatMul", [x, g.const(f"{p}.{dense}.w", w(dense).T)], f"{p}.{dense}")
        inputs = [projected, skip, g.const(f"{p}.{norm}.g", w(norm)), g.const(f"{p}.{norm}.b", b(norm))]
        inputs.append(g.const(f"{p}.{dense}.b", b(dense)))
        return g.node(
            "SkipLayerNormalization", inputs, f"{p}.{norm}", MS_DOMAIN, epsilon=shape.layer_norm_eps
        )

    normed = dense_then_norm(attended, "attention.output.dense", "attention.output.LayerNorm", hidden)
    inner = g.node("MatMul", [normed, g.const(f"{p}.fi.w", w("intermediate.dense").T)], f"{p}.intermediate")
    activated = g.node(
        "BiasGelu", [inner, g.const(f"{p}.fi.b", b("intermediate.dense"))], f"{p}.gelu", MS_DOMAIN
    )
    return dense_then_norm(activated, "output.dense", "output.LayerNorm", normed)


def bert_graph(state: Mapping[str, np.ndarray], shape: BertShape) -> Any:
    """The float ``onnx.ModelProto`` of the encoder with mean pooling and L2 normalisation."""
    from onnx import TensorProto, helper

    g = _GraphWriter()
    # Only token type 0 is ever fed: its embedding is folded into the position table.
    positions = g.const(
        "position",
        state["embeddings.position_embeddings.weight"] + state["embeddings.token_type_embeddings.weight"][0],
    )
    shape_of = g.node("Shape", ["inputs_embeds"], "tokens.shape")
    tokens = g.node(
        "Slice",
        [
            shape_of,
            g.const("tokens.at", np.array([1], dtype=np.int64)),
            g.const("tokens.to", np.array([2], dtype=np.int64)),
        ],
        "tokens.count",
    )
    used = g.node(
        "Slice", [positions, g.const("position.from", np.array([0], dtype=np.int64)), tokens], "position.used"
    )
    summed_input = g.node("Add", ["inputs_embeds", used], "embedding.sum")
    # Attention's 1-D mask: how many tokens each (right-padded) row has.
    g.node(
        "ReduceSum",
        ["attention_mask", g.const("mask.axis", np.array([1], dtype=np.int64))],
        "mask_index",
        keepdims=0,
    )
    g.node(
        "LayerNormalization",
        [
            summed_input,
            g.const("embedding.g", state["embeddings.LayerNorm.weight"]),
            g.const("embedding.b", state["embeddings.LayerNorm.bias"]),
        ],
        "embedded",
        axis=-1,
        epsilon=shape.layer_norm_eps,
    )
    hidden = "embedded"
    for layer in range(shape.layers):
        hidden = _layer(g, state, layer, hidden, shape)
    mask = g.node("Cast", ["attention_mask"], "pool.mask", to=TensorProto.FLOAT)
    mask3 = g.node("Unsqueeze", [mask, g.const("pool.axis2", np.array([2], dtype=np.int64))], "pool.mask3")
    axis1 = g.const("pool.axis1", np.array([1], dtype=np.int64))
    masked = g.node("Mul", [hidden, mask3], "pool.masked")
    summed = g.node("ReduceSum", [masked, axis1], "pool.sum", keepdims=0)
    counts = g.node("ReduceSum", [mask3, axis1], "pool.count", keepdims=0)
    floor = g.const("pool.floor", np.array(1e-9, dtype=np.float32))
    mean = g.node("Div", [summed, g.node("Max", [counts, floor], "pool.count1")], "pool.mean")
    g.node("LpNormalization", [mean], "embedding", axis=1, p=2)

    dimension = int(state["embeddings.LayerNorm.weight"].shape[0])
    batch_tokens = ["batch", "tokens"]
    graph = helper.make_graph(
        g.nodes,
        "bert-sentence-encoder",
        [
            helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, [*batch_tokens, dimension]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT32, batch_tokens),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", dimension])],
        g.initialisers,
    )
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)],
        producer_name="fundmatch",
    )


def write_models(
    state: Mapping[str, np.ndarray], shape: BertShape, int8: Path, float32: Path, word_embeddings: Path
) -> None:
    """Write the float graph to ``float32``, its per-channel int8 quantisation to ``int8`` and the
    word-embedding table to ``word_embeddings`` (float32 ``.npy``)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    np.save(
        word_embeddings, np.ascontiguousarray(state["embeddings.word_embeddings.weight"], dtype=np.float32)
    )
    model = bert_graph(state, shape)
    onnx.save_model(model, str(float32))
    del model
    quantize_dynamic(
        float32,
        int8,
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Attention"],
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
