"""The reader's shortcuts: a page told by its folder, one Tag a name, the record's origin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pelican.plugins.briefing_reader.reader import BriefingReader, cache_salt
from pelican.plugins.incremental.store import Origin, Store

from briefing import frontmatter
from briefing.model import Article

DATE = dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)


def write(path: Path, title: str, tags: tuple[str, ...]) -> Path:
    record = Article(title=title, slug=title.lower(), date=DATE, category="Politics", tags=tags)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dump(record), encoding="utf-8")
    return path


@pytest.fixture
def reader(tmp_path: Path) -> BriefingReader:
    settings = {"PATH": str(tmp_path), "PAGE_PATHS": ["pages"], "CATEGORIES": {}}
    return BriefingReader(settings, Store(None, cache_salt(settings)))


@pytest.mark.parametrize(
    ("relative", "page"),
    [
        pytest.param("pages/about.md", True, id="in-the-page-folder"),
        pytest.param("pages/team/people.md", True, id="below-it"),
        pytest.param("pages-old/about.md", False, id="a-folder-that-starts-alike"),
        pytest.param("articles/pages.md", False, id="an-article-named-pages"),
    ],
)
def test_a_page_is_a_file_under_a_page_folder(
    reader: BriefingReader, tmp_path: Path, relative: str, page: bool
) -> None:
    assert reader._is_page(str(tmp_path / relative)) is page


def test_articles_of_one_build_share_each_tag_and_category(
    reader: BriefingReader, tmp_path: Path
) -> None:
    one = write(tmp_path / "articles" / "one.md", "One", ("talks", "trade"))
    two = write(tmp_path / "articles" / "two.md", "Two", ("talks",))
    _, first = reader.read(str(one))
    _, second = reader.read(str(two))
    assert first["tags"][0] is second["tags"][0]
    assert first["category"] is second["category"]
    assert [t.name for t in first["tags"]] == ["talks", "trade"]
    assert first["tags"][1] is not second["tags"][0]


def test_an_article_carries_the_origin_of_its_record(
    reader: BriefingReader, tmp_path: Path
) -> None:
    """The origin's key is the store key of the file's bytes; another file, another key."""
    one = write(tmp_path / "articles" / "one.md", "One", ())
    two = write(tmp_path / "articles" / "two.md", "Two", ())
    html, metadata = reader.read(str(one))
    origin = metadata["origin"]
    assert isinstance(origin, Origin)
    assert origin.key == reader.cache.key(one.read_bytes())
    assert origin.value == (html, metadata["briefing"])
    assert origin.value[1] is metadata["briefing"]
    assert reader.read(str(two))[1]["origin"].key != origin.key


def test_a_reader_given_only_the_category_mapping_parses(tmp_path: Path) -> None:
    """The prefill's workers make a reader of CATEGORIES alone: no content folder, no store."""
    path = write(tmp_path / "one.md", "One", ("talks",))
    html, record = BriefingReader({"CATEGORIES": {}}).parse(str(path), path.read_bytes())
    assert record.title == "One" and record.tags == ("talks",)
    assert html == ""
