"""Feeds, sitemap, robots.txt and the NewsArticle JSON-LD of the published fixture site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest
from pelican.plugins.news_meta.filters import jsonld

SITEURL = "https://briefing.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE = "2026/03/09/parliament-approves-budget-amendments/"
HOSTILE = "2026/03/09/festival-opens/"


def json_ld(site: Path, url: str) -> dict[str, object]:
    """Return the one JSON-LD block of a built page, parsed."""
    doc = lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))
    blocks = doc.xpath("//script[@type='application/ld+json']")
    assert len(blocks) == 1
    data: dict[str, object] = json.loads(blocks[0].text)
    return data


@pytest.mark.parametrize(
    ("path", "entries"),
    [
        ("feeds/all.atom.xml", 14),
        ("feeds/category/politics.atom.xml", 6),
        ("feeds/category/economy.atom.xml", 4),
        ("feeds/tag/budget.atom.xml", 3),
    ],
    ids=["all", "politics", "economy", "tag"],
)
def test_atom_feeds_parse(published_site: Path, path: str, entries: int) -> None:
    root = ET.parse(published_site / path).getroot()
    assert root.tag == f"{ATOM}feed"
    links = [
        str(link.get("href"))
        for entry in root.iter(f"{ATOM}entry")
        for link in entry.iterfind(f"{ATOM}link[@rel='alternate']")
    ]
    assert len(links) == entries
    assert all(link.startswith(f"{SITEURL}/2026/03/") for link in links)


def test_atom_summary_of_hostile_article_is_plain_text(published_site: Path) -> None:
    root = ET.parse(published_site / "feeds/all.atom.xml").getroot()
    summaries = list(root.iter(f"{ATOM}summary"))
    hostile = next(s for s in summaries if s.text and "summary" in s.text)
    # type="text": a reader shows the markup as the characters it is, never as an element.
    assert hostile.get("type") == "text"
    assert hostile.text == "<img src=x onerror=alert('summary')> A summary with markup."


def test_json_feed_is_json_feed_1_1(published_site: Path) -> None:
    feed = json.loads((published_site / "feeds/all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == f"{SITEURL}/feeds/all.json"
    items = feed["items"]
    assert len(items) == 14
    dates = [datetime.fromisoformat(i["date_published"]) for i in items if "date_published" in i]
    assert dates == sorted(dates, reverse=True) and len(dates) == 13
    first = next(i for i in items if i["url"] == f"{SITEURL}/{ARTICLE}")
    assert first["external_url"] == "https://agenda.ge/en/news/2026/101"
    assert first["date_modified"] == "2026-03-09T11:00:00+04:00"
    assert first["tags"] == ["budget", "parliament", "tag30"]
    hostile = next(i for i in items if i["url"] == f"{SITEURL}/{HOSTILE}")
    assert "external_url" not in hostile
    assert "<script>" not in hostile["content_html"]


def test_sitemap_lists_pages_with_lastmod(published_site: Path) -> None:
    root = ET.parse(published_site / "sitemap.xml").getroot()
    entries = {str(u.findtext(f"{SITEMAP}loc")): u.findtext(f"{SITEMAP}lastmod") for u in root}
    assert len(entries) == len(root)  # each URL once
    assert entries[f"{SITEURL}/{ARTICLE}"] == "2026-03-09T11:00:00+04:00"
    # the day's newest stated date: the undated article taken in at 22:00 UTC claims nothing
    assert entries[f"{SITEURL}/2026/03/09/"] == "2026-03-09T18:30:00+04:00"
    assert entries[f"{SITEURL}/about/"] is None
    assert len([url for url in entries if url.count("/") == 7]) == 14  # every article


@pytest.mark.parametrize(
    "url",
    ["", "category/politics/", "tag/tag302/", "2026/", "2026/03/", "archives/"],
    ids=["home", "category", "tag", "year", "month", "archives"],
)
def test_sitemap_lists_each_listing_page(published_site: Path, url: str) -> None:
    root = ET.parse(published_site / "sitemap.xml").getroot()
    assert f"{SITEURL}/{url}" in [u.findtext(f"{SITEMAP}loc") for u in root]


def test_robots_points_at_the_sitemap(published_site: Path) -> None:
    robots = (published_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", f"Sitemap: {SITEURL}/sitemap.xml"]


def test_article_json_ld_is_a_news_article(published_site: Path) -> None:
    data = json_ld(published_site, ARTICLE)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Parliament approves budget amendments"
    assert data["datePublished"] == "2026-03-09T09:15:00+04:00"
    assert data["dateModified"] == "2026-03-09T11:00:00+04:00"
    assert data["inLanguage"] == "en"
    assert data["articleSection"] == "Politics"
    assert data["keywords"] == ["budget", "parliament", "tag30"]
    assert data["isBasedOn"] == "https://agenda.ge/en/news/2026/101"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Agenda.ge",
        "url": "https://agenda.ge/",
    }
    assert data["url"] == f"{SITEURL}/{ARTICLE}"


def test_article_head_has_canonical_opengraph_and_twitter(published_site: Path) -> None:
    doc = lxml.html.fromstring((published_site / ARTICLE / "index.html").read_text("utf-8"))
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{SITEURL}/{ARTICLE}"]
    og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
    assert og["og:type"] == "article"
    assert og["og:url"] == f"{SITEURL}/{ARTICLE}"
    assert og["article:published_time"] == "2026-03-09T09:15:00+04:00"
    assert doc.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
    hreflang = doc.xpath("//link[@rel='alternate'][@hreflang='ka']/@href")
    assert hreflang == [f"{SITEURL}/2026/03/09/parlamentma-biujetis-tsvlilebebi-daamtkitsa/"]


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "ok \u2028 line"],
    ids=["close-tag", "comment", "ampersand", "line-separator"],
)
def test_jsonld_filter_cannot_close_the_script(value: str) -> None:
    text = str(jsonld({"headline": value}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": value}
