"""The offline bundle in headless Chromium from file://, with default file:// security (issue #7).

One fixture archive is built with ``briefing offline``, zipped, and unzipped into a temp folder;
every test opens pages from there.  No flag relaxes file:// rules (no --allow-file-access-...).
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pelican.plugins.offline_search.index import tokens
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect

from briefing import cli
from tests.offline_fixture import ROOT, write_content

pytestmark = pytest.mark.browser


@dataclass
class Watch:
    """What a page did that it must not: console errors, requests outside the bundle."""

    root: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def _failed(self, request: Request) -> None:
        # A load cut short by leaving the page (Enter in the header box) is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def _request(self, request: Request) -> None:
        url = request.url
        if not url.startswith(self.root) and not url.startswith("data:"):
            self.outside.append(url)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    write_content(work / "content")
    status = cli.main(
        [
            "offline",
            "--content",
            str(work / "content"),
            "--output",
            str(work / "output"),
            "--settings",
            str(ROOT / "pelicanconf.py"),
            "--dist",
            str(work / "dist"),
        ]
    )
    assert status == 0
    (archive,) = (work / "dist").glob("briefing-archive-offline-*.zip")
    unpacked = work / "unzipped"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(unpacked)
    shutil.copy(archive, work / "bundle.zip")
    return unpacked / "briefing-archive-offline"


@pytest.fixture
def page(browser: Browser, bundle: Path) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context()
    tab = context.new_page()
    watch = Watch(root=bundle.as_uri() + "/")
    watch.attach(tab)
    yield tab, watch
    context.close()
    assert watch.errors == []
    assert watch.outside == []


def _file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def test_walk_home_category_article_next_day_and_back(
    page: tuple[Page, Watch], bundle: Path
) -> None:
    tab, _ = page
    tab.goto((bundle / "index.html").as_uri())
    tab.click("nav a:text-is('Politics')")
    assert tab.url.endswith("/category/politics/index.html")
    tab.click("main a:text('Amy Carlon')")
    assert "amy-carlon" in tab.url and tab.url.endswith("/index.html")
    assert "Amy Carlon" in tab.inner_text("h1")
    tab.click(".translations a[hreflang=ru]")  # the Russian version is in the archive too
    assert tab.inner_text("h1").startswith("Эми Карлон")
    tab.go_back()
    # "Read next" when the read-next plugin is on; otherwise the in-category neighbour link.
    read_next = tab.locator(".read-next a")
    others = tab.locator("nav.neighbours a, .from-source a")
    (read_next.first if read_next.count() else others.first).click()
    assert _file_of(tab.url).is_file()
    assert tab.locator("article h1").count() == 1
    tab.click(".site-name a")
    tab.click("section.day h2 a >> nth=0")
    assert tab.url.endswith("/2024/05/15/index.html")
    assert "Neftchi" in tab.inner_text("main")
    tab.go_back()
    assert tab.url == (bundle / "index.html").as_uri()


def _search(tab: Page, query: str) -> list[str]:
    tab.wait_for_selector("[data-offline-search][data-state]")
    tab.fill("#search-q", query)
    tab.wait_for_function(
        "q => document.querySelector('[data-offline-search]').dataset.state === 'done'"
        " && new URLSearchParams(location.search).get('q') === q",
        arg=query,
    )
    return tab.locator(".search-result h2").all_inner_texts()


@pytest.mark.parametrize(
    ("typed", "title", "marked"),
    [
        ("Daines", "Senator Steve Daines visits Baku for energy talks", "Daines"),
        ("dain", "Senator Steve Daines visits Baku for energy talks", "Daines"),
        ("Carlon", "Amy Carlon: Azerbaijan and the US can deepen cooperation", "Carlon"),
        ("карлон", "Эми Карлон: Азербайджан и США могут углубить сотрудничество", "Карлон"),
    ],
    ids=["daines", "prefix-as-you-type", "carlon", "cyrillic"],
)
def test_search_from_disk(
    page: tuple[Page, Watch], bundle: Path, typed: str, title: str, marked: str
) -> None:
    tab, _ = page
    tab.goto((bundle / "index.html").as_uri())
    tab.fill("header input[name=q]", typed)
    tab.press("header input[name=q]", "Enter")
    assert tab.url.startswith((bundle / "search" / "index.html").as_uri())
    titles = _search(tab, typed)
    assert titles[0] == title
    assert marked in tab.locator(".search-result mark").all_inner_texts()
    link = tab.locator(".search-result h2 a").first.get_attribute("href")
    assert link is not None
    assert _file_of(link).is_file()


def test_header_box_suggests_titles_as_you_type(page: tuple[Page, Watch], bundle: Path) -> None:
    tab, _ = page
    tab.goto((bundle / "category" / "sport" / "index.html").as_uri())
    tab.click("header input[name=q]")
    tab.keyboard.type("carl", delay=20)
    tab.wait_for_selector("header form[data-state=done] .offline-suggest a")
    suggestions = tab.locator("header .offline-suggest a")
    assert suggestions.all_inner_texts() == [
        "Amy Carlon: Azerbaijan and the US can deepen cooperation"
    ]
    suggestions.first.click()
    assert "amy-carlon" in tab.url and tab.url.endswith("/index.html")


def _done(tab: Page) -> None:
    tab.wait_for_function(
        "() => document.querySelector('[data-offline-search]').dataset.state === 'done'"
    )


def test_search_category_filter_sort_and_url(page: tuple[Page, Watch], bundle: Path) -> None:
    """The one search UI from disk: count, collapsed facets with counts, sort, the URL."""
    tab, _ = page
    tab.goto((bundle / "search" / "index.html").as_uri() + "?q=baku")
    _done(tab)
    assert tab.locator("[data-search-page]").get_attribute("data-engine") == "offline"
    everything = tab.locator(".search-result h2").all_inner_texts()
    assert len(everything) == 2  # Daines (title) and the Sport derby (body)
    assert everything[0].startswith("Senator Steve Daines")  # title matches rank first
    assert tab.inner_text("#search-status") == "2 results."
    tab.click(".search-facets > summary")
    sport = tab.get_by_role("checkbox", name="Sport (1)")
    expect(tab.get_by_role("checkbox", name="Politics (1)")).to_have_count(1)  # waits for it
    sport.check()
    tab.wait_for_function("location.search.includes('category=Sport')")
    _done(tab)
    assert tab.locator(".search-result h2").all_inner_texts() == [
        "Neftchi win the derby in extra time"
    ]
    tab.get_by_role("checkbox", name="Sport (1)").uncheck()
    tab.select_option("#search-sort", "newest")
    tab.wait_for_function("location.search.includes('sort=newest')")
    _done(tab)
    newest_first = tab.locator(".search-result h2").all_inner_texts()
    assert newest_first == list(reversed(everything))
    tab.reload()
    _done(tab)
    assert tab.input_value("#search-q") == "baku"
    assert tab.locator(".search-result h2").all_inner_texts() == newest_first
    assert tab.locator(".search-result time").first.inner_text() == "15 May 2024"


def test_phrase_from_disk(page: tuple[Page, Watch], bundle: Path) -> None:
    """A quoted phrase matches its words side by side only; unquoted, any order."""
    tab, _ = page
    tab.goto((bundle / "search" / "index.html").as_uri() + '?q="steve daines"')
    _done(tab)
    assert tab.inner_text("#search-status") == "1 result."
    tab.goto((bundle / "search" / "index.html").as_uri() + '?q="daines steve"')
    _done(tab)
    assert tab.inner_text("#search-status") == "No results."


def test_crawl_every_page_every_link_is_a_file_in_the_bundle(
    page: tuple[Page, Watch], bundle: Path
) -> None:
    tab, _ = page
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) > 15
    broken: list[str] = []
    for html in pages:
        tab.goto(html.as_uri())
        urls = tab.eval_on_selector_all(
            "[href], [src], form[action]", "els => els.map(e => e.href || e.src || e.action)"
        )
        for url in urls:
            if not url.startswith("file:"):
                continue
            target = _file_of(url)
            if not target.is_relative_to(bundle) or not target.is_file():
                broken.append(f"{html.relative_to(bundle)} -> {url}")
    assert broken == []


def test_verify_passes_then_names_the_changed_file(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = bundle.parent.parent / "bundle.zip"
    assert cli.main(["verify", str(archive)]) == 0
    copy = bundle.parent.parent / "tampered"
    shutil.copytree(bundle, copy)
    assert cli.main(["verify", str(copy)]) == 0
    css = copy / "theme" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["verify", str(copy)]) == 1
    assert "theme/css/site.css: changed" in capsys.readouterr().err


TOKEN_CASES = [
    "Senator Steve Daines",
    "chargé d'affaires, 2024-05-14",
    "Azərbaycan və ABŞ İlham Əliyev",
    "Эми Карлон: Азербайджан и США",
    "ﬁnance ½ x²",
    "snake_case e-mail",
]


@pytest.mark.parametrize("text", TOKEN_CASES, ids=lambda t: t.split()[0])
def test_browser_tokens_match_the_index(page: tuple[Page, Watch], bundle: Path, text: str) -> None:
    tab, _ = page
    tab.goto((bundle / "search" / "index.html").as_uri())
    assert tab.evaluate("t => BriefingSearch.tokens(t)", text) == tokens(text)
