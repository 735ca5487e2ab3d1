"""Turn the record dataclasses into JSON-ready dicts and back, dates and tuples included."""

from __future__ import annotations

import dataclasses
import types
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def to_json(record: Any) -> dict[str, Any]:
    """A dict of plain JSON values for a record dataclass (dates as ISO strings)."""
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _encode(value: Any) -> Any:
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
    hints = _hints(cls)
    return cls(**{name: _decode(hints[name], value) for name, value in data.items() if name in hints})


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(inner[0], value) if len(inner) == 1 else value
    if hint is date:
        return date.fromisoformat(value)
    if origin is tuple:
        item_hint = get_args(hint)[0]
        return tuple(_decode(item_hint, item) for item in value)
    if dataclasses.is_dataclass(hint):
        return from_json(hint, value)
    return value
