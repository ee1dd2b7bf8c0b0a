"""The one writer, incremental and parallel: unique_paths' collision checks, plus

1. every ``write_file`` call is queued (feeds are written at once, they are few and cheap);
2. at ``finalized`` (before the search index reads the pages), each queued page's render key
   (:mod:`.keys`) is compared with the record of the previous build: a page whose key and files
   are unchanged is hard-linked from the previous output (copied where links fail);
3. the rest are rendered, split over ``jobs`` processes forked now, when the context is whole;
4. the new record is written beside the old one for ``briefing build`` to move in place.

Every path is still claimed once: kept pages before the fork, each worker's pages in the
worker and again in the parent, so a collision anywhere names both writers.
"""

from __future__ import annotations

import inspect
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import blinker
from pelican.plugins.archive_pages import pagination
from pelican.plugins.unique_paths.writer import UniquePathWriter, describe, path_key
from pelican.writers import Writer

from . import record as rec
from . import settings as inc_settings
from . import workers
from .keys import Keys

if TYPE_CHECKING:
    from pelican.plugins.build_progress.bars import Progress

logger = logging.getLogger(__name__)
# Sent (sender: the writer) once every article page is in the output, kept or rendered, while
# the other pages are still to render; pagefind_index starts indexing then.
article_pages_written = blinker.signal("incremental.article_pages_written")
_SIGNATURE = inspect.signature(Writer.write_file)


@dataclass(frozen=True)
class Write:
    """One queued ``write_file`` call, as Pelican made it."""

    name: str
    template: Any
    context: dict[str, Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    bound: bool = False  # kwargs are already every argument by name (a queued page's)

    def arguments(self) -> dict[str, Any]:
        """Return every argument but the template and context by name (relative_urls, url...)."""
        if self.bound:  # bound once when queued: inspect.signature.bind is costly at 11k writes
            return dict(self.kwargs)
        bound = _SIGNATURE.bind(
            None, self.name, self.template, self.context, *self.args, **self.kwargs
        )
        bound.apply_defaults()
        values = dict(bound.arguments)
        for drop in ("self", "name", "template", "context"):
            values.pop(drop, None)
        return {**values.pop("kwargs", {}), **values}


@dataclass
class Summary:
    """What the render stage did."""

    rendered: int = 0  # queued writes rendered...
    kept: int = 0  # ...and kept
    pages_rendered: int = 0  # the HTML pages they wrote (a listing's write has several)
    pages_kept: int = 0
    jobs: int = 1
    keying_s: float = 0.0  # render keys computed and unchanged pages linked
    render_s: float = 0.0  # the other pages rendered
    entries: dict[str, rec.Entry] = field(default_factory=dict)
    deleted: int | None = None  # the previous output's pages not written again; None: no record


class IncrementalWriter(UniquePathWriter):
    """Pelican's writer with unique paths, kept unchanged pages and parallel rendering."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.options = inc_settings.load(settings or {})
        self.queue: list[Write] = []
        self._opened: list[tuple[str, str, bool]] | None = None
        self._own = ""  # the path key of the write being rendered: claimed when it was queued
        self._folders: set[str] = set()  # folders made for kept pages

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Queue the write, a paginated listing as one write a page; :meth:`finish` renders."""
        self._claim_static(context)  # now: the static files are copied before finish
        if not name:
            return
        # Each page of a listing is keyed, kept and rendered on its own (stable pages).
        arguments = Write(name, template, context, args, kwargs).arguments()
        for page, page_arguments in pagination.split(name, arguments, self.settings):
            # Claimed now, so a collision with a static file fails before it is copied.
            self.claim(str(Path(self.output_path, page)), describe(page, page_arguments))
            self.queue.append(Write(page, template, context, (), page_arguments, bound=True))

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> IO[str]:
        fresh = path_key(filename) != self._own
        if fresh:
            opened: IO[str] = super()._open_w(filename, encoding, override)
        else:
            self._own = ""
            opened = Writer._open_w(self, filename, encoding, override)
        if self._opened is not None:
            self._opened.append((filename, self._writing, fresh))
        return opened

    def finish(self, progress: Progress | None = None) -> Summary:
        """Keep the unchanged queued pages, render the others, write the record.

        ``progress`` (bars on a terminal) is told of the keying stage and the render stage.
        """
        queue, self.queue = self.queue, []
        jobs = self.options.jobs or os.cpu_count() or 1
        summary = Summary(jobs=jobs)
        if not queue:
            return summary
        start = time.perf_counter()
        if progress is not None:
            progress.start("keys", len(queue))
        record_path = Path(self.options.record) if self.options.record else None
        previous = Path(self.options.previous) if self.options.previous else None
        old = rec.load(record_path) if record_path and previous else {}
        todo = self._keep_unchanged(queue, old, summary, progress)
        summary.keying_s = time.perf_counter() - start
        if progress is not None:
            progress.start("render", len(todo))
        forked = workers.forks(jobs, len(todo))
        advance = progress.advance if progress is not None else None
        # The article pages first, then the others (listings, feeds' pages...): once the
        # articles are on disk the search index can start on them while the rest render.
        # Each part is cut into runs by the articles its pages show (workers.run's costs).
        first = [item for item in todo if "article" in item[0].kwargs]
        rest = [item for item in todo if "article" not in item[0].kwargs]
        rendered = workers.run(jobs, first, self._render, advance, [shown(w) for w, _ in first])
        article_pages_written.send(self)
        rendered += workers.run(jobs, rest, self._render, advance, [shown(w) for w, _ in rest])
        todo = first + rest
        for (write, key), (opened, files) in zip(todo, rendered, strict=True):
            for path, what, fresh in opened if forked else ():
                if fresh:  # a worker claimed it in its own copy of the claims
                    self.claim(path, what)
            summary.entries[write.name] = rec.Entry(key or "", tuple(files))
            summary.pages_rendered += _pages(files)
        summary.rendered = len(todo)
        summary.render_s = time.perf_counter() - start - summary.keying_s
        if old and previous is not None and previous.resolve() != Path(self.output_path).resolve():
            summary.deleted = _deleted(old, summary.entries, previous)
        if self.options.update:
            rec.save(Path(self.options.update), summary.entries)
        return summary

    def _keep_unchanged(
        self,
        queue: list[Write],
        old: dict[str, rec.Entry],
        summary: Summary,
        progress: Progress | None,
    ) -> list[tuple[Write, str | None]]:
        """Keep each queued write whose key and files are unchanged; return the others."""
        keys = Keys(self.settings, queue[0].context)
        previous = Path(self.options.previous) if self.options.previous else None
        todo: list[tuple[Write, str | None]] = []
        for write in queue:
            key = keys.key(write.name, write.template, write.context, write.arguments())
            entry = old.get(write.name) if key else None
            kept = self._keep(write, entry, previous) if entry and entry.key == key else None
            if entry is not None and kept is not None:
                summary.entries[write.name] = rec.Entry(entry.key, kept)
                summary.kept += 1
                summary.pages_kept += _pages(kept)
            else:
                todo.append((write, key))
            if progress is not None:
                progress.advance()
        return todo

    def _keep(
        self, write: Write, entry: rec.Entry, previous: Path | None
    ) -> tuple[rec.Written, ...] | None:
        """Link the write's files from the previous output, if each is the one recorded.

        Paths are plain strings here: at 10k articles this runs for 11k writes, and pathlib's
        parsing was a third of its time.
        """
        if previous is None or not all(f.unchanged(previous) for f in entry.files):
            return None
        out, old = str(self.output_path), str(previous)
        what = ""
        kept = []
        for f in entry.files:
            target = os.path.join(out, f.path)  # noqa: PTH118 (strings: see above)
            # Pages 2, 3... of a listing are claimed here; the first was claimed when queued.
            first = f.path == write.name
            if not first and path_key(target) != path_key(os.path.join(out, write.name)):  # noqa: PTH118
                what = what or describe(write.name, write.kwargs)
                self.claim(target, what)
            folder = os.path.dirname(target)  # noqa: PTH120
            if folder not in self._folders:  # one mkdir a folder, not one a file
                os.makedirs(folder, exist_ok=True)  # noqa: PTH103
                self._folders.add(folder)
            source = os.path.join(old, f.path)  # noqa: PTH118
            try:
                os.link(source, target)
                kept.append(f)  # a hard link is the recorded file: same inode, size and time
            except OSError:
                shutil.copy2(source, target)
                kept.append(rec.Written.of(Path(out), f.path))
        return tuple(kept)

    def _render(
        self, item: tuple[Write, str | None]
    ) -> tuple[list[tuple[str, str, bool]], list[rec.Written]]:
        """Render one queued write; return the files it opened (and what wrote them)."""
        write, _ = item
        self._opened = []
        self._own = path_key(str(Path(self.output_path, write.name)))
        try:
            UniquePathWriter.write_file(
                self, write.name, write.template, write.context, *write.args, **write.kwargs
            )
            opened = self._opened
        finally:
            self._opened, self._own = None, ""
        root = Path(self.output_path)
        files = [rec.Written.of(root, os.path.relpath(path, root)) for path, _, _ in opened]
        return opened, files


def shown(write: Write) -> int:
    """Return a page's cost in a render run: 1, plus the articles it lists (a category or tag
    page's, a period's).

    A forked worker copies each object its pages read (:mod:`.workers`), and a listing's items
    are most of what it reads; ``all_articles`` (Pelican's whole archive, given to every page)
    is not shown, a whole-archive page's ``articles`` are (it costs a run of its own).
    """
    articles = write.kwargs.get("articles")
    period = write.kwargs.get("period")
    return 1 + (len(articles) if articles is not None else 0) + getattr(period, "count", 0)


def _deleted(old: dict[str, rec.Entry], new: dict[str, rec.Entry], previous: Path) -> int:
    """Count the previous build's pages this build did not write that its output still has.

    From the two records, not by walking both output trees (at 10k articles two walks of 13k
    pages in 12k folders took about a second of every build); only the pages gone are looked
    up.  A page in the previous output that its record does not list (a record that outlived
    its output) is not counted: this is the summary line's count, never what is kept.
    """
    gone = rec.pages(old) - rec.pages(new)
    return sum(1 for page in gone if os.path.isfile(os.path.join(previous, page)))  # noqa: PTH113, PTH118


def _pages(files: list[rec.Written] | tuple[rec.Written, ...]) -> int:
    """Count the HTML pages among a write's files."""
    return sum(1 for f in files if f.path.endswith(".html"))
