"""Pelican glue: the incremental writer, finished at ``finalized`` before the search index.

This plugin replaces ``unique_paths`` in PLUGINS (its writer is a UniquePathWriter; Pelican
takes one writer, and two plugins offering one is a warning, fatal in ``briefing build``).  It
must come before ``pagefind_index``: receivers run in the order plugins connect, and the pages
must be on disk when the index is built.
"""

from __future__ import annotations

import logging
from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from .writer import IncrementalWriter

logger = logging.getLogger(__name__)


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
        done = writer.finish()
        logger.info(
            "render: %d pages rendered by %d processes in %.1f s, %d kept (keys %.1f s)",
            done.rendered,
            done.jobs,
            done.render_s,
            done.kept,
            done.keying_s,
        )


def register() -> None:
    """Connect the writer and its finishing step to Pelican."""
    build = _Build()
    # weak=False: the receivers are bound methods of ``build``, which nothing else keeps alive.
    signals.get_writer.connect(build.writer_class, weak=False)
    signals.finalized.connect(build.finish, weak=False)
