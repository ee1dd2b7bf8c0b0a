"""The incremental build equals a clean full build, byte for byte, after every kind of change.

One archive (the site fixture, real Pelican with pelicanconf.py and a copy of the theme) is
built, then changed step by step: a day's new articles, an edited article, a deleted article,
a settings change, a section mapped onto another category (the reader's output changes while
its files do not: the reader cache must miss) and a template change.  After each step the
incremental build of the same output folder (unchanged pages kept from the previous output,
the rest rendered by two processes) must equal a clean build of the same content into a
fresh folder, rendered by one process, file for file.  The steps run in order on one archive
(each starts from the previous one's output), so each is its own test only in name: they
share the module's state.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pelican.plugins.briefing_reader.plugin import STORE
from pelican.plugins.briefing_reader.reader import cache_salt
from pelican.plugins.incremental.store import Store

from briefing import frontmatter
from briefing.model import Article
from briefing.site import build_site, stores_path
from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import ARTICLES, write_archive


@dataclasses.dataclass
class Archive:
    """The archive under change, its theme copy and the settings overrides in force."""

    base: Path
    settings: dict[str, str] = dataclasses.field(default_factory=dict)
    builds: int = 0

    @property
    def content(self) -> Path:
        return self.base / "content"

    @property
    def theme(self) -> Path:
        return self.base / "theme"

    @property
    def output(self) -> Path:
        return self.base / "output"

    def extra(self) -> tuple[str, ...]:
        items = {"THEME": f'"{self.theme}"', **self.settings}
        return ("-e", *(f"{k}={v}" for k, v in items.items()))

    def build(self, output: Path, incremental: bool, jobs: int) -> None:
        build_site(self.content, output, DEV_SETTINGS, self.extra(), jobs, incremental)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    """Every file under ``root`` by its relative path, with its inode."""
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def summary(stderr: str) -> tuple[int, int]:
    """Return the pages and deleted pages that the build's summary line states."""
    line = next(x for x in stderr.splitlines() if x.startswith("build: "))
    found = re.match(r"build: ([\d,]+) pages: .* ([\d,]+) deleted;", line)
    assert found, line
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def write_new(
    archive: Archive,
    model: Article,
    slug: str,
    text: tuple[str, str],
    later: timedelta,
    **more: Any,
) -> None:
    """Write a new article shaped like ``model``: its own title and body, slug, date and URL."""
    title, body = text
    new = dataclasses.replace(
        model,
        title=title,
        body=body,
        summary=None,
        tags=(),
        read_next=(),
        slug=slug,
        date=model.date + later,
        modified=None,
        source_url=f"https://example.org/day-after/{slug}" if model.source_url else None,
        translations=(),
        **more,
    )
    path = archive.content / "articles" / f"{new.slug}.md"
    path.write_text(frontmatter.dump(new), encoding="utf-8")


def add_a_day(archive: Archive) -> None:
    """Write three new articles, a day after the fixture's last, in existing categories."""
    for n, model in enumerate(ARTICLES[:3]):
        title = f"Harbour cranes number {n} repainted"
        body = f"Workers repainted harbour crane number {n} in bright orange overnight."
        later = timedelta(days=3, minutes=n)
        write_new(archive, model, f"{model.slug}-day-after-{n}", (title, body), later)


def add_a_category(archive: Archive) -> None:
    """Write one article in a category the archive has not had (too small for the header)."""
    title = "Tide tables for the winter printed"
    body = "The port authority printed its winter tide tables for the fishing fleet."
    slug = "tide-tables-for-the-winter-printed"
    later = timedelta(days=3, hours=2)
    write_new(archive, ARTICLES[0], slug, (title, body), later, category="Harbour notes")


def edit_an_article(archive: Archive) -> None:
    """Change the title and body of one fixture article."""
    path = archive.content / "articles" / f"{ARTICLES[1].slug}.md"
    article = frontmatter.load(path.read_text(encoding="utf-8"))
    edited = dataclasses.replace(
        article, title=article.title + " (corrected)", body=article.body + "\n\nA correction.\n"
    )
    path.write_text(frontmatter.dump(edited), encoding="utf-8")


def delete_an_article(archive: Archive) -> None:
    """Remove one fixture article's file."""
    (archive.content / "articles" / f"{ARTICLES[2].slug}.md").unlink()


def change_a_setting(archive: Archive) -> None:
    """Rename the site (every page shows it)."""
    archive.settings["SITENAME"] = '"Changed archive"'


def map_a_section(archive: Archive) -> None:
    """Map the Economy section onto Business (the reader's output changes, not the files)."""
    archive.settings["CATEGORIES"] = '{"economy": "Business"}'


def change_a_template(archive: Archive) -> None:
    """Change the article template only."""
    path = archive.theme / "templates" / "article.html"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('<div class="body">', '<div class="body article-body">'), encoding="utf-8"
    )


STEPS: list[tuple[str, Callable[[Archive], None]]] = [
    ("a day's new articles", add_a_day),
    ("an article in a new category", add_a_category),
    ("an edited article", edit_an_article),
    ("a deleted article", delete_an_article),
    ("a settings change", change_a_setting),
    ("a section mapped", map_a_section),
    ("a template change", change_a_template),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    base = tmp_path_factory.mktemp("incremental")
    # Two categories in the header, so the others sit behind its "All categories" link.
    archive = Archive(base, {"HEADER_CATEGORIES": "2"})
    write_archive(archive.content)
    shutil.copytree(ROOT / "themes" / "briefing", archive.theme)
    archive.build(archive.output, incremental=True, jobs=2)
    return archive


def test_first_incremental_build_equals_a_clean_one(archive: Archive, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    archive.build(clean, incremental=False, jobs=1)
    assert tree(archive.output) == tree(clean)


@pytest.mark.parametrize("step", [s for _, s in STEPS], ids=[name for name, _ in STEPS])
def test_incremental_build_after_a_change_equals_a_clean_build(
    archive: Archive,
    step: Callable[[Archive], None],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    before = inodes(archive.output)
    step(archive)
    capfd.readouterr()
    archive.build(archive.output, incremental=True, jobs=2)
    said = summary(capfd.readouterr().err)
    pages = {p for p in inodes(archive.output) if p.endswith(".html")}
    # The summary line's counts, taken from the records, are the trees' own.
    assert said == (len(pages), len({p for p in before if p.endswith(".html")} - pages))
    clean = tmp_path / "clean"
    archive.build(clean, incremental=False, jobs=1)
    built, expected = tree(archive.output), tree(clean)
    assert sorted(built) == sorted(expected)
    assert [p for p in expected if built[p] != expected[p]] == []
    kept = {p for p, ino in inodes(archive.output).items() if before.get(p) == ino}
    articles = {p for p in before if p.count("/") == 4 and p.endswith("/index.html")}
    listings = {p for p in before if p.startswith(("category/", "tag/"))}
    assert "about/index.html" in kept or step in (change_a_setting, map_a_section)
    if step in (change_a_setting, map_a_section):  # every page: the site's name, the header
        assert not {p for p in kept if p.endswith(".html")}
    elif step is change_a_template:  # article.html only: every article, no listing
        assert not kept & articles
        assert listings <= kept
    else:  # most pages show none of the change
        assert len(kept & articles) > len(articles) // 2, sorted(articles - kept)
        assert len(kept & listings) > len(listings) // 2, sorted(listings - kept)


def test_the_reader_cache_holds_each_article_by_its_bytes(archive: Archive) -> None:
    """The builds above parsed each article once: its entry is found by its bytes."""
    settings = {"CATEGORIES": {"economy": "Business"}}  # the mapping in force since that step
    store = Store(stores_path(archive.content) / STORE, cache_salt(settings))
    files = sorted((archive.content / "articles").rglob("*.md"))
    found = [store.get(store.key(f.read_bytes())) for f in files]
    assert files and all(entry is not None for entry in found)
    assert {entry[1].slug for entry in found} == {
        frontmatter.load(f.read_text(encoding="utf-8")).slug for f in files
    }
