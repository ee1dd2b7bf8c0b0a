"""Atom 1.0 feeds (RFC 4287) of the archive, its categories and tags, built with xml.etree.

Pelican's own feeds state the ingest day of an undated article as its ``published`` date and
write an empty ``<author><name/></author>``; these state only what the source did: authors
when named (the site is the feed's author), ``published`` only for a stated date, the
original page as ``<link rel="via">``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing import dating
from briefing.model import Article as Record

from .documents import absolute, modified

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Feed:
    """One Atom feed: where it goes, its title, the page it mirrors and its entries."""

    path: str
    title: str
    page_url: str
    articles: Sequence[Any]


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entry(feed: ET.Element, article: Any, siteurl: str) -> None:
    """Add one article as an <entry>."""
    record: Record = article.briefing
    url = absolute(siteurl, article.url)
    entry = _el(feed, "entry")
    if record.lang:
        entry.set("xml:lang", record.lang)
    _el(entry, "title", record.title, type="text")
    _el(entry, "link", href=url, rel="alternate", type="text/html")
    if record.source_url and record.source_url.startswith(("http://", "https://")):
        _el(entry, "link", href=record.source_url, rel="via")
    _el(entry, "id", url)
    _el(entry, "updated", modified(article).isoformat())
    published = dating.published(record)
    if published is not None:
        _el(entry, "published", published.isoformat())
    for name in record.authors:
        _el(_el(entry, "author"), "name", name)
    for term in (record.category, *record.tags):
        _el(entry, "category", term=term)
    if record.summary:
        _el(entry, "summary", record.summary, type="text")
    _el(entry, "content", str(article.content), type="html")


def atom(feed: Feed, settings: dict[str, Any]) -> str:
    """Return the Atom document of one feed."""
    siteurl = str(settings["SITEURL"])
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": str(settings["DEFAULT_LANG"])})
    _el(root, "title", f"{feed.title}" if feed.title else str(settings["SITENAME"]))
    _el(root, "link", href=absolute(siteurl, feed.page_url), rel="alternate", type="text/html")
    _el(root, "link", href=absolute(siteurl, feed.path), rel="self")
    _el(root, "id", absolute(siteurl, feed.path))
    newest = max((modified(a) for a in feed.articles), default=None)
    if newest is not None:
        _el(root, "updated", newest.isoformat())
    _el(_el(root, "author"), "name", str(settings["SITENAME"]))
    for article in feed.articles:
        _entry(root, article, siteurl)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def opensearch(settings: dict[str, Any], search_url: str) -> str:
    """Return the OpenSearch description of the site's search page (browsers' search boxes)."""
    ns = "http://a9.com/-/spec/opensearch/1.1/"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}OpenSearchDescription")
    name = str(settings["SITENAME"])
    ET.SubElement(root, f"{{{ns}}}ShortName").text = name[:16]
    ET.SubElement(root, f"{{{ns}}}Description").text = f"Search {name}"
    ET.SubElement(root, f"{{{ns}}}InputEncoding").text = "UTF-8"
    ET.SubElement(root, f"{{{ns}}}Language").text = str(settings["DEFAULT_LANG"])
    template = absolute(str(settings["SITEURL"]), search_url) + "?q={searchTerms}"
    ET.SubElement(root, f"{{{ns}}}Url", {"type": "text/html", "template": template})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
