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

from tests.conftest import ROOT

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


AXE_PAGES = {
    "home": "/",
    "article": ARTICLE,
    "category": "/category/politics/",
    "day": "/2026/03/09/",
    "archive-index": "/archives/",
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
