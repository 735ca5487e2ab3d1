"""Saved client profiles: add, list, open, rename, delete, and export or import them as JSON."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fundmatch.clients.database import ClientDatabase
from fundmatch.core.codec import from_jsonable, to_jsonable
from fundmatch.core.errors import ProfileError
from fundmatch.core.models import Filters, Profile
from fundmatch.lang.detect import SUPPORTED_LANGUAGES
from fundmatch.lang.i18n import N_
from fundmatch.retrieval.profile import MAX_QUERY_CHARS

MAX_NAME_CHARS = 120
EXPORT_FORMAT = "fundmatch-profiles"
EXPORT_VERSION = 1
_TAKEN = N_("A client named '{name}' is saved already; choose another name.")
_UNKNOWN = N_("No saved client named '{name}'; saved: {names}.")
_UNKNOWN_NONE = N_("No saved client named '{name}'; none is saved yet.")


class UnknownClientError(ProfileError):
    """No saved client has the name asked for."""


def now_iso() -> str:
    """The current UTC time as an ISO string (second precision)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SavedProfile:
    """One client: what the project is, what we know about the applicant, the filters and language."""

    name: str
    description: str = ""
    profile: Profile = field(default_factory=Profile)
    filters: Filters = field(default_factory=Filters)
    language: str = "en"
    created: str = ""
    updated: str = ""


def name_key(name: str) -> str:
    """How names are compared: Unicode-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def checked_name(name: str) -> str:
    """The name with spaces collapsed; ProfileError when it is empty, too long or has control characters."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ProfileError(N_("A client needs a name."))
    if len(cleaned) > MAX_NAME_CHARS:
        raise ProfileError(
            N_("The client's name is {n} characters long; keep it under {limit}."),
            n=len(cleaned),
            limit=MAX_NAME_CHARS,
        )
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise ProfileError(N_("The client's name has control characters; use letters, digits and spaces."))
    return cleaned


def checked(profile: SavedProfile) -> SavedProfile:
    """The profile with its name cleaned; ProfileError for a bad name, language or description."""
    if profile.language not in SUPPORTED_LANGUAGES:
        raise ProfileError(
            N_("Unknown language '{language}'; choose one of {languages}."),
            language=profile.language,
            languages=", ".join(SUPPORTED_LANGUAGES),
        )
    if len(profile.description) > MAX_QUERY_CHARS:
        raise ProfileError(
            N_("The description is {n} characters long; keep it under {limit}."),
            n=len(profile.description),
            limit=MAX_QUERY_CHARS,
        )
    return dataclasses.replace(profile, name=checked_name(profile.name))


def _row_profile(row: sqlite3.Row) -> SavedProfile:
    return SavedProfile(
        name=row["name"],
        description=row["description"],
        profile=from_jsonable(Profile, json.loads(row["profile"])),
        filters=from_jsonable(Filters, json.loads(row["filters"])),
        language=row["language"],
        created=row["created_at"],
        updated=row["updated_at"],
    )


def profile_from_dict(data: Any) -> SavedProfile:
    """A profile from its JSON object (as exported, or as a ``--from-file`` file); ProfileError if malformed."""
    if not isinstance(data, dict):
        raise ProfileError("a profile must be a JSON object with at least a 'name'")
    try:
        return from_jsonable(SavedProfile, {"created": "", "updated": "", **data})
    except (TypeError, ValueError) as exc:
        raise ProfileError(f"profile {data.get('name', '?')!r} cannot be read: {exc}") from None


class ProfileStore:
    """The saved profiles of one client database."""

    def __init__(self, database: ClientDatabase) -> None:
        self.database = database

    def save(self, profile: SavedProfile, *, overwrite: bool = True) -> SavedProfile:
        """Insert the profile, or replace the one of the same name (keeping its creation time).

        ``overwrite=False`` refuses a name that is taken. Returns the profile as stored.
        """
        profile = checked(profile)
        with self.database.writing() as connection:
            return _upsert(connection, profile, now_iso(), overwrite)

    def find(self, name: str) -> SavedProfile | None:
        """The profile of that name (any case), None when there is none."""
        with self.database.reading() as connection:
            row = connection.execute(
                "SELECT * FROM profiles WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        return _row_profile(row) if row else None

    def get(self, name: str) -> SavedProfile:
        """The profile of that name; ProfileError naming the saved ones when there is none."""
        found = self.find(name)
        if found is None:
            raise self._unknown(name)
        return found

    def profile_id(self, name: str) -> int:
        """The database id of a saved profile (ProfileError when unknown)."""
        with self.database.reading() as connection:
            row = connection.execute(
                "SELECT id FROM profiles WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        if row is None:
            raise self._unknown(name)
        return int(row["id"])

    def names(self) -> list[str]:
        """Every saved profile's name, alphabetically."""
        return [p.name for p in self.all()]

    def all(self) -> list[SavedProfile]:
        """Every saved profile, alphabetically by name."""
        with self.database.reading() as connection:
            rows = connection.execute("SELECT * FROM profiles ORDER BY name_key").fetchall()
        return [_row_profile(row) for row in rows]

    def rename(self, old: str, new: str) -> SavedProfile:
        """Give a profile another name (its digests and documents follow it)."""
        new = checked_name(new)
        with self.database.writing() as connection:
            row = connection.execute(
                "SELECT id FROM profiles WHERE name_key = ?", (name_key(old),)
            ).fetchone()
            if row is None:
                raise self._unknown(old)
            clash = connection.execute(
                "SELECT id FROM profiles WHERE name_key = ? AND id != ?", (name_key(new), row["id"])
            ).fetchone()
            if clash:
                raise ProfileError(_TAKEN, name=new)
            connection.execute(
                "UPDATE profiles SET name = ?, name_key = ?, updated_at = ? WHERE id = ?",
                (new, name_key(new), now_iso(), row["id"]),
            )
        return self.get(new)

    def delete(self, name: str) -> None:
        """Remove a profile with its digest state and documents."""
        with self.database.writing() as connection:
            deleted = connection.execute("DELETE FROM profiles WHERE name_key = ?", (name_key(name),))
            if deleted.rowcount == 0:
                raise self._unknown(name)

    def export_json(self, names: Sequence[str] = ()) -> str:
        """The named profiles (all when none are named) as one JSON document."""
        chosen = [self.get(name) for name in names] if names else self.all()
        document = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "profiles": [to_jsonable(profile) for profile in chosen],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def import_json(self, text: str, *, overwrite: bool = False) -> list[str]:
        """Save every profile of an exported document (or of one profile object) in one transaction.

        Nothing is saved when any profile is malformed or, without ``overwrite``, already exists.
        """
        profiles = parse_profiles(text)
        taken = {name_key(name) for name in self.names()}
        clashes = [p.name for p in profiles if name_key(p.name) in taken]
        if clashes and not overwrite:
            raise ProfileError(f"profile(s) {', '.join(clashes)} exist; nothing imported (use --overwrite)")
        self._save_all(profiles)
        return [p.name for p in profiles]

    def _save_all(self, profiles: Iterable[SavedProfile]) -> None:
        """Save several profiles in one transaction (all or none)."""
        profiles = [checked(p) for p in profiles]
        stamp = now_iso()
        with self.database.writing() as connection:
            for profile in profiles:
                _upsert(connection, profile, stamp, overwrite=True)

    def _unknown(self, name: str) -> UnknownClientError:
        names = self.names()
        if not names:
            return UnknownClientError(_UNKNOWN_NONE, name=name)
        return UnknownClientError(_UNKNOWN, name=name, names=", ".join(names))


def _upsert(
    connection: sqlite3.Connection, profile: SavedProfile, stamp: str, overwrite: bool
) -> SavedProfile:
    """Write one checked profile inside the caller's transaction; the profile as stored."""
    row = connection.execute(
        "SELECT id, created_at FROM profiles WHERE name_key = ?", (name_key(profile.name),)
    ).fetchone()
    if row and not overwrite:
        raise ProfileError(_TAKEN, name=profile.name)
    created = row["created_at"] if row else (profile.created or stamp)
    stored = dataclasses.replace(profile, created=created, updated=stamp)
    values = (
        stored.name,
        name_key(stored.name),
        stored.description,
        json.dumps(to_jsonable(stored.profile), ensure_ascii=False),
        json.dumps(to_jsonable(stored.filters), ensure_ascii=False),
        stored.language,
        stored.updated,
    )
    if row:
        connection.execute(
            "UPDATE profiles SET name = ?, name_key = ?, description = ?, profile = ?, filters = ?, "
            "language = ?, updated_at = ? WHERE id = ?",
            (*values, row["id"]),
        )
    else:
        connection.execute(
            "INSERT INTO profiles (name, name_key, description, profile, filters, language, updated_at, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, stored.created),
        )
    return stored


def parse_profiles(text: str) -> list[SavedProfile]:
    """The profiles of an export document, a list of profile objects, or one profile object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        if data.get("version") != EXPORT_VERSION:
            raise ProfileError(f"export version {data.get('version')!r} is not {EXPORT_VERSION}")
        data = data.get("profiles")
    items = data if isinstance(data, list) else [data]
    profiles = [profile_from_dict(item) for item in items]
    keys = [name_key(checked_name(p.name)) for p in profiles]
    if len(set(keys)) != len(keys):
        raise ProfileError("the file names the same profile twice")
    return profiles
