"""The per-article cache format: the typed document model as versioned, plain JSON.

Plain data, not pickles: a renamed class cannot make a cache entry unreadable in a confusing way, and
an entry of another format version, or one that does not fit the model, raises :class:`CacheError`
(the run then redoes that article).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from pipeline.errors import CacheError
from pipeline.model import Extraction, plain

CACHE_FORMAT = 2
"""Bumped whenever the document model changes shape; entries of another format are redone."""


Decoder = typing.Callable[[Any], Any]


def decode(kind: Any, data: Any) -> Any:
    """JSON data → a value of the type ``kind`` (a dataclass, a generic container, a date, an enum…)."""
    return decoder(kind)(data)


@cache
def decoder(kind: Any) -> Decoder:
    """The function that decodes JSON data into ``kind``, built once per type (the cache is read often)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        inner = decoder(next(a for a in args if a is not type(None)))
        optional = type(None) in args
        return lambda data: None if data is None and optional else inner(data)
    if origin in (list, set, tuple, dict):
        return _container(origin, args)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if kind is dt.date:
        return lambda data: dt.date.fromisoformat(_of(data, str))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is float:
        return lambda data: float(_of(data, (int, float)))
    if kind in (str, int, bool):
        return lambda data: _of(data, kind)
    raise CacheError(f"no cache decoding for {kind!r}")


def _container(origin: type, args: tuple[Any, ...]) -> Decoder:
    if origin is dict:
        value = decoder(args[1])
        return lambda data: {key: value(item) for key, item in _of(data, dict).items()}
    if origin is tuple:
        parts = [decoder(a) for a in args]
        return lambda data: tuple(part(item) for part, item in zip(parts, _of(data, list), strict=True))
    item_decoder = decoder(args[0])
    if origin is set:
        return lambda data: {item_decoder(item) for item in _of(data, list)}
    return lambda data: [item_decoder(item) for item in _of(data, list)]


def _dataclass(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = [(f.name, decoder(hints[f.name])) for f in dataclasses.fields(kind) if f.init]

    def build(data: Any) -> Any:
        values = _of(data, dict)
        return kind(**{name: field_decoder(values[name]) for name, field_decoder in fields})

    return build


def _of(data: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, kind):
        raise CacheError(f"expected {getattr(kind, '__name__', kind)}, found {type(data).__name__}")
    return data


def dumps(extraction: Extraction) -> bytes:
    """One cache entry: the format version and the extraction."""
    entry = {"format": CACHE_FORMAT, "extraction": plain(extraction)}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(payload: bytes) -> Extraction:
    """The extraction of a cache entry; :class:`CacheError` for a damaged, foreign or old entry."""
    try:
        entry = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CacheError(f"not a cache entry ({error})") from error
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        found = entry.get("format") if isinstance(entry, dict) else type(entry).__name__
        raise CacheError(f"cache format {found!r}, expected {CACHE_FORMAT}")
    try:
        return decode(Extraction, entry.get("extraction"))
    except (KeyError, TypeError, ValueError, StopIteration) as error:
        raise CacheError(f"the entry does not fit the document model ({type(error).__name__}: {error})") from error
