"""The ``SITE_FEEDS`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings


@dataclass(frozen=True)
class FeedSettings:
    """Where each document goes; an empty path turns it off."""

    json_feed: str = "feeds/all.json"
    sitemap: str = "sitemap.xml"
    robots: str = "robots.txt"
    json_feed_items: int = 100  # newest articles in each feed (JSON and Atom)
    atom: str = "feeds/all.atom.xml"
    category_atom: str = "feeds/category/{slug}.atom.xml"
    tag_atom: str = "feeds/tag/{slug}.atom.xml"
    opensearch: str = "opensearch.xml"


def load(settings: Mapping[str, Any]) -> FeedSettings:
    """Return the plugin's settings: ``SITE_FEEDS`` over the defaults (briefing.settings)."""
    return briefing_settings.load("SITE_FEEDS", FeedSettings, settings.get("SITE_FEEDS"))
