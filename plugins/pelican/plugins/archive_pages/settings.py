"""The ``ARCHIVE_PAGES`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings


@dataclass(frozen=True)
class ArchiveSettings:
    """Where period pages go and how much the home page shows."""

    day_url: str = "{date:%Y}/{date:%m}/{date:%d}/"
    month_url: str = "{date:%Y}/{date:%m}/"
    year_url: str = "{date:%Y}/"
    home_days: int = 7  # a week of daily briefings on the home page
    home_undated: int = 10  # undated articles listed apart below them
    source_latest: int = 10  # headlines listed per source on the sources page


def load(settings: Mapping[str, Any]) -> ArchiveSettings:
    """Return the plugin's settings: ``ARCHIVE_PAGES`` over the defaults (briefing.settings)."""
    return briefing_settings.load("ARCHIVE_PAGES", ArchiveSettings, settings.get("ARCHIVE_PAGES"))
