"""Register the news-metadata filters on every generator's Jinja environment."""

from __future__ import annotations

from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from .filters import FILTERS


def add_filters(generator: Any) -> None:
    """Add the filters to the generator's Jinja environment (generators without one skipped)."""
    env = getattr(generator, "env", None)  # the static generator renders no templates
    if env is not None:
        env.filters.update(FILTERS)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.generator_init.connect(add_filters)
