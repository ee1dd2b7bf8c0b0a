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

**Leaves in one call.** Most of a page's values are strings, numbers, None and dates inside a
list, a dataclass or an article's attributes.  The leaves of one container are pickled together
(:func:`_leaves`: one C call instead of one Python call each; a million calls a build at 10k
articles), and its other items digested after them in order, each as before.  The pickle's
bytes decode to the leaves (a string's every code point, a float to the bit, ``True`` apart from
``1``), so two containers with the same bytes hold the same values; equal values whose strings
are shared differently may pickle differently, which can only render a page again.
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
from zoneinfo import ZoneInfo

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from briefing import model

from .store import Origin

MAX_DEPTH = 12
# A content object's attributes that are not what it shows: the shared context and settings
# (digested once per build) and Pelican's per-page link state.
NOT_SHOWN = frozenset({"_context", "settings"})
_PLAIN = frozenset({type(None), bool, int, float, str, bytes})  # None included
# Pickled as they are inside a container's leaves.  bytes is not one: a bytes object in the
# leaves is a marker (_LATER: an item digested after them; a date with its type's name).
_LEAF = frozenset({type(None), bool, int, float, str})
_LATER = b""
_DATES = {dt.datetime: b"datetime", dt.date: b"date"}
_ZONES = frozenset({ZoneInfo, dt.timezone})  # written as _feed writes a tzinfo: its name


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
        elif not own and id(value) in self._memo and self._memo[id(value)][0] is value:
            # Digested before in this build (an article linked from many pages, a tag): what
            # _memoised would return, without the isinstance chain (143k references at 10k).
            h.update(self._memo[id(value)][1])
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
            head = f"<{kind.__module__}.{kind.__qualname__}({','.join(names)})"
            shape = self._shapes[kind] = (head.encode(), names)
        h.update(shape[0])
        self._items(h, [getattr(value, name) for name in shape[1]], depth)
        h.update(b">")

    def _items(self, h: Any, values: list[Any] | tuple[Any, ...], depth: int) -> None:
        """Digest values in order: their leaves pickled at once, then each other one."""
        later = _leaves(h, values)
        for item in later:
            self._feed(h, item, depth + 1)

    def _named(self, h: Any, pairs: list[tuple[str, Any]], depth: int, own: bool = False) -> None:
        """Digest (name, value) pairs in order: the leaves with their names at once, then each
        other value after its name."""
        later = _leaves(h, [v for _, v in pairs], names=[n for n, _ in pairs])
        if later:
            at = iter(later)
            for name, value in pairs:
                if not _is_leaf(value):
                    h.update(f"{name}=".encode())
                    self._feed(h, next(at), depth + 1, own=own)

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
            pairs = [(str(key), value[key]) for key in sorted(value, key=str)]
            self._named(h, pairs, depth, own=depth == 0)
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
        self._items(h, value, depth)
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
        pairs = []
        for name, value in sorted(attributes.items()):
            if name not in NOT_SHOWN and name != "metadata":
                pairs.append((name, value))
                named.setdefault(id(value), name)
        self._named(h, pairs, depth)
        if "metadata" in attributes:
            h.update(b"metadata=")
            self._metadata(h, attributes["metadata"], named, depth + 1)
        h.update(b">")

    def _metadata(self, h: Any, value: Any, named: dict[int, str], depth: int) -> None:
        if type(value) is not dict:
            self._feed(h, value, depth)
            return
        h.update(f"{{{len(value)}".encode())
        pairs: list[tuple[str, Any]] = []
        for key in sorted(value, key=str):
            item = value[key]
            same = named.get(id(item))  # the very object: its value is in the digest
            pairs.append((str(key), item if same is None else _Attribute(same)))
        self._named(h, pairs, depth)
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
        values = [
            content.source_path,
            content.url,  # what a link shows (save_as follows from the same settings)
            getattr(content, "title", None),
            getattr(content, "date", None),
            getattr(content, "category", None),
            getattr(content, "tags", None),
            getattr(content, "briefing", None),
            getattr(content, "_summary", None),
        ]
        self._items(h, values, depth)  # the names are this method's, in this order
        h.update(b">")


class _Attribute(str):
    """In place of a metadata value that is the very object of one of the article's
    attributes: that attribute's name (a str made in C; only :func:`_leaves` reads it)."""

    __slots__ = ()


def _is_leaf(value: Any) -> bool:
    kind = type(value)
    return kind in _LEAF or kind in _DATES or kind in _ZONES or kind is _Attribute


def _leaves(
    h: Any, values: list[Any] | tuple[Any, ...], names: list[str] | None = None
) -> list[Any]:
    """Pickle the leaves of ``values`` at once into ``h``; return the other values, in order.

    In the pickle each other value is the marker ``_LATER`` (no leaf is bytes); a date is its
    type's name (as bytes) and its ISO text, a time zone ``b"tz"`` and its name, a metadata
    alias ``b"attribute"`` and the attribute's name; ``names`` (when given) go beside them.
    Nothing is written when no value is a leaf.
    """
    flat: list[Any] = []
    later: list[Any] = []
    for value in values:
        kind = type(value)
        if kind in _LEAF:
            flat.append(value)
        elif kind in _DATES:
            flat.append((_DATES[kind], value.isoformat()))
        elif kind in _ZONES:
            flat.append((b"tz", str(value)))
        elif kind is _Attribute:
            flat.append((b"attribute", str(value)))
        else:
            flat.append(_LATER)
            later.append(value)
    if len(later) < len(values):
        leaves = tuple(flat) if names is None else (tuple(names), tuple(flat))
        data = pickle.dumps(leaves, protocol=pickle.HIGHEST_PROTOCOL)
        h.update(b"\0leaves:%d:" % len(data))
        h.update(data)
    return later


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
