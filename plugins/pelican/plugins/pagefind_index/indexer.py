"""Run Pagefind once over every article page of the built site (cached across builds).

Output under ``<site>/<output_dir>/pagefind/``: one Pagefind bundle (runtime, WebAssembly,
metadata, word chunks, filters, fragments) holding every article and translation, indexed as
one language (``--force-language``).  One index is what makes a search complete: Pagefind
scores and counts every match against the whole archive, sorts by date over all of it, and
its filter counts are exact (docs/SEARCH.md measures the cut into parts it replaced).

The bundle is cached outside the output, keyed by a hash of every page's digest and of the
configuration; a build whose articles did not change links the cached bundle in.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from . import runner
from .settings import PagefindSettings

logger = logging.getLogger(__name__)

PAGEFIND_VERSION = "1.5.2"
_DONE = "done.json"
_RUNTIME_FILES = ("pagefind.js", "pagefind-highlight.js", "pagefind-entry.json")
_INDEX_SUFFIXES = (".pf_meta", ".pagefind")  # the metadata and the WebAssembly per language
_BUNDLE_DIRS = ("index", "filter", "fragment")


class IndexLayoutError(ValueError):
    """An article page is not where the one Pagefind glob can select it."""


@dataclass(frozen=True)
class PageSource:
    """What decides a page's indexed content: where it is written, its date and a digest."""

    save_as: str  # path under the output folder, e.g. "2026/02/27/amy-carlon/index.html"
    date: datetime
    digest: str  # changes whenever the page's indexed text, filters or meta may change


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did, for the build log and the benchmark."""

    pages: int
    indexed: bool  # False: the cached bundle was reused
    seconds: float


def digest(*fields: str) -> str:
    """Return a short stable hash of text fields."""
    h = hashlib.sha256()
    for text in fields:
        h.update(text.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:20]


def page_glob(pages: Sequence[PageSource]) -> str:
    """Return one Pagefind glob selecting exactly the folders the pages are written in.

    Every article is ``<folder>/<slug>/<name>``: the glob lists the distinct folders (a day's,
    under ARTICLE_SAVE_AS), so day, month and tag listings beside them are never parsed.
    """
    folders: set[str] = set()
    names: set[str] = set()
    for page in pages:
        path = PurePosixPath(page.save_as)
        if len(path.parts) < 3:
            raise IndexLayoutError(f"{page.save_as}: an article must be <folder>/<slug>/<file>")
        folders.add(str(path.parent.parent))
        names.add(path.name)
    if len(names) != 1:
        raise IndexLayoutError(f"article pages have different file names: {sorted(names)}")
    listed = ",".join(sorted(folders))
    return f"{{{listed}}}/*/{names.pop()}" if len(folders) > 1 else f"{listed}/*/{names.pop()}"


def index_site(
    site: Path,
    pages: Sequence[PageSource],
    settings: PagefindSettings,
    cache: Path,
    fingerprint: str,
) -> IndexReport:
    """Index every article page of ``site`` into one bundle (or reuse the cached one)."""
    started = time.perf_counter()
    out = site / settings.output_dir / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    if not pages:
        return IndexReport(0, False, 0.0)
    ordered = sorted(pages, key=lambda p: p.save_as)
    key = digest(fingerprint, settings.language, *(f"{p.save_as}\t{p.digest}" for p in ordered))
    entry = cache / key
    indexed = not (entry / _DONE).exists()
    if indexed:
        _index(site, ordered, settings, entry)
    _link_tree(entry / "bundle", out)
    _collect_garbage(cache, key)
    return IndexReport(len(pages), indexed, time.perf_counter() - started)


def _index(
    site: Path, pages: Sequence[PageSource], settings: PagefindSettings, entry: Path
) -> None:
    """Run Pagefind into a temporary entry, check its page count, then commit the entry."""
    tmp = entry.with_name(entry.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    glob = page_glob(pages)
    process = runner.start(
        site, glob, tmp / "bundle", settings.exclude_selectors, settings.language
    )
    try:
        count = runner.finish(process, glob, tmp / "bundle")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if count != len(pages):
        shutil.rmtree(tmp, ignore_errors=True)
        raise runner.PagefindError(f"Pagefind indexed {count} pages, expected {len(pages)}")
    done = {"pages": count, "language": settings.language}
    (tmp / _DONE).write_text(json.dumps(done), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    tmp.rename(entry)
    logger.info("Pagefind: indexed %d pages", count)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy, across file systems) what the browser reads of a cached bundle.

    Pagefind's own UI bundles (pagefind-ui.js, ...) and its worker are left out: the theme
    has its own UI, and the runtime runs on the page (``noWorker``).
    """
    target.mkdir(parents=True)
    for item in os.scandir(source):
        if item.is_dir() and item.name in _BUNDLE_DIRS:
            folder = target / item.name
            folder.mkdir()
            for chunk in os.scandir(item.path):
                # os.path.join: ~100k calls at 100k articles, where pathlib costs a second more.
                _link(chunk.path, os.path.join(folder, chunk.name))  # noqa: PTH118
        elif item.name in _RUNTIME_FILES or item.name.endswith(_INDEX_SUFFIXES):
            _link(item.path, str(target / item.name))


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: copy instead
        shutil.copy2(source, target)


def _collect_garbage(cache: Path, keep: str) -> None:
    """Remove cache entries of earlier archives (only the current one is ever reused)."""
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
