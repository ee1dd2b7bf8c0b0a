"""HTML pages: the time, offset, update time, authors and body structure the page states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import html as lxml_html

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_html
from briefing.generic import html as generic_html
from briefing.generic.html import choose_date, choose_modified
from briefing.generic.structured import Stated, names, parse_iso
from briefing.markdown import paragraphs_to_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
PAGE = (FIXTURES / "stated-meta.html").read_text(encoding="utf-8")
PLUS_4 = timezone(timedelta(hours=4))
CTX = ExtractContext(rel_path="ledger/ferry.html")


@pytest.fixture(scope="module")
def ferry() -> Extracted:
    return extract_html(PAGE, CTX)


def _without(selector: str) -> str:
    """Return the fixture page with the elements matching an XPath removed."""
    tree = lxml_html.fromstring(PAGE)
    for node in tree.xpath(selector):
        node.getparent().remove(node)
    return str(lxml_html.tostring(tree, encoding="unicode"))


def test_stated_time_and_offset_are_kept(ferry: Extracted) -> None:
    assert ferry.date == datetime(2026, 2, 27, 10, 15, tzinfo=PLUS_4)
    assert ferry.date is not None and ferry.date.utcoffset() == timedelta(hours=4)


def test_time_and_offset_from_the_meta_tags_without_json_ld() -> None:
    found = extract_html(_without("//script"), CTX)
    assert found.date == datetime(2026, 2, 27, 10, 15, tzinfo=PLUS_4)


def test_date_modified_is_kept_when_stated(ferry: Extracted) -> None:
    assert ferry.modified == datetime(2026, 2, 28, 8, 5, tzinfo=PLUS_4)


def test_no_modified_when_the_page_states_none() -> None:
    page = _without('//script | //meta[@property="article:modified_time"]')
    assert extract_html(page, CTX).modified is None


def test_authors_from_json_ld(ferry: Extracted) -> None:
    assert ferry.authors == ("Mara Quill", "Jon Tarn")


def test_authors_from_the_author_meta_tag_without_json_ld() -> None:
    assert extract_html(_without("//script"), CTX).authors == ("Mara Quill", "Jon Tarn")


BODY_MUST_CONTAIN = [
    ("sub-heading", "\n## What changes for passengers\n"),
    ("second-sub-heading", "\n## What the authority says\n"),
    ("list-item", "\n- The first departure moves from 6.10 to 6.25 on every weekday morning.\n"),
    ("next-item-same-list", ".\n- The late evening service on Fridays"),
    ("escaped-emphasis", r"marked \*urgent\* on the quay"),
]
BODY_MUST_NOT_CONTAIN = [
    ("literal-dash-item", "\\- The first departure"),
    ("related-teaser", "Lifeboat crew honoured"),
    ("footer", "All rights reserved"),
    ("menu", "Sport"),
]


@pytest.mark.parametrize(
    "snippet", [s for _, s in BODY_MUST_CONTAIN], ids=[i for i, _ in BODY_MUST_CONTAIN]
)
def test_body_keeps_structure(ferry: Extracted, snippet: str) -> None:
    assert snippet in paragraphs_to_markdown(ferry.paragraphs, ferry.blocks)


@pytest.mark.parametrize(
    "snippet", [s for _, s in BODY_MUST_NOT_CONTAIN], ids=[i for i, _ in BODY_MUST_NOT_CONTAIN]
)
def test_body_leaves_out(ferry: Extracted, snippet: str) -> None:
    assert snippet not in paragraphs_to_markdown(ferry.paragraphs, ferry.blocks)


def test_trafilatura_runs_once_when_precision_mode_keeps_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(bool(kwargs.get("favor_precision")))
        return real(*args, **kwargs)

    monkeypatch.setattr(generic_html.trafilatura, "bare_extraction", counting)
    extract_html(PAGE, CTX)
    assert calls == [True]


DAY = datetime(2026, 2, 27)
CHOSEN = [
    ("stated-agrees-with-htmldate", Stated(published=DAY.replace(hour=10, tzinfo=UTC)), DAY, 10),
    ("meta-when-no-json-ld", Stated(meta_published=DAY.replace(hour=9, tzinfo=UTC)), DAY, 9),
    ("another-articles-json-ld", Stated(published=datetime(2026, 1, 3, 7, tzinfo=UTC)), DAY, 0),
    ("htmldate-found-nothing", Stated(published=DAY.replace(hour=8, tzinfo=UTC)), None, 8),
]


@pytest.mark.parametrize(
    ("stated", "found", "hour"), [c[1:] for c in CHOSEN], ids=[c[0] for c in CHOSEN]
)
def test_choose_date(stated: Stated, found: datetime | None, hour: int) -> None:
    chosen = choose_date(stated, found)
    assert chosen is not None and chosen.hour == hour


def test_modified_before_publication_is_no_update() -> None:
    published = datetime(2026, 2, 27, 10, tzinfo=UTC)
    assert choose_modified(Stated(modified=published - timedelta(hours=1)), published) is None


def test_naive_modified_takes_the_stated_zone_of_publication() -> None:
    published = datetime(2026, 2, 27, 10, tzinfo=PLUS_4)
    found = choose_modified(Stated(modified=datetime(2026, 2, 27, 12)), published)
    assert found == datetime(2026, 2, 27, 12, tzinfo=PLUS_4)


AUTHOR_VALUES = [
    ("person", {"@type": "Person", "name": "Ann Lee"}, ("Ann Lee",)),
    ("list", [{"name": "Ann Lee"}, {"name": "Bo Chen"}], ("Ann Lee", "Bo Chen")),
    ("string", "Ann Lee", ("Ann Lee",)),
    ("profile-url-is-no-name", "https://example.org/people/ann-lee", ()),
    # One string naming two people, a label kept in the name, an id in place of a name.
    ("two-people-joined", "Trine Lund Holm og Tore Berg", ("Trine Lund Holm", "Tore Berg")),
    ("label-before-the-name", {"name": "Autor Monika Brand"}, ("Monika Brand",)),
    ("a-number-is-no-name", "105092", ()),
    ("family-name-first-stays-one", "Lee, Ann", ("Lee, Ann",)),
    ("an-agency-stays", "dpa", ("dpa",)),
]


@pytest.mark.parametrize(
    ("value", "expected"), [c[1:] for c in AUTHOR_VALUES], ids=[c[0] for c in AUTHOR_VALUES]
)
def test_schema_org_author_names(value: object, expected: tuple[str, ...]) -> None:
    assert names(value) == expected


def test_iso_timestamps_as_written() -> None:
    assert parse_iso("2026-02-27T10:15:00Z") == datetime(2026, 2, 27, 10, 15, tzinfo=UTC)
    assert parse_iso("2026-02-27 10:15:00") == datetime(2026, 2, 27, 10, 15)
    assert parse_iso("27 February 2026") is None


MENTIONS_COOKIES = (
    "At the harbour bakery the queue for oat cookies reached the quay by seven, and the owner "
    "said the ferry crews had bought most of the morning batch before the storm warning came."
)
COOKIE_WALL = (
    "We and our partners use cookies and similar technologies to measure how you use this site, "
    "to show you personalised content, and for the purposes set out in our privacy policy."
)


def test_article_paragraph_mentioning_a_notice_word_once_is_kept() -> None:
    tree = lxml_html.fromstring(PAGE)
    (h2,) = tree.xpath("//h2[1]")
    for text in (MENTIONS_COOKIES, COOKIE_WALL):
        paragraph = lxml_html.Element("p")
        paragraph.text = text
        h2.addprevious(paragraph)
    found = extract_html(str(lxml_html.tostring(tree, encoding="unicode")), CTX)
    assert MENTIONS_COOKIES in found.paragraphs
    assert COOKIE_WALL not in found.paragraphs
