"""Typed records shared by the normaliser and the site: the article and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["article", "brief"]
KINDS: tuple[Kind, ...] = ("article", "brief")
# What one body paragraph is: text, a sub-heading, an item of a bulleted or numbered list.
Block = Literal["p", "h2", "h3", "h4", "ul", "ol"]


@dataclass(frozen=True)
class Translation:
    """Another-language version of an article, as the source lists it."""

    lang: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class SourceItem:
    """One entry of the source's own "Read next" / "Latest News" list."""

    title: str | None = None
    summary: str | None = None
    time: str | None = None
    category: str | None = None
    photo: bool = False
    slug: str | None = None  # the archive entry this item links to, when there is one


@dataclass(frozen=True)
class Revision:
    """An earlier version of an article, kept when the source changed its text."""

    fingerprint: str
    title: str
    body: str = ""
    until: datetime | None = None  # when the next version replaced it
    source_file: str | None = None  # the raw file this version came from


@dataclass(frozen=True)
class Article:
    """One normalised article (or brief): exactly what the front-matter contract holds."""

    title: str
    slug: str
    date: datetime
    category: str
    body: str = ""
    kind: Kind = "article"
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # bylines as the source states them, one name each
    source: str | None = None
    source_url: str | None = None
    source_file: str | None = None
    lang: str | None = None
    summary: str | None = None
    translations: tuple[Translation, ...] = ()
    read_next: tuple[SourceItem, ...] = ()
    read_next_pins: tuple[str, ...] = ()
    fingerprint: str = ""
    origin: dict[str, str] = field(default_factory=dict)
    modified: datetime | None = None
    previous_versions: tuple[Revision, ...] = ()  # oldest first
    as_ingested: dict[str, str] = field(default_factory=dict)  # field -> digest ingest wrote

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            raise ValueError("Article.date must be timezone-aware")
        if self.modified is not None and self.modified.utcoffset() is None:
            raise ValueError("Article.modified must be timezone-aware")
        if not self.title.strip():
            raise ValueError("Article.title must not be empty")
        if not self.category.strip():
            raise ValueError("Article.category must not be empty")
        if self.kind not in KINDS:
            raise ValueError(f"Article.kind must be one of {KINDS}")

    @property
    def date_stated(self) -> bool:
        """True when the source stated the date; else ``origin['date']`` says where it came from
        (``ingested``, ``sidecar``, ``option``, ``relative``) and no output claims it."""
        return "date" not in self.origin
