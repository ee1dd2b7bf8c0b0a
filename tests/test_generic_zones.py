"""Zone abbreviations that name several offsets ("IST": India, Ireland or Israel) keep an
offset only when the page or its source says which; otherwise the date and time stay, with the
zone not stated.  Each page is a small dump or record written here."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_dump, extract_html
from briefing.generic.records import extract_records
from briefing.normalise import Dating, to_article
from tests.generic_page import HEADLINE, page


def _offset(found: Extracted) -> timedelta | None:
    assert found.title == HEADLINE
    assert found.date is not None
    assert found.date.replace(tzinfo=None) == datetime(2024, 11, 19, 10, 30)
    return found.date.utcoffset()


def _dump(dateline: str, url: str | None = None, *above: str) -> Extracted:
    ctx = ExtractContext(rel_path="page.txt", source_url=url)
    return extract_dump(page(dateline, above=above), ctx)


HOURS = {"+05:30": timedelta(hours=5, minutes=30), "+08:00": timedelta(hours=8)}
CASES = [
    ("ist-on-an-indian-domain", "19 Nov 2024, 10:30 IST", "https://www.example.co.in/a", "+05:30"),
    ("cst-on-a-chinese-domain", "19 Nov 2024 10:30 CST", "https://news.example.cn/a/1", "+08:00"),
    ("ist-with-no-evidence", "19 Nov 2024, 10:30 IST", "https://www.example.com/a", None),
    ("cst-with-no-evidence", "19 Nov 2024 10:30 CST", None, None),
    ("bst-with-no-evidence", "19 Nov 2024 10:30 BST", None, None),
]


@pytest.mark.parametrize(
    ("dateline", "url", "offset"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_ambiguous_zone_settled_by_the_source(
    dateline: str, url: str | None, offset: str | None
) -> None:
    found = _dump(dateline, url)
    assert _offset(found) == (HOURS[offset] if offset else None)


def test_ist_settled_by_an_offset_stated_on_the_page() -> None:
    found = _dump("19 Nov 2024, 10:30 IST", None, "All times are IST (GMT+5:30)")
    assert _offset(found) == HOURS["+05:30"]


def test_ist_never_israel_without_evidence() -> None:
    found = _dump("Published: 19 Nov 2024, 10:30 IST")
    assert _offset(found) != timedelta(hours=2)
    article = to_article(found, Dating(), "page.txt")
    assert article.origin["timezone"] == "unknown"
    assert (article.date.hour, article.date.minute) == (10, 30)


def test_an_offset_that_is_not_a_reading_settles_nothing() -> None:
    # "GMT+3" is none of IST's readings (+01:00, +02:00, +05:30): the zone stays unknown.
    found = _dump("19 Nov 2024, 10:30 IST", None, "Moscow (GMT+3) markets")
    assert _offset(found) is None


@pytest.mark.parametrize(
    ("zone", "hours"), [("CET", 1), ("EST", -5), ("JST", 9)], ids=["cet", "est", "jst"]
)
def test_unambiguous_zone_kept(zone: str, hours: int) -> None:
    assert _offset(_dump(f"19 Nov 2024 10:30 {zone}")) == timedelta(hours=hours)


def _record(**fields: str) -> Extracted:
    body = "The council voted on Tuesday to build protected cycle lanes along the river road."
    line = json.dumps({"title": HEADLINE, "text": body, **fields})
    (found,) = extract_records(line, ExtractContext(rel_path="feed.jsonl"))
    assert isinstance(found, Extracted)
    return found


def test_cst_in_a_us_record() -> None:
    found = _record(date="Nov 19, 2024 10:30 CST", language="en-US")
    assert _offset(found) == timedelta(hours=-6)


def test_cst_in_a_taiwanese_record() -> None:
    found = _record(date="Nov 19, 2024 10:30 CST", url="https://www.example.com.tw/n/1")
    assert _offset(found) == timedelta(hours=8)


def test_ist_in_a_record_with_no_evidence() -> None:
    assert _offset(_record(date="Nov 19, 2024 10:30 IST")) is None


TEXT = (
    "<p>" + " ".join(["The council met on Tuesday to approve the new water scheme."] * 6) + "</p>"
)


def _html(dateline: str, lang: str = "en", url: str | None = None) -> Extracted:
    html = (
        f"<html lang='{lang}'><head><title>{HEADLINE}</title></head><body><article>"
        f"<h1>{HEADLINE}</h1><p>By Ann Lee</p>{dateline}{TEXT}{TEXT}</article></body></html>"
    )
    return extract_html(html, ExtractContext(rel_path="page.html", source_url=url))


HTML_CASES = [
    ("ist-lang-en-in", "<time>19 Nov 2024, 10:30 IST</time>", "en-IN", None, "+05:30"),
    (
        "cst-on-a-chinese-domain",
        "<time>19 Nov 2024 10:30 CST</time>",
        "en",
        "https://x.cn/1",
        "+08:00",
    ),
    ("ist-no-evidence", "<time>19 Nov 2024, 10:30 IST</time>", "en", None, None),
    ("cet-needs-no-evidence", "<time>19 Nov 2024, 10:30 CET</time>", "en", None, "+01:00"),
]
HOURS["+01:00"] = timedelta(hours=1)


@pytest.mark.parametrize(
    ("dateline", "lang", "url", "offset"),
    [c[1:] for c in HTML_CASES],
    ids=[c[0] for c in HTML_CASES],
)
def test_html_time_element_zone(
    dateline: str, lang: str, url: str | None, offset: str | None
) -> None:
    found = _html(dateline, lang, url)
    assert _offset(found) == (HOURS[offset] if offset else None)


def test_html_teasers_of_the_same_day_in_two_zones_state_none() -> None:
    both = "<time>19 Nov 2024, 10:30 CET</time><time>19 Nov 2024, 10:30 JST</time>"
    found = _html(both)
    assert found.date is not None
    assert found.date.utcoffset() is None
