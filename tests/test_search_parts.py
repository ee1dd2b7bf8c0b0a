"""Counts over an index in parts equal the archive's true counts (issue #13, the fallback).

Pagefind decides per index what a query word matches: the words that begin with it, or, when
no word of that index does, the longest word of the index the query word begins with (and,
when there is none either, it leaves the word out of the query).  With the index cut into
parts (one Pagefind index per run of months), each part decides alone, so a part lacking the
word would add the matches of a shorter word, or of the query's other words.  The archive is
built here so that each part lacks a query word the others hold:

- ``harbourmaster``: January only; February holds ``harbour`` (a word it begins with);
- ``переговорщик``: January only; April holds ``переговор``;
- ``ferry``: every month but April; March holds no word ``harbourmaster`` begins with.

The truth is the search rule of both engines (docs/SEARCH.md): a query word matches the
articles holding a word that begins with it; a word no article's word begins with is tried
once more without its last letter; several words mean all of them.  Hosted in parts, hosted
as one index and the offline copy must all show the true count and exactly those articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from briefing.model import Article
from briefing.site import build_site
from tests.search_fixture import (
    BAKU,
    ROOT,
    offline_search_page,
    parts_override,
    read_all,
    serving,
    write_articles,
)

pytestmark = pytest.mark.browser

MONTHS = ("January", "February", "March", "April")
PER_MONTH = 6
# Month (index in MONTHS) -> the planted words of its articles, one tuple per article.
PLANTED: dict[int, tuple[tuple[str, ...], ...]] = {
    0: (("harbourmaster", "ferry"), ("harbourmaster",), ("harbourmaster", "переговорщик"),
        ("ferry",), ("переговорщик", "ferry"), ()),
    1: (("harbour", "ferry"), ("harbour",), ("harbour", "ferry"), ("harbour",), ("ferry",), ()),
    2: (("ferry",), ("ferry",), ("ferry",), (), (), ()),
    3: (("переговор",), ("переговор",), ("переговор",), (), (), ()),
}  # fmt: skip
BACKGROUND = "The delegates talked about trade and grain in the capital."


@dataclass(frozen=True)
class Written:
    """One article of the archive and the words a reader can find it by."""

    article: Article
    words: frozenset[str]


def _articles() -> list[Written]:
    out = []
    for month, rows in PLANTED.items():
        for n, planted in enumerate(rows):
            article = Article(
                title=f"Delegates meet, {MONTHS[month]} {n + 1}",
                slug=f"parts-{month}-{n}",
                date=datetime(2025, month + 1, 3 + 4 * n, 9, 0, tzinfo=BAKU),
                category="Politics",
                source="report.az",
                lang="en",
                body=f"{BACKGROUND} {' '.join(planted).capitalize()}.".replace(" .", ""),
            )
            text = f"{article.title} {article.body}".lower()
            out.append(Written(article, frozenset(re.findall(r"\w+", text))))
    return out


ARTICLES = _articles()


def _matching(word: str) -> set[str]:
    return {w.article.slug for w in ARTICLES if any(t.startswith(word) for t in w.words)}


def true_slugs(query: str) -> set[str]:
    """The articles the query finds by the rule in the module's docstring."""
    found: set[str] | None = None
    for word in query.lower().split():
        matches = _matching(word)
        if not matches and len(word) >= 3:
            matches = _matching(word[:-1])
        found = matches if found is None else found & matches
    return found or set()


QUERIES = {
    "longer-word-than-a-part-holds": "harbourmaster",
    "cyrillic-longer-word": "переговорщик",
    "word-a-part-lacks-with-another": "harbourmaster ferry",
    "words-in-other-parts": "ferry переговорщик",
    "no-article-has-it": "harbourmasters",
    "an-unknown-word-with-a-known-one": "ferry quixotical",
    "the-shorter-word": "harbour",
}


def test_the_archive_tests_what_it_says() -> None:
    """Each query word is missing from some part that holds a shorter word or other words."""
    by_month = {m: set().union(*(w.words for w in ARTICLES[m * PER_MONTH : (m + 1) * PER_MONTH]))
                for m in PLANTED}  # fmt: skip
    assert "harbourmaster" not in by_month[1] and "harbour" in by_month[1]
    assert "переговорщик" not in by_month[3] and "переговор" in by_month[3]
    assert not any(w.startswith("harb") for w in by_month[2]) and "ferry" in by_month[2]
    assert 0 < len(true_slugs("harbourmaster")) < len(_matching("harbour"))
    assert true_slugs("harbourmasters") == true_slugs("harbourmaster")
    assert true_slugs("ferry quixotical") == set()


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive's Markdown files."""
    folder = tmp_path_factory.mktemp("parts") / "content"
    write_articles(folder, (w.article for w in ARTICLES))
    return folder


def _hosted(content: Path, part_pages: int, parts: int) -> Iterator[str]:
    output = content.parent / f"output-{part_pages}"
    build_site(content, output, ROOT / "pelicanconf.py", parts_override(part_pages))
    manifest = json.loads((output / "search" / "pagefind" / "parts.json").read_text("utf-8"))
    assert len(manifest["parts"]) == parts
    with serving(output) as url:
        yield f"{url}/search/"


@pytest.fixture(scope="module")
def in_parts(content: Path) -> Iterator[str]:
    """Hosted, the index in four parts: one a month."""
    yield from _hosted(content, PER_MONTH, len(MONTHS))


@pytest.fixture(scope="module")
def one_index(content: Path) -> Iterator[str]:
    """Hosted, the index in one part."""
    yield from _hosted(content, 0, 1)


@pytest.fixture(scope="module")
def offline(content: Path) -> str:
    """The offline copy, zipped by ``briefing offline`` and unzipped again."""
    return offline_search_page(content)


@pytest.fixture(params=["in_parts", "one_index", "offline"])
def search_page(request: pytest.FixtureRequest) -> str:
    """The search page of the hosted build in parts, as one index, or the offline copy."""
    url: str = request.getfixturevalue(request.param)
    return url


@pytest.mark.parametrize("name", list(QUERIES), ids=list(QUERIES))
def test_count_is_the_archive_count(browser: Any, search_page: str, name: str) -> None:
    """The count shown and the articles listed are the archive's, whatever the index's cut."""
    listing = read_all(browser, search_page, {"q": QUERIES[name]})
    expected = true_slugs(QUERIES[name])
    assert listing.errors == []
    assert listing.count == len(expected)
    assert sorted(listing.slugs) == sorted(expected)
