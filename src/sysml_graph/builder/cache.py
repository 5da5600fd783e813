"""The caches under ``OUT/.cache/``: versioned data files that reading can never run code.

The caches once were pickles, and unpickling a file placed in an output folder runs
whatever it asks for. Every cache is now JSON read by the standard library: at worst a
planted file holds wrong data, which the checks below turn away. A cache file is one
header line (the format, its version, the kind of cache, the version of sysml-graph, a key
its writer chose, the body's length and CRC-32) and one JSON body::

    {"format":"sysml-graph cache","version":1,"kind":"network",…,"bytes":123,"crc32":45}
    {…}

One policy for every cache: a missing file, or one whose key is not the reader's (the
code or the year changed), is a cache miss. A file that is not such a cache, is of
another version, is truncated, corrupt or unreadable, is ignored with one line on stderr
and rebuilt by the next build; the command goes on as without it. Each command reads each
cache file at most once, so that the line comes once.

:func:`records_encoder` and :func:`records_decoder` turn the typed records into JSON values
and back, by their type annotations.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import operator
import sys
import types
import typing
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..atomic import staged, write_atomic
from ..gcpause import no_gc_pauses

FORMAT = "sysml-graph cache"

VERSION = 1

HEADER_LIMIT = 4096  # a header longer than this is not one of ours

LEGACY = ("parsed.pickle", "network.pickle", "rebuild.pickle", "network-deltas.pickle")

T = TypeVar("T")

Report = Callable[[Path, str], None]  # told of a cache file that is not usable, and why


class Unusable(Exception):
    """A cache file that is not a usable cache; the message says why, in a few words."""


def warn(path: Path, reason: str) -> None:
    """Say on stderr that the cache file ``path`` is ignored, and why, in one line."""
    reason = " ".join(reason.split())  # a decoder's message may hold a newline
    print(f"warning: ignoring {path}: {reason}; it will be rebuilt", file=sys.stderr)


def _version() -> str:

    return __version__


def encode(kind: str, key: str, body: Any) -> bytes:
    """A cache file's bytes: the header line, then ``body`` as compact JSON."""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    raw = data.encode("utf-8")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "sysml-graph": _version(),
        "key": key,
        "bytes": len(raw),
        "crc32": zlib.crc32(raw),
    }
    return json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + raw


def write(path: Path, kind: str, key: str, body: Any) -> None:
    """Write a cache file atomically (readers see the old file or the new one)."""

    write_atomic(path, encode(kind, key, body))


def stage(path: Path, kind: str, key: str, body: Any) -> Path:
    """A cache file written into a temporary file beside ``path``, for the caller to
    rename over ``path`` once the rest of its work has succeeded."""

    data = encode(kind, key, body)
    return staged(path, lambda tmp: tmp.write_bytes(data))


def _header(f: typing.BinaryIO, kind: str) -> dict[str, Any]:
    line = f.readline(HEADER_LIMIT)
    if not line:
        raise Unusable("the file is empty")
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise Unusable("not a sysml-graph cache")
    if header.get("version") != VERSION or header.get("sysml-graph") != _version():
        raise Unusable(
            f"written by another version (cache format {header.get('version')!r}, "
            f"sysml-graph {header.get('sysml-graph')!r})"
        )
    if header.get("kind") != kind:
        raise Unusable(f"another kind of cache ({header.get('kind')!r}, not {kind!r})")
    fields = (("key", str), ("bytes", int), ("crc32", int))
    if not all(isinstance(header.get(name), kind) for name, kind in fields):
        raise Unusable("its header is damaged")
    return header


def _body_checked(header: dict[str, Any], size: int, crc: int) -> None:
    """Raise :class:`Unusable` unless a body of ``size`` bytes with CRC-32 ``crc`` is the
    one the header describes."""
    if size != header["bytes"]:
        raise Unusable(f"truncated or padded ({size} bytes, not {header['bytes']})")
    # A changed byte can leave valid JSON with another title or id in it.
    if crc != header["crc32"]:
        raise Unusable("corrupt (its checksum does not match)")


def check(path: Path, kind: str, report: Report = warn) -> bool:
    """False (after ``report``) when ``path`` is there but is no usable cache of ``kind``:
    its header, length and checksum are checked, its body is not parsed into objects
    (what takes the time). True when it looks usable, or is not there."""
    try:
        with path.open("rb") as f:
            header = _header(f, kind)
            size = crc = 0
            while block := f.read(1 << 20):  # a block at a time: no copy of it all
                size += len(block)
                crc = zlib.crc32(block, crc)
        _body_checked(header, size, crc)
    except FileNotFoundError:
        return True
    except OSError as e:
        report(path, f"cannot be read ({e.strerror or e})")
        return False
    except Unusable as e:
        report(path, str(e))
        return False
    return True


def read(
    path: Path,
    kind: str,
    decode: Callable[[Any], T],
    key: str | None = None,
    report: Report = warn,
) -> T | None:
    """The cache of ``kind`` in ``path``, turned into what its reader keeps by ``decode``;
    None when there is none, when its key is not ``key`` (if given), or when it is not
    usable (then after ``report``: by default a warning)."""

    try:
        with path.open("rb") as f:
            header = _header(f, kind)
            if key is not None and header["key"] != key:
                return None
            raw = f.read()
        _body_checked(header, len(raw), zlib.crc32(raw))
        with no_gc_pauses():  # millions of long-lived objects, no cycles among them
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError) as e:
                raise Unusable(f"corrupt ({e.__class__.__name__})") from e
            try:
                return decode(body)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
                raise Unusable(f"does not hold what a {kind} cache holds ({e})") from e
    except FileNotFoundError:
        return None
    except OSError as e:
        report(path, f"cannot be read ({e.strerror or e})")
    except Unusable as e:
        report(path, str(e))
    return None


def remove_legacy(cache_dir: Path) -> None:
    """Delete the pickles earlier versions kept (never read: unpickling runs code)."""
    for name in LEGACY:
        (cache_dir / name).unlink(missing_ok=True)


Convert = Callable[[Any], Any] | None  # None: the JSON value is the value


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


_decoders: dict[Any, Convert] = {}

_encoders: dict[Any, Convert] = {}


def records_decoder(tp: Any) -> Callable[[Any], Any]:
    """What turns a JSON value made by :func:`records_encoder` for type ``tp`` back into a
    value of that type."""
    convert = _decoder(tp)
    return convert if convert is not None else _identity


def records_encoder(tp: Any) -> Callable[[Any], Any]:
    """What turns a value of type ``tp`` (records, lists, dicts, sets, tuples of them) into
    a JSON value."""
    convert = _encoder(tp)
    return convert if convert is not None else _identity


def _identity(value: Any) -> Any:
    return value


def _decoder(tp: Any) -> Convert:
    if tp in _decoders:
        return _decoders[tp]
    convert = _make_decoder(tp)
    _decoders[tp] = convert
    return convert


def _encoder(tp: Any) -> Convert:
    if tp in _encoders:
        return _encoders[tp]
    convert = _make_encoder(tp)
    _encoders[tp] = convert
    return convert


def _make_decoder(tp: Any) -> Convert:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (str, int, bool, float, Any, type(None)):
        return None
    if _is_union(tp):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no JSON decoding for {tp}")
        one = _decoder(inner[0])
        return None if one is None else _or_none(one)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        # A lookup: calling the enum was a seventh of the time taken to decode a paper.
        return {member.value: member for member in tp}.__getitem__
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_decoder(tp)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        items = [_decoder(a) or _identity for a in args]
        return lambda v: tuple(f(x) for f, x in zip(items, v, strict=True))
    if origin in (list, set, tuple):
        item = _decoder(args[0])
        if item is None:
            return None if origin is list else origin
        return _each(item, origin)
    if origin is dict:
        value = _decoder(args[1])
        return None if value is None else _values(value)
    raise TypeError(f"no JSON decoding for {tp}")


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else convert(v)


def _each(convert: Callable[[Any], Any], into: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if into is list:
        return lambda v: [convert(x) for x in v]
    return lambda v: into(convert(x) for x in v)


def _values(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: {k: convert(x) for k, x in v.items()}


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    plan = [(i, c) for i, f in enumerate(fields) if (c := _decoder(hints[f.name])) is not None]
    count = len(fields)
    names = [f.name for f in fields]
    by_name = any(f.kw_only for f in fields)  # such fields cannot be given by position

    def decode(value: Any) -> Any:
        if not isinstance(value, list) or len(value) != count:
            raise TypeError(f"{cls.__name__} needs a list of {count} values")
        for i, convert in plan:
            value[i] = convert(value[i])
        return cls(**dict(zip(names, value, strict=True))) if by_name else cls(*value)

    return decode


def _make_encoder(tp: Any) -> Convert:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (str, int, bool, float, Any, type(None)):
        return None
    if _is_union(tp):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no JSON encoding for {tp}")
        one = _encoder(inner[0])
        return None if one is None else _or_none(one)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        # json writes a str or int enum as its value already
        return None if issubclass(tp, str | int) else operator.attrgetter("value")
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_encoder(tp)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        items = [_encoder(a) or _identity for a in args]
        return lambda v: [f(x) for f, x in zip(items, v, strict=True)]
    if origin is set:  # sorted: the same records make the same bytes in every process
        item = _encoder(args[0])
        return sorted if item is None else _each(item, sorted)
    if origin in (list, tuple):  # json writes a tuple as a list already
        item = _encoder(args[0])
        return None if item is None else _each(item, list)
    if origin is dict:
        value = _encoder(args[1])
        return None if value is None else _values(value)
    raise TypeError(f"no JSON encoding for {tp}")


def _dataclass_encoder(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    # One C call for all the fields (an attrgetter of one name gives the value alone).
    get = operator.attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)
    plan = [(i, c) for i, f in enumerate(fields) if (c := _encoder(hints[f.name])) is not None]

    def encode(obj: Any) -> list[Any]:
        out = list(get(obj))
        for i, convert in plan:
            out[i] = convert(out[i])
        return out

    return encode


def _silent(path: Path, reason: str) -> None:
    """A :data:`sysml_graph.builder.cache.Report` that says nothing."""
