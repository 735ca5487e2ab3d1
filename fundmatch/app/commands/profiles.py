"""``fundmatch profiles add|list|show|rename|rm|export|import``: the saved client profiles."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from fundmatch.app.commands.recommend import filters_from_options, profile_option
from fundmatch.clients.store import ProfileStore, SavedProfile, parse_profiles
from fundmatch.core.codec import to_jsonable
from fundmatch.core.errors import ProfileError
from fundmatch.core.models import Filters, Profile
from fundmatch.core.settings import load_settings
from fundmatch.lang.detect import SUPPORTED_LANGUAGES


def _store() -> ProfileStore:
    from fundmatch.app.wiring import open_profile_store

    return open_profile_store(load_settings())


def read_description_file(path: Path) -> str:
    """The description in a PDF, DOCX, TXT or Markdown file (cut to the longest a description may be)."""
    from fundmatch.clients.uploads import read_description

    settings = load_settings()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror or exc}") from None
    description = read_description(path.name, data, int(settings.upload_max_mb * 1e6))
    if description.cut:
        click.echo(f"Note: {path.name} is longer than a description may be; its start is used.", err=True)
    return description.text


def build_profile(
    name: str, description: str, overrides: dict | None, filters: Filters, language: str | None
) -> SavedProfile:
    """A saved profile: the fields read from the description, then ``overrides`` written over them."""
    from fundmatch.retrieval.profile import extract_profile, merge_profile

    extracted = extract_profile(description) if description.strip() else Profile()
    profile = merge_profile(extracted, overrides)
    language = language or profile.language
    profile = dataclasses.replace(profile, language=language)
    return SavedProfile(name, description.strip(), profile, filters, language)


@click.group("profiles")
def profiles() -> None:
    """Saved client profiles (one SQLite file under data_dir), used by `fundmatch digest`, the API and the app."""


@profiles.command("add")
@click.argument("name", required=False)
@click.option("--description", default="", help="What the client's project is, in any of the six languages.")
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A description file (PDF, DOCX, TXT, MD), or a JSON file of profiles (as `profiles export` writes).",
)
@click.option(
    "--profile",
    "profile_json",
    help='JSON object overriding fields read from the description, e.g. \'{"country": "DE"}\'.',
)
@click.option("--programme", "programmes", multiple=True, help="Only this programme (repeatable).")
@click.option("--all-programmes", is_flag=True, help="Every programme in the index.")
@click.option("--closed", is_flag=True, help="Closed opportunities too.")
@click.option(
    "--language", type=click.Choice(SUPPORTED_LANGUAGES), help="Digest language (default: the description's)."
)
@click.option("--overwrite", is_flag=True, help="Replace a saved profile of the same name.")
def add(
    name: str | None,
    description: str,
    from_file: Path | None,
    profile_json: str | None,
    programmes: tuple[str, ...],
    all_programmes: bool,
    closed: bool,
    language: str | None,
    overwrite: bool,
) -> None:
    """Save a client as NAME: its description, the profile read from it, filters and language."""
    store = _store()
    if from_file is not None and from_file.suffix.lower() == ".json":
        if name or description or profile_json:
            raise ProfileError(
                "a JSON file holds whole profiles; give it without NAME, --description or --profile"
            )
        saved = store.import_json(from_file.read_text(encoding="utf-8"), overwrite=overwrite)
        click.echo(f"Saved {len(saved)} profile(s): {', '.join(saved)}")
        return
    if not name:
        raise ProfileError("give the client's NAME (or --from-file FILE.json)")
    if from_file is not None:
        if description:
            raise ProfileError("give --description or --from-file, not both")
        description = read_description_file(from_file)
    filters = filters_from_options(programmes, all_programmes, closed)
    profile = build_profile(name, description, profile_option(profile_json), filters, language)
    stored = store.save(profile, overwrite=overwrite)
    click.echo(f"Saved profile {stored.name!r} ({stored.language}).")


@profiles.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_profiles(as_json: bool) -> None:
    """List the saved profiles."""
    saved = _store().all()
    if as_json:
        click.echo(json.dumps([to_jsonable(p) for p in saved], ensure_ascii=False, indent=2))
        return
    if not saved:
        click.echo("No saved profile yet; add one with `fundmatch profiles add NAME --description TEXT`.")
    for profile in saved:
        head = " ".join(profile.description.split())[:70]
        click.echo(f"{profile.name}\t{profile.language}\t{profile.updated}\t{head}")


@profiles.command("show")
@click.argument("name")
def show(name: str) -> None:
    """Print one saved profile as JSON (the form `profiles add --from-file` reads)."""
    click.echo(json.dumps(to_jsonable(_store().get(name)), ensure_ascii=False, indent=2))


@profiles.command("rename")
@click.argument("old")
@click.argument("new")
def rename(old: str, new: str) -> None:
    """Rename a saved profile; its digest history and documents stay with it."""
    stored = _store().rename(old, new)
    click.echo(f"Renamed {old!r} to {stored.name!r}.")


@profiles.command("rm")
@click.argument("names", nargs=-1, required=True)
def remove(names: tuple[str, ...]) -> None:
    """Delete saved profiles, with their digest history and documents."""
    store = _store()
    for name in names:
        store.get(name)  # every name is checked before anything is deleted
    for name in names:
        store.delete(name)
    click.echo(f"Deleted {len(names)} profile(s).")


@profiles.command("export")
@click.argument("names", nargs=-1)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
def export(names: tuple[str, ...], out: Path | None) -> None:
    """Export saved profiles (all unless NAMES are given) as JSON; documents are not included."""
    text = _store().export_json(names)
    if out is None:
        click.echo(text, nl=False)
        return
    from fundmatch.corpus.fetch_http import write_atomic

    write_atomic(out, text.encode("utf-8"))
    click.echo(f"Wrote {len(json.loads(text)['profiles'])} profile(s) to {out}")


@profiles.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace saved profiles of the same names.")
def import_profiles(file: Path, overwrite: bool) -> None:
    """Import profiles from a JSON file written by `profiles export` (all or none are saved)."""
    text = file.read_text(encoding="utf-8")
    parse_profiles(text)
    saved = _store().import_json(text, overwrite=overwrite)
    click.echo(f"Imported {len(saved)} profile(s): {', '.join(saved)}")


COMMANDS: list[click.Command] = [profiles]
