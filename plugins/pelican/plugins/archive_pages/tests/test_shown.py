"""The whole-archive pages are keyed by what they show: kept when that is unchanged, else rendered.

Real builds of the site fixture (pelicanconf.py, the incremental writer): after each change the
incremental build must equal a clean one for every whole-archive page, and the pages whose
shown values did not change must be the previous build's files (hard-linked, same inode).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from pelican.plugins.archive_pages.shown import WHOLE_ARCHIVE

import pelicanconf
from briefing import frontmatter
from briefing.site import build_site
from tests.conftest import DEV_SETTINGS
from tests.fixtures.site import ARTICLES, write_archive

PAGES = {
    "index.html": "index.html",
    "archives/index.html": "archives.html",
    "categories/index.html": "categories.html",
    "tags/index.html": "tags.html",
    "sources/index.html": "sources.html",
    "search/index.html": "search.html",
    "404.html": "404.html",
}


def edit_a_body(content: Path) -> None:
    """Change one article's body: no count changes, its headline is listed on two pages."""
    path = content / "articles" / f"{ARTICLES[3].slug}.md"
    article = frontmatter.load(path.read_text(encoding="utf-8"))
    edited = dataclasses.replace(article, body=article.body + "\n\nOne more sentence.\n")
    path.write_text(frontmatter.dump(edited), encoding="utf-8")


def add_an_article(content: Path) -> None:
    """Add a new day's article with a new tag: every count and the latest days change."""
    model = ARTICLES[0]
    new = dataclasses.replace(
        model,
        title="Ferry timetable extended",
        body="The ferry runs two more crossings a day from Monday.",
        slug="ferry-timetable-extended",
        date=model.date + timedelta(days=4),
        modified=None,
        source_url="https://example.org/ferry",
        tags=("ferries",),
        read_next=(),
        translations=(),
    )
    path = content / "articles" / f"{new.slug}.md"
    path.write_text(frontmatter.dump(new), encoding="utf-8")


def test_every_direct_template_is_keyed_by_what_it_shows() -> None:
    assert sorted(f"{t}.html" for t in pelicanconf.DIRECT_TEMPLATES) == sorted(WHOLE_ARCHIVE)
    assert sorted(PAGES.values()) == sorted(WHOLE_ARCHIVE)


@pytest.mark.parametrize(
    ("change", "rendered"),
    [
        pytest.param(None, set(), id="nothing changed"),
        # The pages listing the article digest it as a reference, its whole record included.
        pytest.param(edit_a_body, {"index.html", "sources/index.html"}, id="a body edited"),
        pytest.param(
            add_an_article,
            {"index.html", "archives/index.html", "categories/index.html", "tags/index.html"}
            | {"sources/index.html"},
            id="an article added",
        ),
    ],
)
def test_whole_archive_pages_are_kept_unless_what_they_show_changed(
    tmp_path: Path, change: object, rendered: set[str]
) -> None:
    content, output, clean = tmp_path / "content", tmp_path / "output", tmp_path / "clean"
    write_archive(content)
    build_site(content, output, DEV_SETTINGS, jobs=1, incremental=True)
    before = {p: (output / p).stat().st_ino for p in PAGES}
    if callable(change):
        change(content)
    build_site(content, output, DEV_SETTINGS, jobs=2, incremental=True)
    build_site(content, clean, DEV_SETTINGS, jobs=1, incremental=False)
    for path in PAGES:
        assert (output / path).read_bytes() == (clean / path).read_bytes(), path
    assert {p for p in PAGES if (output / p).stat().st_ino != before[p]} == rendered
