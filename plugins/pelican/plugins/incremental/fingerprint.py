"""A stable digest of the values a page shows: Pelican's content objects, our records, plain data.

The page's own article (or page) is digested whole: its text, metadata and every attribute a
plugin added (read-next links, source links, ...).  An article the page only refers to (a
neighbour, a read-next target, a listing's item) is digested as a reference: its path, URL,
title, date, category, tags and its ``briefing`` record, which is everything a link or a listing
item shows; its own links are not part of it, so a listing is not re-rendered when an item's
read-next block changes.  A value of a type not known here is :class:`UnkeyableError`: that page is
always rendered (never wrongly kept).

A content object carrying a :class:`~.store.Origin` (the briefing reader's body and record with
the digest of the file's bytes and the reader's salt) has its record digested by that digest:
the record is a function of those bytes and that salt, and it is frozen; a record put in its
place afterwards is another object, digested by its pickle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import pickle
import types
from collections.abc import Mapping
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from briefing import model

from .store import Origin

MAX_DEPTH = 12
# A content object's attributes that are not what it shows: the shared context and settings
# (digested once per build) and Pelican's per-page link state.
NOT_SHOWN = frozenset({"_context", "settings"})
_PLAIN = frozenset({type(None), bool, int, float, str, bytes})  # None included


class UnkeyableError(TypeError):
    """A page value whose digest this module cannot compute: render the page."""


class Fingerprint:
    """Digest values; references to content objects, records, categories and tags are memoised
    for the whole build (the keys are computed after every plugin has set its values, before
    any page is rendered: nothing changes them meanwhile)."""

    def __init__(self) -> None:
        # id -> (the object, its digest): holding the object keeps its id from being reused.
        self._memo: dict[int, tuple[Any, bytes]] = {}
        self._shapes: dict[type, tuple[bytes, tuple[str, ...]]] = {}  # a dataclass's fields

    def digest(self, value: Any) -> str:
        """Return the hex digest of ``value`` (raise UnkeyableError for an unknown type)."""
        h = hashlib.sha256()
        self._feed(h, value, 0, own=True)
        return h.hexdigest()

    def _feed(self, h: Any, value: Any, depth: int, own: bool = False) -> None:
        if depth > MAX_DEPTH:
            raise UnkeyableError(f"nested deeper than {MAX_DEPTH}")
        kind = type(value)
        # Most values are strings (a body, a title, a URL): their bytes with their length are
        # as exact as their repr and several times cheaper for a body of kilobytes.
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            h.update(b"str:%d:" % len(data))
            h.update(data)
        elif kind is list or kind is tuple:  # before the isinstance chain: the next commonest
            self._sequence(h, value, depth)
        elif kind in _PLAIN or isinstance(value, bool | int | float | str | bytes | enum.Enum):
            h.update(f"{kind.__name__}:{value!r};".encode())
        elif isinstance(value, dt.date | dt.time):
            h.update(f"{type(value).__name__}:{value.isoformat()};".encode())
        elif isinstance(value, dt.tzinfo):  # ZoneInfo("UTC"), timezone(timedelta(hours=4))
            h.update(f"tz:{value!s};".encode())
        elif isinstance(value, Content):
            if own:
                self._own(h, value, depth)
            else:
                h.update(self._memoised(value, depth, self._reference))
        elif kind is Origin:  # its key determines its value (store.py)
            h.update(b"origin:")
            h.update(value.key.encode())
        elif isinstance(value, URLWrapper):  # a category or tag: its url is formatted each time
            h.update(self._memoised(value, depth, _wrapper))
        elif type(value).__module__ == model.__name__:
            h.update(self._memoised(value, depth, _record))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            if value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                h.update(self._memoised(value, depth, self._fields))
            else:
                self._fields(h, value, depth)
        else:
            self._container(h, value, depth)

    def _fields(self, h: Any, value: Any, depth: int) -> None:
        kind = type(value)
        shape = self._shapes.get(kind)
        if shape is None:  # dataclasses.fields() once a class (50k read-next links at 10k)
            names = tuple(f.name for f in dataclasses.fields(value))
            shape = self._shapes[kind] = (f"<{kind.__qualname__}".encode(), names)
        h.update(shape[0])
        for name in shape[1]:
            h.update(f"{name}=".encode())
            self._feed(h, getattr(value, name), depth + 1)
        h.update(b">")

    def _memoised(self, value: Any, depth: int, feed: Any) -> bytes:
        """Digest an immutable value once per build (a record, a reference to an article)."""
        known = self._memo.get(id(value))
        if known is None:
            h = hashlib.sha256()
            feed(h, value, depth)
            known = self._memo[id(value)] = (value, h.digest())
        digest: bytes = known[1]
        return digest

    def _container(self, h: Any, value: Any, depth: int) -> None:
        if isinstance(value, Mapping):
            h.update(f"{{{len(value)}".encode())
            for key in sorted(value, key=str):
                h.update(f"{key!s}=".encode())
                self._feed(h, value[key], depth + 1, own=depth == 0)
            h.update(b"}")
        elif isinstance(value, list | tuple):
            self._sequence(h, value, depth)
        elif isinstance(value, set | frozenset):
            h.update(f"({len(value)}".encode())
            for item in sorted(Fingerprint().digest(v) for v in value):
                h.update(item.encode())
            h.update(b")")
        else:
            raise UnkeyableError(f"no digest for {type(value).__qualname__}")

    def _sequence(self, h: Any, value: list[Any] | tuple[Any, ...], depth: int) -> None:
        h.update(b"[%d" % len(value))
        for item in value:
            self._feed(h, item, depth + 1)
        h.update(b"]")

    def _own(self, h: Any, content: Content, depth: int) -> None:
        """Digest the page's own content object whole (plugins' attributes included).

        ``metadata`` comes last: a value of it that is one of the object's attributes (Pelican
        sets them from it) is digested as that attribute's name, its value being in already.
        """
        attributes = vars(content)
        self._seed(attributes)
        h.update(f"<own {type(content).__name__}".encode())
        named: dict[int, str] = {}
        for name, value in sorted(attributes.items()):
            if name not in NOT_SHOWN and name != "metadata":
                h.update(f"{name}=".encode())
                self._feed(h, value, depth + 1)
                named.setdefault(id(value), name)
        if "metadata" in attributes:
            h.update(b"metadata=")
            self._metadata(h, attributes["metadata"], named, depth + 1)
        h.update(b">")

    def _metadata(self, h: Any, value: Any, named: dict[int, str], depth: int) -> None:
        if type(value) is not dict:
            self._feed(h, value, depth)
            return
        h.update(f"{{{len(value)}".encode())
        for key in sorted(value, key=str):
            h.update(f"{key!s}=".encode())
            item = value[key]
            same = named.get(id(item))  # the very object: its value is in the digest
            if same is None:
                self._feed(h, item, depth + 1)
            else:
                h.update(f"<attribute {same}>".encode())
        h.update(b"}")

    def _seed(self, attributes: dict[str, Any]) -> None:
        """Memoise each item of an :class:`Origin`'s value as the digest of its key."""
        for value in attributes.values():
            if type(value) is Origin:
                items = value.value if type(value.value) is tuple else (value.value,)
                for at, item in enumerate(items):
                    if id(item) not in self._memo and type(item).__module__ == model.__name__:
                        h = hashlib.sha256(b"origin %d:" % at + value.key.encode())
                        self._memo[id(item)] = (item, h.digest())

    def _reference(self, h: Any, content: Content, depth: int) -> None:
        """Digest what a link to ``content`` or a listing item of it shows."""
        attributes = vars(content)
        self._seed(attributes)
        h.update(b"<reference")
        for name, value in (
            ("source_path", content.source_path),
            ("url", content.url),  # what a link shows (save_as follows from the same settings)
            ("title", getattr(content, "title", None)),
            ("date", getattr(content, "date", None)),
            ("category", getattr(content, "category", None)),
            ("tags", getattr(content, "tags", None)),
            ("briefing", getattr(content, "briefing", None)),
            ("summary", getattr(content, "_summary", None)),
        ):
            h.update(name.encode() + b"=")
            self._feed(h, value, depth + 1)
        h.update(b">")


def _wrapper(h: Any, value: URLWrapper, depth: int) -> None:
    """Digest a category or tag by what a link to it shows."""
    h.update(f"{type(value).__name__}:{value.name!r}:{value.slug}:{value.url};".encode())


def _record(h: Any, value: Any, depth: int) -> None:
    """Digest a contract record (briefing.model: frozen, plain data only) by its pickle.

    Pickle writes every field's value exactly and in C: digesting the 10k records of an archive
    field by field was a third of the keys' time.  Two equal records that share their strings
    differently pickle differently; that can only render a page again, never keep a changed one.
    """
    h.update(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def code_digest(value: Any) -> str:
    """Digest a settings value that may hold functions (ARTICLE_ORDER_BY) by their code."""
    if isinstance(value, types.FunctionType):
        code = value.__code__
        return f"fn {value.__module__}.{value.__qualname__} {code.co_code.hex()} {code.co_consts!r}"
    if isinstance(value, type | types.ModuleType | types.BuiltinFunctionType):
        return f"{type(value).__name__} {getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{code_digest(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(code_digest(v) for v in value) + "]"
    return repr(value)
