from datetime import date
from pathlib import Path

import pytest

from fundmatch.core.errors import SettingsError
from fundmatch.core.settings import Settings, load_settings


def test_defaults_keep_data_outside_the_source_tree(tmp_path: Path) -> None:
    settings = load_settings(env={"FUNDMATCH_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.resolved_index_dir == tmp_path / "index"
    assert settings.models_dir == tmp_path / "models"
    assert settings.embedding_model == "multilingual-e5-small"


def test_environment_overrides_are_typed() -> None:
    settings = load_settings(
        env={"FUNDMATCH_CHUNK_SIZE": "800", "FUNDMATCH_AS_OF": "2026-05-01", "FUNDMATCH_RRF_K": "30"}
    )
    assert settings.chunk_size == 800
    assert settings.as_of == date(2026, 5, 1)
    assert settings.rrf_k == 30


def test_unknown_environment_key_is_rejected_with_the_valid_names() -> None:
    with pytest.raises(SettingsError, match=r"unknown setting\(s\) chunck_size.*chunk_size"):
        load_settings(env={"FUNDMATCH_CHUNCK_SIZE": "800"})


def test_unreadable_value_is_one_clear_error() -> None:
    with pytest.raises(SettingsError, match="chunk_size"):
        load_settings(env={"FUNDMATCH_CHUNK_SIZE": "large"})


def test_toml_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "fundmatch.toml"
    config.write_text('fusion = "weighted"\nchunk_size = 900\n', encoding="utf-8")
    settings = load_settings(env={"FUNDMATCH_CONFIG": str(config), "FUNDMATCH_CHUNK_SIZE": "700"})
    assert settings.fusion == "weighted"
    assert settings.chunk_size == 700


def test_unknown_key_in_toml_file_is_rejected(tmp_path: Path) -> None:
    config = tmp_path / "fundmatch.toml"
    config.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="colour"):
        load_settings(env={"FUNDMATCH_CONFIG": str(config)})


def test_replace_validates_and_keeps_other_fields(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path).replace(chunk_size=500)
    assert settings.chunk_size == 500
    assert settings.data_dir == tmp_path
    with pytest.raises(SettingsError):
        settings.replace(no_such_field=1)
