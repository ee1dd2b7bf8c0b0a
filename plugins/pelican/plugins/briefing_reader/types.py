"""What our plugins read of Pelican's objects, as Protocols (Pelican ships no type hints).

The briefing reader gives every article ``briefing``, the contract's typed record; the other
plugins read that record and the few attributes of Pelican's own article listed here, and the
read_next plugin sets the three it owns.  A plugin typed against these Protocols says exactly
what it needs of Pelican, so a Pelican upgrade that changes one of them shows in mypy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from briefing.model import Article as Record


class Named(Protocol):
    """Pelican's Category, Tag or Author (a ``URLWrapper``)."""

    name: str
    slug: str
    url: str


class PelicanArticle(Protocol):
    """A Pelican article (or page) as our plugins and the theme see it."""

    briefing: Record  # the contract's record, set by the briefing reader
    source_path: str
    save_as: str
    url: str
    slug: str
    title: str
    date: datetime
    lang: str
    status: str
    content: str
    category: Named
    tags: list[Named]
    metadata: dict[str, Any]
    settings: dict[str, Any]
    # Set by the read_next plugin for the theme (see read_next/plugin.py).
    read_next_links: list[Any]
    also_reported_by: list[tuple[str | None, str, str]]
    source_links: list[str | None]


class ArticlesGenerator(Protocol):
    """Pelican's articles generator, at ``article_generator_finalized``."""

    settings: dict[str, Any]
    context: dict[str, Any]
    output_path: str
    articles: list[PelicanArticle]
    translations: list[PelicanArticle]
    hidden_articles: list[PelicanArticle]
    drafts: list[PelicanArticle]
    categories: list[tuple[Named, list[PelicanArticle]]]
    tags: dict[Named, list[PelicanArticle]]


class PagesGenerator(Protocol):
    """Pelican's pages generator, at ``page_generator_finalized``."""

    settings: dict[str, Any]
    context: dict[str, Any]
    output_path: str
    pages: list[Any]  # Pelican's Page: a plugin may set attributes for its template
