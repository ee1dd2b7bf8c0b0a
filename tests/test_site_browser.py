"""The built fixture site in headless Chromium: a reader's walk, accessibility (axe-core), layout.

The site is served on 127.0.0.1; any request to another host is aborted and fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, build_fixture_site, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "/2026/03/09/parliament-approves-budget-amendments/"
pytestmark = pytest.mark.browser


@dataclass
class Watched:
    """A Playwright page and what went wrong while it was used."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def watch(context: Any) -> Watched:
    """Open a page that records console errors, page errors and requests off 127.0.0.1."""
    watched = Watched(context.new_page())

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            watched.outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    watched.page.on(
        "console", lambda m: watched.errors.append(m.text) if m.type == "error" else None
    )
    watched.page.on("pageerror", lambda e: watched.errors.append(str(e)))
    return watched


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    """A fresh browser context and watched page; fails the test on errors or outside requests."""
    context = browser.new_context()
    watched = watch(context)
    yield watched
    context.close()
    assert watched.errors == []
    assert watched.outside == []


def test_reader_walks_home_category_article_tag_day(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}/")
    assert page.locator("h1").inner_text() == "Latest daily briefings"
    page.locator("nav.site-nav a", has_text="Politics").click()
    page.wait_for_url(f"{site_url}/category/politics/")
    assert page.locator("h1").inner_text().startswith("Politics")
    page.locator("main a.headline", has_text="Parliament approves budget amendments").click()
    page.wait_for_url(f"{site_url}{ARTICLE}")
    assert "UTC+4" in page.locator(".dateline time").first.inner_text()
    page.locator("ul.tags a", has_text="budget").click()
    page.wait_for_url(f"{site_url}/tag/budget/")
    page.locator("main a.headline", has_text="პარლამენტმა").click()
    page.wait_for_url(re.compile(r".*/2026/03/09/[a-z-]+/$"))
    page.locator(".dateline a.day-link").click()
    page.wait_for_url(f"{site_url}/2026/03/09/")
    assert page.locator("h1").inner_text().startswith("Monday 9 March 2026")


def test_skip_link_moves_focus_to_main(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}{ARTICLE}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_keyboard_focus_is_visible(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}/")
    for _ in range(3):  # skip link, site name, search field
        page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.id, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline == ["site-search", "solid", 3]


def test_hostile_article_runs_no_script(tab: Watched, site_url: str) -> None:
    page = tab.page
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{site_url}/2026/03/09/festival-opens/")
    page.locator("a", has_text="Tickets here").count()
    assert dialogs == []
    assert page.locator("main img").count() == 0
    assert "<script>alert('body')</script>" in page.locator("div.body").inner_text()


ARABIC = "/2026/03/10/albrlman-ynaqsh-tadylat-almyzanyt/"
AXE_PAGES = {
    "home": "/",
    "article": ARTICLE,
    "arabic-article": ARABIC,
    "undated-article": "/2026/03/09/hospital-opens-new-wing/",
    "category": "/category/politics/",
    "tag": "/tag/budget/",
    "day": "/2026/03/09/",
    "month": "/2026/03/",
    "year": "/2026/",
    "archive-index": "/archives/",
    "categories": "/categories/",
    "tags": "/tags/",
    "sources": "/sources/",
    "about": "/about/",
    "not-found": "/404.html",
    "hostile-article": "/2026/03/09/festival-opens/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", list(AXE_PAGES.values()), ids=list(AXE_PAGES))
def test_axe_finds_no_serious_violations(
    browser: Any, site_url: str, path: str, scheme: str
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    context = browser.new_context(color_scheme=scheme)
    try:
        page = watch(context).page
        page.goto(f"{site_url}{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", list(AXE_PAGES.values()), ids=list(AXE_PAGES))
def test_pages_fit_a_360px_screen(browser: Any, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{site_url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert width <= 360


def test_print_hides_navigation_and_side_blocks(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}{ARTICLE}")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "['.site-nav', '.search-form', '.from-source', '.site-footer']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        body_visible = page.locator("div.body").is_visible()
    finally:
        context.close()
    assert hidden == ["none", "none", "none", "none"]
    assert body_visible


def test_axe_core_is_the_locked_version() -> None:
    lock = (ROOT / "package-lock.json").read_text(encoding="utf-8")
    version = re.search(r'"node_modules/axe-core": \{\s*"version": "([^"]+)"', lock)
    assert version is not None
    assert Path(AXE).exists()
    assert f"axe v{version.group(1)}" in AXE.read_text(encoding="utf-8")[:200]


def box(page: Any, selector: str) -> dict[str, float]:
    """Return the bounding box of the first element matching ``selector``."""
    found: dict[str, float] = page.locator(selector).first.bounding_box()
    return found


def test_arabic_article_reads_right_to_left(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}{ARABIC}")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    h1, main = box(page, "article h1"), box(page, "main")
    # right-aligned: the headline ends at the right edge of the column
    assert abs((h1["x"] + h1["width"]) - (main["x"] + main["width"])) < 24
    # the site's English frame keeps its own language and direction
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).direction") == (
        "ltr"
    )
    assert page.locator("header.site-header").get_attribute("lang") == "en"


def test_arabic_headline_in_an_english_list_keeps_its_time_after_it(
    tab: Watched, site_url: str
) -> None:
    page = tab.page
    page.goto(f"{site_url}/2026/03/10/")
    item = page.locator("li.item", has=page.locator("a.headline[lang='ar']"))
    assert item.locator("a.headline").get_attribute("dir") == "rtl"
    headline = item.locator("a.headline").bounding_box()
    time = item.locator("time").bounding_box()
    assert headline is not None and time is not None
    # the page is left to right: the time stays to the right of (after) the Arabic title
    assert time["x"] >= headline["x"] + headline["width"] - 1 or time["y"] > headline["y"]
    english = page.locator("li.item", has=page.locator("a.headline:not([lang])")).first
    assert english.locator("a.headline").get_attribute("dir") == "ltr"


def test_undated_article_is_not_shown_as_the_days_news(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}/")
    first_day = page.locator("section.day").first
    assert "Hospital opens new wing" not in first_day.inner_text()
    undated = page.locator("section.undated")
    assert "Hospital opens new wing" in undated.inner_text()
    assert "state no date" in undated.inner_text()
    page.locator("section.undated a", has_text="Hospital opens new wing").click()
    assert page.locator(".dateline time").inner_text() == "9 March 2026"  # no made-up time


def test_day_only_date_shows_no_time(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}/2026/03/10/teachers-strike-ends/")
    assert page.locator(".dateline time").inner_text() == "10 March 2026"
    assert page.locator(".dateline time").get_attribute("datetime") == "2026-03-10"


def test_source_list_and_read_next_are_apart_and_never_repeat(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}{ARTICLE}")
    source = page.locator("aside.from-source")
    assert source.locator("h2").inner_text() == "Listed by Agenda.ge"
    hrefs = page.eval_on_selector_all(
        "aside.from-source a, aside.read-next a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs and len(hrefs) == len(set(hrefs))
    styles = page.evaluate(
        "['aside.from-source'].map(s => getComputedStyle(document.querySelector(s)).borderStyle)"
    )
    assert styles == ["dashed"]
    for reason in page.locator("aside.read-next .reason").all_inner_texts():
        assert "·" not in reason and "shared:" not in reason


def test_byline_and_original_link_are_shown(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}{ARTICLE}")
    assert page.locator(".byline").inner_text() == "By Nino Beridze and Giorgi Kapanadze"
    original = page.locator("p.original a")
    assert original.get_attribute("href") == "https://agenda.ge/en/news/2026/101"
    page.emulate_media(media="print")
    assert page.locator("p.original").is_visible()


def test_datelines_do_not_wrap_inside_a_date(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{site_url}/sources/")
    heights = page.eval_on_selector_all(
        ".meta time", "els => els.map(e => e.getClientRects().length)"
    )
    assert heights and set(heights) == {1}


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with one article a listing page, served: tag30 has pages 1 to 4."""
    site = build_fixture_site(
        tmp_path_factory.mktemp("paged"), extra=("-e", "DEFAULT_PAGINATION=1")
    )
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


def tab_to(page: Any, text: str, limit: int = 60) -> None:
    """Press Tab until the focus is on the pager's ``text`` link (fail after ``limit`` presses)."""
    focused = "(() => { const e = document.activeElement;"
    focused += " return e.closest('nav.pagination') ? e.textContent.trim() : null; })()"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == text:
            return
    pytest.fail(f"no focusable {text!r} within {limit} Tabs")


def test_pager_walks_the_pages_with_the_keyboard(tab: Watched, paged_url: str) -> None:
    page = tab.page
    page.goto(f"{paged_url}/tag/tag30/")
    current = "nav.pagination [aria-current=page]"
    assert page.locator(current).inner_text() == "Newest"
    tab_to(page, "Older")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{paged_url}/tag/tag30/page/4/")
    assert page.locator(current).text_content() == "Page 4"  # "Page " is for screen readers
    assert page.locator("h1 .count").inner_text() == "page 4"
    tab_to(page, "Page 1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{paged_url}/tag/tag30/page/1/")
    assert page.locator("nav.pagination a[rel=next]").count() == 0  # the oldest page
    tab_to(page, "Newer")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{paged_url}/tag/tag30/page/2/")
    tab_to(page, "Newest")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{paged_url}/tag/tag30/")


@pytest.mark.parametrize("path", ["/tag/tag30/", "/tag/tag30/page/2/"], ids=["first", "numbered"])
def test_paged_listing_has_no_serious_violations_and_fits_360px(
    browser: Any, paged_url: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = watch(context).page
        page.goto(f"{paged_url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    finally:
        context.close()
    assert width <= 360
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
