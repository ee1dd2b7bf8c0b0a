"""Pelican glue: the incremental writer, finished at ``finalized`` before the search index.

This plugin replaces ``unique_paths`` in PLUGINS (its writer is a UniquePathWriter; Pelican
takes one writer, and two plugins offering one is a warning, fatal in ``briefing build``).  It
must come before ``pagefind_index``: receivers run in the order plugins connect, and the pages
must be on disk when the index is built.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any
from pelican.plugins.build_progress import bars

from briefing import cluster

from . import settings as inc_settings
from .listings import index_listings
from .prefill import enabled, prefill
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderReport:
    """What the render stage did to the site's HTML pages, left on the Pelican object.

    ``build_progress`` prints it in the build's summary line: pages rendered and kept (hard
    links from the previous output) add up to this build's pages; deleted are the previous
    output's pages this build did not write.
    """

    rendered: int
    kept: int
    deleted: int
    seconds: float  # render keys, kept pages linked and the rest rendered
    ended: float  # time.monotonic() when the stage ended


def html_pages(root: Path) -> set[str]:
    """Return the relative path of every HTML page under ``root`` (none if it is absent).

    ``os.walk``, not ``Path.rglob``: at 10k articles (two trees of 13k pages in 12k folders)
    rglob's pathlib objects took over a second of every build.
    """
    pages: set[str] = set()
    for folder, _, files in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        pages.update(prefix + name for name in files if name.endswith(".html"))
    return pages


def deleted_pages(pelican: Any) -> int:
    """Count the previous output's pages missing from this build's output (by walking both:
    the writer counts them from the records when the previous build left one)."""
    previous = inc_settings.load(pelican.settings).previous
    if not previous or Path(previous).resolve() == Path(pelican.output_path).resolve():
        return 0
    return len(html_pages(Path(previous)) - html_pages(Path(pelican.output_path)))


class _Build:
    """The writer of the running build, so that ``finalized`` can finish it."""

    def __init__(self) -> None:
        self.writer: IncrementalWriter | None = None

    def writer_class(self, pelican: Any) -> type[IncrementalWriter]:
        """Hand Pelican a writer class whose instance this build finishes."""
        build = self

        class BuildWriter(IncrementalWriter):
            def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
                super().__init__(output_path, settings=settings)
                build.writer = self

        return BuildWriter

    def finish(self, pelican: Any) -> None:
        """Keep or render every queued page (before the search index reads them)."""
        writer, self.writer = self.writer, None
        if writer is None:
            return
        progress = bars.terminal()
        try:
            done = writer.finish(progress)
        finally:
            if progress is not None:
                progress.close()
        pelican.render_report = RenderReport(
            done.pages_rendered,
            done.pages_kept,
            deleted_pages(pelican) if done.deleted is None else done.deleted,
            done.keying_s + done.render_s,
            time.monotonic(),
        )
        logger.info(
            "render: %d pages rendered by %d processes in %.1f s, %d kept (keys %.1f s)",
            done.rendered,
            done.jobs,
            done.render_s,
            done.kept,
            done.keying_s,
        )


@contextmanager
def executor(options: inc_settings.IncrementalSettings) -> Iterator[Executor | None]:
    """The build's executor of independent parts: the Dask cluster's, else forked local
    processes (``jobs`` of them), else None (one process: nothing to spread)."""
    if options.scheduler:
        with cluster.executor(options.scheduler) as on_cluster:
            yield on_cluster
        return
    jobs = options.jobs or os.cpu_count() or 1
    if jobs < 2:
        yield None
        return
    # fork: the workers start at once with the plugins imported (a fresh interpreter per
    # worker, spawn's, would cost an import of Pelican each).
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def prefill_stores(pelican: Any) -> None:
    """Fill the reader's and read next's stores in parts before the generators read."""
    options = inc_settings.load(pelican.settings)
    if not options.stores or not enabled(pelican.settings, "briefing_reader"):
        return
    with executor(options) as parts:
        if parts is not None:
            prefill(pelican.settings, Path(options.stores), parts)


def register() -> None:
    """Connect the writer and its finishing step to Pelican."""
    build = _Build()
    # weak=False: the receivers are bound methods of ``build``, which nothing else keeps alive.
    signals.initialized.connect(prefill_stores)
    signals.get_writer.connect(build.writer_class, weak=False)
    signals.finalized.connect(build.finish, weak=False)
    signals.article_generator_finalized.connect(index_listings)
