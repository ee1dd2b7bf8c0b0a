"""Find raw inputs on disk and read them (bytes, size limits, sidecars): the ingest's input edge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

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


def discover(paths: list[Path]) -> tuple[list[RawInput], list[Rejection]]:
    """Return the inputs under ``paths`` (files or folders) in a stable order, and the misfits."""
    inputs: list[RawInput] = []
    rejected: list[Rejection] = []
    for given in paths:
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.is_file() or p.is_symlink())
            pairs = [(p, p.relative_to(given).as_posix()) for p in files]
        elif given.exists() or given.is_symlink():
            pairs = [(given, given.name)]
        else:
            rejected.append(Rejection(str(given), "no such file or folder"))
            continue
        for path, rel in pairs:
            if any(part.startswith(".") for part in Path(rel).parts) or rel.endswith(SIDECAR):
                continue
            kind = kind_of(path)
            if kind is None:
                expected = ", ".join(sorted(set(KINDS)))
                rejected.append(Rejection(rel, f"unsupported file type (expected {expected})"))
            else:
                inputs.append(RawInput(path, rel, kind))
    return inputs, rejected


def read_bytes(raw: RawInput) -> bytes:
    """Read an input's bytes, refusing files too large to be what their name says."""
    limit = MAX_RECORDS_BYTES if raw.kind in ("json", "jsonl") else MAX_PAGE_BYTES
    try:
        size = raw.path.stat().st_size
        if size > limit:
            mb, limit_mb = size / 1e6, limit / 1e6
            raise InputError(
                f"too large for a {raw.kind} input ({mb:.1f} MB; limit {limit_mb:.0f} MB)"
            )
        return raw.path.read_bytes()
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}") from None


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
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"sidecar {side.name} is unreadable: {exc}") from None
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
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InputError(f"sidecar {name}: '{key}' is not an ISO 8601 date") from None
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InputError(f"sidecar {name}: '{key}' needs a date, a time and a UTC offset")
    return value
