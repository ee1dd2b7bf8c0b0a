"""Helpers of the export tests: read an export back in each format as Python values, and the
rows the front matter itself says the export must hold (from the YAML, not from Article)."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from briefing import frontmatter
from briefing.export.columns import COLUMNS, RowContext
from briefing.export.run import ExportOptions, ExportReport, export
from briefing.export.siteinfo import SiteInfo

ACCESSED = date(2026, 12, 1)
SITE = SiteInfo(name="Test archive", url="https://archive.example.org")
CONTEXT = RowContext(site=SITE, accessed=ACCESSED)
KINDS = {c.name: c.kind for c in COLUMNS}
# Front-matter fields and what an omitted one means (frontmatter.to_mapping leaves out empties).
EMPTY: dict[str, Any] = {"kind": "article", "origin": {}, "as_ingested": {}}
LISTS = {"tags", "authors", "translations", "read_next", "read_next_pins", "previous_versions"}


def run_export(content: Path, out: Path, fmt: str, **options: Any) -> ExportReport:
    """Export ``content`` into ``out`` with the test site and access day."""
    return export(content, out, ExportOptions(fmt, CONTEXT, **options))


def _decode(name: str, value: Any, text_form: bool) -> Any:
    """Turn one stored value back into its JSONL form (CSV, SQLite and Parquet store text)."""
    kind = KINDS[name]
    if value is None or (text_form and value == ""):
        return None
    if kind == "bool":
        return {"true": True, "false": False}.get(value, value) if text_form else bool(value)
    if kind == "int":
        return int(value)
    if kind == "json" or (kind == "list" and isinstance(value, str)):
        return json.loads(value)
    return value


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL export."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [json.loads(line) for line in handle]


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, Any]]:
    """Read a CSV export as Excel would (the csv module's excel dialect)."""
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, dialect="excel"))
    return [{k: _decode(k, v, text_form=True) for k, v in row.items()} for row in rows]


def read_sqlite(path: Path) -> list[dict[str, Any]]:
    """Read the articles table of a SQLite export, in insertion order."""
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM articles ORDER BY rowid").fetchall()
    return [{k: _decode(k, v, text_form=False) for k, v in dict(row).items()} for row in rows]


def read_parquet(path: Path) -> list[dict[str, Any]]:
    """Read a Parquet export with pyarrow."""
    rows = pq.read_table(path).to_pylist()
    return [{k: _decode(k, v, text_form=False) for k, v in row.items()} for row in rows]


READERS = {"jsonl": read_jsonl, "csv": read_csv, "sqlite": read_sqlite, "parquet": read_parquet}
SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "sqlite": ".db", "parquet": ".parquet"}


def compact(value: Any) -> Any:
    """Drop null and false entries of nested records (the front matter omits them)."""
    if isinstance(value, list):
        return [compact(v) for v in value]
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v not in (None, False)}
    return value


def front_matter_fields(path: Path) -> dict[str, Any]:
    """Return every contract field of an article file as its YAML holds it (omitted: empty)."""
    data, _ = frontmatter.split(path.read_text(encoding="utf-8"))
    return {
        name: data.get(name, [] if name in LISTS else EMPTY.get(name))
        for name in frontmatter.FIELDS
    }
