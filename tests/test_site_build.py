"""The archive site built by real Pelican over the fixture archive: pages, URLs, links, safety."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest
from pelican.plugins.unique_paths.writer import DuplicateOutputError, UniquePathWriter

from briefing import frontmatter
from briefing.site import BuildError, build_site
from tests.conftest import DEV_SETTINGS, build_fixture_site
from tests.fixtures.site import ARTICLES

ARTICLE = "2026/03/09/parliament-approves-budget-amendments/index.html"
HOSTILE = "2026/03/09/festival-opens/index.html"


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    """Parse one built page."""
    return lxml.html.fromstring((site / path).read_text(encoding="utf-8"))


def text_of(element: lxml.html.HtmlElement) -> str:
    """Return the element's text with whitespace collapsed."""
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("index.html", "Latest daily briefings"),
        (ARTICLE, "Parliament approves budget amendments"),
        ("2026/03/09/index.html", "Monday 9 March 2026"),
        ("2026/03/index.html", "March 2026"),
        ("2026/index.html", "2026"),
        ("archives/index.html", "Archive"),
        ("category/politics/index.html", "Politics"),
        ("tag/budget/index.html", "Tag: budget"),
        ("categories/index.html", "Categories and tags"),
        ("tags/index.html", "Tags"),
        ("sources/index.html", "Sources"),
        ("about/index.html", "About this archive"),
        ("404.html", "Page not found"),
    ],
    ids=[
        "home",
        "article",
        "day",
        "month",
        "year",
        "archive-index",
        "category",
        "tag",
        "categories",
        "tags",
        "sources",
        "about",
        "404",
    ],
)
def test_page_type_is_written_with_its_heading(built_site: Path, path: str, heading: str) -> None:
    doc = page(built_site, path)
    assert text_of(doc.xpath("//h1")[0]).startswith(heading)
    assert doc.xpath("//header//form[@role='search']")
    assert len(doc.xpath("//main")) == 1
    assert doc.xpath("//a[@class='skip-link'][@href='#main']")


def test_header_search_form_has_a_labelled_q_input(built_site: Path) -> None:
    form = page(built_site, "index.html").xpath("//form[@role='search']")[0]
    assert form.get("action") == "/search/"
    field = form.xpath(".//input[@name='q']")[0]
    assert form.xpath(f".//label[@for='{field.get('id')}']")


def test_home_groups_the_latest_days_by_category(built_site: Path) -> None:
    doc = page(built_site, "index.html")
    days = [text_of(h) for h in doc.xpath("//section[@class='day']/h2")]
    assert days == ["Tuesday 10 March 2026 8 articles", "Monday 9 March 2026 5 articles"]
    first_day = doc.xpath("//section[@class='day']")[0]
    sections = [text_of(h) for h in first_day.xpath(".//section[@class='section']/h3")]
    assert sections == ["Culture", "Economy", "Politics", "Society"]
    briefs = first_day.xpath(".//li[contains(@class, 'item-brief')]")
    assert [text_of(b.xpath(".//a")[0]) for b in briefs] == ["Cabinet reshuffle expected"]
    assert not briefs[0].xpath(".//p[@class='summary']")


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        ("2026/03/10", "night-session-ends-without-a-deal", "hospital-opens-new-wing"),
        ("2026/03/09", "hospital-opens-new-wing", "night-session-ends-without-a-deal"),
    ],
    ids=["local-day-after-utc-day", "utc-evening-stays-on-its-day"],
)
def test_day_page_holds_the_articles_of_the_sources_day(
    built_site: Path, day: str, present: str, absent: str
) -> None:
    links = page(built_site, f"{day}/index.html").xpath("//main//a/@href")
    assert f"/{day}/{present}/" in links
    assert not any(absent in link for link in links)


def test_article_dateline_shows_the_sources_time_zone(built_site: Path) -> None:
    doc = page(built_site, ARTICLE)
    time = doc.xpath("//p[@class='dateline']/a[@class='day-link']/time")[0]
    assert time.get("datetime") == "2026-03-09T09:15:00+04:00"
    assert text_of(time) == "9 March 2026, 09:15 UTC+4"
    source = doc.xpath("//p[@class='dateline']//span[@class='source']/a")[0]
    assert source.get("href") == "https://agenda.ge/en/news/2026/101"
    assert [text_of(a) for a in doc.xpath("//ul[@class='tags']//a")] == [
        "budget",
        "parliament",
        "tag30",
    ]


@pytest.mark.parametrize(
    ("path", "note"),
    [
        ("2026/03/09/hospital-opens-new-wing/index.html", "Date not stated by the source"),
        ("2026/03/10/film-festival-lineup-announced/index.html", "Headline not stated by the"),
    ],
    ids=["date", "headline"],
)
def test_derived_values_are_said_to_be_derived(built_site: Path, path: str, note: str) -> None:
    notes = page(built_site, path).xpath("//ul[@class='derived']/li")
    assert any(text_of(n).startswith(note) for n in notes)


def test_derived_note_absent_when_source_stated_everything(built_site: Path) -> None:
    assert not page(built_site, ARTICLE).xpath("//ul[@class='derived']")


def test_translations_link_archive_versions_with_lang(built_site: Path) -> None:
    doc = page(built_site, ARTICLE)
    items = doc.xpath("//section[@class='translations']//li")
    georgian = items[0].xpath(".//a")[0]
    assert georgian.get("href") == "/2026/03/09/parlamentma-biujetis-tsvlilebebi-daamtkitsa/"
    assert georgian.get("lang") == "ka" and georgian.get("hreflang") == "ka"
    assert not items[1].xpath(".//a")
    assert items[1].xpath(".//bdi[@lang='ru']")
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")
    }
    assert alternates == {
        "en": "/2026/03/09/parliament-approves-budget-amendments/",
        "ka": "/2026/03/09/parlamentma-biujetis-tsvlilebebi-daamtkitsa/",
    }


def test_article_in_another_language_carries_its_lang(built_site: Path) -> None:
    doc = page(built_site, "2026/03/09/parlamentma-biujetis-tsvlilebebi-daamtkitsa/index.html")
    assert doc.xpath("//article")[0].get("lang") == "ka"


def test_from_the_source_links_items_in_the_archive(built_site: Path) -> None:
    items = page(built_site, ARTICLE).xpath("//aside[@class='from-source']//li")
    assert items[0].xpath(".//a/@href") == ["/2026/03/09/central-bank-holds-rate/"]
    assert not items[1].xpath(".//a")
    assert "Opposition calls for debate 08:05" in text_of(items[1])


def test_previous_and_next_stay_in_the_category(built_site: Path) -> None:
    nav = page(built_site, "2026/03/10/exports-rise-in-february/index.html").xpath(
        "//nav[@class='neighbours']"
    )[0]
    assert nav.xpath(".//a[@rel='prev']/@href") == ["/2026/03/09/fuel-prices-edge-up/"]
    assert nav.xpath(".//a[@rel='next']/@href") == ["/2026/03/10/tourism-numbers-climb/"]


@pytest.mark.parametrize(
    ("path", "bodies"),
    [
        (ARTICLE, 1),
        ("index.html", 0),
        ("category/politics/index.html", 0),
        ("2026/03/09/index.html", 0),
    ],
    ids=["article", "home", "category", "day"],
)
def test_only_article_content_is_marked_for_search(
    built_site: Path, path: str, bodies: int
) -> None:
    doc = page(built_site, path)
    assert len(doc.xpath("//*[@data-pagefind-body]")) == bodies
    for block in doc.xpath("//aside[@class='from-source'] | //nav[@class='neighbours']"):
        assert block.get("data-pagefind-ignore") is not None


def test_hostile_content_renders_as_inert_text(built_site: Path) -> None:
    doc = page(built_site, HOSTILE)
    # The only inline script is the JSON-LD block; others are the theme's own files.
    scripts = doc.xpath("//script[not(@src)]")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert all(s.startswith("/theme/") for s in doc.xpath("//script/@src"))
    handlers = [a for el in doc.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []
    hrefs = [h.strip().lower() for h in doc.xpath("//body//@href | //body//@src")]
    assert not [h for h in hrefs if h.startswith(("javascript:", "data:"))]
    assert not doc.xpath("//img")
    body = text_of(doc.xpath("//div[@class='body']")[0])
    assert "<script>alert('body')</script>" in body
    assert '<img src="x" onerror="alert(\'img\')">' in body
    assert text_of(doc.xpath("//h1")[0]).startswith("<script>alert('title')</script>")
    assert text_of(doc.xpath("//span[@class='source']")[0]) == "Hostile <i>Source</i>"
    ld = json.loads(scripts[0].text)
    assert ld["headline"].startswith("<script>") and "isBasedOn" not in ld
    assert "</script" not in scripts[0].text


def test_archive_index_is_a_calendar_with_counts(built_site: Path) -> None:
    doc = page(built_site, "archives/index.html")
    cells = {
        text_of(td.xpath(".//span[@class='d']")[0]): td.xpath(".//a/@href")
        for td in doc.xpath("//table[@class='calendar']//td[span or a]")
    }
    assert cells["9"] == ["/2026/03/09/"] and cells["10"] == ["/2026/03/10/"]
    assert cells["11"] == []
    counts = [text_of(n) for n in doc.xpath("//td[@class='has-articles']//span[@class='n']")]
    assert counts == ["6 articles", "8 articles"]


def test_sources_page_counts_articles_per_source(built_site: Path) -> None:
    counts = {
        text_of(li.xpath("./a")[0]): text_of(li.xpath("./span")[0])
        for li in page(built_site, "sources/index.html").xpath("//ul[@class='counts']/li")
    }
    assert counts["Agenda.ge"] == "5" and counts["Business Media"] == "4"


def test_tags_index_counts_articles(built_site: Path) -> None:
    counts = {
        text_of(li.xpath("./a")[0]): text_of(li.xpath("./span")[0])
        for li in page(built_site, "tags/index.html").xpath("//ul[contains(@class, 'counts')]/li")
    }
    assert counts["tag30"] == "5" and counts["tag302"] == "1"


# --------------------------------------------------------------------------- output paths


def test_paginated_tag_does_not_overwrite_a_similar_tag(tmp_path: Path) -> None:
    """Numbered pages of tag30 and page 1 of tag302 (Pelican issues #2754, #2806) stay apart."""
    site = build_fixture_site(tmp_path, extra=("-e", "DEFAULT_PAGINATION=1"))
    tag30 = sorted(p.relative_to(site).as_posix() for p in (site / "tag/tag30").rglob("*.html"))
    # One article a page, counted from the oldest: pages 1 to 4, the newest on the first page.
    pages = ("", "page/1/", "page/2/", "page/3/", "page/4/")
    assert tag30 == [f"tag/tag30/{p}index.html" for p in pages]
    tag302 = page(site, "tag/tag302/index.html")
    assert tag302.xpath("//main//ul[@class='items']//a/@href") == [
        "/2026/03/09/hospital-opens-new-wing/"
    ]
    second = page(site, "tag/tag30/page/2/index.html")
    assert text_of(second.xpath("//h1/span[@class='count']")[0]) == "page 2"


def test_pelicans_default_pagination_collision_fails_naming_both(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # keep Pelican's log lines unwrapped
    # Pelican's default PAGINATION_PATTERNS, with tag pages as files (tag/{slug}.html).
    default_patterns = (
        '[[1, "{name}{extension}", "{name}{extension}"],'
        ' [2, "{name}{number}{extension}", "{name}{number}{extension}"]]'
    )
    extra = (
        "-e",
        "DEFAULT_PAGINATION=1",  # tag30's five articles: numbered pages 1 to 4 (tag302.html: 2)
        'TAG_SAVE_AS="tag/{slug}.html"',
        'TAG_URL="tag/{slug}.html"',
        f"PAGINATION_PATTERNS={default_patterns}",
    )
    with pytest.raises(BuildError):
        build_fixture_site(tmp_path, extra=extra)
    captured = capfd.readouterr()
    log = " ".join((captured.out + captured.err).split())
    assert "output path tag/tag302.html written twice" in log
    assert "tag 'tag302'" in log and "tag 'tag30'" in log


def test_writer_refuses_a_second_claim_naming_both(tmp_path: Path) -> None:
    writer = UniquePathWriter(str(tmp_path), settings={"FEED_MAX_ITEMS": None})
    writer.claim(str(tmp_path / "a" / "index.html"), "article content/a.md")
    with pytest.raises(DuplicateOutputError) as info:
        writer.claim(str(tmp_path / "a" / ".." / "a" / "index.html"), "page content/pages/a.md")
    assert str(info.value) == (
        "output path a/index.html written twice: first by article content/a.md,"
        " then by page content/pages/a.md"
    )


@dataclass(frozen=True)
class _Text:
    text: str

    def render(self, context: dict[str, object]) -> str:
        return self.text


def test_writer_accepts_relative_urls_by_position_and_claims_the_path(tmp_path: Path) -> None:
    """Pelican's template-pages generator calls write_file(dest, template, context, rurls)."""
    writer = UniquePathWriter(str(tmp_path), settings={"PAGINATED_TEMPLATES": {}})
    writer.write_file("extra/index.html", _Text("one"), {}, False, url="")
    assert (tmp_path / "extra" / "index.html").read_text() == "one"
    with pytest.raises(DuplicateOutputError, match="first by template"):
        writer.write_file("extra/index.html", _Text("two"), {}, template_name="sitemap")


def test_same_minute_articles_are_listed_in_slug_order(tmp_path: Path) -> None:
    """Pelican reads files in set order; equal dates must not make the listing order vary."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    moment = ARTICLES[0].date
    slugs = [f"story-{letter}" for letter in "fbdaec"]
    for slug in slugs:
        record = replace(ARTICLES[0], slug=slug, title=f"Story {slug}", date=moment)
        (content / "articles" / f"{slug}.md").write_text(frontmatter.dump(record), "utf-8")
    site = tmp_path / "output"
    build_site(content, site, DEV_SETTINGS)
    listed = page(site, "category/politics/index.html").xpath("//main//a[@class='headline']/@href")
    assert listed == [f"/2026/03/09/{slug}/" for slug in sorted(slugs)]


@pytest.mark.parametrize(
    ("path", "prev", "next_"),
    [
        ("2026/03/09/index.html", [], ["/2026/03/10/"]),
        ("2026/03/10/index.html", ["/2026/03/09/"], []),
        ("2026/03/index.html", [], []),
    ],
    ids=["first-day", "last-day", "only-month"],
)
def test_period_pages_link_the_days_around_them(
    built_site: Path, path: str, prev: list[str], next_: list[str]
) -> None:
    doc = page(built_site, path)
    assert doc.xpath("//main/nav[@class='neighbours']/a[@rel='prev']/@href") == prev
    assert doc.xpath("//main/nav[@class='neighbours']/a[@rel='next']/@href") == next_


def test_listings_mark_a_headline_taken_from_the_text(built_site: Path) -> None:
    doc = page(built_site, "index.html")
    marked = [
        text_of(li.xpath(".//a[@class='headline']")[0])
        for li in doc.xpath("//li[.//span[contains(@class, 'derived-mark')]]")
    ]
    assert marked == ["Film festival lineup announced", "Fuel prices edge up"]
