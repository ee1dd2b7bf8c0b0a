"""Assemble the offline bundle from the offline render, reusing the last bundle's pages (#15).

The offline site is rendered (incrementally, like the hosted one) into a folder of its own
under ``.briefing-cache/`` that is never edited, so the render record's file check holds and a
daily update renders only what changed.  The bundle is a separate tree built beside
``dist/<name>-offline`` and swapped in:

* every non-HTML file is a hard link to the render (copied where links fail);
* an HTML page is rewritten (:func:`briefing.offline.rewrite_page`) unless the record says the
  last bundle holds the rewrite of the same bytes: the page's SHA-256, the bundle file's
  inode, size and time, and the answer to every question the rewrite asked of the file tree
  ("is X a folder?", "is X a file?") are unchanged.  Then the last bundle's file is linked.

The rewrite is a pure function of the page's bytes and those answers, so a kept page is the
file a clean bundle would write.  The record is replaced only after the new bundle is in place;
a record that outlives its bundle names files by inode, so it can only miss, never keep wrongly.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import offline_links as offline

logger = logging.getLogger(__name__)

Seen = tuple[str, str, bool]  # ("files" | "folders", path, answer)
Stamp = tuple[int, int, int]  # inode, size, mtime in ns


@dataclass(frozen=True)
class Entry:
    """What the record knows of one bundled page."""

    digest: str  # SHA-256 of the rendered (un-rewritten) page
    stamp: Stamp  # the bundle file written for it
    seen: tuple[Seen, ...]  # the tree questions the rewrite asked, with their answers


@dataclass
class _Names:
    """A set of names that notes every membership question asked of it."""

    kind: str
    names: frozenset[str]
    log: list[Seen]

    def __contains__(self, name: object) -> bool:
        answer = name in self.names
        self.log.append((self.kind, str(name), answer))
        return answer


@dataclass
class _Probe:
    """A :class:`briefing.offline.Tree` look-alike whose answers are recorded."""

    tree: offline.Tree
    log: list[Seen] = field(default_factory=list)

    @property
    def files(self) -> _Names:
        return _Names("files", self.tree.files, self.log)

    @property
    def folders(self) -> _Names:
        return _Names("folders", self.tree.folders, self.log)


@dataclass(frozen=True)
class Derive:
    """How the hosted build's pages become the offline ones, from the hosted build itself.

    ``head`` and ``engine`` are the theme's offline search scripts and hosted search engine as
    the hosted build rendered them; ``skip`` the paths (a folder ends in ``/``) only the
    hosted site has; ``index`` the folder holding the offline index, at ``folder`` in the bundle.
    """

    head: str
    engine: str
    skip: tuple[str, ...]
    index: Path
    folder: str

    def key(self) -> bytes:
        """What a page's rewrite depends on besides its bytes and the tree."""
        return f"{self.head}\0{self.engine}\0".encode()

    def hosted_only(self, name: str) -> bool:
        """Whether ``name`` (a path in the hosted output) stays out of the bundle."""
        return any(name == p or (p.endswith("/") and name.startswith(p)) for p in self.skip)


def bundle_tree(source: Path, derive: Derive) -> tuple[offline.Tree, dict[str, Path]]:
    """The bundle's tree and where each of its files comes from."""
    origin: dict[str, Path] = {}
    folders = {"."}
    for root, prefix in ((source, ""), (derive.index, f"{derive.folder}/")):
        scanned = offline.Tree.scan(root)
        for name in scanned.files:
            if prefix or not derive.hosted_only(name):
                origin[prefix + name] = root / name
        for name in scanned.folders:
            if name != "." and (prefix or not derive.hosted_only(name + "/")):
                folders.add(prefix + name)
    if derive.index.is_dir():
        folders.add(derive.folder)
    return offline.Tree(frozenset(origin), frozenset(folders)), origin


@dataclass(frozen=True)
class Assembled:
    """The outcome of :func:`assemble`: the new record, the link errors, pages kept/rewritten."""

    record: dict[str, Entry]
    errors: list[offline.LinkError]
    kept: int
    rewritten: int


def stamp(path: Path) -> Stamp:
    """Return the inode, size and modification time of ``path``."""
    st = path.stat()
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load_record(path: Path) -> dict[str, Entry]:
    """Read a bundle record; a missing or unreadable one is empty (every page is rewritten)."""
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return {
            page: Entry(e["digest"], tuple(e["stamp"]), tuple(tuple(s) for s in e["seen"]))
            for page, e in raw.items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save_record(path: Path, record: dict[str, Entry]) -> None:
    """Write ``record`` atomically (a temporary file renamed over the old one)."""
    data = {
        page: {"digest": e.digest, "stamp": list(e.stamp), "seen": [list(s) for s in e.seen]}
        for page, e in sorted(record.items())
    }
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` as ``target``; copy it where the file system refuses links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _still_valid(entry: Entry | None, digest: str, previous: Path, tree: offline.Tree) -> bool:
    if entry is None or entry.digest != digest:
        return False
    try:
        if stamp(previous) != entry.stamp:
            return False
    except OSError:
        return False
    sets = {"files": tree.files, "folders": tree.folders}
    return all((name in sets[kind]) == answer for kind, name, answer in entry.seen)


def _rewrite(
    render: Path, target: Path, tree: offline.Tree, derive: Derive | None, page: str
) -> tuple[tuple[Seen, ...], list[offline.LinkError]]:
    """Rewrite one page into the new bundle; return the tree answers and errors."""
    probe = _Probe(tree)
    html = (render / page).read_text(encoding="utf-8")
    if derive is not None:
        html = offline.offline_page(html, derive.head, derive.engine)
    new, errors = offline.rewrite_page(probe, page, html, hosted=derive is not None)
    (target / page).write_text(new, encoding="utf-8")
    return tuple(dict.fromkeys(probe.log)), errors


def assemble(
    render: Path,
    previous: Path,
    target: Path,
    old: dict[str, Entry],
    jobs: int = 1,
    derive: Derive | None = None,
) -> Assembled:
    """Write the bundle of ``render`` into ``target``, linking ``previous``'s still-valid pages.

    ``render`` is an offline render, or with ``derive`` the hosted build's output.
    """
    if derive is None:
        tree = offline.Tree.scan(render)
        origin = {name: render / name for name in tree.files}
    else:
        tree, origin = bundle_tree(render, derive)
    key = derive.key() if derive is not None else b""
    for folder in sorted(tree.folders):
        (target / folder).mkdir(parents=True, exist_ok=True)
    record: dict[str, Entry] = {}
    todo: dict[str, str] = {}
    for name in sorted(tree.files):
        if not name.endswith(".html"):
            link_or_copy(origin[name], target / name)
            continue
        digest = hashlib.sha256(key + origin[name].read_bytes()).hexdigest()
        entry = old.get(name)
        if entry is not None and _still_valid(entry, digest, previous / name, tree):
            link_or_copy(previous / name, target / name)
            record[name] = Entry(digest, stamp(target / name), entry.seen)
        else:
            todo[name] = digest
    errors: list[offline.LinkError] = []
    pages = list(todo)
    work = functools.partial(_rewrite, render, target, tree, derive)
    for page, (seen, found) in zip(pages, offline.map_pages(work, pages, jobs), strict=True):
        errors += found
        record[page] = Entry(todo[page], stamp(target / page), seen)
    errors += offline.check_css(target, tree)
    kept = len(record) - len(todo)
    logger.info("offline bundle: %d pages kept, %d rewritten", kept, len(todo))
    return Assembled(record, errors, kept, len(todo))
