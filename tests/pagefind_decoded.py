"""Pagefind's search index decoded, for comparing two indexes of the same pages.

Two Pagefind runs over the same pages do not write the same bytes: a filter file lists its
values in a hash map's order (``["year", [["2024", [...]], ["2023", [...]]]]`` one run,
``2023`` first the next), so its name (a hash of its bytes) and the metadata file naming it
differ too.  Everything else (word chunks, fragments, the pages' order and numbers) came out
the same in every run we compared.  :func:`decoded` turns a Pagefind output folder into what a
search reads: the word chunks and fragments as they are, each filter as its values sorted, the
metadata with the filters by name, the entry without its metadata's hash.
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def decoded(folder: Path) -> dict[str, Any]:
    """Return the Pagefind output under ``folder`` (parts and runtime) decoded, by file."""
    out: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".pf_filter":
            name, values = load(path)
            out[f"{path.parent.parent.relative_to(folder)}: filter {name}"] = sorted(
                (value, tuple(pages)) for value, pages in values
            )
        elif path.suffix == ".pf_meta":
            version, pages, chunks, filters, sorts, fields = load(path)
            filters = sorted(name for name, _ in filters)
            out[f"{path.parent.relative_to(folder)}: meta"] = [
                version,
                pages,
                chunks,
                filters,
                sorts,
                fields,
            ]
        elif path.name == "pagefind-entry.json":
            entry = json.loads(path.read_bytes())
            for language in entry["languages"].values():
                language.pop("hash")
            out[rel] = entry
        else:
            out[rel] = path.read_bytes()
    return out


def load(path: Path) -> Any:
    """Decode one of Pagefind's gzipped CBOR files (index, filter, metadata)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    value, end = _item(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path}: {len(data) - end} bytes after the value")
    return value


def _item(data: bytes, at: int) -> tuple[Any, int]:
    """Decode the CBOR item at ``at`` (RFC 8949: what Pagefind writes); return it and its end."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if major == 7:
        return _simple(data, at, info)
    count: int | None = None
    if info < 24:
        count = info
    elif info < 28:
        size = 1 << (info - 24)
        count, at = int.from_bytes(data[at : at + size], "big"), at + size
    elif info != 31:
        raise ValueError(f"CBOR: reserved length {info}")
    if major in (0, 1, 6):
        if count is None:
            raise ValueError("CBOR: an integer or tag without a value")
        if major == 6:  # a tag: the tagged item is the value
            return _item(data, at)
        return (count if major == 0 else -1 - count), at
    if major in (2, 3):
        return _string(data, at, count, major == 3)
    items: list[Any] = []
    size = count if major == 4 else None if count is None else 2 * count
    while (data[at] != 0xFF) if size is None else len(items) < size:
        item, at = _item(data, at)
        items.append(item)
    at += 1 if size is None else 0
    if major == 4:
        return items, at
    return {_key(k): v for k, v in zip(items[::2], items[1::2], strict=True)}, at


def _key(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def _string(data: bytes, at: int, count: int | None, text: bool) -> tuple[Any, int]:
    if count is None:  # chunks until the break byte
        chunks = []
        while data[at] != 0xFF:
            chunk, at = _item(data, at)
            chunks.append(chunk)
        return ("" if text else b"").join(chunks), at + 1
    raw = data[at : at + count]
    return (raw.decode() if text else bytes(raw)), at + count


_FLOATS = {25: ">e", 26: ">f", 27: ">d"}


def _simple(data: bytes, at: int, info: int) -> tuple[Any, int]:
    if info in _FLOATS:
        size = struct.calcsize(_FLOATS[info])
        return struct.unpack(_FLOATS[info], data[at : at + size])[0], at + size
    values = {20: False, 21: True, 22: None, 23: None}
    if info not in values:
        raise ValueError(f"CBOR: simple value {info}")
    return values[info], at
