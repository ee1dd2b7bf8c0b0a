"""Find raw inputs on disk and read them (bytes, size limits, sidecars): the ingest's input edge."""

from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from briefing import dating
from briefing.report import Rejection

SIDECAR = ".meta.yaml"
KINDS = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".html.gz": "html",
    ".htm.gz": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".md": "md",
}
# A page dump or HTML page is a few hundred KB at most; 8 MB is far beyond any real one and keeps
# a stray log or database dump from being read whole.  Scraper output (JSON Lines) can be large.
MAX_PAGE_BYTES = 8 * 1024 * 1024
MAX_RECORDS_BYTES = 512 * 1024 * 1024
MAX_SIDECAR_BYTES = 64 * 1024  # a handful of fields


@dataclass(frozen=True)
class RawInput:
    """One input file: where it is and what its path says."""

    path: Path
    rel: str  # relative to the raw root given on the command line, "/"-separated
    kind: str  # txt, html, json, jsonl, md

    @property
    def folder(self) -> str:
        """The folder of the input relative to the raw root ("" at the root)."""
        return self.rel.rsplit("/", 1)[0] if "/" in self.rel else ""

    @property
    def source_hint(self) -> str | None:
        """The source named by the folder: ``raw/<source>/file.txt``."""
        parts = self.rel.split("/")
        return parts[0] if len(parts) > 1 else None


@dataclass(frozen=True)
class Sidecar:
    """``<name>.meta.yaml`` beside an input: what the scraper knew about the page."""

    date: datetime | None = None
    url: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None


class InputError(ValueError):
    """The input cannot be read; the message is the reason shown to the user."""


def kind_of(path: Path) -> str | None:
    """Return the input kind for a file name, or None when unsupported."""
    name = path.name.lower()
    return next((kind for suffix, kind in KINDS.items() if name.endswith(suffix)), None)


def discover(paths: list[Path]) -> Discovery:
    """Return the inputs under ``paths`` (files or folders) in a stable order, and the misfits.

    Only regular files inside the folder given are inputs: a link is followed only when its
    target is a regular file inside that folder; special files (FIFOs, devices, sockets) and
    links leading out are rejected with their reason.  Hidden files and folders are skipped, and
    sidecars without an input are rejected, each reported by name.
    """
    found = Discovery()
    sidecars: list[tuple[Path, str]] = []
    for given in paths:
        if given.is_dir():
            root = given.resolve()
            pairs = [(p, p.relative_to(given).as_posix()) for p in _walk(given, found)]
        elif given.exists() or given.is_symlink():
            root, pairs = None, [(given, given.name)]
        else:
            found.rejected.append(Rejection(str(given), "no such file or folder"))
            continue
        for path, rel in pairs:
            if rel.endswith(SIDECAR):
                sidecars.append((path, rel))
            else:
                _consider(path, rel, root, found)
    used = {sidecar_path(raw.path) for raw in found.inputs}
    found.rejected += [
        Rejection(rel, "sidecar without an input beside it")
        for path, rel in sidecars
        if path not in used
    ]
    return found


@dataclass
class Discovery:
    """What ``discover`` found: inputs, rejections and files skipped on purpose."""

    inputs: list[RawInput] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)


def _walk(folder: Path, found: Discovery) -> list[Path]:
    """Every entry below ``folder`` in sorted order, hidden ones reported and left out."""
    out: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        found.rejected.append(Rejection(str(folder), f"unreadable folder: {exc.strerror or exc}"))
        return out
    for entry in entries:
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir() and not entry.is_symlink() else "file"
            found.skipped.append(Rejection(str(entry), f"hidden {kind}, not read"))
        elif entry.is_dir() and not entry.is_symlink():
            out.extend(_walk(entry, found))
        else:
            out.append(entry)
    return out


def _consider(path: Path, rel: str, root: Path | None, found: Discovery) -> None:
    problem = _not_regular(path, root)
    if problem:
        found.rejected.append(Rejection(rel, problem))
        return
    kind = kind_of(path)
    if kind is None:
        expected = ", ".join(sorted(set(KINDS)))
        found.rejected.append(Rejection(rel, f"unsupported file type (expected {expected})"))
    else:
        found.inputs.append(RawInput(path, rel, kind))


def _not_regular(path: Path, root: Path | None) -> str | None:
    """Why ``path`` is not a regular file we may read (None when it is one)."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):  # no link: inside the folder it was found in
            return None
    except OSError:
        pass  # answered below, with the reason
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return "unreadable: a link to nothing (dangling or looping symlink)"
    if root is not None and path.is_symlink() and not target.is_relative_to(root):
        return "a link to a file outside the raw folder, not read"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, device, socket or folder link), not read"
    return None


def _limit(raw: RawInput) -> int:
    return MAX_RECORDS_BYTES if raw.kind in ("json", "jsonl") else MAX_PAGE_BYTES


def _too_large(raw: RawInput, what: str) -> InputError:
    limit_mb = _limit(raw) / 1e6
    return InputError(f"too large for a {raw.kind} input ({what} over the {limit_mb:.0f} MB limit)")


def read_bytes(raw: RawInput) -> bytes:
    """Read an input's bytes (gzip undone), refusing more than its kind's size limit."""
    limit = _limit(raw)
    try:
        problem = _not_regular(raw.path, None)
        if problem:
            raise InputError(problem)
        with raw.path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise _too_large(raw, "file")
        if raw.path.name.lower().endswith(".gz"):
            data = _gunzip(data, limit, raw)
        return data
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}") from None


def _gunzip(data: bytes, limit: int, raw: RawInput) -> bytes:
    """Decompress gzip data, stopping (and refusing) past ``limit`` bytes of output."""
    inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"not a readable gzip file ({exc})") from None
    if len(out) > limit or inflate.unconsumed_tail:
        raise _too_large(raw, "decompressed")
    if not inflate.eof:
        raise InputError("not a readable gzip file (truncated)")
    return out


def sidecar_path(path: Path) -> Path | None:
    """Return the sidecar of an input (``name.meta.yaml`` or ``name.txt.meta.yaml``) if present."""
    for candidate in (path.with_name(path.name + SIDECAR), path.with_suffix(SIDECAR)):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> Sidecar | None:
    """Load an input's sidecar; raise InputError naming the bad field."""
    side = sidecar_path(path)
    if side is None:
        return None
    problem = _not_regular(side, None)
    if problem or side.stat().st_size > MAX_SIDECAR_BYTES:
        raise InputError(f"sidecar {side.name}: {problem or 'too large for a sidecar'}")
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).replace("\n", " ")
        raise InputError(f"sidecar {side.name} is unreadable: {reason}") from None
    except (ValueError, RecursionError) as exc:  # PyYAML turns 2026-02-30 into ValueError
        raise InputError(f"sidecar {side.name} holds an impossible value: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"sidecar {side.name} must be a YAML mapping")
    return Sidecar(
        date=_aware(data, "date", side.name),
        url=_text(data, "url", side.name),
        source=_text(data, "source", side.name),
        fetched_at=_aware(data, "fetched_at", side.name),
    )


def _text(data: dict[str, Any], key: str, name: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"sidecar {name}: '{key}' must be a string")
    return value


def _aware(data: dict[str, Any], key: str, name: str) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return dating.aware(value)
    except ValueError as exc:
        raise InputError(f"sidecar {name}: '{key}': {exc}") from None
