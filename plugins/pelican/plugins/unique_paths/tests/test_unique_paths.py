"""unique_paths: a real Pelican build (in this process) fails naming both writers of a path.

The builds run Pelican in-process (``pelican.Pelican(settings).run()``) with the archive's own
settings and plugins, so the error raised is the plugin's own ``DuplicateOutputError`` with
its path and both writers, and ``make mutate`` sees which of these tests call the plugin.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import blinker
import pytest
from pelican import Pelican, signals
from pelican.contents import Article as PelicanArticle
from pelican.contents import Page
from pelican.plugins import signals as all_signals
from pelican.plugins.unique_paths.plugin import get_writer, register
from pelican.plugins.unique_paths.writer import DuplicateOutputError, UniquePathWriter, describe
from pelican.settings import read_settings
from pelican.urlwrappers import Author, Category, Tag

from briefing import frontmatter
from briefing.model import Article
from tests.conftest import DEV_SETTINGS
from tests.fixtures.site import ABOUT, ARTICLES

# The search index and read next are left out: the first is slow, the second refuses two
# articles with one slug before a path is written (its own test covers that).
LEFT_OUT = {"pelican.plugins.pagefind_index", "pelican.plugins.read_next"}
ARTICLE = ARTICLES[0]


@contextmanager
def own_signals() -> Iterator[None]:
    """Give one in-process build Pelican's signals with no receivers, then put them back.

    Signals live as long as the process: without this a build would also run the plugins
    that earlier in-process builds connected (other tests load them under other names).
    """
    state = ("receivers", "_by_receiver", "_by_sender", "_weak_senders")
    signals_ = [s for s in vars(all_signals).values() if isinstance(s, blinker.Signal)]
    saved = [(s, [getattr(s, name) for name in state]) for s in signals_]
    for signal in signals_:
        signal.receivers, signal._weak_senders = {}, {}
        signal._by_receiver, signal._by_sender = defaultdict(set), defaultdict(set)
    try:
        yield
    finally:
        for signal, values in saved:
            for name, value in zip(state, values, strict=True):
                setattr(signal, name, value)


def build(content: Path, output: Path, **override: Any) -> None:
    """Build ``content`` into ``output`` with pelicanconf.py and our plugins, in-process."""
    settings = read_settings(
        str(DEV_SETTINGS),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **override,
        },
    )
    names = [name for name in settings["PLUGINS"] if name not in LEFT_OUT]
    settings["PLUGINS"] = [importlib.import_module(name) for name in names]
    with own_signals():
        Pelican(settings).run()


def write(content: Path, name: str, text: str) -> Path:
    """Write one content file under ``content``; return its path."""
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article_text(**fields: Any) -> str:
    """The front-matter file of the fixture's first article with ``fields`` changed."""
    record: Article = replace(ARTICLE, translations=(), read_next=(), **fields)
    return frontmatter.dump(record)


def test_a_clean_build_claims_every_file_it_writes(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/one.md", article_text())
    write(content, "articles/two.md", article_text(slug="second", title="Second"))
    write(content, "pages/about.md", ABOUT)
    build(content, output)
    day = ARTICLE.date.strftime("%Y/%m/%d")
    wanted = {f"{day}/{ARTICLE.slug}/index.html", f"{day}/second/index.html", "about/index.html"}
    assert wanted <= {p.relative_to(output).as_posix() for p in output.rglob("*.html")}


def test_two_articles_on_one_path_fail_naming_both_files(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    first = write(content, "articles/a.md", article_text())
    second = write(content, "articles/b.md", article_text(title="Another headline"))
    with pytest.raises(DuplicateOutputError) as info:
        build(content, output)
    error = info.value
    assert error.path == f"{ARTICLE.date:%Y/%m/%d}/{ARTICLE.slug}/index.html"
    assert {error.first, error.second} == {f"article {first}", f"article {second}"}
    assert str(error) == (
        f"output path {error.path} written twice: first by {error.first}, then by {error.second}"
    )


def test_two_pages_on_one_path_fail_naming_both_files(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/a.md", article_text())
    first = write(content, "pages/about.md", ABOUT)
    second = write(content, "pages/about-again.md", ABOUT.replace("About this", "More about"))
    with pytest.raises(DuplicateOutputError) as info:
        build(content, output)
    assert info.value.path == "about/index.html"
    assert {info.value.first, info.value.second} == {f"page {first}", f"page {second}"}


def test_a_static_file_on_a_pages_path_fails_before_anything_is_written(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/a.md", article_text())
    page = write(content, "pages/about.md", ABOUT)
    static = write(content, "about/index.html", "<p>a hand-made about page</p>")
    with pytest.raises(DuplicateOutputError) as info:
        build(content, output, STATIC_PATHS=["about"])
    assert info.value.first == f"static {static}"
    assert info.value.second == f"page {page}"
    assert not (output / "about/index.html").exists()  # the page never overwrote it


def test_static_files_are_claimed_once_per_build(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/a.md", article_text())
    write(content, "extra/robots.txt", "User-agent: *\n")
    write(content, "extra/img/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    build(content, output, STATIC_PATHS=["extra"])
    assert (output / "extra/robots.txt").read_text(encoding="utf-8") == "User-agent: *\n"
    assert (output / "extra/img/logo.svg").is_file()


FEEDS = {
    "SITEURL": "https://archive.example",
    "FEED_DOMAIN": "https://archive.example",
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_ALL_ATOM_URL": "feeds/everything.atom.xml",
    "FEED_ALL_RSS": "feeds/all.rss.xml",
}


def test_feeds_are_written_through_the_writer(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/a.md", article_text())
    build(content, output, **FEEDS)
    atom = (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    rss = (output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<feed " in atom and ARTICLE.title in atom
    assert 'href="https://archive.example/feeds/everything.atom.xml" rel="self"' in atom
    assert "<rss " in rss and ARTICLE.title in rss


def test_a_feed_on_a_pages_path_fails_naming_the_feed(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, "articles/a.md", article_text())
    page = write(content, "pages/about.md", ABOUT)
    with pytest.raises(DuplicateOutputError) as info:
        build(content, output, **{**FEEDS, "FEED_ALL_RSS": "about/index.html"})
    assert {info.value.first, info.value.second} == {f"page {page}", "feed (about/index.html)"}


PAGINATED = {
    "DEFAULT_PAGINATION": 1,
    "TAG_SAVE_AS": "tag/{slug}.html",
    "TAG_URL": "tag/{slug}.html",
    "CATEGORY_SAVE_AS": "category/{slug}.html",
    "CATEGORY_URL": "category/{slug}.html",
    # Pelican's default pattern: page 2 of "x" is "x2.html", where a listing "x2" goes.
    "PAGINATION_PATTERNS": [
        (1, "{name}{extension}", "{name}{extension}"),
        (2, "{name}{number}{extension}", "{name}{number}{extension}"),
    ],
}


@pytest.mark.parametrize(
    ("listing", "names"),
    [
        pytest.param("tag", ("tag3", "tag32"), id="tag"),
        pytest.param("category", ("News", "News2"), id="category"),
    ],
)
def test_a_listing_page_on_another_listings_path_names_both(
    tmp_path: Path, listing: str, names: tuple[str, str]
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    short, long = names
    two = {"tags": (short,)} if listing == "tag" else {"category": short}
    one = {"tags": (long,)} if listing == "tag" else {"category": long}
    write(content, "articles/a.md", article_text(slug="a", **two))
    write(content, "articles/b.md", article_text(slug="b", **two))
    # Numbered pages count from the oldest (archive_pages/pagination.py): three articles a page
    # each make pages 1 and 2, and page 2 of the short name is the long name's page.
    write(content, "articles/d.md", article_text(slug="d", **two))
    write(content, "articles/c.md", article_text(slug="c", **one))
    with pytest.raises(DuplicateOutputError) as info:
        build(content, output, **PAGINATED)
    assert info.value.path == f"{listing}/{long.lower()}.html"
    assert {info.value.first, info.value.second} == {f"{listing} {short!r}", f"{listing} {long!r}"}


def pelican_settings(tmp_path: Path) -> dict[str, Any]:
    settings: dict[str, Any] = read_settings(
        str(DEV_SETTINGS), override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "o")}
    )
    return settings


def test_describe_names_what_a_write_renders(tmp_path: Path) -> None:
    settings = pelican_settings(tmp_path)
    source = str(tmp_path / "articles/a.md")
    article = PelicanArticle(
        "x", {"title": "A", "slug": "a", "date": ARTICLE.date}, settings, source
    )
    page = Page("x", {"title": "P", "slug": "p"}, settings, str(tmp_path / "pages/p.md"))
    tag, category = Tag("tag30", settings), Category("News", settings)
    author = Author("Emi Karlon", settings)
    assert describe(article.save_as, {"article": article}) == f"article {source}"
    assert describe(page.save_as, {"page": page}) == f"page {tmp_path / 'pages/p.md'}"
    # An article in the context of another page (a listing, its neighbours) is not the writer.
    listing = {"article": article, "tag": tag, "template_name": "tag"}
    assert describe("tag/tag30/index.html", listing) == "tag 'tag30'"
    assert describe("c.html", {"category": category}) == "category 'News'"
    assert describe("x.html", {"author": author}) == "author 'Emi Karlon'"
    assert describe("s.xml", {"template_name": "sitemap"}) == "template sitemap (s.xml)"
    assert describe("s.xml", {}) == "template ? (s.xml)"
    assert describe("s.xml", {"article": None, "page": None}) == "template ? (s.xml)"


class _Text:
    """A template that renders a fixed text with the context's SITEURL."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, context: dict[str, Any]) -> str:
        return f"{self.text} {context.get('SITEURL')}"


def test_writer_passes_relative_urls_given_by_position(tmp_path: Path) -> None:
    writer = UniquePathWriter(str(tmp_path), settings={"PAGINATED_TEMPLATES": {}})
    writer.write_file("a/b/index.html", _Text("deep"), {"SITEURL": "https://x.example"}, True)
    assert (tmp_path / "a/b/index.html").read_text(encoding="utf-8") == "deep ../.."


def test_writes_outside_write_file_are_claimed_as_unknown(tmp_path: Path) -> None:
    writer = UniquePathWriter(str(tmp_path), settings={})
    writer._open_w(str(tmp_path / "raw.txt"), "utf-8").close()
    with pytest.raises(DuplicateOutputError) as info:
        writer._open_w(str(tmp_path / "raw.txt"), "utf-8")
    assert (info.value.first, info.value.second) == ("unknown", "unknown")


def test_register_hands_pelican_the_path_claiming_writer() -> None:
    signals.get_writer.disconnect(get_writer)
    assert (get_writer, UniquePathWriter) not in signals.get_writer.send(object())
    register()
    assert (get_writer, UniquePathWriter) in signals.get_writer.send(object())
