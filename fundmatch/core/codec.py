"""Records to JSON-ready values and back, driven by the dataclasses' type hints.

``to_jsonable`` writes what ``fundmatch recommend --json`` prints (dates as ISO strings, tuples as
lists); ``from_jsonable`` reads it back into the same frozen records, so a recommendation that went
through the HTTP API or the profile store compares equal to the one computed in-process.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    """A dataclass, tuple, list, dict, date or scalar as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def from_jsonable(kind: type[T] | Any, value: Any) -> T:
    """``value`` (as written by ``to_jsonable``) read back as ``kind``; ValueError when it does not fit."""
    if value is None:
        return None  # type: ignore[return-value]
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(kind) if arg is not type(None)]
        for option in options:
            try:
                return from_jsonable(option, value)
            except (TypeError, ValueError):
                continue
        raise ValueError(f"{value!r} is none of {options}")
    if origin is Literal:
        if value not in get_args(kind):
            raise ValueError(f"{value!r} is not one of {get_args(kind)}")
        return value
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], item) for item in _sequence(value))  # type: ignore[return-value]
        items = _sequence(value)
        if len(items) != len(args):
            raise ValueError(f"expected {len(args)} items, got {len(items)}")
        return tuple(from_jsonable(arg, item) for arg, item in zip(args, items, strict=True))  # type: ignore[return-value]
    if origin is list:
        return [from_jsonable(get_args(kind)[0], item) for item in _sequence(value)]  # type: ignore[return-value]
    if origin is dict:
        key_kind, value_kind = get_args(kind)
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, got {value!r}")
        return {from_jsonable(key_kind, k): from_jsonable(value_kind, v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _record(kind, value)
    return _scalar(kind, value)


def _sequence(value: Any) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list, got {value!r}")
    return list(value)


def _record(kind: type[T], value: Any) -> T:
    if not isinstance(value, dict):
        raise ValueError(f"expected an object for {kind.__name__}, got {value!r}")
    hints = _hints(kind)
    names = {f.name for f in dataclasses.fields(kind) if f.init}  # type: ignore[arg-type]
    unknown = sorted(set(value) - names)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)} for {kind.__name__}")
    return kind(**{name: from_jsonable(hints[name], item) for name, item in value.items()})


def _scalar(kind: Any, value: Any) -> Any:
    if kind is Any:
        return value
    if kind is date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if kind is datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if kind is Path:
        return Path(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {value!r}")
        return float(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value
    raise TypeError(f"cannot read {kind!r}")
