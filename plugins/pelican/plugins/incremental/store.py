"""Content-keyed caches of the build: a value computed from some bytes, found again by them.

Two stages of a build redo, for every article, work whose result depends only on the article's
file: the reader (the front-matter load and the Markdown render: 17 s of a 1k build under
cProfile) and read next's tokenising of the text.  A :class:`Store` keeps such results by a
digest of the bytes they came from and of a **salt**: everything else the result depends on
(the code, library versions, settings), so a change to any of them misses every entry.  Keyed on
content, not on a path or a time, a store can never give a file another file's result; an
entry a build did not use is removed when it saves.

A store is a SQLite file outside ``output/`` (``briefing build`` puts them in
``.briefing-cache/`` beside the content).  Values are pickles written by the build itself.
Saving is one transaction, so a killed build leaves the previous store or the new one; an
unreadable file is replaced by an empty store.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

SCHEMA = 1
_QUERY_KEYS = 500  # keys per IN (...) query: under SQLite's 999 parameters
_GET = "SELECT value FROM entries WHERE key = ?"
T = TypeVar("T")


@dataclass(frozen=True)
class Origin(Generic[T]):
    """A value with the store key it was computed from (or found by): the digest of its bytes
    and of the store's salt, which together determine the value (and each item of a tuple).

    The render keys (``fingerprint.py``) digest an ``Origin``, and each item of its value, by
    its key without reading the value: the briefing reader's record of each article (10k
    records pickled were a sixth of the keys' time).  Only :meth:`Store.keyed` makes one.
    """

    key: str
    value: T


def salt(*parts: str | bytes, code: tuple[Path, ...] = ()) -> str:
    """Digest the parts a store's values depend on besides their bytes, with code files."""
    h = hashlib.sha256(f"store {SCHEMA}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    for path in sorted(code):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class Store:
    """Values by the digest of the bytes they came from; ``path`` None keeps nothing."""

    def __init__(self, path: Path | None, salt: str) -> None:
        self.path = path
        self.salt = salt
        self.hits = 0
        self._db: sqlite3.Connection | None = None
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()

    def key(self, data: bytes) -> str:
        """Return the key of a file's bytes."""
        return hashlib.sha256(self.salt.encode() + b"\0" + data).hexdigest()

    def get(self, key: str) -> Any:
        """Return the value of ``key`` from an earlier build, or None.

        One query a key, not every entry read at the first look-up: a daily build asks the
        tokens store for a few dozen keys, and reading every row held its 600 MB (100k
        articles) through the whole read-next stage; the reader's 1 GB was held beside the
        articles it had parsed.  100k queries cost 1.5 CPU s against 1.3 for one scan.
        """
        db = self._open()
        row = None if db is None else db.execute(_GET, (key,)).fetchone()
        if row is None:
            return None
        self._used.add(key)
        self.hits += 1
        return pickle.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        """Remember a value computed by this build (written by :meth:`save`)."""
        if self.path is not None:
            self._new[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def computed(self, data: bytes, compute: Callable[[], T]) -> T:
        """Return the value kept for ``data``, else ``compute()`` (kept for the next build)."""
        return self.keyed(data, compute).value

    def keyed(self, data: bytes, compute: Callable[[], T]) -> Origin[T]:
        """Return :meth:`computed`'s value with its key, as an :class:`Origin`."""
        key = self.key(data)
        found: T | None = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return Origin(key, found)

    def missing(self, keys: list[str]) -> set[str]:
        """Return the keys that have no value in the store (all of them when it keeps nothing)."""
        db = self._open()
        if db is None:
            return set(keys)
        found: set[str] = set()
        for at in range(0, len(keys), _QUERY_KEYS):
            chunk = keys[at : at + _QUERY_KEYS]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(f"SELECT key FROM entries WHERE key IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return set(keys) - found

    def fill(self, values: dict[str, Any]) -> None:
        """Write values computed elsewhere (prefill.py) at once, in one transaction, keeping
        every other entry: the build that reads them marks them used."""
        db = self._open()
        if db is None or not values:
            return
        rows = ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in values.items())
        with db:
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)

    def close(self) -> None:
        """Close the connection without saving (a store only filled or asked for keys)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def save(self) -> None:
        """Write this build's new entries and drop those it did not use, in one transaction."""
        db = self._open()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", self._new.items())
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self._used))
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self._new))
                db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
        finally:
            db.close()
            self._db = None
        logger.debug("store %s: %d hits, %d new", self.path, self.hits, len(self._new))

    def _open(self) -> sqlite3.Connection | None:
        if self.path is None or self._db is not None:
            return self._db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _connect(self.path)
        except sqlite3.DatabaseError as exc:  # not a database (a torn or foreign file): start over
            logger.info("store %s unreadable (%s): starting a new one", self.path, exc)
            self.path.unlink(missing_ok=True)
            self._db = _connect(self.path)
        return self._db


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
