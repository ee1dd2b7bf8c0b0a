"""Pelican glue: collect the built articles and write the offline index, or what it is made of.

Settings (merged over :data:`DEFAULTS`)::

    OFFLINE_SEARCH = {"folder": "search-offline", "term_shard_bytes": 16000, ...}

Two ways in (issue #15):

* **The offline site rendered by Pelican** (``offlineconf.py``, which sets ``OFFLINE_SEARCH``):
  the index is written into the output, as ever.  This render is the reference the bundle
  ``briefing offline`` derives is tested against (``tests/test_offline_derived.py``).
* **The hosted build** (``pelicanconf.py``, no ``OFFLINE_SEARCH``): nothing is written unless
  ``briefing offline`` asks for the bundle's data by naming a folder in the environment
  (:data:`DATA_ENV`; an environment variable, not a setting, so that the hosted build's render
  keys, which cover every setting, stay those of ``make build`` and no page is rendered again).
  The folder gets the index (the same files as above) and ``bundle.json``
  (:func:`bundle_data`): the markup the offline pages add to or drop from the hosted ones,
  rendered by this build's own Jinja environment, and the paths only the hosted site has.
  ``briefing offline`` then turns the hosted pages into the offline ones without Pelican.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any
from pelican.plugins.pagefind_index.settings import load as pagefind_settings
from pelican.plugins.site_feeds.settings import load as feed_settings

from briefing import dating
from briefing import settings as briefing_settings
from briefing.offline import DATA_ENV, DATA_FILE
from briefing.text import html_text

from .index import IndexDoc, IndexOptions, build, write

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import PelicanArticle

logger = logging.getLogger(__name__)

# The theme's partials: the offline pages' search scripts (base.html, in every offline page) and
# the hosted search engine's scripts (search.html, in the hosted search page only).
OFFLINE_HEAD = "_offline_search.html"
HOSTED_ENGINE = "_search_engine.html"
# Written by the hosted-only plugins (offlineconf.py leaves them out): never in the bundle.
PAGEFIND_FOLDER = "pagefind"


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


def _docs(generator: Any) -> list[IndexDoc]:
    lang = str(generator.settings.get("DEFAULT_LANG", "en"))
    return [index_doc(a, lang) for a in [*generator.articles, *generator.translations]]


def write_index(generators: list[Any]) -> None:
    """Build the offline index from the article generator's articles (all_generators_finalized)."""
    for generator in generators:
        if not hasattr(generator, "articles"):
            continue
        if generator.settings.get("OFFLINE_SEARCH") is None:
            _write_data(generator)
            continue
        settings = load(generator.settings)
        docs = _docs(generator)
        folder = Path(generator.output_path) / settings.folder
        size = write(build(docs, settings), folder)
        logger.info("offline search: %d docs, %d bytes in %s", len(docs), size, folder)


def hosted_only(settings: Mapping[str, Any]) -> list[str]:
    """The output paths (a folder ends in ``/``) that the hosted-only plugins write."""
    found = [f"{pagefind_settings(settings).output_dir}/{PAGEFIND_FOLDER}/"]
    feeds = feed_settings(settings)
    for path in (feeds.json_feed, feeds.sitemap, feeds.robots, feeds.atom, feeds.opensearch):
        if path:
            found.append(path)
    for pattern in (feeds.category_atom, feeds.tag_atom):
        if pattern:
            found.append(pattern.split("{slug}")[0])
    return found


def bundle_data(generator: Any, settings: Settings) -> dict[str, Any]:
    """What ``briefing offline`` needs from the hosted build besides the index and the pages."""
    context = {**generator.context, "SITEURL": "", "OFFLINE_SEARCH": asdict(settings)}
    env = generator.env
    return {
        "folder": settings.folder,
        # Rendered as the hosted pages are (SITEURL ""): the offline pass makes them relative.
        "head": env.get_template(OFFLINE_HEAD).render(context) + "\n",
        "engine": env.get_template(HOSTED_ENGINE).render(context) + "\n",
        "hosted_only": hosted_only(generator.settings),
    }


def _write_data(generator: Any) -> None:
    target = os.environ.get(DATA_ENV)
    if not target:
        return
    folder, settings = Path(target), load(generator.settings)
    docs = _docs(generator)
    size = write(build(docs, settings), folder / settings.folder)
    data = json.dumps(bundle_data(generator, settings), ensure_ascii=False, indent=1)
    (folder / DATA_FILE).write_text(data, encoding="utf-8")
    logger.info("offline search: %d docs, %d bytes in %s", len(docs), size, folder)


def register() -> None:
    """Write the offline index (or its data) once every generator has its content."""
    signals.all_generators_finalized.connect(write_index)
