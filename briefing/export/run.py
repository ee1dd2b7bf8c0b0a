"""Run an export: stream the archive's articles into one file of the chosen format.

The file is written beside its target under a temporary name and renamed into place once
complete, so a failed export never leaves a half-written file.  Unreadable content files are
reported (and the rest exported); the SQLite export also writes ``<name>.metadata.json``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing.export.columns import Row, RowContext, article_row
from briefing.export.content import Filters, read_articles
from briefing.export.metadata import metadata_text
from briefing.export.parquet import write_parquet
from briefing.export.sqlite import write_sqlite
from briefing.export.text_formats import write_csv, write_jsonl
from briefing.model import Article
from briefing.report import Rejection

logger = logging.getLogger(__name__)

SUFFIXES = {"sqlite": ".db", "jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
FORMATS = tuple(SUFFIXES)


@dataclass(frozen=True)
class ExportOptions:
    """One export: its format, the rows' context (site, access day, style) and filters."""

    format: str
    context: RowContext
    filters: Filters = field(default_factory=Filters)
    bom: bool = False  # CSV only: a UTF-8 byte-order mark, for Excel
    jobs: int = 1  # processes parsing the front matter (the rows are written in one)


@dataclass
class ExportReport:
    """What an export wrote and which content files it had to leave out."""

    path: Path
    rows: int = 0
    errors: list[Rejection] = field(default_factory=list)
    extra: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every content file was exported."""
        return not self.errors


def metadata_path(database: Path) -> Path:
    """Return where Datasette's metadata for a database goes: ``<name>.metadata.json``."""
    return database.with_name(f"{database.stem}.metadata.json")


def _rows(articles: Iterable[Article], context: RowContext) -> Iterator[Row]:
    return (article_row(a, context) for a in articles)


def _writer(options: ExportOptions) -> Callable[[Iterator[Article], Path], int]:
    context = options.context
    writers: dict[str, Callable[[Iterator[Article], Path], int]] = {
        "sqlite": lambda arts, path: write_sqlite(arts, path, context),
        "jsonl": lambda arts, path: write_jsonl(_rows(arts, context), path),
        "csv": lambda arts, path: write_csv(_rows(arts, context), path, options.bom),
        "parquet": lambda arts, path: write_parquet(_rows(arts, context), path),
    }
    if options.format not in writers:
        raise ValueError(f"unknown format {options.format!r}: one of {', '.join(FORMATS)}")
    return writers[options.format]


def write_atomically(out: Path, write: Callable[[Path], int]) -> int:
    """Call ``write`` on a temporary sibling of ``out``, then rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)  # left by an interrupted run of the same process id
    try:
        result = write(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return result


def export(content: Path, out: Path, options: ExportOptions) -> ExportReport:
    """Export the articles of ``content`` into ``out``; return what was written and left out."""
    write = _writer(options)
    report = ExportReport(path=out)
    articles = read_articles(content, options.filters, report.errors, options.jobs)
    report.rows = write_atomically(out, lambda tmp: write(articles, tmp))
    if options.format == "sqlite":
        meta = metadata_path(out)
        text = metadata_text(out.stem, options.context.site.name)
        write_atomically(meta, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        report.extra.append(meta)
    for error in report.errors:
        logger.debug("left out %s", error)
    return report
