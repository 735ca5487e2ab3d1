"""Building the message catalogues with Babel: extract the marked messages, update the ``.po`` files,
compile the ``.mo`` files, and check that every message is translated in all six languages.

    python -m fundmatch.lang.catalogues update   # after adding or changing a message
    python -m fundmatch.lang.catalogues check    # what tests/test_i18n.py runs

English is the source language: its catalogue copies each ``msgid`` (and the plural ``msgid``), so
that every language, English included, has a complete catalogue with real plural forms. The
compiled ``.mo`` files are committed beside the ``.po`` files; ``check`` fails when one is stale.
"""

from __future__ import annotations

import ast
import copy
import io
import re
import sys
from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from fundmatch.lang.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

REPO = Path(__file__).resolve().parents[2]
# The floors that speak to users (the corpus, embedding and index floors report in English logs).
SOURCES = (
    "fundmatch/core",
    "fundmatch/lang",
    "fundmatch/retrieval",
    "fundmatch/llm",
    "fundmatch/chat",
    "fundmatch/clients",
    "fundmatch/app",
    "app.py",
)
# t(language, message), tc(language, context, message), n(language, singular, plural, count),
# N_(message), NC_(context, message), Nn_(singular, plural)
KEYWORDS = {"t": (2,), "tc": ((2, "c"), 3), "n": (2, 3), "N_": None, "NC_": ((1, "c"), 2), "Nn_": (1, 2)}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}")
MessageKey = tuple[str | None, str]
# Fixed header values, so that an update changes a catalogue only where a message changed.
_HEADER = {
    "project": "fundmatch",
    "version": "0.1",
    "copyright_holder": "the fundmatch contributors",
    "creation_date": datetime(2026, 12, 4, tzinfo=UTC),
    "revision_date": datetime(2026, 12, 4, tzinfo=UTC),
    "last_translator": "the fundmatch contributors",
    "fuzzy": False,
}


def source_files() -> list[Path]:
    """The Python files whose marked messages go into the catalogues."""
    files: list[Path] = []
    for name in SOURCES:
        path = REPO / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def extract_python(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel extraction method reading the syntax tree: Babel's own Python extractor works on tokens
    and does not look inside f-string replacement fields (``f"**{t(language, 'Sources')}**"``)."""
    tree = ast.parse(fileobj.read().decode("utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in keywords
    ]
    for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
        strings = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in call.args
        )
        yield call.lineno, call.func.id, strings, []


def extract() -> Catalog:
    """The template catalogue: every marked message of the sources, with the files that use it."""
    template = Catalog(
        domain=DOMAIN, header_comment="# Messages of fundmatch (extracted with Babel).", **_HEADER
    )
    for path in source_files():
        relative = path.relative_to(REPO).as_posix()
        for line, message, comments, context in extract_from_file(extract_python, path, keywords=KEYWORDS):
            flags = ("python-brace-format",) if _PLACEHOLDER.search(_first(message)) else ()
            template.add(
                message, locations=[(relative, line)], auto_comments=comments, context=context, flags=flags
            )
    return template


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def read_catalogue(language: str) -> Catalog:
    """The ``.po`` catalogue of ``language`` (an empty one when it does not exist yet)."""
    path = po_path(language)
    if not path.exists():
        comment = f"# fundmatch's messages in {language}."
        return Catalog(
            locale=language, domain=DOMAIN, header_comment=comment, language_team=language, **_HEADER
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _first(message: str | tuple[str, ...]) -> str:
    return message if isinstance(message, str) else message[0]


def _copy_source(catalogue: Catalog) -> None:
    """English: each message is its own translation."""
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id[min(i, 1)] for i in range(catalogue.num_plurals))
        else:
            message.string = message.id


def _po_bytes(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100, omit_header=False, include_lineno=False, sort_output=True)
    return buffer.getvalue()


def _mo_bytes(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def update() -> list[str]:
    """Re-extract the template, merge it into each language's ``.po`` (new messages untranslated,
    removed ones dropped) and compile the ``.mo`` files; the paths written."""
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template))
    written = [str(TEMPLATE.relative_to(REPO))]
    for language in LANGUAGES:
        catalogue = read_catalogue(language)
        catalogue.update(
            copy.deepcopy(template),
            no_fuzzy_matching=True,
            update_header_comment=False,
            update_creation_date=False,
        )
        catalogue.obsolete.clear()
        if language == "en":
            _copy_source(catalogue)
        po_path(language).parent.mkdir(parents=True, exist_ok=True)
        po_path(language).write_bytes(_po_bytes(catalogue))
        mo_path(language).write_bytes(_mo_bytes(catalogue))
        written += [str(po_path(language).relative_to(REPO)), str(mo_path(language).relative_to(REPO))]
    return written


def compile_all() -> list[str]:
    """Compile every ``.po`` to its ``.mo``; the paths written."""
    written = []
    for language in LANGUAGES:
        mo_path(language).write_bytes(_mo_bytes(read_catalogue(language)))
        written.append(str(mo_path(language).relative_to(REPO)))
    return written


def _keys(catalogue: Catalog) -> dict[MessageKey, Message]:
    return {(m.context, _first(m.id)): m for m in catalogue if m.id}


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a message."""
    return set(_PLACEHOLDER.findall(text))


def _translation_problems(language: str, message: Message, num_plurals: int) -> Iterator[str]:
    where = f"{language}: {_first(message.id)!r}"
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    if message.fuzzy:
        yield f"{where} is fuzzy"
    if not all(forms) or (isinstance(message.id, tuple) and len(forms) != num_plurals):
        yield f"{where} is not translated" + (f" in all {num_plurals} plural forms" if len(forms) > 1 else "")
        return
    wanted = placeholders(" ".join(message.id) if isinstance(message.id, tuple) else message.id)
    for form in forms:
        extra = placeholders(form) - wanted
        missing = wanted - placeholders(form) - ({"n"} if isinstance(message.id, tuple) else set())
        if extra or missing:
            yield f"{where}: translation {form!r} has placeholders {sorted(placeholders(form))}, wants {sorted(wanted)}"


def problems() -> list[str]:
    """Everything that is not in order: a stale template, a message missing or untranslated in a
    language, a placeholder a translation lacks or invents, a ``.mo`` older than its ``.po``."""
    template = _keys(extract())
    found: list[str] = []
    if not TEMPLATE.exists() or set(_keys(read_template())) != set(template):
        found.append(f"{TEMPLATE.relative_to(REPO)} is stale: run python -m fundmatch.lang.catalogues update")
    for language in LANGUAGES:
        catalogue = read_catalogue(language)
        messages = _keys(catalogue)
        for key in sorted(set(template) - set(messages), key=str):
            found.append(f"{language}: {key[1]!r} is missing from {po_path(language).relative_to(REPO)}")
        for key in sorted(set(messages) - set(template), key=str):
            found.append(f"{language}: {key[1]!r} is no longer used; run update")
        for key in sorted(set(messages) & set(template), key=str):
            found.extend(_translation_problems(language, messages[key], catalogue.num_plurals))
        if not mo_path(language).exists() or mo_path(language).read_bytes() != _mo_bytes(catalogue):
            found.append(
                f"{mo_path(language).relative_to(REPO)} is stale: run python -m fundmatch.lang.catalogues compile"
            )
    return found


def read_template() -> Catalog:
    with TEMPLATE.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def main(argv: list[str]) -> int:
    """``update``, ``compile`` or ``check``; exit status 1 when ``check`` finds a problem."""
    command = argv[0] if argv else "check"
    if command == "update":
        print("\n".join(update()))
    elif command == "compile":
        print("\n".join(compile_all()))
    elif command == "check":
        found = problems()
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    else:
        print(f"Error: unknown command {command!r}; use update, compile or check", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
