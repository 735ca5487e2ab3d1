"""No sentence a user reads is written outside the message catalogues.

The test reads the syntax tree of every module that puts text in front of a user (the app, its UI
helpers, the chat with its answers and exports) and of the search layer, which must return codes and
no prose at all. A string literal that looks like a sentence or a label (it starts with a capital
followed by a small letter, or has words on both sides of a ". ", "; ", ": ", "? " or "! ") fails
the test unless it is a catalogue message (an argument of ``t``, ``tc``, ``n``, ``N_``, ``NC_`` or
``Nn_``), a docstring or other string statement, a regular expression, a log line, the message of a
programming error, or listed below with the reason it is never shown. Lowercase words and phrases without sentence punctuation are
codes and search vocabulary ("not eligible", "expected outcome") and pass.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCOPE = ("app.py", "fundmatch/app/ui", "fundmatch/chat", "fundmatch/clients", "fundmatch/retrieval")
MARKERS = {"t", "tc", "n", "N_", "NC_", "Nn_"}
# CatalogueError: a data file shipped with the package (instrument catalogue, prototypes, trained
# heads) that does not validate, a packaging error for developers, as a ValueError is.
PROGRAMMING_ERRORS = {
    "ValueError",
    "TypeError",
    "KeyError",
    "RuntimeError",
    "AssertionError",
    "CatalogueError",
}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}
LOOKS_SHOWN = re.compile(r"^\W*[A-Z][a-z]|[^\W\d_]{2,}[.;:?!] +[^\W\d_]{2,}")
NEVER_SHOWN: dict[tuple[str, str], str] = {
    ("fundmatch/app/ui/sidebar.py", "Lump sum"): "a type-of-action code the corpus writes; shown as a word",
    ("fundmatch/app/ui/sidebar.py", "Grant"): "a type-of-action code the corpus writes; shown as a word",
    ("fundmatch/app/ui/sidebar.py", "Loan"): "a type-of-action code the corpus writes; shown as a word",
    ("fundmatch/app/ui/sidebar.py", "Guarantee"): "a type-of-action code the corpus writes; shown as a word",
    ("fundmatch/app/ui/sidebar.py", "Equity"): "a type-of-action code the corpus writes; shown as a word",
    ("fundmatch/chat/rewrite.py", "Compare "): "the search text of a follow-up, sent to the retrievers",
    ("fundmatch/retrieval/instruments.py", "is unknown; valid: "): "a CatalogueError's text (through fail)",
    ("fundmatch/retrieval/routing.py", "Single Market Programme"): "a programme name as the corpus writes it",
    (
        "fundmatch/retrieval/routing.py",
        "Interregional Innovation Investments Instrument",
    ): "a programme name as the corpus writes it",
    (
        "fundmatch/clients/store.py",
        " exist; nothing imported (use --overwrite)",
    ): "an error of the English CLI",
}


def _files() -> list[Path]:
    found: list[Path] = []
    for name in SCOPE:
        path = REPO / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """The string constants that are docstrings, catalogue messages, regular expressions or the
    messages of programming errors."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        # A string standing alone as a statement documents the code (a docstring, an attribute's note).
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            owner = (
                func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            )
            logged = name in LOG_CALLS and "log" in owner.lower()
            if name in MARKERS or name in PROGRAMMING_ERRORS or owner == "re" or logged:
                exempt.update(id(sub) for sub in ast.walk(node) if isinstance(sub, ast.Constant))
    return exempt


def shown_strings(source: str, relative: str) -> list[tuple[int, str]]:
    """(line, text) of every string in the module ``source`` (at ``relative``) that looks like
    something a user reads and is not exempt."""
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and LOOKS_SHOWN.search(node.value)
        and (relative, node.value) not in NEVER_SHOWN
    ]


def test_no_user_visible_string_outside_the_catalogues() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {text[:80]!r}"
        for path in _files()
        for line, text in shown_strings(path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix())
    ]
    assert found == [], "put these through fundmatch.lang.i18n (t, n, tc):\n" + "\n".join(found)


def test_the_check_catches_a_sentence_and_a_label_but_not_codes() -> None:
    source = (
        '"""Docstring."""\n'
        "import re\n"
        'LABEL = "Deadline"\n'
        'ERROR = f"could not read {name}; try again"\n'
        'CODE = "not eligible"\n'
        'PATTERN = re.compile(r"Expected Outcome: ")\n'
        'SHOWN = t(language, "The call budget is {budget}.")\n'
    )
    assert [text for _, text in shown_strings(source, "sample.py")] == ["Deadline"]
    assert [text for _, text in shown_strings('X = f"{a} and more; see {b}"', "s.py")] == [" and more; see "]


def test_every_listed_exception_still_exists() -> None:
    for (name, text), _reason in NEVER_SHOWN.items():
        assert text in (REPO / name).read_text(encoding="utf-8"), f"{name} no longer has {text!r}: drop it"
