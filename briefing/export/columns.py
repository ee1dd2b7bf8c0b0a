"""The columns of an export, the same in every format, derived from :class:`Article` itself.

Every field of the contract's record becomes a column of its own name, typed from its
annotation (so a field added to ``Article`` is exported without a change here), except
``body``, exported as plain text (``body_text``).  A few derived columns sit beside the fields
they come from: the date in UTC, the local day, whether the source stated the date, the archive
URL, the word count, and a ready citation.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from briefing.export.cite import Citable, cite, stated_day
from briefing.export.siteinfo import SiteInfo
from briefing.markdown import plain_text
from briefing.model import Article

# text: a string or null; list: strings (a JSON array in CSV and SQLite, list<string> in
# Parquet); json: anything nested (JSON in CSV, SQLite and Parquet, a value in JSONL).
Kind = Literal["text", "int", "bool", "list", "json"]
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of every export: its name, kind and what it holds."""

    name: str
    kind: Kind
    description: str


@dataclass(frozen=True)
class RowContext:
    """What a row needs besides its article: the site's addresses, the access day, the style."""

    site: SiteInfo
    accessed: date
    cite_style: str = "apa"


DESCRIPTIONS = {
    "title": "Headline (derived from the lede when the page has none: see origin)",
    "slug": "Unique identifier of the article in the archive",
    "kind": "article, or brief for a headline-only entry from a source's listing",
    "date": "Date and time with the source's UTC offset (ISO 8601)",
    "modified": "When the source updated it, if stated (ISO 8601 with offset)",
    "category": "The source's section",
    "tags": "The page's tags",
    "authors": "The bylines' names, as the source states them",
    "source": "The site the article comes from",
    "source_url": "The original page's URL, when known",
    "source_file": "The raw input file, relative to the raw folder",
    "lang": "Language (ISO 639-1)",
    "summary": "The lede, plain text",
    "translations": "Other-language versions: lang, title, url",
    "read_next": "The source's own Read next / Latest News items, in source order",
    "read_next_pins": "Editor's pins: slugs shown first in the Read next block",
    "fingerprint": "Hash of the normalised title and body (finds duplicates)",
    "origin": "Where derived values came from, e.g. {date: ingested}",
}
DERIVED = {
    "date_utc": Column("date_utc", "text", "The date in UTC (ISO 8601, Z)"),
    "day": Column("day", "text", "The local day of the date, as in the dateline (YYYY-MM-DD)"),
    "date_stated": Column("date_stated", "bool", "True when the source states the date"),
    "archive_url": Column("archive_url", "text", "The article's page in this archive"),
    "body_text": Column("body_text", "text", "The article's text, paragraphs between blank lines"),
    "word_count": Column("word_count", "int", "Words in body_text"),
    "citation": Column("citation", "text", "A ready citation (style chosen at export)"),
}
# Derived columns follow the field they come from; body is replaced by its plain text, which
# goes last with the citation (the long columns at the end of a spreadsheet row).
AFTER = {"date": ("date_utc", "day", "date_stated"), "source_url": ("archive_url",)}
REPLACED = {"body"}
LAST = ("word_count", "body_text", "citation")


def _kind(hint: Any) -> Kind:
    """Return the column kind of a field's type annotation."""
    if hint is bool:
        return "bool"
    if hint is int:
        return "int"
    if typing.get_origin(hint) is Literal:
        return "text"
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if hint in (str, datetime) or (
        isinstance(hint, types.UnionType) and all(a in (str, datetime) for a in args)
    ):
        return "text"
    if typing.get_origin(hint) is tuple and args == [str, Ellipsis]:
        return "list"
    return "json"


def columns_of(record: type[Article] = Article) -> tuple[Column, ...]:
    """Return the export columns of a record type: its fields, typed, and the derived ones."""
    hints = typing.get_type_hints(record)
    out: list[Column] = []
    for f in dataclasses.fields(record):
        if f.name not in REPLACED:
            text = DESCRIPTIONS.get(f.name, f"Article.{f.name}, as the front matter holds it")
            out.append(Column(f.name, _kind(hints[f.name]), text))
        out += [DERIVED[name] for name in AFTER.get(f.name, ())]
    out += [DERIVED[name] for name in LAST]
    return tuple(out)


COLUMNS = columns_of()
NAMES = tuple(c.name for c in COLUMNS)


@functools.cache
def _field_names(record: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record))


def plain(value: Any) -> Any:
    """Return a field's value as JSON-ready data (dates ISO 8601, records as mappings)."""
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, Mapping):
        return {str(k): plain(value[k]) for k in sorted(value)}
    return value


def _derived(article: Article, context: RowContext) -> dict[str, Callable[[], Any]]:
    archive_url = context.site.article_address(article)
    text = plain_text(article.body)
    where = Citable(archive_url=archive_url, accessed=context.accessed)
    return {
        "date_utc": lambda: article.date.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "day": lambda: article.date.date().isoformat(),
        "date_stated": lambda: stated_day(article) is not None,
        "archive_url": lambda: archive_url,
        "body_text": lambda: text,
        "word_count": lambda: len(text.split()),
        "citation": lambda: cite(article, context.cite_style, where),
    }


def article_row(article: Article, context: RowContext) -> Row:
    """Return the export row of one article, every column in :data:`NAMES` order."""
    derived = _derived(article, context)
    row = {
        name: derived[name]() if name in derived else plain(getattr(article, name))
        for name in NAMES
    }
    # An empty string means "not stated", as an omitted field does: null in every format (a
    # CSV cell could not tell the two apart).
    return {name: None if value == "" else value for name, value in row.items()}
