"""Pelican glue: hand Pelican the path-claiming writer."""

from __future__ import annotations

from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from .writer import UniquePathWriter


def get_writer(pelican: Any) -> type[UniquePathWriter]:
    """Hand Pelican the path-claiming writer."""
    return UniquePathWriter


def register() -> None:
    """Connect the writer to Pelican."""
    signals.get_writer.connect(get_writer)
