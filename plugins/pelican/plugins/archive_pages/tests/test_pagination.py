"""Stable listing pages: counted from the oldest, so added articles leave the old pages alone.

The cutting itself (:func:`paginate`) is checked over many listing sizes; the build test
builds the site fixture with one article a page (real Pelican, the incremental writer),
adds a day's articles to a category and a tag, builds again and checks that the old numbered
pages were kept (the same files, hard-linked) and still equal a clean build.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pelican.plugins.archive_pages.pagination import ListingPage, paginate, split

from briefing import frontmatter
from briefing.site import build_site
from tests.conftest import DEV_SETTINGS
from tests.fixtures.site import ARTICLES, write_archive

PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]
SETTINGS = {"PAGINATION_PATTERNS": PATTERNS}


def pages_of(count: int, per: int) -> list[ListingPage]:
    """Cut a listing of ``count`` articles (numbers, newest first) into pages of ``per``."""
    return paginate("tag/x/index.html", "tag/x/", list(range(count, 0, -1)), SETTINGS, per)


@given(st.integers(0, 400), st.integers(1, 25))
def test_every_article_is_on_one_page_newest_first(count: int, per: int) -> None:
    pages = pages_of(count, per)
    assert [a for p in pages for a in p.object_list] == list(range(count, 0, -1))
    first, numbered = pages[0], pages[1:]
    assert first.number is None and first.url == "tag/x/" and first.count == count
    assert len(first.object_list) < 2 * per  # the newest full chunk and the rest
    assert len(first.object_list) == count if count < 2 * per else per <= len(first.object_list)
    for page in numbered:  # page k holds the k-th chunk from the oldest, under its own number
        assert page.number is not None and page.count is None
        assert page.object_list == tuple(range(page.number * per, (page.number - 1) * per, -1))
        assert page.url == f"tag/x/page/{page.number}/"
        assert (page.first_index, page.last_index) == (page.object_list[-1], page.object_list[0])
    assert [p.number for p in numbered] == list(range(len(numbered), 0, -1))


@given(st.integers(0, 300), st.integers(1, 60), st.integers(1, 25))
def test_added_articles_change_only_the_first_and_the_newest_numbered_page(
    count: int, added: int, per: int
) -> None:
    before = {p.number: p for p in pages_of(count, per)}
    after = {p.number: p for p in pages_of(count + added, per)}
    newest = max((n for n in before if n is not None), default=None)
    for number, page in before.items():
        if number is None:
            continue
        assert after[number].object_list == page.object_list  # never shifts
        if number != newest:
            assert after[number] == page  # the whole page: pager, links, range
    assert set(before) <= set(after)


@pytest.mark.parametrize(
    ("count", "current", "shown"),
    [
        pytest.param(200, None, [None, 9, 8, "...", 1], id="first page"),
        pytest.param(200, 9, [None, 9, 8, 7, "...", 1], id="newest numbered"),
        pytest.param(200, 5, [None, 6, 5, 4, 3, "...", 1], id="middle"),
        pytest.param(200, 3, [None, 4, 3, 2, 1], id="near the oldest"),
        pytest.param(200, 1, [None, 2, 1], id="oldest"),
        pytest.param(60, None, [None, 2, 1], id="two numbered"),
        pytest.param(39, None, [], id="one page"),
    ],
)
def test_the_pager_names_the_first_page_and_numbers_around_the_current(
    count: int, current: int | None, shown: list[int | str | None]
) -> None:
    page = next(p for p in pages_of(count, 20) if p.number == current)
    assert [("..." if link is None else link.number) for link in page.links] == shown
    assert [link.number for link in page.links if link and link.current] == (
        [current] if shown else []
    )


def test_newer_and_older_link_the_neighbouring_pages() -> None:
    pages = {p.number: p for p in pages_of(100, 20)}  # first page + numbered 4..1
    assert (pages[None].newer, pages[None].older) == (None, "tag/x/page/4/")
    assert (pages[4].newer, pages[4].older) == ("tag/x/", "tag/x/page/3/")
    assert (pages[1].newer, pages[1].older) == ("tag/x/page/2/", None)


def test_split_leaves_an_unpaginated_write_alone() -> None:
    arguments = {"template_name": "archives", "articles": [1, 2, 3], "url": "archives/"}
    settings = {**SETTINGS, "PAGINATED_TEMPLATES": {"tag": None}, "DEFAULT_PAGINATION": 1}
    assert split("archives/index.html", arguments, settings) == [("archives/index.html", arguments)]
    tag = {"template_name": "tag", "articles": [3, 2, 1], "dates": [1, 2, 3], "url": "tag/x/"}
    written = split("tag/x/index.html", tag, settings)
    assert [name for name, _ in written] == [
        "tag/x/index.html",
        "tag/x/page/2/index.html",
        "tag/x/page/1/index.html",
    ]
    assert all("dates" not in a and a["paginated"] == {} for _, a in written)
    assert [a["articles"] for _, a in written] == [(3,), (2,), (1,)]


@pytest.mark.parametrize(
    ("patterns", "missing"),
    [pytest.param(PATTERNS[:1], 2, id="page 2"), pytest.param(PATTERNS[1:], 1, id="page 1")],
)
def test_pages_need_a_pattern_for_the_first_and_the_numbered(
    patterns: list[tuple[int, str, str]], missing: int
) -> None:
    with pytest.raises(ValueError, match=f"no rule for page {missing}"):
        paginate("t/index.html", "t/", [3, 2, 1], {"PAGINATION_PATTERNS": patterns}, 1)


# --------------------------------------------------------------------------- a real build

EXTRA = ("-e", "DEFAULT_PAGINATION=1")
LISTINGS = ("category/politics", "tag/tag30")


def add_articles(content: Path, count: int) -> None:
    """Write ``count`` new Politics articles tagged tag30, days after the fixture's last."""
    model = ARTICLES[0]
    for n in range(count):
        new = dataclasses.replace(
            model,
            title=f"Committee hearing number {n} adjourned",
            body=f"The committee adjourned hearing number {n} until next week.",
            slug=f"committee-hearing-{n}-adjourned",
            date=model.date + timedelta(days=5, hours=n),
            modified=None,
            source_url=f"https://example.org/hearing/{n}",
            read_next=(),
            translations=(),
            summary=None,
            tags=("tag30",),
        )
        path = content / "articles" / f"{new.slug}.md"
        path.write_text(frontmatter.dump(new), encoding="utf-8")


def numbered(site: Path, listing: str) -> dict[int, Path]:
    """A listing's numbered pages by number."""
    return {int(p.parent.name): p for p in (site / listing / "page").glob("*/index.html")}


def items(page: Path) -> list[str]:
    """The article links a listing page lists."""
    html = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    return [str(h) for h in html.xpath("//main//ul[@class='items']//a[@class='headline']/@href")]


def test_added_articles_keep_the_old_numbered_pages(tmp_path: Path) -> None:
    content, output, clean = tmp_path / "content", tmp_path / "output", tmp_path / "clean"
    write_archive(content)
    build_site(content, output, DEV_SETTINGS, EXTRA, jobs=2, incremental=True)
    before = {name: numbered(output, name) for name in LISTINGS}
    assert all(len(pages) >= 2 for pages in before.values()), before
    old = {
        p: (p.read_bytes(), p.stat().st_ino) for pages in before.values() for p in pages.values()
    }
    listed = {name: items(output / name / "index.html") for name in LISTINGS}

    add_articles(content, 5)
    build_site(content, output, DEV_SETTINGS, EXTRA, jobs=2, incremental=True)
    build_site(content, clean, DEV_SETTINGS, EXTRA, jobs=1, incremental=False)
    for name, pages in before.items():
        newest = max(pages)
        after = numbered(output, name)
        assert len(after) > len(pages)  # the first page overflowed into new numbered pages
        for number, page in pages.items():
            assert items(page) == items(clean / name / "page" / str(number) / "index.html")
            if number != newest:  # untouched: the same file, linked from the last build
                assert (page.read_bytes(), page.stat().st_ino) == old[page]
        everything = [i for p in (output / name / "index.html", *after.values()) for i in items(p)]
        assert (
            len(everything)
            == len(set(everything))
            == len(listed[name]) + 5 + sum(len(items(p)) for p in pages.values())
        )
    for page in (p for name in LISTINGS for p in numbered(clean, name).values()):
        twin = output / page.relative_to(clean)
        assert twin.read_bytes() == page.read_bytes(), twin
