"""A digest of the code and data a corpus load depends on, so that a loader change reads files again.

It covers ``fundmatch.corpus.load`` and every ``fundmatch`` module it imports, transitively (found
by reading the import statements: the readers, ``core.models``, ``core.families``, ...), the data
files in the corpus package, and the versions of the third-party readers (pypdf, BeautifulSoup, the
LangChain splitter). The ingest fingerprint and the per-file read cache both key on it.
"""

from __future__ import annotations

import ast
import hashlib
from importlib import metadata
from pathlib import Path

import fundmatch

READER_PACKAGES = ("pypdf", "beautifulsoup4", "langchain-text-splitters")


def _module_path(package_root: Path, module: str) -> Path | None:
    """The source file of a ``fundmatch`` module, or None for other packages and missing files."""
    parts = module.split(".")
    if parts[0] != "fundmatch":
        return None
    base = package_root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    """Absolute module names a source file imports (``from x import y`` also names ``x.y``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def loader_sources() -> list[Path]:
    """Every file whose content decides what a corpus load yields, in a stable order."""
    package_root = Path(fundmatch.__file__).parent
    corpus = package_root / "corpus"
    pending = [corpus / "load.py"]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _imports(path):
            found = _module_path(package_root, module)
            if found is not None and found not in seen:
                pending.append(found)
    data = [p for p in corpus.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc")]
    return sorted(seen | set(data))


def loader_code_digest() -> str:
    """Hex digest of the loader sources (paths and contents) and the reader packages' versions."""
    package_root = Path(fundmatch.__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in loader_sources():
        digest.update(f"{path.relative_to(package_root)}\0".encode())
        digest.update(path.read_bytes())
    for name in READER_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{name} {version}".encode())
    return digest.hexdigest()
