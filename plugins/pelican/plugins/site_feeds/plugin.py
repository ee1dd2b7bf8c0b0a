"""Pelican signals: write the JSON Feed after the articles, the sitemap after the pages."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from . import settings as feed_settings
from .atom import Feed, atom, opensearch
from .documents import (
    SitemapEntry,
    absolute,
    json_feed,
    newest,
    robots,
    sitemap,
    stated_change,
)

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import ArticlesGenerator, PelicanArticle

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


def write_json_feed(generator: ArticlesGenerator, writer: Any) -> None:
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


def _newest_first(articles: Iterable[PelicanArticle]) -> list[PelicanArticle]:
    return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)


def atom_feeds(generator: ArticlesGenerator, options: feed_settings.FeedSettings) -> Iterator[Feed]:
    """Yield the archive's Atom feeds: everything, then one per category and per tag."""
    limit = options.json_feed_items
    settings = generator.settings
    if options.atom:
        yield Feed(options.atom, "", "", _newest_first(generator.articles)[:limit])
    taxonomies = (
        (options.category_atom, generator.categories),
        (options.tag_atom, generator.tags.items()),
    )
    for pattern, groups in taxonomies:
        if not pattern:
            continue
        for name, articles in groups:
            title = f"{settings['SITENAME']}: {name}"
            yield Feed(
                pattern.format(slug=name.slug), title, name.url, _newest_first(articles)[:limit]
            )


def write_atom_and_opensearch(generator: ArticlesGenerator, writer: Any) -> None:
    """Write the Atom feeds and the OpenSearch description."""
    options = feed_settings.load(generator.settings)
    if options.atom or options.category_atom or options.tag_atom:
        _siteurl(generator.settings, "the Atom feeds")
    for feed in atom_feeds(generator, options):
        text = atom(feed, generator.settings)
        writer.write_file(feed.path, FixedText(text), generator.context, template_name="Atom")
    if options.opensearch:
        _siteurl(generator.settings, "the OpenSearch description")
        search_url = str(generator.settings.get("SEARCH_URL") or "search/")
        text = opensearch(generator.settings, search_url)
        writer.write_file(
            options.opensearch, FixedText(text), generator.context, template_name="OpenSearch"
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
        yield SitemapEntry(absolute(siteurl, article.url), stated_change(article))


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
    signals.article_writer_finalized.connect(write_atom_and_opensearch)
    signals.page_writer_finalized.connect(write_sitemap_and_robots)
