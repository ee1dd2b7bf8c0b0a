"""What the plugin sets on each Pelican article for the theme: plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReadNextLink:
    """One "Read next" entry as the theme renders it."""

    url: str  # Pelican's article.url (relative to SITEURL)
    title: str
    date: datetime | None  # None when the source did not state it
    source: str | None
    reason: str  # "same story · shared: Bayramov, OIC · 2 days earlier"
    score: float
    shared: tuple[str, ...]  # names and tags both articles have, rarest first
