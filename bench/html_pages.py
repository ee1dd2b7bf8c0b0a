"""Render synthetic articles as news HTML pages, for the HTML ingest measurement of ``make bench``.

Each page is what a news site serves: navigation, the article (headline, dateline, body
paragraphs, tags) and a footer, built with ``xml.etree`` (never string formatting).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from bench.dumps import paragraphs
from briefing.model import Article

NAV = ("Home", "Politics", "Economy", "Society", "World", "Sport", "Contact")


def html_page(article: Article) -> str:
    """Return one article as a complete HTML page."""
    html = ET.Element("html", lang=article.lang or "en")
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", charset="utf-8")
    ET.SubElement(head, "title").text = f"{article.title} | {article.source or 'News'}"
    ET.SubElement(head, "meta", property="og:title", content=article.title)
    ET.SubElement(head, "meta", property="article:published_time", content=article.date.isoformat())
    body = ET.SubElement(html, "body")
    nav = ET.SubElement(body, "nav")
    for label in NAV:
        ET.SubElement(nav, "a", href=f"/{label.lower()}/").text = label
    main = ET.SubElement(body, "article")
    ET.SubElement(main, "p", {"class": "section"}).text = article.category
    ET.SubElement(main, "h1").text = article.title
    ET.SubElement(
        main, "time", datetime=article.date.isoformat()
    ).text = f"{article.date:%d.%m.%Y %H:%M}"
    for text in paragraphs(article):
        ET.SubElement(main, "p").text = text
    tags = ET.SubElement(main, "ul", {"class": "tags"})
    for tag in article.tags:
        ET.SubElement(tags, "li").text = tag
    ET.SubElement(body, "footer").text = "© News site. All rights reserved."
    return "<!doctype html>\n" + ET.tostring(html, encoding="unicode", method="html")


def write_html(articles: Sequence[Article], folder: Path) -> int:
    """Write ``<slug>.html`` for every article into ``folder``; return the page count."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.slug}.html").write_text(html_page(article), encoding="utf-8")
    return len(articles)
