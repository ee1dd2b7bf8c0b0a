"""Pelican glue: after the pages are read, export the archive into the output and link it.

The export reads ``content/`` through the front-matter contract (``briefing.export``), not
Pelican's parsed articles, so the files are exactly what ``briefing export`` writes.  The page
named by ``CORPUS_EXPORT["page"]`` gets ``corpus_files`` for its template.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from briefing.export.columns import RowContext
from briefing.export.run import SUFFIXES, ExportOptions, export
from briefing.export.siteinfo import from_settings

from .settings import CorpusSettings, load

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import PagesGenerator

logger = logging.getLogger(__name__)

LABELS = {
    "sqlite": "SQLite database (Datasette)",
    "jsonl": "JSON Lines",
    "csv": "CSV (spreadsheets, R)",
    "parquet": "Parquet (pandas, Arrow)",
}


class CorpusExportError(RuntimeError):
    """The archive could not be exported whole; the message names the files left out."""


@dataclass(frozen=True)
class CorpusFile:
    """One file of the carried export, as the About page lists it."""

    url: str  # relative to the site root
    label: str
    size: str  # e.g. "1.2 MB"


def human_size(size: int) -> str:
    """Return a byte count as e.g. '840 kB' or '1.2 MB' (powers of 1000)."""
    value, unit = float(size), "B"
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    return f"{value:.0f} {unit}" if unit in ("B", "kB") else f"{value:.1f} {unit}"


def _accessed() -> date:
    """The build's day; SOURCE_DATE_EPOCH (reproducible builds) pins it, as in the CLI."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)).date()


def write_corpus(
    settings: dict[str, Any], output: Path, options: CorpusSettings
) -> list[CorpusFile]:
    """Export the archive in every configured format under ``output``; return the files."""
    context = RowContext(from_settings(settings), _accessed(), options.cite_style)
    files = []
    for fmt in options.formats:
        target = output / options.folder / f"{options.name}{SUFFIXES[fmt]}"
        report = export(
            Path(settings["PATH"]), target, ExportOptions(fmt, context, bom=options.bom)
        )
        if not report.ok:
            raise CorpusExportError(
                f"CORPUS_EXPORT: {len(report.errors)} content file(s) left out: "
                + "; ".join(map(str, report.errors))
            )
        for path, label in (
            (target, LABELS[fmt]),
            *((p, "Datasette metadata") for p in report.extra),
        ):
            url = path.relative_to(output).as_posix()
            files.append(CorpusFile(url, label, human_size(path.stat().st_size)))
    return files


def carry_export(generator: PagesGenerator) -> None:
    """Write the export into the output and give the linking page its list of files."""
    options = load(generator.settings)
    if not options.formats:
        return
    files = write_corpus(generator.settings, Path(generator.output_path), options)
    page = next((p for p in generator.pages if p.slug == options.page), None)
    if page is None:
        logger.warning("CORPUS_EXPORT: no page with slug %r to link the export from", options.page)
        return
    page.corpus_files = files


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.page_generator_finalized.connect(carry_export)
