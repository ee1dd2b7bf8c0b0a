"""A real Pelican build of the ingested seeds through the reader plugin and the theme."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefing.site import BuildError, build_site
from tests.seeds import ROOT, ingest_seeds

SETTINGS = ROOT / "pelicanconf.py"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("build")
    content = base / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    assert ingest_seeds(content).ok
    build_site(content, base / "output", SETTINGS)
    return base / "output"


def test_index_article_and_category_pages_are_written(site: Path) -> None:
    article = site / "2026/02/27/amy-carlon-us-seeking-to-elevate-relations-with-azerbaijan"
    html = (article / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r"<h1[^>]*>Amy Carlon: US seeking to elevate relations with Azerbaijan</h1>", html
    )
    assert "The United States is seeking to elevate" in html
    assert 'datetime="2026-02-27T19:33:00+04:00"' in html
    assert (site / "index.html").is_file()
    category = (site / "category/foreign-policy/index.html").read_text(encoding="utf-8")
    assert "Amy Carlon: US seeking" in category


def test_undated_article_says_its_date_is_not_from_the_source(site: Path) -> None:
    pages = list(site.glob("2026/03/01/azerbaijani-foreign-minister-*/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8").replace("\n", " ")
    assert "not stated by the source" in html
    assert ", 00:00" not in html and ">00:00" not in html, "no made-up time of day is shown"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "1 March 2026" in home and "00:00 UTC" not in home


def test_undated_article_is_searched_as_undated_not_by_its_ingest_day(site: Path) -> None:
    """Search shows no publication date for an undated article and files it under "Undated"."""
    undated = next(site.glob("2026/03/01/azerbaijani-foreign-minister-*/index.html"))
    html = undated.read_text(encoding="utf-8")
    assert re.search(r'data-pagefind-filter="year\[data-value\]" data-value="Undated"', html)
    assert re.search(r'data-pagefind-meta="date\[data-value\]"[^>]* data-value=""', html)
    dated = site / "2026/02/27/amy-carlon-us-seeking-to-elevate-relations-with-azerbaijan"
    html = (dated / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-pagefind-filter="year\[data-value\]" data-value="2026"', html)
    assert 'data-value="2026-02-27T19:33:00+04:00"' in html


def _hostile_content(folder: Path) -> None:
    articles = folder / "articles" / "2026" / "01"
    articles.mkdir(parents=True)
    (articles / "hostile.md").write_text(
        "---\ntitle: '<img src=x onerror=alert(1)>'\nslug: hostile\n"
        "date: '2026-01-05T10:00:00+00:00'\ncategory: Tests\n---\n\n"
        '<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n'
        "[click](javascript:alert(3)) and [ok](https://example.org/)\n",
        encoding="utf-8",
    )


def test_hostile_markup_renders_as_inert_text(tmp_path: Path) -> None:
    _hostile_content(tmp_path / "content")
    build_site(tmp_path / "content", tmp_path / "output", SETTINGS)
    html = (tmp_path / "output/2026/01/05/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x onerror" not in html and 'onerror="alert(2)"' not in html
    assert 'href="javascript:' not in html
    assert 'href="https://example.org/"' in html


def test_failed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("previous site", encoding="utf-8")
    broken = tmp_path / "content" / "articles"
    broken.mkdir(parents=True)
    (broken / "broken.md").write_text("---\ntitle: no date\nslug: x\n---\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build_site(tmp_path / "content", output, SETTINGS)
    assert (output / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(tmp_path.glob("output.tmp-*"))


def test_rebuild_replaces_the_site_and_clears_the_previous_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[subprocess.Popen[Any]] = []
    real_popen = subprocess.Popen

    def keep(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    # The real processes run; the test keeps their handles to wait for the detached delete.
    monkeypatch.setattr(subprocess, "Popen", keep)
    _hostile_content(tmp_path / "content")
    output = tmp_path / "output"
    output.mkdir()
    (output / "stale.html").write_text("from the previous build", encoding="utf-8")
    build_site(tmp_path / "content", output, SETTINGS)
    assert not (output / "stale.html").exists()
    assert (output / "2026/01/05/hostile/index.html").is_file()
    remover = started[-1]  # Pelican's build, then the delete of the previous tree
    assert remover.args[-1] == str(tmp_path / f"output.old-{os.getpid()}")
    assert remover.wait(timeout=120) == 0
    assert not list(tmp_path.glob("output.old-*"))
