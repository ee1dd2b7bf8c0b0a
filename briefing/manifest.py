"""The ingest manifest: what unchanged inputs and content files gave last time.

A re-ingest over a raw folder where only a day's files are new should not extract the other
thousands again.  The manifest is a cache outside ``content/`` (one SQLite file per content
folder, under ``<content>/../.briefing-cache/`` unless told otherwise) with two tables:

- ``inputs``: what :func:`briefing.ingest.parse_input` returned for an input, keyed on a hash of
  the extractor's version (every source file of the ``briefing`` package), the input's path
  and kind, its bytes, its sidecar's bytes, the ``--date`` and ``--fetched-at`` options and
  the boilerplate learned for its folder.  Any change to any of them is a miss, so a hit is
  what extraction would give.
- ``files``: the parsed article of each content file, keyed on its path, size, modification
  time and inode, so the archive scan re-reads only files that changed since.

Placement (identity, duplicates, updates, editors' changes) runs on every input as before: the
manifest only saves the work before it.  It is a cache: deleting it costs time, never
articles.  Its rows are pickles written by this program; like Pagefind's cache it is trusted
as a local build artefact, not as input.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import briefing

SCHEMA = 1
CACHE_DIR = ".briefing-cache"


@cache
def code_version() -> str:
    """A digest of the normaliser's own code and profiles: a new version misses every entry."""
    root = Path(briefing.__file__).parent
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.yaml")]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def default_path(content: Path) -> Path:
    """Where the manifest of ``content`` lives unless told otherwise."""
    content = content.resolve()
    name = hashlib.sha256(str(content).encode()).hexdigest()[:12]
    return content.parent / CACHE_DIR / f"ingest-{content.name}-{name}.sqlite"


def input_key(parts: Iterable[bytes]) -> str:
    """The key of one input from its parts (see the module docstring)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


FileStamp = tuple[int, int, int]  # size, mtime in ns, inode


def stamp_of(path: Path) -> FileStamp:
    """What says a content file is the one the manifest saw."""
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class Manifest:
    """The SQLite manifest of one content folder."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60)
        self.db.execute("CREATE TABLE IF NOT EXISTS inputs (key TEXT PRIMARY KEY, parsed BLOB)")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stamp TEXT, article BLOB)"
        )
        self.version = code_version()

    def close(self) -> None:
        """Commit what this run learned and close the database."""
        self.db.commit()
        self.db.close()

    def parsed(self, keys: list[str]) -> dict[str, Any]:
        """The stored results of the inputs whose keys are given (the hits only)."""
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(f"SELECT key, parsed FROM inputs WHERE key IN ({marks})", batch)
            found.update((key, pickle.loads(blob)) for key, blob in rows)
        return found

    def remember_parsed(self, key: str, parsed: object) -> None:
        """Store what an input gave."""
        blob = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?)", (key, blob))

    def stored_files(self) -> dict[str, tuple[str, bytes]]:
        """Every stored content file: path -> (stamp, pickled article)."""
        rows = self.db.execute("SELECT path, stamp, article FROM files")
        return {path: (stamp, blob) for path, stamp, blob in rows}

    def current(self, path: Path, row: tuple[str, bytes] | None) -> Any:
        """The stored article of ``path`` when its row is current (None: parse the file)."""
        if row is None or row[0] != f"{self.version} {stamp_of(path)}":
            return None
        return pickle.loads(row[1])

    def remember_file(self, path: Path, article: object) -> None:
        """Store the article a content file holds, with the file's stamp and our version."""
        stamp = f"{self.version} {stamp_of(path)}"
        blob = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (str(path), stamp, blob))

    def forget_files(self, paths: Iterable[str]) -> None:
        """Drop the rows of content files that are gone."""
        self.db.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in paths))
