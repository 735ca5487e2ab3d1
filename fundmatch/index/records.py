"""Turn the record dataclasses into JSON-ready dicts and back, dates and tuples included."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_json(record: Any) -> dict[str, Any]:
    """A dict of plain JSON values for a record dataclass (dates as ISO strings)."""
    return {name: _encode(getattr(record, name)) for name in _field_names(type(record))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:  # most values: checked first, by exact type (an ingest encodes millions)
        return value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record dataclass from ``to_json`` output; unknown keys are ignored."""
    fields, decoders = _decoders(cls)
    values = {}
    for name, value in data.items():
        if name in decoders:
            values[name] = None if value is None else decoders[name](value)
        elif name in fields:
            values[name] = value
    return cls(**values)


@cache
def _decoders(cls: type) -> tuple[frozenset[str], dict[str, Callable[[Any], Any]]]:
    """The field names of a record class and a decoder for each field that is not plain JSON."""
    hints = get_type_hints(cls)
    decoders = {name: decoder for name, hint in hints.items() if (decoder := _decoder(hint)) is not None}
    return frozenset(hints), decoders


def _decoder(hint: Any) -> Callable[[Any], Any] | None:
    """How to turn a non-null JSON value back into ``hint``; None when it is used as is."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decoder(inner[0]) if len(inner) == 1 else None
    if hint is date:
        return date.fromisoformat
    if origin is tuple:
        item = _decoder(get_args(hint)[0])
        return tuple if item is None else lambda values: tuple(item(value) for value in values)
    if dataclasses.is_dataclass(hint):
        return lambda value: from_json(hint, value)
    return None
