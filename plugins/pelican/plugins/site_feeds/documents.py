"""Build the JSON Feed, the sitemap and robots.txt as text: json.dumps and xml.etree only."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from briefing import dating
from briefing.model import Article as Record

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    """One <url> of the sitemap."""

    loc: str
    lastmod: datetime | None = None


def absolute(siteurl: str, url: str) -> str:
    """Join the site's absolute URL and a site-relative URL."""
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def modified(article: Any) -> datetime:
    """Return when the article last changed: its modified date, else its date.

    For an undated article that is the day the archive took it in: when our copy changed,
    which a feed's ``updated`` may say (never its ``published``).
    """
    record: Record = article.briefing
    return record.modified or record.date


def stated_change(article: Any) -> datetime | None:
    """Return when the source says the article last changed, None for an undated one."""
    record: Record = article.briefing
    return dating.modified(record) or dating.published(record)


def newest(articles: Iterable[Any]) -> datetime | None:
    """Return the latest stated change among articles, or None when none is stated."""
    return max((d for d in map(stated_change, articles) if d is not None), default=None)


def json_feed_item(article: Any, siteurl: str) -> dict[str, Any]:
    """Return one JSON Feed item for an article."""
    record: Record = article.briefing
    url = absolute(siteurl, article.url)
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": record.title,
        "content_html": article.content,
    }
    published = dating.published(record)
    if published is not None:
        item["date_published"] = published.isoformat()
    updated = dating.modified(record)
    if updated is not None:
        item["date_modified"] = updated.isoformat()
    if record.summary:
        item["summary"] = record.summary
    if record.tags:
        item["tags"] = list(record.tags)
    if record.lang:
        item["language"] = record.lang
    if record.source_url and record.source_url.startswith(("http://", "https://")):
        item["external_url"] = record.source_url
    if record.authors:
        item["authors"] = [{"name": name} for name in record.authors]
    return item


def json_feed(articles: Sequence[Any], settings: dict[str, Any], feed_path: str) -> str:
    """Return the JSON Feed 1.1 document of the newest articles."""
    siteurl = settings["SITEURL"]
    feed = {
        "version": JSON_FEED_VERSION,
        "title": settings["SITENAME"],
        "home_page_url": absolute(siteurl, ""),
        "feed_url": absolute(siteurl, feed_path),
        "language": settings["DEFAULT_LANG"],
        "items": [json_feed_item(a, siteurl) for a in articles],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def sitemap(entries: Iterable[SitemapEntry]) -> str:
    """Return sitemap.xml for the entries (each loc once, in the order given)."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    seen: set[str] = set()
    for entry in entries:
        if entry.loc in seen:
            continue
        seen.add(entry.loc)
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod.isoformat()
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def robots(sitemap_url: str | None) -> str:
    """Return robots.txt: everything allowed, and where the sitemap is."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"
