"""Datasette's metadata for the SQLite export: titles, descriptions, facets, column notes.

``datasette archive.db -m archive.metadata.json`` opens the articles with facets on source,
category, language and date, and full-text search (Datasette finds the FTS5 table itself).
"""

from __future__ import annotations

import json
from typing import Any

from briefing.export.columns import COLUMNS
from briefing.export.sqlite import CHILDREN, LINKS

ARTICLE_FACETS: list[Any] = ["source", "category", "lang", {"date": "date_utc"}]
TABLE_NOTES = {
    "tags": "One row per tag of an article, in the page's order",
    "authors": "One row per byline name of an article",
    "translations": "Other-language versions of an article, as the source lists them",
    "source_items": "The source's own Read next / Latest News items, in source order",
    LINKS: "Links between exported articles: editor's pins (via pin), then source items",
}
TABLE_FACETS = {"tags": ["tag"], "authors": ["author"], "translations": ["lang"], LINKS: ["via"]}


def metadata(database: str, site_name: str) -> dict[str, Any]:
    """Return Datasette's metadata mapping for the database named ``database``."""
    tables: dict[str, Any] = {
        "articles": {
            "title": "Articles",
            "description": "One row per article of the archive; search covers title, summary, text",
            "facets": ARTICLE_FACETS,
            "sort_desc": "date_utc",
            "label_column": "title",
            "size": 50,
            "columns": {c.name: c.description for c in COLUMNS},
        }
    }
    for table in (*(c.table for c in CHILDREN), LINKS):
        entry: dict[str, Any] = {
            "description": TABLE_NOTES.get(table, f"One row per {table} entry")
        }
        if table in TABLE_FACETS:
            entry["facets"] = TABLE_FACETS[table]
        tables[table] = entry
    return {
        "title": f"{site_name}: the corpus",
        "description": "Every article of the archive, from briefing export (one row each).",
        "databases": {database: {"tables": tables}},
    }


def metadata_text(database: str, site_name: str) -> str:
    """Return the metadata as the text of a JSON file."""
    return json.dumps(metadata(database, site_name), ensure_ascii=False, indent=2) + "\n"
