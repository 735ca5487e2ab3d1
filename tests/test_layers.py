"""The package is layered along the data path: a module imports only its own floor and the floors below.

core -> lang -> corpus -> embeddings -> index -> retrieval -> llm (and prompts) -> chat -> evaluation
(and clients) -> app. Every import counts, including those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Longest prefix wins; a module outside every prefix (a third-party package) is not checked.
FLOORS: dict[str, int] = {
    "fundmatch": 0,
    "fundmatch.core": 0,
    "fundmatch.lang": 1,
    "fundmatch.corpus": 2,
    "fundmatch.embeddings": 3,
    "fundmatch.index": 4,
    "fundmatch.retrieval": 5,
    "fundmatch.llm": 6,
    "prompts": 6,
    "fundmatch.chat": 7,
    "evaluation": 8,
    # Saved clients, digests, calendars and private documents: they re-rank through the recommender and
    # export through the chat's calendar, and the CLI, API and app above them share them.
    "fundmatch.clients": 8,
    "fundmatch.app": 9,
    "app": 9,
    "retrieval": 9,
    "corpus": 9,
}
SOURCES = ("fundmatch", "prompts", "evaluation", "retrieval", "corpus", "app.py")


def floor_of(module: str) -> int | None:
    """The floor of a dotted module name, by its longest listed prefix; None for other packages."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in FLOORS:
            return FLOORS[prefix]
    return None


def module_name(path: Path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def source_files() -> list[Path]:
    files = []
    for name in SOURCES:
        path = REPO / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def upward_imports() -> list[str]:
    """Every import that reaches a higher floor, as 'file:line: module (floor) -> imported (floor)'."""
    found = []
    for path in source_files():
        own = floor_of(module_name(path))
        assert own is not None, f"{path} is on no floor; add its package to FLOORS"
        for line, imported in imported_modules(path):
            target = floor_of(imported)
            if target is not None and target > own:
                found.append(
                    f"{path.relative_to(REPO)}:{line}: floor {own} imports {imported} (floor {target})"
                )
    return found


def test_no_module_imports_a_higher_floor() -> None:
    assert upward_imports() == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a core module importing the chat would be reported."""
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from fundmatch.chat.state import Conversation\n")
    assert imported_modules(module) == [(2, "fundmatch.chat.state")]
    assert floor_of("fundmatch.chat.state") > floor_of("fundmatch.core.models")
    assert floor_of("numpy") is None


MAX_CODE_LINES = 500  # per module; data files (TOML, TSV, catalogues) are not modules


def code_lines(source: str) -> int:
    """Lines that are neither blank nor comments (docstrings count: they are read like code)."""
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))


def test_no_module_is_over_500_lines_of_code() -> None:
    sources = [
        REPO / "app.py",
        *sorted((REPO / "fundmatch").rglob("*.py")),
        *sorted((REPO / "evaluation").rglob("*.py")),
    ]
    too_long = [
        f"{path.relative_to(REPO)}: {lines}"
        for path in sources
        if (lines := code_lines(path.read_text(encoding="utf-8"))) > MAX_CODE_LINES
    ]
    assert too_long == []


def test_code_lines_skip_blanks_and_comments() -> None:
    assert code_lines("# a comment\n\nx = 1\n    # indented comment\ny = 2  # trailing\n") == 2
