"""The Datasette-ready SQLite export, written with sqlite-utils.

``articles`` has one row per article (the columns of :mod:`briefing.export.columns`; lists and
nested values as JSON text, which Datasette facets as arrays) and an FTS5 index over title,
summary and text.  Each tuple field of :class:`Article` also gets a table of its own, one row per
entry with ``article_slug`` (a foreign key) and ``position``: ``tags``, ``authors``,
``translations`` and ``source_items`` (the source's Read next list).  ``read_next`` holds the links
between exported articles: the editor's pins and the source items that name an archive entry.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from briefing.export.columns import COLUMNS, Kind, Row, RowContext, article_row, plain
from briefing.export.text_formats import json_text
from briefing.model import Article

logger = logging.getLogger(__name__)

ARTICLES_PER_BATCH = 1000
FTS_COLUMNS = ("title", "summary", "body_text")
LINKS = "read_next"
TABLE_NAMES = {"read_next": "source_items"}  # the source's items; read_next is the link table
ITEM_NAMES = {"tags": "tag", "authors": "author"}
FOLDED = {"read_next_pins"}  # in the read_next link table (via = 'pin')
INDEXED = ("date_utc", "day", "source", "category", "lang", "kind")
_SQL_TYPES: dict[Kind, type] = {"text": str, "int": int, "bool": int, "list": str, "json": str}


@dataclass(frozen=True)
class Child:
    """A table of one tuple field of Article: one row per entry."""

    table: str
    field: str
    columns: dict[str, type]  # besides article_slug and position


def _sql_type(hint: Any) -> type:
    return int if hint in (bool, int) else str


def children(record: type[Article] = Article) -> tuple[Child, ...]:
    """Return the child tables, one per tuple field of the record (of strings or of records)."""
    hints = typing.get_type_hints(record)
    found = []
    for f in dataclasses.fields(record):
        args = typing.get_args(hints[f.name])
        if f.name in FOLDED or typing.get_origin(hints[f.name]) is not tuple or not args:
            continue
        item = args[0]
        if item is str:
            columns: dict[str, type] = {ITEM_NAMES.get(f.name, "value"): str}
        elif dataclasses.is_dataclass(item):
            item_hints = typing.get_type_hints(item)
            columns = {g.name: _sql_type(item_hints[g.name]) for g in dataclasses.fields(item)}
        else:
            continue
        found.append(Child(TABLE_NAMES.get(f.name, f.name), f.name, columns))
    return tuple(found)


CHILDREN = children()


def child_rows(article: Article, child: Child) -> list[Row]:
    """Return the rows of one child table for one article."""
    rows = []
    for position, value in enumerate(getattr(article, child.field)):
        cells = plain(value)
        values = cells if isinstance(cells, dict) else {next(iter(child.columns)): cells}
        rows.append({"article_slug": article.slug, "position": position, **values})
    return rows


def link_rows(article: Article) -> list[Row]:
    """Return the article's links to other archive entries: pins first, then source items."""
    targets = [(slug, "pin") for slug in article.read_next_pins]
    targets += [(item.slug, "source") for item in article.read_next if item.slug]
    return [
        {"article_slug": article.slug, "position": n, "target_slug": slug, "via": via}
        for n, (slug, via) in enumerate(targets)
    ]


def _sql_row(row: Row) -> Row:
    return {
        c.name: json_text(row[c.name])
        if c.kind in ("list", "json") and row[c.name] is not None
        else row[c.name]
        for c in COLUMNS
    }


def _create(db: sqlite_utils.Database) -> None:
    articles = db.table("articles")
    articles.create(
        {c.name: _SQL_TYPES[c.kind] for c in COLUMNS},
        pk="slug",
        not_null=["title", "date", "date_utc", "day", "category", "kind"],
    )
    fk = [("article_slug", "articles", "slug")]
    for child in CHILDREN:
        columns = {"article_slug": str, "position": int, **child.columns}
        db.table(child.table).create(columns, pk=("article_slug", "position"), foreign_keys=fk)
    db.table(LINKS).create(
        {"article_slug": str, "position": int, "target_slug": str, "via": str},
        pk=("article_slug", "position"),
        foreign_keys=[*fk, ("target_slug", "articles", "slug")],
    )


def _insert(db: sqlite_utils.Database, batch: list[Article], context: RowContext) -> None:
    db.table("articles").insert_all(_sql_row(article_row(a, context)) for a in batch)
    for child in CHILDREN:
        rows = [r for a in batch for r in child_rows(a, child)]
        if rows:
            db.table(child.table).insert_all(rows)
    links = [r for a in batch for r in link_rows(a)]
    if links:
        db.table(LINKS).insert_all(links)


def _finish(db: sqlite_utils.Database) -> int:
    """Drop links to articles outside the export, index, and build the full-text index."""
    # A filtered export can leave a pin or a source item pointing outside it: the link table
    # keeps only links between exported rows (the slugs stay in source_items and the JSON).
    cursor = db.execute(f"DELETE FROM {LINKS} WHERE target_slug NOT IN (SELECT slug FROM articles)")
    dropped = cursor.rowcount
    articles = db.table("articles")
    for column in INDEXED:
        articles.create_index([column])
    # Child tables need no index of their own on article_slug: their primary key starts with it.
    for child in (*CHILDREN, Child(LINKS, "", {"target_slug": str})):
        table = db.table(child.table)
        for column in child.columns:
            if column in ("tag", "author", "target_slug", "slug", "lang"):
                table.create_index([column])
    articles.enable_fts(FTS_COLUMNS, fts_version="FTS5", tokenize="unicode61 remove_diacritics 2")
    db.execute("ANALYZE")
    return int(dropped)


def write_sqlite(articles: Iterable[Article], path: Path, context: RowContext) -> int:
    """Write the database at ``path`` (a new file); return the number of articles."""
    db = sqlite_utils.Database(path)
    # A fresh temporary file renamed into place only once complete: no journal is needed.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    _create(db)
    count = 0
    stream: Iterator[Article] = iter(articles)
    while batch := list(itertools.islice(stream, ARTICLES_PER_BATCH)):
        with db.conn:
            _insert(db, batch, context)
        count += len(batch)
    dropped = _finish(db)
    if dropped:
        logger.info("%s: %d read-next link(s) point outside the export", path, dropped)
    db.close()
    return count
