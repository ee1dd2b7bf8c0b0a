"""The search page in headless Chromium over a built fixture archive (real Pelican and Pagefind)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit
from urllib.request import urlopen

import pytest
from pelican.plugins.pagefind_index.indexer import PageSource, digest, index_site
from pelican.plugins.pagefind_index.settings import PagefindSettings

from bench.bench_search import render_pages, render_search_page, save_as
from briefing.site import build_site
from tests.search_fixture import (
    CARLON,
    ROOT,
    build,
    offline_search_page,
    serving,
    write_articles,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The search fixture archive, built and served on 127.0.0.1."""
    output = build(tmp_path_factory.mktemp("search"))
    with serving(output) as url:
        yield url


HANG_MS = 600_000  # ten minutes: a hang, not a slow machine


class Visit:
    """One page of the site with every console error and outside request recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.page = browser.new_page()
        # Each wait is for an event the page shows (a state, a count), however long a loaded
        # machine takes to get there (30 s failed under load). The bound is only there so a
        # page that never gets there fails the test instead of hanging the suite.
        self.page.set_default_timeout(HANG_MS)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("request", self._request)

    def _console(self, message: Any) -> None:
        # The theme has no favicon: Chromium's own /favicon.ico probe is not the page's error.
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host != "127.0.0.1":
            self.outside.append(request.url)

    def results(self) -> list[str]:
        """Return the result titles once the page says the search finished."""
        state = "document.querySelector('[data-search-page]').dataset.state"
        self.page.wait_for_function(f"() => ['done', 'error'].includes({state})")  # it ends
        assert self.page.evaluate(state) == "done"
        titles: list[str] = self.page.locator(".search-result-title").all_inner_texts()
        return titles

    def close(self) -> None:
        """Close the page and check it stayed clean."""
        self.page.close()
        assert self.errors == []
        assert self.outside == []


@pytest.fixture
def visit(browser: Any, search_site: str) -> Iterator[Visit]:
    """A fresh page on the search fixture site; fails the test on console errors."""
    v = Visit(browser, search_site)
    yield v
    v.close()


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Daines", "Bayramov meets US Senator Steve Daines"),
        ("Carlon", "Amy Carlon: US seeking to elevate relations"),
        ("Карлон", "Amy Carlon: US seeking to elevate relations"),
        ("Karlon", "Amy Carlon: US seeking to elevate relations"),
    ],
    ids=["daines", "carlon", "carlon-cyrillic", "karlon-azerbaijani"],
)
def test_typing_a_word_lists_the_article(visit: Visit, query: str, title: str) -> None:
    """Typing in the search box finds the article, from its text or its translations' titles."""
    visit.page.goto(f"{visit.base}/search/")
    visit.page.get_by_label("Search words").fill(query)
    titles = visit.results()
    assert any(t.startswith(title) for t in titles), titles
    assert parse_qs(urlsplit(visit.page.url).query)["q"] == [query]


def test_loading_a_query_url_shows_every_result_ranked_over_the_archive(visit: Visit) -> None:
    """/search/?q=Baku shows all five matches at once: headline matches first, newest first."""
    visit.page.goto(f"{visit.base}/search/?q=Baku")
    titles = visit.results()
    assert visit.page.locator("#search-status").inner_text() == "5 results."
    assert [t.split(", day ")[-1] for t in titles[:3]] == ["3", "2", "1"]
    assert titles[3].startswith("Amy Carlon")  # body matches after, newest first
    assert titles[4].startswith("Bayramov meets")
    assert visit.page.locator(".search-more").is_hidden()
    first = visit.page.locator(".search-result").first
    assert first.locator("time").get_attribute("datetime") == "2026-01-13"
    assert first.locator("time").inner_text() == "13 January 2026"
    assert first.locator(".search-result-excerpt mark").count() >= 1


def test_default_view_invites_a_query(visit: Visit) -> None:
    """Without a query the page asks for one: no partial or "not searched yet" state."""
    visit.page.goto(f"{visit.base}/search/")
    visit.page.wait_for_function("() => document.querySelector('[data-search-page]').dataset.state")
    status = visit.page.locator("#search-status").inner_text()
    assert status == "Type a word to search the archive."
    assert visit.page.evaluate("document.activeElement.id") == "search-q"


def test_category_filter_narrows_the_list_and_the_url(visit: Visit) -> None:
    """Opening the filters shows exact counts; ticking a category keeps only its articles."""
    visit.page.goto(f"{visit.base}/search/?q=Baku")
    assert len(visit.results()) == 5
    visit.page.get_by_text("Filter by category").click()
    energy = visit.page.get_by_role("checkbox", name=re.compile(r"^Energy \(3\)"))
    energy.check()
    visit.page.wait_for_function("() => document.querySelectorAll('.search-result').length === 3")
    titles = visit.page.locator(".search-result-title").all_inner_texts()
    assert all(t.startswith("Baku hosts energy forum") for t in titles)
    assert parse_qs(urlsplit(visit.page.url).query)["category"] == ["Energy"]
    assert visit.page.locator("#search-status").inner_text() == "3 results."


def test_sort_oldest_first_orders_by_date(visit: Visit) -> None:
    """The sort control orders every match by date."""
    visit.page.goto(f"{visit.base}/search/?q=Baku&sort=oldest")
    titles = visit.results()
    assert titles[0].startswith("Bayramov meets")
    assert [t.split(", day ")[1] for t in titles[1:4]] == ["1", "2", "3"]
    assert titles[-1].startswith("Amy Carlon")


def test_result_link_highlights_the_words(visit: Visit) -> None:
    """Following a result opens the article with the searched word highlighted."""
    visit.page.goto(f"{visit.base}/search/?q={quote('Daines')}")
    visit.results()
    visit.page.locator(".search-result-title a").first.click()
    visit.page.wait_for_selector("mark.pagefind-highlight")
    assert "Daines" in visit.page.locator("mark.pagefind-highlight").first.inner_text()


def test_keyboard_and_screen_reader(visit: Visit) -> None:
    """The results count is announced (aria-live) and every control has a label."""
    visit.page.set_viewport_size({"width": 360, "height": 740})
    visit.page.goto(f"{visit.base}/search/?q=Baku")
    visit.results()
    status = visit.page.locator("#search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert visit.page.get_by_label("Sort").count() == 1
    visit.page.get_by_label("Search words").focus()
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.id") == "search-sort"
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert visit.page.get_by_role("searchbox").count() == 1  # the header's box is not shown


def test_file_protocol_leaves_search_to_the_offline_engine(browser: Any, tmp_path: Path) -> None:
    """From file:// the hosted search loads nothing and says so through its hook."""
    output = build(tmp_path)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    # Only script errors: the dev build's root-relative CSS links are not found from disk.
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((output / "search" / "index.html").as_uri())
    # The dev build's root-relative URLs do not resolve from disk (the offline build rewrites
    # them), so load the search script itself into the file:// page.
    page.add_script_tag(path=str(output / "theme" / "js" / "search.js"))
    page.wait_for_function("() => window.BriefingHostedSearch !== undefined")
    assert page.evaluate("window.BriefingHostedSearch.available") is False
    assert not [u for u in requests if "pagefind" in u or "parts.json" in u]
    assert errors == []
    page.close()


RUSSIAN = replace(
    CARLON,
    slug="vstrecha-v-baku",
    title="Встреча в Баку: Карлон и Байрамов",
    lang="ru",
    date=CARLON.date - timedelta(days=40),
    tags=(),
    summary=None,
    translations=(),
    body="Дипломаты обсудили Хартию стратегического партнёрства в Гяндже.",
)


@pytest.fixture(scope="module")
def two_language_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An English and a Russian page (html lang en / ru), indexed by the plugin, served.

    The theme gives every page html lang=DEFAULT_LANG, so this site is written with the
    benchmark's stand-in article page, which sets the page's own language.
    """
    site = tmp_path_factory.mktemp("languages") / "site"
    render_pages(site, [CARLON, RUSSIAN])
    render_search_page(site)
    pages = [PageSource(save_as(r), r.date, digest(repr(r))) for r in (CARLON, RUSSIAN)]
    index_site(site, pages, PagefindSettings(), site.parent / "cache", "test")
    with serving(site) as url:
        yield url


def test_other_language_pages_are_searched_from_the_english_page(
    browser: Any, two_language_site: str
) -> None:
    """A word only on a Russian page (html lang ru) is in the one index, found from /search/."""
    parts = json.loads(urlopen(f"{two_language_site}/search/pagefind/parts.json").read())
    (part,) = parts["parts"]
    entry_url = f"{two_language_site}/search/pagefind/{part['path']}pagefind-entry.json"
    entry = json.loads(urlopen(entry_url).read())
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"unknown": 2}
    visit = Visit(browser, two_language_site)
    visit.page.goto(f"{two_language_site}/search/?q={quote('Гяндже')}")
    assert visit.results() == [RUSSIAN.title]
    visit.page.goto(f"{two_language_site}/search/?q=Carlon")
    assert visit.results() == [CARLON.title]
    visit.close()


UNDATED = replace(
    CARLON,
    title="Ferry timetable changes announced",
    slug="ferry-timetable-changes-announced",
    source_url=None,
    translations=(),
    origin={"date": "ingested"},
    body="The ferry timetable changes next week, the port said.",
)


@pytest.fixture(scope="module")
def undated_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dated and an undated article (the source stated no date), as ingest writes them."""
    content = tmp_path_factory.mktemp("undated") / "content"
    write_articles(content, [CARLON, UNDATED])
    return content


def _undated_result(visit: Visit, search_url: str) -> None:
    visit.page.goto(f"{search_url}?q=ferry")
    assert visit.results() == [UNDATED.title]
    meta = visit.page.locator(".search-result-meta").first
    assert meta.inner_text().startswith("Date not stated")
    assert meta.locator("time").count() == 0  # the ingest day is not shown as its date
    visit.page.get_by_text("Filter by category").click()
    visit.page.get_by_role("checkbox", name=re.compile(r"^Undated \(1\)")).check()
    visit.page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    visit.page.goto(f"{search_url}?q=ferry&year=2026")
    assert visit.results() == []


def test_undated_article_is_found_as_undated_on_the_hosted_site(
    browser: Any, undated_content: Path
) -> None:
    """Pagefind: no date on its result, the year filter "Undated", not its ingest year."""
    output = undated_content.parent / "output"
    build_site(undated_content, output, ROOT / "pelicanconf.py")
    with serving(output) as url:
        visit = Visit(browser, url)
        _undated_result(visit, f"{url}/search/")
        visit.close()


def test_undated_article_is_found_as_undated_in_the_offline_copy(
    browser: Any, undated_content: Path
) -> None:
    """The offline engine says the same from file://."""
    page_url = offline_search_page(undated_content)
    visit = Visit(browser, "")
    _undated_result(visit, page_url)
    visit.close()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# axe's serious and critical violations, each as "rule: the elements it found".
_SERIOUS = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_search_page_with_results_and_filters(
    browser: Any, search_site: str, scheme: str
) -> None:
    """axe-core finds nothing serious on the search page with results and the filters open."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{search_site}/search/?q=Baku&category=Energy")
    page.wait_for_selector(".search-filter .count")
    assert page.locator("div[aria-labelledby]").count() == 0
    page.add_script_tag(path=str(AXE))
    serious = page.evaluate(_SERIOUS)
    context.close()
    assert serious == []


def test_first_result_above_the_fold_on_a_phone(browser: Any, search_site: str) -> None:
    """At 390x844 the filters are collapsed and the first result starts on the first screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{search_site}/search/?q=Baku")
    page.wait_for_function(
        "() => document.querySelector('[data-search-page]').dataset.state === 'done'"
    )
    assert page.locator(".search-facets").get_attribute("open") is None
    box = page.locator(".search-result").first.bounding_box()
    context.close()
    assert box is not None
    assert box["y"] + 40 < 844  # its headline is on screen, not just its top edge


_SHIFTS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_results_arriving_shift_nothing(browser: Any, search_site: str, width: int) -> None:
    """The controls are in the page's markup: results arriving move no laid-out content."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{search_site}/search/?q=Baku")
    page.wait_for_function(
        "() => document.querySelector('[data-search-page]').dataset.state === 'done'"
    )
    shift = page.evaluate(_SHIFTS)
    context.close()
    assert shift < 0.05
