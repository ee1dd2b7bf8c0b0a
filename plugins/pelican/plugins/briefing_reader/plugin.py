"""Pelican glue: read every ``.md`` with the briefing reader; name the unmapped sections."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any
from pelican.plugins.incremental import settings as incremental_settings
from pelican.plugins.incremental.store import Store

from briefing import categories

from .reader import BriefingReader, cache_salt
from .types import ArticlesGenerator

STORE = "reader.sqlite"  # in INCREMENTAL["stores"]


class _Run:
    """The reader cache of the running build, shared by the generators' readers."""

    def __init__(self) -> None:
        self.cache: Store | None = None

    def add_reader(self, readers: Any) -> None:
        """Use BriefingReader (with this build's cache) for every .md file."""
        if self.cache is None:
            stores = incremental_settings.load(readers.settings).stores
            # The salt even without a store: the render keys digest each record by its key.
            salt = cache_salt(readers.settings)
            self.cache = Store(Path(stores, STORE) if stores else None, salt)
        reader = functools.partial(BriefingReader, cache=self.cache)
        for ext in BriefingReader.file_extensions:
            readers.reader_classes[ext] = reader

    def reset(self, pelican: Any) -> None:
        """Start each build without a cache (an earlier one in this process may have failed)."""
        self.cache = None

    def save(self, generators: Any) -> None:
        """Write the cache once every file is read (the generators are done)."""
        run, self.cache = self.cache, None
        if run is not None:
            run.save()


def report_unmapped(generator: ArticlesGenerator) -> None:
    """Name, on stderr, the sections the ``CATEGORIES`` mapping does not map (kept as they are).

    Printed, not logged as a warning: the build runs with ``--fatal warnings`` and an unmapped
    section is news for the editor of the mapping, not an error.
    """
    mapping = categories.CategoryMap.from_mapping(generator.settings.get("CATEGORIES"))
    seen = [(a.briefing.category, a.briefing.source) for a in generator.articles]
    line = categories.unmapped_line(seen, mapping)
    if line:
        print(line, file=sys.stderr)


def register() -> None:
    """Connect the reader to Pelican."""
    run = _Run()
    # weak=False: the receivers are bound methods of ``run``, which nothing else keeps alive.
    signals.initialized.connect(run.reset, weak=False)
    signals.readers_init.connect(run.add_reader, weak=False)
    signals.all_generators_finalized.connect(run.save, weak=False)
    signals.article_generator_finalized.connect(report_unmapped)
