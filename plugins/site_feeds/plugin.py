"""Pelican signals: write the JSON Feed after the articles, the sitemap after the pages."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pelican import signals

from . import settings as feed_settings
from .documents import SitemapEntry, absolute, json_feed, modified, newest, robots, sitemap

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FixedText:
    """A stand-in for a Jinja template, so the writer (and its path checks) writes our text."""

    text: str

    def render(self, context: Mapping[str, Any]) -> str:
        """Return the text, whatever the context."""
        return self.text


def _siteurl(settings: Mapping[str, Any], what: str) -> str:
    siteurl = str(settings.get("SITEURL") or "")
    if not siteurl.startswith(("http://", "https://")):
        raise ValueError(f"SITE_FEEDS: {what} needs an absolute SITEURL, not {siteurl!r}")
    return siteurl


def write_json_feed(generator: Any, writer: Any) -> None:
    """Write the JSON Feed of the newest articles."""
    options = feed_settings.load(generator.settings)
    if not options.json_feed:
        return
    _siteurl(generator.settings, "the JSON Feed")
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    text = json_feed(articles[: options.json_feed_items], generator.settings, options.json_feed)
    writer.write_file(
        options.json_feed, FixedText(text), generator.context, template_name="JSON Feed"
    )


def sitemap_entries(context: Mapping[str, Any], siteurl: str) -> Iterator[SitemapEntry]:
    """Yield the site's canonical pages (first pages of listings), with their last change."""
    articles = context.get("articles", [])
    yield SitemapEntry(absolute(siteurl, ""), newest(articles))
    for name in context.get("DIRECT_TEMPLATES", ()):
        url = context.get(f"{name.upper()}_URL")
        # the home page comes first; the 404 and search pages are not content to index
        if name not in ("index", "404", "search") and url:
            yield SitemapEntry(absolute(siteurl, url), newest(articles))
    archive = context.get("archive")
    if archive is not None:
        for period in (*archive.years, *archive.months, *archive.days):
            yield SitemapEntry(absolute(siteurl, period.url), newest(period.articles))
    for category, items in context.get("categories", []):
        yield SitemapEntry(absolute(siteurl, category.url), newest(items))
    for tag, items in sorted(dict(context.get("tags", {})).items()):
        yield SitemapEntry(absolute(siteurl, tag.url), newest(items))
    for page in context.get("pages", []):
        yield SitemapEntry(absolute(siteurl, page.url))
    for article in articles:
        yield SitemapEntry(absolute(siteurl, article.url), modified(article))


def write_sitemap_and_robots(generator: Any, writer: Any) -> None:
    """Write sitemap.xml and robots.txt once the articles and pages are written."""
    options = feed_settings.load(generator.settings)
    sitemap_url = None
    if options.sitemap:
        siteurl = _siteurl(generator.settings, "the sitemap")
        text = sitemap(sitemap_entries(generator.context, siteurl))
        writer.write_file(
            options.sitemap, FixedText(text), generator.context, template_name="sitemap"
        )
        sitemap_url = absolute(siteurl, options.sitemap)
    if options.robots:
        text = robots(sitemap_url)
        writer.write_file(
            options.robots, FixedText(text), generator.context, template_name="robots"
        )


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.article_writer_finalized.connect(write_json_feed)
    signals.page_writer_finalized.connect(write_sitemap_and_robots)
