"""Pelican glue: read every ``.md`` with the briefing reader; name the unmapped sections."""

from __future__ import annotations

import sys
from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from briefing import categories

from .reader import BriefingReader
from .types import ArticlesGenerator


def add_reader(readers: Any) -> None:
    """Use BriefingReader for every .md file."""
    for ext in BriefingReader.file_extensions:
        readers.reader_classes[ext] = BriefingReader


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
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(report_unmapped)
