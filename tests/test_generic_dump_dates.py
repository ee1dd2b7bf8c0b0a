"""Dump datelines of the kinds that dated articles wrongly: each case a small page written here.

Every page has the same menu, headline and body; only the lines around the headline change.
``expected`` is the day (and clock time where the line states one) the article must get, or
None where the page gives no usable date (then the ingest day is used and labelled).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.dates import page_order, parse_line
from tests.generic_page import BODY, HEADLINE, assert_dated, decoy, page

FETCHED = datetime(2026, 6, 5, 14, 0, tzinfo=UTC)

CASES = [
    ("relative-without-fetch-time", page("vor 2 Std."), None, None),
    ("relative-with-fetch-time", page("vor 2 Std."), FETCHED, datetime(2026, 6, 5, 12, 0)),
    ("hours-ago-english", page("5 hours ago"), FETCHED, datetime(2026, 6, 5, 9, 0)),
    ("today-with-clock-time", page("Heute, 12:37 Uhr"), FETCHED, datetime(2026, 6, 5, 12, 37)),
    ("today-without-fetch-time", page("Heute, 12:37 Uhr"), None, None),
    ("two-digit-year", page("Von Anna Muster | 25.4.24"), None, datetime(2024, 4, 25)),
    (
        "relative-part-does-not-drop-the-dateline",
        page("Published Jun 04, 2026 • Last updated 1 day ago"),
        None,
        datetime(2026, 6, 4),
    ),
    (
        "day-month-order-from-the-page",
        page("06/01/2026 10:00 GMT+1", above=("Weather: forecast of 13/01/2026",)),
        None,
        datetime(2026, 1, 6, 10, 0),
    ),
    ("reading-time-is-not-minutes-ago", page("7 min read"), FETCHED, None),
    ("time-only-on-the-fetch-day", page("Agency", "11:30"), FETCHED, datetime(2026, 6, 5, 11, 30)),
    ("time-only-ahead-is-the-day-before", page("16:45"), FETCHED, datetime(2026, 6, 4, 16, 45)),
    ("time-only-without-fetch-time", page("11:30"), None, None),
    (
        "bare-time-next-to-the-day-is-its-time",
        page("28 May 2026", "03:26 pm"),
        FETCHED,
        datetime(2026, 5, 28, 15, 26),
    ),
    ("clock-time-alone-is-no-date", page("kl 10.23"), None, None),
    # No fetch time: dateparser counts these from the machine's clock, so they are no date.
    (
        "now-in-a-teaser-headline",
        page("Version 10 (November 2019 Update) is now available"),
        None,
        None,
    ),
    (
        "minutes-in-a-footer-notice",
        page("All market data delayed 20 minutes. ©2019 News Network, LLC."),
        None,
        None,
    ),
    (
        "absolute-head-of-a-relative-dateline",
        page("Nov 19, 2019 at 9:08 GMT 1 day ago"),
        None,
        datetime(2019, 11, 19, 9, 8),
    ),
    ("copyright-year-is-no-date", page("©2019 Valley Courier"), FETCHED, None),
    # A blog footer's byline, date and filing in one paragraph below the text: its opening
    # byline sentence is a dateline.
    (
        "byline-sentence-opening-a-footer-paragraph",
        "\n".join(
            [
                "Home",
                HEADLINE,
                *BODY,
                "Von Redaktion Nord am 21/02/2021. Abgelegt unter Politik. Sie können alle "
                "Antworten zu diesem Eintrag über den Feed verfolgen, Kommentare sind geschlossen.",
                "Contact us",
            ]
        ),
        None,
        datetime(2021, 2, 21),
    ),
]


@pytest.mark.parametrize(
    ("text", "fetched", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_dump_date(text: str, fetched: datetime | None, expected: datetime | None) -> None:
    assert_dated(extract_dump(text, ExtractContext(rel_path="x.txt", fetched_at=fetched)), expected)


# A date near the headline that is not the article's, above the article's own dateline.
DECOYS = [
    ("photo-caption", "Foto: Jon Tarn / 12.03.2019", None),
    ("embedded-post", "— Jane Roe (@janeroe) July 18, 2019", None),
    ("video-label", "Video 02:31 min · 12.03.2019", None),
    ("after-the-fetch-time", "Match on 20 June 2026", FETCHED),
]


@pytest.mark.parametrize(("line", "fetched"), [c[1:] for c in DECOYS], ids=[c[0] for c in DECOYS])
def test_decoy_date_is_not_the_articles(line: str, fetched: datetime | None) -> None:
    found = extract_dump(decoy(line), ExtractContext(rel_path="x.txt", fetched_at=fetched))
    assert found.date is not None
    assert found.date.replace(tzinfo=None) == datetime(2026, 6, 3, 9, 10)


def test_relative_date_is_stated_in_origin() -> None:
    found = extract_dump(page("vor 2 Std."), ExtractContext(rel_path="x.txt", fetched_at=FETCHED))
    assert found.origin["date"] == "relative"
    assert found.origin["fetched_at"] == FETCHED.isoformat()
    assert found.date is not None and found.date.utcoffset() == timedelta(0)


def test_clock_time_of_today_keeps_the_zone_unknown() -> None:
    # "12:37" is the page's own clock; the fetch time's zone (UTC) says nothing about it.
    found = extract_dump(page("Heute, 12:37 Uhr"), ExtractContext("x.txt", fetched_at=FETCHED))
    assert found.date is not None and found.date.utcoffset() is None


ORDERS = [
    ("day-first", ["Posted 13/01/2026", "06/01/2026"], "DMY"),
    ("month-first", ["Posted 01/13/2026", "06/01/2026"], "MDY"),
    ("cannot-tell", ["06/01/2026", "07/02/2026"], None),
]


@pytest.mark.parametrize(("texts", "order"), [c[1:] for c in ORDERS], ids=[c[0] for c in ORDERS])
def test_page_order(texts: list[str], order: str | None) -> None:
    assert page_order(texts) == order


def test_month_first_page_reads_slashes_month_first() -> None:
    found = parse_line("06/01/2026 10:00", "en", None, "MDY")
    assert found is not None and (found.value.month, found.value.day) == (6, 1)
