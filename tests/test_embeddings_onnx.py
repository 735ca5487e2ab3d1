"""The ONNX Runtime embedder: an int8 graph written from the model's own weights, compared with torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fundmatch.core.settings import Settings, load_settings
from fundmatch.embeddings.base import Embedder
from fundmatch.embeddings.registry import get_embedder
from tests.index_fixtures import TEXTS, minilm

QUERIES = ["green hydrogen for steel", "antibiotic resistance trials", "bank loans for small firms"]


@pytest.fixture(scope="module")
def onnx_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(
        env={},
        overrides={
            "data_dir": tmp_path_factory.mktemp("onnx-data"),
            "embedding_model": "all-minilm-l6-v2",
            "embedding_runtime": "onnx",
        },
    )


@pytest.fixture(scope="module")
def onnx_minilm(onnx_settings: Settings) -> Embedder:
    return get_embedder(onnx_settings)


def test_the_float_graph_gives_torch_s_vectors(onnx_minilm: Embedder) -> None:
    texts = list(TEXTS.values())
    ours, theirs = onnx_minilm.embed_passages(texts), minilm().embed_passages(texts)
    assert ours.shape == theirs.shape == (len(texts), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    assert float(np.min(np.sum(ours * theirs, axis=1))) > 0.9999
    for query in QUERIES:
        assert float(onnx_minilm.embed_query(query) @ minilm().embed_query(query)) > 0.9999
    assert onnx_minilm.runtime == "onnx" and minilm().runtime == "torch"


def test_the_int8_graph_stays_close_and_ranks_as_torch_does(onnx_settings: Settings) -> None:
    int8 = get_embedder(onnx_settings.replace(embedding_runtime="onnx-int8"))
    texts = list(TEXTS.values())
    cosines = np.sum(int8.embed_passages(texts) * minilm().embed_passages(texts), axis=1)
    assert 0.98 < float(np.min(cosines)) < 0.9999  # close, but quantised
    for query in QUERIES:
        ours = int8.embed_passages(texts) @ int8.embed_query(query)
        theirs = minilm().embed_passages(texts) @ minilm().embed_query(query)
        assert int(np.argmax(ours)) == int(np.argmax(theirs))


def test_batches_are_sorted_by_length_but_rows_keep_the_input_order(onnx_settings: Settings) -> None:
    """Rows come back in input order. (On the int8 graph not bit-identical to one text at a time:
    dynamic quantisation scales a batch's activations together; docs/benchmarks/embedding.md.)"""
    int8 = get_embedder(onnx_settings.replace(embedding_runtime="onnx-int8"))
    texts = ["short", "a much longer passage about battery recycling and critical raw materials " * 5, "mid"]
    together = int8.embed_passages(texts)
    alone = np.stack([int8.embed_passages([text])[0] for text in texts])
    assert float(np.min(np.sum(together * alone, axis=1))) > 0.98
    assert [int(np.argmax(together @ row)) for row in alone] == [0, 1, 2]
    assert int8.embed_passages([]).shape == (0, 384)


def test_long_queries_are_cut_to_query_max_tokens(onnx_settings: Settings) -> None:
    capped = get_embedder(onnx_settings.replace(query_max_tokens=8))
    head = "hydrogen electrolysers for steel plants in northern europe"
    long = head + " and many more words about something else entirely" * 20
    assert float(capped.embed_query(long) @ capped.embed_query(head + " and many")) > 0.99


def test_the_graph_is_built_once_and_reused(onnx_settings: Settings, onnx_minilm: Embedder) -> None:
    folder = onnx_settings.models_dir / "all-minilm-l6-v2-onnx"
    built = (folder / "model-int8.onnx").stat().st_mtime_ns
    get_embedder(onnx_settings)
    assert (folder / "model-int8.onnx").stat().st_mtime_ns == built


def test_the_cli_help_imports_neither_torch_nor_chroma_nor_streamlit() -> None:
    code = (
        "import sys; from fundmatch.app.cli import main; sys.argv = ['fundmatch', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('torch', 'chromadb', 'streamlit', 'sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_opening_the_recommender_imports_neither_torch_nor_chroma(tmp_path: Path) -> None:
    code = (
        "import sys; import fundmatch.app.wiring, fundmatch.app.commands.recommend\n"
        "print(sorted(m for m in ('torch', 'chromadb', 'streamlit', 'sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_runtimes_with_the_same_vectors_share_an_index() -> None:
    from fundmatch.embeddings.registry import query_runtime, vector_family

    assert vector_family("onnx") == vector_family("torch") != vector_family("onnx-int8")
    assert query_runtime("torch", "onnx") == "onnx"  # a torch index is queried without torch
    assert query_runtime("onnx-int8", "onnx") == "onnx-int8"  # int8 vectors need int8 passages' runtime
