"""The ``ARCHIVE_PAGES`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


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
    """Return the plugin's settings: ``ARCHIVE_PAGES`` over the defaults, unknown keys refused."""
    given = dict(settings.get("ARCHIVE_PAGES") or {})
    known = {f.name for f in fields(ArchiveSettings)}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ValueError(f"ARCHIVE_PAGES: unknown key(s) {', '.join(unknown)}")
    return replace(ArchiveSettings(), **given)
