"""Say what the build is doing: each stage on a terminal, one summary line always.

Pelican shows a spinner on a terminal and nothing of our stages (read next, period pages, the
search index); off a terminal (CI, cron, a pipe) a log wants one line it can grep.  Lines go
to stderr.  Listed last in ``PLUGINS``, so its ``finalized`` handler runs after the search
index is written.  The clock lives on the Pelican object of the build, never in module state.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import ArticlesGenerator


def summary_line(pages: int, seconds: float) -> str:
    """Return 'build: 1,034 pages in 26.5 s'."""
    return f"build: {pages:,} pages in {seconds:.1f} s"


def stage(text: str) -> None:
    """Show a stage of the build, on a terminal only."""
    if sys.stderr.isatty():
        print(f"build: {text}", file=sys.stderr, flush=True)


def start(pelican: Any) -> None:
    """Start the build's clock."""
    pelican.build_started = time.monotonic()


def articles_read(generator: ArticlesGenerator) -> None:
    """Say how many articles were read (read next and the archive index are done by now)."""
    stage(f"read {len(generator.articles):,} articles, chose their read-next blocks")


def articles_written(generator: Any, writer: Any) -> None:
    """Say that article, listing and period pages are written."""
    stage("wrote the article, listing and day pages")


def finished(pelican: Any) -> None:
    """Print the summary line once everything (search index included) is written."""
    started = getattr(pelican, "build_started", None)
    seconds = time.monotonic() - started if isinstance(started, float) else 0.0
    pages = sum(1 for _ in Path(pelican.output_path).rglob("*.html"))
    print(summary_line(pages, seconds), file=sys.stderr, flush=True)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(articles_read)
    signals.article_writer_finalized.connect(articles_written)
    signals.finalized.connect(finished)
