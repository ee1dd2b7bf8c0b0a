"""Pelican glue: collect the built articles and write the offline index into the output.

Settings (merged over :data:`DEFAULTS`)::

    OFFLINE_SEARCH = {"folder": "search-offline", "term_shard_bytes": 16000, ...}
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from briefing import dating
from briefing import settings as briefing_settings
from briefing.text import html_text

from .index import IndexDoc, IndexOptions, build, write

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import PelicanArticle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings(IndexOptions):
    """The ``OFFLINE_SEARCH`` settings dict: the index's shard sizes and the output folder."""

    folder: str = "search-offline"


def load(settings: Mapping[str, Any]) -> Settings:
    """Return ``OFFLINE_SEARCH`` over the defaults (briefing.settings)."""
    return briefing_settings.load("OFFLINE_SEARCH", Settings, settings.get("OFFLINE_SEARCH"))


def index_doc(article: PelicanArticle, default_lang: str) -> IndexDoc:
    """Turn one Pelican article (with ``article.briefing``) into an index record."""
    record = getattr(article, "briefing", None)
    return IndexDoc(
        url=str(article.save_as),
        title=str(article.title),
        date=article.date,
        text=html_text(str(article.content)),
        category=str(article.category),
        source=(record.source if record is not None else None) or "",
        lang=(record.lang if record is not None else None) or default_lang,
        also=tuple(t.title for t in record.translations) if record is not None else (),
        dated=dating.date_stated(record) if record is not None else True,
    )


def write_index(generators: list[Any]) -> None:
    """Build the offline index from the article generator's articles (all_generators_finalized)."""
    for generator in generators:
        if not hasattr(generator, "articles"):
            continue
        settings = load(generator.settings)
        lang = str(generator.settings.get("DEFAULT_LANG", "en"))
        docs = [index_doc(a, lang) for a in [*generator.articles, *generator.translations]]
        folder = Path(generator.output_path) / settings.folder
        size = write(build(docs, settings), folder)
        logger.info("offline search: %d docs, %d bytes in %s", len(docs), size, folder)


def register() -> None:
    """Write the offline index once every generator has its content."""
    signals.all_generators_finalized.connect(write_index)
