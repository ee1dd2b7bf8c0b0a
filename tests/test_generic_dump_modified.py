"""A dump's "Updated ..." stamp beside its publication date is the article's ``modified``:
in the front matter, on the page, in JSON-LD and in the feeds.  An update stamp that is the
page's only date dates the page and states no update."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest

from briefing import frontmatter
from briefing.cli import main
from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.model import Article
from briefing.normalise import Dating, to_article
from briefing.site import build_site
from tests.conftest import PUBLISH_SETTINGS
from tests.generic_page import page

PUBLISHED = "Published 18 Nov 2024 9:26pm"
UPDATED = "Updated 19 Nov 2024 10:00am"


def _article(*header: str, url: str | None = None) -> Article:
    found = extract_dump(page(*header), ExtractContext(rel_path="page.txt", source_url=url))
    return to_article(found, Dating(), "page.txt")


CASES = [
    ("one-line", (f"{PUBLISHED} | {UPDATED}",)),
    ("one-line-no-separator", (f"{PUBLISHED} {UPDATED}",)),
    ("next-line", (PUBLISHED, UPDATED)),
    ("update-first", (f"{UPDATED} | {PUBLISHED}",)),
]


@pytest.mark.parametrize("header", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_update_stamp_is_modified(header: tuple[str, ...]) -> None:
    article = _article(*header)
    assert (article.date.day, article.date.hour, article.date.minute) == (18, 21, 26)
    assert article.modified is not None
    assert (article.modified.day, article.modified.hour, article.modified.minute) == (19, 10, 0)
    # Neither names a zone: both are read in the same "zone not stated" clock.
    assert article.origin["timezone"] == "unknown"
    assert article.modified.utcoffset() == article.date.utcoffset()


def test_update_stamp_takes_the_publication_zone() -> None:
    article = _article(f"{PUBLISHED} IST | {UPDATED}", url="https://www.example.in/a")
    assert article.date.isoformat() == "2024-11-18T21:26:00+05:30"
    assert article.modified is not None
    assert article.modified.isoformat() == "2024-11-19T10:00:00+05:30"


def test_update_that_is_the_only_date_dates_the_page() -> None:
    article = _article(UPDATED)
    assert (article.date.day, article.date.hour) == (19, 10)
    assert article.modified is None


def test_update_before_publication_states_no_update() -> None:
    assert _article(f"{PUBLISHED} | Updated 17 Nov 2024 10:00am").modified is None


def test_relative_update_states_no_modified_without_a_clock() -> None:
    assert _article(f"{PUBLISHED} | Updated 2 hours ago").modified is None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, Path]:
    """A dump with a publication and an update stamp, ingested and built as published."""
    tmp = tmp_path_factory.mktemp("modified")
    raw = tmp / "raw" / "courier"
    raw.mkdir(parents=True)
    (raw / "lanes.txt").write_text(page(PUBLISHED, UPDATED), encoding="utf-8")
    content = tmp / "content"
    assert main(["ingest", str(tmp / "raw"), "--out", str(content), "--jobs", "1"]) == 0
    (written,) = (content / "articles").rglob("*.md")
    article = frontmatter.load(written.read_text(encoding="utf-8"))
    output = tmp / "output"
    build_site(content, output, PUBLISH_SETTINGS)
    return article, output


def test_modified_in_front_matter_page_json_ld_and_feeds(site: tuple[Article, Path]) -> None:
    article, output = site
    assert article.modified is not None
    stamp = article.modified.isoformat()
    (built,) = output.glob(f"20*/*/*/{article.slug}/index.html")
    doc = lxml.html.fromstring(built.read_text(encoding="utf-8"))
    assert doc.xpath("//*[@class='modified']//time/@datetime") == [stamp]
    (block,) = doc.xpath("//script[@type='application/ld+json']")
    assert json.loads(block.text)["dateModified"] == stamp
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    (item,) = feed["items"]
    assert item["date_modified"] == stamp
    atom = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f"<updated>{stamp}</updated>" in atom
