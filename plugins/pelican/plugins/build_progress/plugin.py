"""Say what the build is doing: each stage on a terminal, one summary line always.

Pelican shows a spinner on a terminal and nothing of our stages (read next, period pages, the
search index); off a terminal (CI, cron, a pipe) a log wants one line it can grep.  Lines go
to stderr.  Listed last in ``PLUGINS``, so its ``finalized`` handler runs after the search
index is written.  The clock lives on the Pelican object of the build, never in module state:
it is made at ``initialized``, and the receivers of the article generator's signals (which
are handed the generator, not Pelican) reach it through the plugin's build object, as the
other plugins reach their running build.

The summary line: ``build: 1,034 pages: 12 rendered, 1,022 kept, 1 deleted; read 4.1 s, read
next 2.0 s, write 1.2 s, render 3.2 s, search 9.9 s, total 21.0 s``.  Rendered and kept
(from the ``incremental`` plugin's report) add up to the pages; without that plugin the
counts are left out, and write runs to the end (render and search in it).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import ArticlesGenerator


@dataclass
class Clock:
    """When each stage of one build ended (``time.monotonic()``), in order."""

    started: float = field(default_factory=time.monotonic)
    marks: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str) -> None:
        """Note that ``stage`` ended now."""
        self.marks[stage] = time.monotonic()

    def stages(self, render: tuple[float, float] | None, now: float) -> list[tuple[str, float]]:
        """Return each stage's seconds; ``render`` is (its seconds, when it ended)."""
        ends = dict(self.marks)
        if render is None:  # no incremental writer: writing, rendering and search in one
            ends["write"] = now
        else:
            seconds, ended = render
            ends["write"], ends["render"], ends["search"] = ended - seconds, ended, now
        out, last = [], self.started
        for stage in ("read", "read next", "write", "render", "search"):
            if stage in ends:
                out.append((stage, max(0.0, ends[stage] - last)))
                last = ends[stage]
        return [*out, ("total", now - self.started)]


def summary_line(
    pages: int, counts: tuple[int, int, int] | None, stages: list[tuple[str, float]]
) -> str:
    """Return 'build: 1,034 pages: 12 rendered, 1,022 kept, 0 deleted; read 4.1 s, ...'."""
    said = f"build: {pages:,} pages"
    if counts is not None:
        rendered, kept, deleted = counts
        said += f": {rendered:,} rendered, {kept:,} kept, {deleted:,} deleted"
    return said + "; " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in stages)


def stage(text: str) -> None:
    """Show a stage of the build, on a terminal only."""
    if sys.stderr.isatty():
        print(f"build: {text}", file=sys.stderr, flush=True)


class _Build:
    """The clock of the running build, for receivers that are not handed Pelican."""

    def __init__(self) -> None:
        self.clock = Clock()

    def start(self, pelican: Any) -> None:
        """Start the build's clock and hang it on the Pelican object."""
        self.clock = pelican.build_clock = Clock()

    def articles_read(self, generator: ArticlesGenerator) -> None:
        """The articles are read (Pelican's pretaxonomy: before taxonomies and read next)."""
        self.clock.mark("read")
        stage(f"read {len(generator.articles):,} articles")

    def articles_done(self, generator: ArticlesGenerator) -> None:
        """Read next and the archive index are done: the article generator has finished."""
        self.clock.mark("read next")
        stage("chose the read-next blocks")


def articles_written(generator: Any, writer: Any) -> None:
    """Say that article, listing and period pages are queued."""
    stage("queued the article, listing and day pages")


def finished(pelican: Any) -> None:
    """Print the summary line once everything (search index included) is written."""
    now = time.monotonic()
    clock = getattr(pelican, "build_clock", None)
    clock = clock if isinstance(clock, Clock) else Clock(started=now)
    report = getattr(pelican, "render_report", None)
    render = (report.seconds, report.ended) if report is not None else None
    counts = (report.rendered, report.kept, report.deleted) if report is not None else None
    # The writer's pages (rendered and kept add up to them); walked only without its report:
    # a walk of the output's 13k pages was a second of a daily build at 10k articles.
    pages = (
        report.rendered + report.kept
        if report is not None
        else sum(1 for _ in Path(pelican.output_path).rglob("*.html"))
    )
    print(summary_line(pages, counts, clock.stages(render, now)), file=sys.stderr, flush=True)


def register() -> None:
    """Connect the plugin to Pelican."""
    build = _Build()
    # weak=False: the receivers are bound methods of ``build``, which nothing else keeps alive.
    signals.initialized.connect(build.start, weak=False)
    signals.article_generator_pretaxonomy.connect(build.articles_read, weak=False)
    signals.article_generator_finalized.connect(build.articles_done, weak=False)
    signals.article_writer_finalized.connect(articles_written)
    signals.finalized.connect(finished)
