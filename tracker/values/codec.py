"""The value types as JSON and back, exactly: what the index of derived results stores.

Generic over every dataclass and named tuple in `tracker.values`, so a field added to a value is kept
without a change here. Each value that is not a JSON scalar becomes an array whose first item is a tag:
`["L", ...]` a list, `["T", ...]` a tuple, `["D", k, v, ...]` a dict, `["E", enum, value]` a StrEnum,
`["@", iso]` a datetime, `[class name, field...]` a value in its fields' order. Nothing is executed on
the way back (no pickle): a database handed over by someone else can hold only values.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

_MODULES = ("kinds", "text", "claims", "notes", "records", "parts")


@cache
def _classes() -> dict[str, type]:
    """Every value class by name: dataclasses, named tuples and StrEnums of tracker.values."""
    found: dict[str, type] = {}
    for name in _MODULES:
        module = importlib.import_module(f"tracker.values.{name}")
        for attr, obj in vars(module).items():
            if isinstance(obj, type) and obj.__module__ == module.__name__ and not attr.startswith("_"):
                found[attr] = obj
    return found


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return tuple(cls._fields)  # a named tuple


def encode(value: Any) -> Any:
    """A value as plain JSON data (see the module's docstring for the tags)."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, StrEnum):
        return ["E", type(value).__name__, value.value]
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ["L", *map(encode, value)]
    cls = type(value)
    if isinstance(value, tuple) and not hasattr(cls, "_fields"):
        return ["T", *map(encode, value)]
    if isinstance(value, dict):
        out: list[Any] = ["D"]
        for k, v in value.items():
            out += [encode(k), encode(v)]
        return out
    if isinstance(value, datetime):
        return ["@", value.isoformat()]
    name = cls.__name__
    if _classes().get(name) is not cls:
        raise TypeError(f"not a tracker value: {cls!r}")
    return [name, *(encode(getattr(value, f)) for f in _field_names(cls))]


def decode(data: Any) -> Any:
    """The value `encode` gave `data` for."""
    if not isinstance(data, list):
        return data
    tag = data[0]
    if tag == "L":
        return [decode(item) for item in data[1:]]
    if tag == "T":
        return tuple(decode(item) for item in data[1:])
    if tag == "D":
        return {decode(data[i]): decode(data[i + 1]) for i in range(1, len(data), 2)}
    if tag == "E":
        return _classes()[data[1]](data[2])
    if tag == "@":
        return datetime.fromisoformat(data[1])
    cls = _classes()[tag]
    return cls(*(decode(item) for item in data[1:]))


def dumps(value: Any) -> str:
    """A value as compact JSON text."""
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """The value `dumps` wrote."""
    return decode(json.loads(text))
