"""The export carried by the site (the corpus_export plugin): written under corpus/ by a real
Pelican build when CORPUS_EXPORT asks, listed on the About page, and part of the offline bundle."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from pelican.plugins.corpus_export.plugin import human_size
from pelican.plugins.corpus_export.settings import load

from briefing.offline import make_offline
from briefing.verify import verify
from tests.conftest import build_fixture_site
from tests.export_fixture import read_csv
from tests.fixtures.site import ARTICLES
from tests.offline_fixture import ARTICLES as OFFLINE_ARTICLES
from tests.offline_fixture import ROOT, write_content

FORMATS = {"formats": ["sqlite", "csv"]}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.downloads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and "download" in found and found.get("href"):
            self.downloads.append(str(found["href"]))


def _downloads(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.downloads


@pytest.fixture(scope="module")
def carrying_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with pelicanconf.py and CORPUS_EXPORT on."""
    extra = ("-e", f"CORPUS_EXPORT={json.dumps(FORMATS)}")
    return build_fixture_site(tmp_path_factory.mktemp("carry"), extra=extra)


def test_the_site_carries_the_export(carrying_site: Path) -> None:
    with sqlite3.connect(carrying_site / "corpus" / "archive.db") as db:
        slugs = {row[0] for row in db.execute("SELECT slug FROM articles")}
    assert slugs == {a.slug for a in ARTICLES}
    assert {r["slug"] for r in read_csv(carrying_site / "corpus" / "archive.csv")} == slugs
    meta = json.loads((carrying_site / "corpus" / "archive.metadata.json").read_text("utf-8"))
    assert "archive" in meta["databases"]


def test_the_about_page_links_every_file(carrying_site: Path) -> None:
    page = carrying_site / "about" / "index.html"
    links = _downloads(page)
    files = sorted(
        p.relative_to(carrying_site).as_posix() for p in (carrying_site / "corpus").iterdir()
    )
    # Root-relative links (SITEURL is empty in pelicanconf.py): each names a written file.
    assert sorted(urlsplit(urljoin("/about/", link)).path.lstrip("/") for link in links) == files
    html = page.read_text(encoding="utf-8")
    for path in (carrying_site / "corpus").iterdir():
        assert f"({human_size(path.stat().st_size)})" in html


def test_without_the_setting_the_site_carries_nothing(built_site: Path) -> None:
    assert not (built_site / "corpus").exists()
    assert _downloads(built_site / "about" / "index.html") == []


def test_the_offline_bundle_carries_the_export(tmp_path: Path) -> None:
    settings = tmp_path / "offline_corpus.py"
    settings.write_text(
        "import runpy\n"
        f"_base = runpy.run_path({str(ROOT / 'pelicanconf.py')!r})\n"
        "globals().update({k: v for k, v in _base.items() if k.isupper()})\n"
        f"THEME = {str(ROOT / 'themes' / 'briefing')!r}\n"
        'CORPUS_EXPORT = {"formats": ["sqlite"]}\n',
        encoding="utf-8",
    )
    content = tmp_path / "content"
    write_content(content)
    archive = make_offline(content, settings, tmp_path / "dist", date(2026, 12, 1))
    bundle = next(p for p in (tmp_path / "dist").iterdir() if p.is_dir())
    assert verify(archive) == [] and verify(bundle) == []
    listed = (bundle / "SHA256SUMS").read_text(encoding="utf-8")
    assert "corpus/archive.db" in listed and "corpus/archive.metadata.json" in listed
    links = _downloads(bundle / "about" / "index.html")
    assert sorted(links) == ["../corpus/archive.db", "../corpus/archive.metadata.json"]
    with sqlite3.connect(bundle / "corpus" / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(OFFLINE_ARTICLES)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        pytest.param({"formats": ["xlsx"]}, "unknown format", id="format"),
        pytest.param({"colour": "red"}, "unknown key", id="key"),
        pytest.param({"formats": ["csv"], "cite_style": "mla"}, "cite_style", id="style"),
    ],
)
def test_settings_refuse_wrong_values(given: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load({"CORPUS_EXPORT": given})
