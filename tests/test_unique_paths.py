"""unique_paths: a real Pelican build (in this process) fails naming both writers of a path.

The builds run Pelican in-process (``pelican.Pelican(settings).run()``) with the archive's own
settings and plugins, so the error raised is the plugin's own ``DuplicateOutputError`` with
its path and both writers, and ``make mutate`` sees which of these tests call the plugin.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from briefing import frontmatter
from briefing.model import Article
from plugins.unique_paths.writer import DuplicateOutputError
from tests.conftest import DEV_SETTINGS
from tests.fixtures.site import ABOUT, ARTICLES

# The search index and read next are left out: the first is slow, the second refuses two
# articles with one slug before a path is written (its own test covers that).
LEFT_OUT = {"pagefind_index", "read_next"}
ARTICLE = ARTICLES[0]


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
    settings["PLUGINS"] = [importlib.import_module(f"plugins.{name}") for name in names]
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
