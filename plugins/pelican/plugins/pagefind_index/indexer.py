"""Run Pagefind over every article page of the built site, in parts by period (cached).

Output under ``<site>/<output_dir>/pagefind/``: the runtime (``pagefind.js``, its
WebAssembly, the highlighter) once, ``parts.json`` (the manifest the search page reads), and
one Pagefind bundle per part (``<first month>--<last month>/``: metadata, word chunks,
filters, fragments), every page indexed as one language (``--force-language``).  A part is a
run of whole months holding at most ``part_pages`` pages (a month larger than that is a part
of its own), cut from the oldest month on, so new articles change the newest part only.

Each part is indexed by its own Pagefind process (``jobs`` at a time: the memory is bounded by
the parts' size, not the archive's) and cached outside the output under a hash of its pages'
digests and the configuration: a rebuild re-indexes only the parts whose articles changed.
The parts start as soon as the article pages are written (:class:`Indexing`; the incremental
writer renders them first), so Pagefind runs while the listing pages render.
Given an executor (a Dask cluster's: ``briefing build --scheduler``), each part is one task
instead (:func:`index_part`), which must see the built site and the cache folder at the same
paths (a LocalCluster, or a shared mount); the parts' bundles are the same files either way.
The search page searches every part completely and merges them into one archive-wide answer
(theme/js/search.js; docs/SEARCH.md says how the scores are made comparable).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import runner
from .settings import PagefindSettings

logger = logging.getLogger(__name__)

PAGEFIND_VERSION = "1.5.2"
MANIFEST = "parts.json"
_DONE = "done.json"
# Read from the top of the output once, whatever part: the runtime (the same in every part).
_RUNTIME_FILES = ("pagefind.js", "pagefind-highlight.js")
_RUNTIME_SUFFIX = ".pagefind"  # the WebAssembly
# Read from each part's own folder: its entry, metadata, word chunks, filters, fragments.
_PART_FILES = ("pagefind-entry.json",)
_PART_SUFFIX = ".pf_meta"
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
    indexed: bool  # False: every part's cached bundle was reused
    seconds: float
    parts: int = 0
    parts_indexed: int = 0


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
        # str.rsplit, not PurePosixPath: 100k pages at 100k articles, where pathlib costs seconds.
        path = page.save_as.rsplit("/", 2)
        if len(path) < 3 or not all(path):
            raise IndexLayoutError(f"{page.save_as}: an article must be <folder>/<slug>/<file>")
        folders.add(path[0])
        names.add(path[2])
    if len(names) != 1:
        raise IndexLayoutError(f"article pages have different file names: {sorted(names)}")
    listed = ",".join(sorted(folders))
    return f"{{{listed}}}/*/{names.pop()}" if len(folders) > 1 else f"{listed}/*/{names.pop()}"


@dataclass(frozen=True)
class Part:
    """A run of whole months indexed as one Pagefind bundle."""

    name: str  # "<first month>--<last month>", e.g. "2025-01--2025-06": its folder
    pages: tuple[PageSource, ...]  # sorted by save_as

    def key(self, fingerprint: str, language: str) -> str:
        """Return the cache key: the configuration and every page's path and digest."""
        return digest(fingerprint, language, *(f"{p.save_as}\t{p.digest}" for p in self.pages))


def plan_parts(pages: Sequence[PageSource], part_pages: int) -> list[Part]:
    """Cut the pages into runs of whole months of at most ``part_pages`` pages, oldest first.

    ``part_pages`` 0 puts every page in one part.  Cutting from the oldest month on keeps the
    earlier parts as they were when newer articles come: only the newest part changes.
    """
    months: dict[str, list[PageSource]] = {}
    for page in pages:
        months.setdefault(f"{page.date:%Y-%m}", []).append(page)
    runs: list[list[str]] = []
    size = 0
    for month in sorted(months):
        count = len(months[month])
        if not runs or (part_pages and size + count > part_pages):
            runs.append([])
            size = 0
        runs[-1].append(month)
        size += count
    return [
        Part(
            name=f"{run[0]}--{run[-1]}",
            pages=tuple(sorted((p for m in run for p in months[m]), key=lambda p: p.save_as)),
        )
        for run in runs
    ]


def index_site(
    site: Path,
    pages: Sequence[PageSource],
    settings: PagefindSettings,
    cache: Path,
    fingerprint: str,
    executor: Executor | None = None,
) -> IndexReport:
    """Index every article page of ``site`` in parts (each reused from the cache if unchanged).

    ``executor`` runs each part as a task (Dask); without one, ``settings.jobs`` local
    Pagefind processes run at once.
    """
    return Indexing(site, pages, settings, cache, fingerprint, executor).finish()


class Indexing:
    """The parts' Pagefind runs, started when made and ended by :meth:`finish`.

    Started as soon as the article pages are written, they run while Pelican renders the
    listing pages: the local runs are waited for by a thread of their own (Pagefind's work is
    in its processes), the tasks of an executor by its futures.
    """

    def __init__(
        self,
        site: Path,
        pages: Sequence[PageSource],
        settings: PagefindSettings,
        cache: Path,
        fingerprint: str,
        executor: Executor | None = None,
    ) -> None:
        self.started = time.perf_counter()
        self.site, self.settings, self.cache = site, settings, cache
        self.out = site / settings.output_dir / "pagefind"
        if self.out.exists():
            shutil.rmtree(self.out)
        self.count = len(pages)
        self.parts = plan_parts(pages, settings.part_pages) if pages else []
        self.keys = [part.key(fingerprint, settings.language) for part in self.parts]
        todo = [(part, cache / key) for part, key in zip(self.parts, self.keys, strict=True)]
        self.todo = [(part, entry) for part, entry in todo if not (entry / _DONE).exists()]
        self._runs: _LocalRuns | _TaskRuns | None = None
        if self.todo:
            self._runs = (
                _LocalRuns(site, self.todo, settings)
                if executor is None
                else _TaskRuns(executor, site, self.todo, settings)
            )

    def finish(self) -> IndexReport:
        """Wait for the parts, then link them and the runtime into the site with the manifest."""
        if self._runs is not None:
            self._runs.wait()
        if not self.parts:
            return IndexReport(0, False, 0.0)
        self.out.mkdir(parents=True)
        for part, key in zip(self.parts, self.keys, strict=True):
            _link_tree(self.cache / key / "bundle", self.out / part.name)
        _link_runtime(self.cache / self.keys[-1] / "bundle", self.out)
        manifest = _manifest(self.parts, self.settings.language)
        (self.out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _collect_garbage(self.cache, set(self.keys))
        seconds = time.perf_counter() - self.started
        todo = len(self.todo)
        return IndexReport(self.count, bool(todo), seconds, len(self.parts), todo)


def _manifest(parts: Sequence[Part], language: str) -> dict[str, object]:
    """Return what the search page needs to search every part: newest part first."""
    rows = [
        {"path": f"{part.name}/", "pages": len(part.pages), "months": part.name.split("--")}
        for part in reversed(parts)
    ]
    return {"version": PAGEFIND_VERSION, "language": language, "parts": rows}


class _LocalRuns:
    """Index the parts, ``settings.jobs`` Pagefind processes at a time, waited for by a thread.

    A daemon thread: a build that fails before :meth:`wait` exits without waiting for it, and
    :meth:`cancel` (at exit) kills its processes, so no part goes on being indexed.
    """

    def __init__(
        self, site: Path, todo: Sequence[tuple[Part, Path]], settings: PagefindSettings
    ) -> None:
        self.running: list[subprocess.Popen[str]] = []
        self.stopped = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(
            target=self._run, args=(site, todo, settings), name="pagefind-parts", daemon=True
        )
        atexit.register(self.cancel)
        self.thread.start()

    def _run(
        self, site: Path, todo: Sequence[tuple[Part, Path]], settings: PagefindSettings
    ) -> None:
        try:
            _index_parts(site, todo, settings, self.running, self.stopped)
        except BaseException as exc:  # raised in the build's thread by wait()
            self.error = exc

    def wait(self) -> None:
        """Wait for every part; raise the first failure (Pagefind's message)."""
        self.thread.join()
        atexit.unregister(self.cancel)
        if self.error is not None:
            raise self.error

    def cancel(self) -> None:
        """Start no more parts and kill the running ones."""
        self.stopped.set()
        for process in list(self.running):
            process.kill()
        self.thread.join(timeout=10)
        atexit.unregister(self.cancel)


def _index_parts(
    site: Path,
    todo: Sequence[tuple[Part, Path]],
    settings: PagefindSettings,
    running: list[subprocess.Popen[str]],
    stopped: threading.Event,
) -> None:
    """Index the parts, ``settings.jobs`` Pagefind processes at a time (``running``: theirs)."""
    queue = list(todo)
    started: list[tuple[Part, Path, str, subprocess.Popen[str]]] = []
    try:
        while queue or started:
            while queue and len(started) < settings.jobs:
                if stopped.is_set():
                    raise runner.PagefindError("the build ended before the search index")
                part, entry = queue.pop(0)
                glob = page_glob(part.pages)
                process = _start(site, glob, settings, entry)
                running.append(process)
                started.append((part, entry, glob, process))
            part, entry, glob, process = started.pop(0)
            _finish(part, entry, glob, process)
            running.remove(process)
    except BaseException:
        for _, entry, _, process in started:
            process.kill()
            process.wait()
            shutil.rmtree(_tmp(entry), ignore_errors=True)
        raise


def index_part(site: Path, glob: str, tmp: Path, settings: PagefindSettings) -> int:
    """Index one part's pages into ``tmp/bundle`` and return Pagefind's page count (a task)."""
    shutil.rmtree(tmp, ignore_errors=True)
    output = tmp / "bundle"
    process = runner.start(site, glob, output, settings.exclude_selectors, settings.language)
    return runner.finish(process, glob, output)


class _TaskRuns:
    """Index the parts as tasks of ``executor``, each into a folder of its own attempt.

    A task run again after its worker died writes into a new folder (the first attempt's
    Pagefind may still be running); folders never committed are removed as garbage.
    """

    def __init__(
        self,
        executor: Executor,
        site: Path,
        todo: Sequence[tuple[Part, Path]],
        settings: PagefindSettings,
    ) -> None:
        self.runs = []
        for part, entry in todo:
            tmp = entry.with_name(f"{entry.name}.tmp-{uuid.uuid4().hex}")
            glob = page_glob(part.pages)
            future = executor.submit(index_part, site, glob, tmp, settings)
            self.runs.append((part, entry, tmp, future))

    def wait(self) -> None:
        """Wait for every task and commit its part; raise the first failure."""
        for part, entry, tmp, future in self.runs:
            try:
                count = future.result()
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            _commit(part, entry, tmp, count)


def _tmp(entry: Path) -> Path:
    return entry.with_name(entry.name + ".tmp")


def _start(site: Path, glob: str, settings: PagefindSettings, entry: Path) -> subprocess.Popen[str]:
    tmp = _tmp(entry)
    shutil.rmtree(tmp, ignore_errors=True)
    return runner.start(site, glob, tmp / "bundle", settings.exclude_selectors, settings.language)


def _finish(part: Part, entry: Path, glob: str, process: subprocess.Popen[str]) -> None:
    """Wait for a part's Pagefind run, check its page count, then commit the cache entry."""
    tmp = _tmp(entry)
    try:
        count = runner.finish(process, glob, tmp / "bundle")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _commit(part, entry, tmp, count)


def _commit(part: Part, entry: Path, tmp: Path, count: int) -> None:
    """Check a part's page count, then move its finished folder in as the cache entry."""
    if count != len(part.pages):
        shutil.rmtree(tmp, ignore_errors=True)
        raise runner.PagefindError(
            f"Pagefind indexed {count} pages of part {part.name}, expected {len(part.pages)}"
        )
    (tmp / _DONE).write_text(json.dumps({"pages": count, "part": part.name}), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    tmp.rename(entry)
    logger.info("Pagefind: indexed part %s (%d pages)", part.name, count)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy, across file systems) what the browser reads of a part's bundle.

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
        elif item.name in _PART_FILES or item.name.endswith(_PART_SUFFIX):
            _link(item.path, str(target / item.name))


def _link_runtime(source: Path, target: Path) -> None:
    """Link the runtime and its WebAssembly once, beside the parts (every part's are equal)."""
    for item in os.scandir(source):
        if item.name in _RUNTIME_FILES or item.name.endswith(_RUNTIME_SUFFIX):
            _link(item.path, str(target / item.name))


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: copy instead
        shutil.copy2(source, target)


def _collect_garbage(cache: Path, keep: set[str]) -> None:
    """Remove cache entries of parts the archive no longer has (and unfinished ones)."""
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
