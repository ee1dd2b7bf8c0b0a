"""What the plugin sets on each Pelican article for the theme: plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from briefing.model import Article as Record


@dataclass(frozen=True)
class ReadNextLink:
    """One "Read next" entry as the theme renders it."""

    url: str  # Pelican's article.url (relative to SITEURL)
    title: str
    date: datetime | None  # None when the source did not state it
    source: str | None
    reason: str  # one reason in words: "Same story, 2 days earlier", "Also about Baku"
    score: float
    shared: tuple[str, ...]  # names and tags both articles have, rarest first
    kind: str = ""  # "pinned", "story", "name", "category": what the reason says
    target: Record | None = None  # the linked article's record (its date, language)

    @property
    def lang(self) -> str | None:
        """Return the linked article's language, when known."""
        return self.target.lang if self.target is not None else None
