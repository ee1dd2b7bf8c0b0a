"""Complete search over a 1,000-article archive, hosted and offline alike (issue #13).

The archive (tests/search_fixture.py) plants known words in known articles: in headlines,
bodies, translation titles, as a phrase, in Russian articles.  For each query of the table
the page's count must equal the true count, and paging with "More results" must reach exactly
the expected articles, in the hosted build (Pelican + Pagefind, served on 127.0.0.1) and in
the unzipped offline copy opened from file://.  Sorts are checked in full order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from briefing.site import build_site
from tests.search_fixture import (
    ROOT,
    Planted,
    archive_articles,
    offline_search_page,
    parts_override,
    read_all,
    serving,
    write_archive,
)

pytestmark = pytest.mark.browser

ARTICLES = archive_articles()
PLANTED = [planted for _, planted in ARTICLES]


@dataclass(frozen=True)
class Case:
    """One query of the table: URL parameters, which articles match, how they are ordered."""

    params: dict[str, str]
    expected: Callable[[Planted], bool]
    order: str = ""  # "", "newest", "oldest" or "best" (headline matches, then the rest)
    word: str = ""  # for "best": the word whose headline matches come first


def _has(*words: str) -> Callable[[Planted], bool]:
    return lambda p: all(p.holds(w) for w in words)


def _and(test: Callable[[Planted], bool], **facets: str) -> Callable[[Planted], bool]:
    def check(p: Planted) -> bool:
        values = {"category": p.category, "source": p.source, "language": p.lang}
        values["year"] = str(p.date.year)
        return test(p) and all(values[k] == v for k, v in facets.items())

    return check


CASES = {
    "common": Case({"q": "summit"}, _has("summit")),
    "common-upper-case": Case({"q": "SUMMIT"}, _has("summit")),
    "rare": Case({"q": "zephyrine"}, _has("zephyrine")),
    "prefix": Case({"q": "zephyr"}, _has("zephyrine")),
    "one-letter-too-many": Case({"q": "harbours"}, _has("harbour")),
    "two-words": Case({"q": "harbour ferry"}, _has("harbour", "ferry")),
    "three-words": Case({"q": "summit harbour ferry"}, _has("summit", "harbour", "ferry")),
    "phrase": Case({"q": '"grain corridor"'}, lambda p: "grain corridor" in p.phrases),
    "phrase-words-unquoted": Case({"q": "grain corridor"}, _has("grain", "corridor")),
    "cyrillic": Case({"q": "переговоры"}, _has("переговоры")),
    "cyrillic-upper-case": Case({"q": "ПЕРЕГОВОРЫ"}, _has("переговоры")),
    "accent-left-out": Case({"q": "zurich"}, _has("zürich")),
    "accent-upper-case": Case({"q": "ZÜRICH"}, _has("zürich")),
    "translation-title": Case({"q": "перемирие"}, _has("перемирие")),
    "headline-only-word": Case({"q": "nato"}, _has("nato")),
    "word-and-category": Case(
        {"q": "harbour", "category": "Energy"}, _and(_has("harbour"), category="Energy")
    ),
    "word-and-source": Case(
        {"q": "summit", "source": "wire.example"}, _and(_has("summit"), source="wire.example")
    ),
    "word-and-language": Case(
        {"q": "summit", "language": "ru"}, _and(_has("summit"), language="ru")
    ),
    "word-and-year": Case({"q": "ferry", "year": "2025"}, _and(_has("ferry"), year="2025")),
    "word-and-two-filters": Case(
        {"q": "summit", "category": "Politics", "year": "2026"},
        _and(_has("summit"), category="Politics", year="2026"),
    ),
    "newest-first": Case({"q": "harbour", "sort": "newest"}, _has("harbour"), order="newest"),
    "oldest-first": Case({"q": "ferry", "sort": "oldest"}, _has("ferry"), order="oldest"),
    "best-match": Case({"q": "lighthouse"}, _has("lighthouse"), order="best", word="lighthouse"),
    "no-match": Case({"q": "quixotrave"}, lambda p: False),
}


def expected_slugs(case: Case) -> list[str]:
    """Return the slugs the query must find, in the order the case requires."""
    found = [p for p in PLANTED if case.expected(p)]
    newest = sorted(found, key=lambda p: p.date, reverse=True)
    if case.order == "oldest":
        return [p.slug for p in reversed(newest)]
    if case.order == "best":
        headline = [p for p in newest if case.word in p.title_words]
        return [p.slug for p in headline + [p for p in newest if p not in headline]]
    return [p.slug for p in newest]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive's Markdown files."""
    folder = tmp_path_factory.mktemp("archive") / "content"
    write_archive(folder, ARTICLES)
    return folder


# Parts of at most 300 pages: the 1,000 articles' search index in four parts, so every case
# checks the merge (counts added, sorts across parts, one archive-wide ranking).
PART_PAGES = 300


@pytest.fixture(scope="module")
def hosted(content: Path) -> Iterator[str]:
    """The archive built with pelicanconf.py (Pelican + Pagefind), served on 127.0.0.1."""
    output = content.parent / "output"
    build_site(content, output, ROOT / "pelicanconf.py", parts_override(PART_PAGES))
    manifest = json.loads((output / "search" / "pagefind" / "parts.json").read_text("utf-8"))
    assert len(manifest["parts"]) >= 3
    with serving(output) as url:
        yield f"{url}/search/"


@pytest.fixture(scope="module")
def offline(content: Path) -> str:
    """The archive's offline copy, zipped by ``briefing offline`` and unzipped again."""
    return offline_search_page(content)


def _opens(browser: Any, href: str) -> bool:
    """Say whether a result link leads to its article page (a file on disk, offline)."""
    if href.startswith("file:"):
        return Path(unquote(urlsplit(href).path)).is_file()
    page = browser.new_page()
    response = page.goto(href)
    ok = response is not None and response.ok and page.locator("article h1").count() == 1
    page.close()
    return bool(ok)


@pytest.fixture(params=["hosted", "offline"])
def search_page(request: pytest.FixtureRequest) -> str:
    """The URL of the search page of the hosted build or of the unzipped offline copy."""
    url: str = request.getfixturevalue(request.param)
    return url


def test_table_is_not_trivial() -> None:
    """Every planted word is there in numbers that make paging and filters matter."""
    assert len(ARTICLES) == 1_000
    assert len(expected_slugs(CASES["common"])) > 100
    assert (
        0
        < len(expected_slugs(CASES["phrase"]))
        < len(expected_slugs(CASES["phrase-words-unquoted"]))
    )
    best = CASES["best-match"]
    headline = [p for p in PLANTED if best.word in p.title_words]
    assert 0 < len(headline) < len(expected_slugs(best))


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_count_and_paging_reach_every_match(browser: Any, search_page: str, name: str) -> None:
    """The count is the true count and paging shows exactly the expected articles."""
    case = CASES[name]
    expected = expected_slugs(case)
    listing = read_all(browser, search_page, case.params)
    assert listing.errors == []
    assert listing.outside == []
    assert listing.count == len(expected)
    for href in listing.links[:3]:
        assert _opens(browser, href), href
    if case.order:
        assert listing.slugs == expected
    else:
        assert len(listing.slugs) == len(set(listing.slugs))
        assert sorted(listing.slugs) == sorted(expected)


@pytest.fixture(scope="module")
def one_index(content: Path) -> Iterator[str]:
    """The same archive with its search index in one part (PAGEFIND part_pages 0)."""
    output = content.parent / "output-one-index"
    build_site(content, output, ROOT / "pelicanconf.py", parts_override(0))
    manifest = json.loads((output / "search" / "pagefind" / "parts.json").read_text("utf-8"))
    assert len(manifest["parts"]) == 1
    with serving(output) as url:
        yield f"{url}/search/"


# "Best match" over parts must be the ranking one index of the whole archive gives: the
# queries whose words are common in some parts and rare in others, with and without filters.
RANKED = {
    "common-word": {"q": "summit"},
    "two-words": {"q": "harbour ferry"},
    "two-common-words": {"q": "summit harbour"},
    "headline-and-body": {"q": "lighthouse"},
    "prefix": {"q": "harb"},
    "word-and-filter": {"q": "summit", "category": "Politics"},
}


@pytest.mark.parametrize("name", list(RANKED), ids=list(RANKED))
def test_best_match_over_parts_is_the_one_index_ranking(
    browser: Any, hosted: str, one_index: str, name: str
) -> None:
    """Scores of separate parts put on one scale rank every match as one index does."""
    parts = read_all(browser, hosted, RANKED[name])
    whole = read_all(browser, one_index, RANKED[name])
    assert parts.errors == whole.errors == []
    assert parts.count == whole.count > 1
    assert parts.slugs == whole.slugs
