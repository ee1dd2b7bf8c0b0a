"""The render key of a page: the site's digest, the chrome's, and the values the page shows.

- **Site**: every setting but the output folder and this plugin's own paths, the code of the
  enabled plugins and of the ``briefing`` package, and the versions of Pelican and Jinja2.  A
  change to any of them renders every page again.
- **Template**: the page's template and every template it extends, includes or imports (found
  by Jinja2's own parser), so a change to ``article.html`` renders the article pages only.
- **Chrome**: what the header and footer of every page show from the whole archive, as values:
  the names and URLs of the biggest categories, how many there are, the pages' URLs (About).
  Their counts of articles are not shown, so a day's articles change the chrome only when a
  category enters the header or a new one is added, and only then is every page rendered.
- **Page**: the write's own arguments (the article, the listing's articles, the period...) and
  the answers of the archive index its template asks for (neighbours, the day, translations;
  a period's neighbours, month and year as the links the template shows).

Only the templates in :data:`KEYED` are keyed, the whole-archive pages (home, archives,
categories, tags, sources, search, 404) by what ``archive_pages/shown.py`` says they show; any
other page is always rendered.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from importlib.metadata import version
from typing import Any

from jinja2 import meta
from pelican.plugins.archive_pages.shown import WHOLE_ARCHIVE
from pelican.plugins.news_meta.filters import biggest
from pelican.plugins.pagefind_index.plugin import plugin_sources

from briefing import manifest

from .fingerprint import Fingerprint, UnkeyableError, code_digest

logger = logging.getLogger(__name__)

# Settings that differ between two builds of the same site without changing a page.
NOT_SHOWN_SETTINGS = frozenset({"OUTPUT_PATH", "INCREMENTAL", "BENCH_TIMING"})
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def site_digest(settings: Mapping[str, Any]) -> str:
    """Digest what shapes every page: settings, plugin and normaliser code, library versions."""
    h = hashlib.sha256(f"pelican {version('pelican')} jinja2 {version('jinja2')}".encode())
    for key in sorted(k for k in settings if k not in NOT_SHOWN_SETTINGS):
        h.update(f"\n{key}=".encode())
        h.update(_ADDRESS.sub("", code_digest(settings[key])).encode())
    for name in settings.get("PLUGINS", []):
        for path in plugin_sources(name):
            h.update(f"\n{path.name}\0".encode() + path.read_bytes())
    h.update(manifest.code_version().encode())
    return h.hexdigest()


def template_digest(template: Any) -> str:
    """Digest a template's source and every template it extends, includes or imports."""
    env, h = template.environment, hashlib.sha256()
    seen: set[str] = set()
    todo = [template.name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source, _, _ = env.loader.get_source(env, name)
        h.update(f"{name}\0{source}\0".encode())
        todo.extend(n for n in meta.find_referenced_templates(env.parse(source)) if n)
    return h.hexdigest()


def chrome(context: Mapping[str, Any]) -> dict[str, Any]:
    """Return what base.html shows from the whole archive: header categories, footer pages."""
    categories = context.get("categories") or []
    count = context.get("HEADER_CATEGORIES") or 6
    return {
        "header": [(str(c), c.url) for c in biggest(categories, count)],
        "all categories link": len(categories) > count,
        "pages": [(p.slug, p.url) for p in context.get("pages") or ()],
    }


def _link(period: Any) -> tuple[str, str] | None:
    return None if period is None else (period.url, period.label)


def _article(context: Mapping[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    archive, article = context.get("archive"), kwargs.get("article")
    if archive is None or article is None:
        return kwargs
    record = getattr(article, "briefing", None)
    translations = getattr(record, "translations", ())
    return {
        **kwargs,
        "neighbours": archive.neighbours(article),
        "day": _link(archive.day_of(article)),
        "translation_targets": [archive.translation_target(t) for t in translations],
    }


def _period(context: Mapping[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    archive, period = context.get("archive"), kwargs.get("period")
    if archive is None or period is None:
        return kwargs
    around = archive.adjacent(period)
    return {
        **kwargs,
        "around": (_link(around.previous), _link(around.next)),
        "year": _link(archive.year_of(period.start)),
        "month": _link(archive.month_of(period.start)),
    }


def _listing(context: Mapping[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    # all_articles: Pelican passes the whole archive to every listing; the theme never shows it.
    return {k: v for k, v in kwargs.items() if k != "all_articles"}


# Template file -> the values its page shows beyond the chrome.
KEYED: dict[str, Callable[[Mapping[str, Any], dict[str, Any]], dict[str, Any]]] = {
    "article.html": _article,
    "page.html": _listing,
    "category.html": _listing,
    "tag.html": _listing,
    "period.html": _period,
    **WHOLE_ARCHIVE,
}


class Keys:
    """Compute render keys for one build (site and chrome digested once)."""

    def __init__(self, settings: Mapping[str, Any], context: Mapping[str, Any]) -> None:
        self.fingerprint = Fingerprint()
        self.base = site_digest(settings) + self.fingerprint.digest(chrome(context))
        self._templates: dict[str, str] = {}

    def key(
        self, name: str, template: Any, context: Mapping[str, Any], write: dict[str, Any]
    ) -> str | None:
        """Return the page's render key, or None when it must always be rendered."""
        shows = KEYED.get(getattr(template, "name", None) or "")
        if shows is None:
            return None
        try:
            values = self.fingerprint.digest(shows(context, write))
        except (UnkeyableError, KeyError) as exc:  # KeyError: no archive index in the context
            logger.debug("%s is always rendered: %s", name, exc)
            return None
        name_of = template.name
        if name_of not in self._templates:
            self._templates[name_of] = template_digest(template)
        theme = self._templates[name_of]
        return hashlib.sha256(f"{self.base}|{theme}|{name}|{values}".encode()).hexdigest()
