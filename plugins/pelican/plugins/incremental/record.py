"""The render record: for each keyed write of the last build, its key and the files it wrote.

It lives outside ``output/`` (``briefing build`` puts it in ``.briefing-cache/``).  Each file is
recorded with its inode, size and modification time, and a page is kept only while the file in
the previous output still has them: a record that outlived its output (an interrupted swap, an
output folder replaced by hand) can never make a build keep a page it did not write.  The
build writes the new record where ``INCREMENTAL["update"]`` says; ``briefing build`` moves it
in place after the output's swap, and removes it when the build failed.

Every write is recorded, those that are always rendered with the key ``""`` (no render key is
empty, so they are never kept): the record lists every page of the build, and the next build
counts the pages it deleted from it instead of walking two output trees.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA = 2  # 2: every write recorded (unkeyed ones with the key "")


@dataclass(frozen=True)
class Written:
    """One file a write produced: its path inside the output, and its identity on disk."""

    path: str
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, root: Path, path: str) -> Written:
        """Record the file ``root/path`` as it is now."""
        st = (root / path).stat()
        return cls(path, st.st_ino, st.st_size, st.st_mtime_ns)

    def unchanged(self, root: Path | str) -> bool:
        """Say whether ``root/path`` is still the file that was recorded."""
        try:
            # Not pathlib: called for every kept file (13k at 10k articles), strings are cheaper.
            st = os.stat(os.path.join(root, self.path))  # noqa: PTH116, PTH118
        except OSError:
            return False
        return (st.st_ino, st.st_size, st.st_mtime_ns) == (self.inode, self.size, self.mtime_ns)


@dataclass(frozen=True)
class Entry:
    """A keyed write: its render key and every file it produced (pages of a listing)."""

    key: str  # "": always rendered (recorded for its files only)
    files: tuple[Written, ...]


def pages(entries: dict[str, Entry]) -> set[str]:
    """Return the HTML pages the recorded writes produced (relative paths)."""
    return {f.path for e in entries.values() for f in e.files if f.path.endswith(".html")}


def load(record: Path) -> dict[str, Entry]:
    """Return the record's entries by write name; an absent or unreadable record is empty."""
    if not record.is_file():
        return {}
    try:
        db = sqlite3.connect(f"file:{record}?mode=ro", uri=True)
        try:
            (schema,) = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
            rows = db.execute("SELECT name, key, files FROM pages").fetchall()
        finally:
            db.close()
    except (sqlite3.Error, TypeError, ValueError):
        return {}
    if schema != str(SCHEMA):
        return {}
    return {n: Entry(k, tuple(Written(*f) for f in json.loads(fs))) for n, k, fs in rows}


def save(path: Path, entries: dict[str, Entry]) -> None:
    """Write ``entries`` as a fresh record at ``path`` (replacing what is there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        with db:
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE pages (name TEXT PRIMARY KEY, key TEXT, files TEXT)")
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?)",
                (
                    (n, e.key, json.dumps([[f.path, f.inode, f.size, f.mtime_ns] for f in e.files]))
                    for n, e in sorted(entries.items())
                ),
            )
    finally:
        db.close()
    tmp.replace(path)
