"""The sources manifest (``fundmatch/corpus/sources.toml``): official pages to fetch for each fact sheet."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fundmatch.core.errors import UpdateError

DEFAULT_MANIFEST = Path(__file__).with_name("sources.toml")


@dataclass(frozen=True)
class SourcePage:
    """One official address and the file it is saved to: beside its sheet, in the programme's
    folder (the loaders take the programme from the folder), as ``<sheet>-official-<n>.html``."""

    sheet: str
    url: str
    target: PurePosixPath


def read_manifest(path: Path | None = None) -> list[SourcePage]:
    """Every page of the manifest with its target path; a broken manifest is one UpdateError line."""
    path = path or DEFAULT_MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        sheets = data["sheet"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise UpdateError(f"cannot read the sources manifest {path}: {exc}") from None
    pages: list[SourcePage] = []
    for sheet in sheets:
        try:
            sheet_path = PurePosixPath(sheet["path"])
            urls = [str(url) for url in sheet["urls"]]
        except (KeyError, TypeError):
            raise UpdateError(f"sources manifest {path}: each [[sheet]] needs path and urls") from None
        if sheet_path.is_absolute() or ".." in sheet_path.parts or not sheet_path.parts:
            raise UpdateError(
                f"sources manifest {path}: sheet path {str(sheet_path)!r} must stay inside the source directory"
            )
        for number, url in enumerate(urls, start=1):
            target = sheet_path.parent / f"{sheet_path.stem}-official-{number}.html"
            pages.append(SourcePage(sheet=str(sheet_path), url=url, target=target))
    return pages
