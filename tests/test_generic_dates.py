"""Datelines as pages write them, parsed by briefing.generic.dates (dateparser underneath)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefing.generic.dates import parse_line

FETCHED = datetime(2024, 4, 26, 15, 40)
FETCHED_UTC = datetime(2024, 4, 26, 15, 40, tzinfo=UTC)

PARSED = [
    ("27 February, 2026 • 19:33", "en", None, datetime(2026, 2, 27, 19, 33)),
    ("28.04.2023, 17:25 Uhr", "de", None, datetime(2023, 4, 28, 17, 25)),
    ("2023年4月28日", "ja", None, datetime(2023, 4, 28)),
    ("Stand: 12.03.2025 18:03 Uhr", "de", None, datetime(2025, 3, 12, 18, 3)),
    ("10.06.2026", "en", None, datetime(2026, 6, 10)),
    (
        "By Ann Lee, in News , Town · 31 Jan 2025, 20:02 · 0 Comments",
        "en",
        None,
        datetime(2025, 1, 31, 20, 2),
    ),
    (
        "Published November 18, 2024 9:26pm Updated November 19, 2024 4:23pm",
        "en",
        None,
        datetime(2024, 11, 18, 21, 26),
    ),
    # no year: the fetch time's year, or the year before for a day still ahead of it
    ("mandag 5. august kl. 14:47", "nb", datetime(2024, 8, 5, 16), datetime(2024, 8, 5, 14, 47)),
    ("mandag 5. august kl. 14:47", "nb", FETCHED, datetime(2023, 8, 5, 14, 47)),
    ("2 hours ago", "en", FETCHED, datetime(2024, 4, 26, 13, 40)),
    ("vor 14 Minuten", "de", FETCHED, datetime(2024, 4, 26, 15, 26)),
    # no fetch time: the absolute head of a dateline that ends in a relative phrase
    ("Published Jun 04, 2026 • Last updated 1 day ago", "en", None, datetime(2026, 6, 4)),
]


@pytest.mark.parametrize(
    ("line", "lang", "base", "expected"),
    PARSED,
    ids=[f"{case[0][:32]}@{case[2]:%m-%d}" if case[2] else case[0][:32] for case in PARSED],
)
def test_dateline_is_parsed_naive_when_no_zone_is_stated(
    line: str, lang: str, base: datetime | None, expected: datetime
) -> None:
    found = parse_line(line, lang, base)
    assert found is not None
    assert found.value == expected
    assert found.value.tzinfo is None


AWARE = [
    ("Published Monday, November 18, 2019 8:22AM EST", timedelta(hours=-5)),
    ("2025-03-29T11:36:01Z", timedelta(0)),
    ("2024-04-26T15:24:10+02:00", timedelta(hours=2)),
]


@pytest.mark.parametrize(("line", "offset"), AWARE, ids=[case[0] for case in AWARE])
def test_zone_stated_in_the_text_is_kept(line: str, offset: timedelta) -> None:
    found = parse_line(line, "en", None)
    assert found is not None
    assert found.value.utcoffset() == offset


def test_without_a_fetch_time_the_absolute_head_of_a_relative_dateline_dates_it() -> None:
    found = parse_line("Nov 19, 2019 at 9:08 GMT 1 day ago", "en", None)
    assert found is not None
    assert found.value == datetime(2019, 11, 19, 9, 8, tzinfo=UTC)
    assert found.value.utcoffset() == timedelta(0)


def test_relative_date_takes_the_zone_of_an_aware_fetch_time() -> None:
    found = parse_line("3 hours ago", "en", FETCHED_UTC)
    assert found is not None
    assert found.value == datetime(2024, 4, 26, 12, 40, tzinfo=UTC)


NOT_DATES = [
    ("WM 2026", "de", None),
    ("Juni 2024", "de", None),
    ("2 hours ago", "en", None),  # relative, and no fetch time to anchor it
    ("Home News Sport", "en", None),
    (
        "The council first discussed the harbour wall in 1998 and has returned to it every"
        " winter since then, most recently on 3 March 2021 when the storm flooded the quay"
        " again and again.",
        "en",
        None,
    ),
    # no fetch time: words dateparser counts from the machine's clock are no date
    ("Windows 10 1909 (November 2019 Update) is now available", "en", None),
    ("All market data delayed 20 minutes. ©2019 News Network, LLC.", "en", None),
    ("Nov 19 at 9:08, 2 days ago", "en", None),
]


@pytest.mark.parametrize(
    ("line", "lang", "base"),
    NOT_DATES,
    ids=[
        "year-only",
        "month-year",
        "relative-no-base",
        "menu",
        "prose",
        "now-in-a-headline",
        "minutes-in-a-notice",
        "no-year-and-relative",
    ],
)
def test_non_datelines_give_none(line: str, lang: str, base: datetime | None) -> None:
    assert parse_line(line, lang, base) is None
