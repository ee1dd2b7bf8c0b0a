"""Pure helpers of the site plugins: filters, settings, archive grouping (no Pelican build)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import jinja2
import lxml.html  # type: ignore[import-untyped]
import pytest
from pelican.plugins.archive_pages import settings as archive_settings
from pelican.plugins.archive_pages.index import build_days
from pelican.plugins.news_meta.dates import when
from pelican.plugins.news_meta.filters import (
    FILTERS,
    derived_notes,
    og_locale,
    site_href,
    text_dir,
    web_url,
)
from pelican.plugins.read_next.links import ReadNextLink
from pelican.plugins.site_feeds import settings as feed_settings

from briefing.model import Article
from tests.conftest import ROOT


def at(hour: int, minute: int, offset_minutes: int, day: int = 9) -> datetime:
    """Return 2026-03-<day> hour:minute at a UTC offset given in minutes."""
    return datetime(2026, 3, day, hour, minute, tzinfo=timezone(timedelta(minutes=offset_minutes)))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(9, 15, 240), "9 March 2026, 09:15 UTC+4"),
        (at(22, 0, 0), "9 March 2026, 22:00 UTC"),
        (at(7, 5, -300), "9 March 2026, 07:05 UTC-5"),
        (at(13, 0, 330), "9 March 2026, 13:00 UTC+5:30"),
    ],
    ids=["tbilisi", "utc", "new-york", "india"],
)
def test_dateline_keeps_the_sources_offset(moment: datetime, expected: str) -> None:
    assert when(moment) == expected


def record(moment: datetime, origin: dict[str, str]) -> Article:
    """Return an article dated ``moment`` with the given derived-value origin."""
    return Article(title="T", slug="t", date=moment, category="C", origin=origin)


@pytest.mark.parametrize(
    ("origin", "moment", "long", "short"),
    [
        ({}, at(9, 15, 240), "9 March 2026, 09:15 UTC+4", "09:15 UTC+4"),
        ({"timezone": "unknown"}, at(0, 0, 0), "9 March 2026", "9 March 2026"),
        ({"timezone": "unknown"}, at(14, 5, 0), "9 March 2026, 14:05 UTC", "14:05 UTC"),
        ({"date": "ingested"}, at(0, 0, 0), "9 March 2026", "9 March 2026"),
        ({"time": "none"}, at(0, 0, 240), "9 March 2026", "9 March 2026"),
    ],
    ids=["stated", "day-only", "time-without-zone", "undated", "marked-day-only"],
)
def test_when_shows_a_time_only_where_the_source_gave_one(
    origin: dict[str, str], moment: datetime, long: str, short: str
) -> None:
    assert when(record(moment, origin)) == long
    assert when(record(moment, origin), "time") == short


@pytest.mark.parametrize(
    ("lang", "direction", "locale"),
    [
        ("ar", "rtl", "ar_AR"),
        ("he", "rtl", "he_IL"),
        ("fa", "rtl", "fa_IR"),
        ("en", "ltr", "en_US"),
        ("ka", "ltr", "ka_GE"),
        ("xx", "ltr", None),
        (None, "ltr", None),
    ],
    ids=["arabic", "hebrew", "persian", "english", "georgian", "unknown", "none"],
)
def test_direction_and_locale_of_a_language(
    lang: str | None, direction: str, locale: str | None
) -> None:
    assert text_dir(lang) == direction
    assert og_locale(lang) == locale


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(9, 15, 240), "09:15 UTC+4"),
        (at(22, 0, 0), "22:00 UTC"),
        (at(13, 0, 330), "13:00 UTC+5:30"),
        (at(7, 5, -300), "07:05 UTC-5"),
    ],
    ids=["whole-hours", "utc", "half-hour", "negative"],
)
def test_short_time_has_a_compact_offset(moment: datetime, expected: str) -> None:
    assert when(moment, "time") == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://agenda.ge/en/news/1", "https://agenda.ge/en/news/1"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//evil.example/x", None),
        ("https:///no-host", None),
        ("", None),
        (None, None),
    ],
    ids=[
        "https",
        "http",
        "javascript",
        "javascript-spaced",
        "data",
        "scheme-relative",
        "no-host",
        "empty",
        "none",
    ],
)
def test_web_url_keeps_only_http_links(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected


@pytest.mark.parametrize(
    ("url", "siteurl", "expected"),
    [
        ("2026/03/09/a/", "", "/2026/03/09/a/"),
        ("2026/03/09/a/", "https://site.example", "https://site.example/2026/03/09/a/"),
        ("/2026/03/09/a/", "https://site.example", "/2026/03/09/a/"),
        ("https://other.example/a", "", "https://other.example/a"),
    ],
    ids=["relative-dev", "relative-published", "root-relative", "absolute"],
)
def test_site_href(url: str, siteurl: str, expected: str) -> None:
    assert site_href(url, siteurl) == expected


@pytest.mark.parametrize(
    ("origin", "starts"),
    [
        ({"date": "ingested"}, ["Date not stated by the source: the date shown is when"]),
        ({"date": "something-new"}, ["Date not stated by the source."]),
        ({"title": "lede", "category": "default"}, ["Headline not stated", "Category not stated"]),
        ({"entry": "listing"}, []),
    ],
    ids=["date", "unknown-date-origin", "title-and-category", "not-a-derived-value"],
)
def test_derived_notes(origin: dict[str, str], starts: list[str]) -> None:
    notes = derived_notes(origin)
    assert len(notes) == len(starts)
    assert all(n.startswith(s) for n, s in zip(notes, starts, strict=True))


@dataclass(frozen=True)
class FakeCategory:
    """Stands in for Pelican's Category: hashable, with a name."""

    name: str


def _article(
    slug: str, moment: datetime, category: str, origin: dict[str, str] | None = None
) -> SimpleNamespace:
    briefing = Article(title=slug, slug=slug, date=moment, category=category, origin=origin or {})
    return SimpleNamespace(
        slug=slug,
        date=moment,
        category=FakeCategory(category),
        source_path=slug,
        briefing=briefing,
    )


def test_days_follow_the_sources_calendar_not_utc() -> None:
    """Interleaved offsets: Pelican's groupby would make two pages for 10 March."""
    articles = [
        _article("a", at(0, 30, 240, day=10), "Politics"),  # 20:30 UTC on the 9th
        _article("b", at(22, 0, 0, day=9), "Society"),  # 22:00 UTC on the 9th
        _article("c", at(0, 45, 0, day=10), "Politics"),  # 00:45 UTC on the 10th
    ]
    days = build_days(articles, archive_settings.ArchiveSettings())
    assert [(d.url, [a.slug for a in d.articles]) for d in days] == [
        ("2026/03/10/", ["c", "a"]),
        ("2026/03/09/", ["b"]),
    ]


def test_undated_articles_are_listed_apart_from_their_ingest_days_news() -> None:
    articles = [
        _article("dated", at(9, 0, 240, day=10), "Politics"),
        _article("undated", at(0, 0, 0, day=10), "Politics", {"date": "ingested"}),
    ]
    (day,) = build_days(articles, archive_settings.ArchiveSettings())
    assert [a.slug for s in day.sections for a in s.articles] == ["dated"]
    assert [a.slug for a in day.undated] == ["undated"]
    assert day.dated == 1


@pytest.mark.parametrize(
    ("loader", "key"),
    [(archive_settings.load, "ARCHIVE_PAGES"), (feed_settings.load, "SITE_FEEDS")],
    ids=["archive-pages", "site-feeds"],
)
def test_settings_refuse_unknown_keys(loader: object, key: str) -> None:
    with pytest.raises(ValueError, match="unknown key"):
        loader({key: {"no_such_option": 1}})  # type: ignore[operator]


def _theme_env() -> Any:
    """The theme's Jinja environment as Pelican configures it, with the news_meta filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "themes" / "briefing" / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def test_read_next_block_renders_reason_and_score_escaped() -> None:
    moment = at(10, 0, 240, day=10)
    link = ReadNextLink(
        url="2026/03/10/exports-rise-in-february/",
        title="<b>Exports</b> rise",
        date=moment,
        source="Business Media",
        reason="Also about <i>trade</i>",
        score=0.42,
        shared=("wine", "trade"),
        kind="name",
        target=Article(title="Exports rise", slug="e", date=moment, category="Economy"),
    )
    html = (
        _theme_env()
        .get_template("_read_next.html")
        .render(article=SimpleNamespace(read_next_links=[link]), SITEURL="", DEFAULT_LANG="en")
    )
    item = lxml.html.fromstring(html).xpath("//li")[0]
    assert item.get("data-kind") == "name"
    assert item.xpath(".//*[@class='reason']")[0].text == "Also about <i>trade</i>"
    assert item.get("data-score") == "0.42"
    assert item.xpath(".//a/@href") == ["/2026/03/10/exports-rise-in-february/"]
    assert item.xpath(".//a")[0].text == "<b>Exports</b> rise"
    assert "10 March 2026, 10:00 UTC+4" in item.text_content()
    assert not item.xpath(".//b | .//i")


def test_read_next_block_is_absent_without_links() -> None:
    html = (
        _theme_env()
        .get_template("_read_next.html")
        .render(article=SimpleNamespace(), SITEURL="", DEFAULT_LANG="en")
    )
    assert html.strip() == ""
