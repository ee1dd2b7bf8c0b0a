"""``briefing.normalise``: the one place an article's date and its time-zone flag are decided."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from briefing.extraction import Extracted
from briefing.normalise import Dating, to_article

PLUS_4 = timezone(timedelta(hours=4))
CLOCK = datetime(2026, 3, 1, 15, 30, tzinfo=PLUS_4)


@pytest.mark.parametrize(
    ("found", "date", "origin"),
    [
        pytest.param(
            datetime(2026, 2, 27, 19, 33),
            datetime(2026, 2, 27, 19, 33, tzinfo=UTC),
            {"timezone": "unknown"},
            id="naive-read-as-utc-and-flagged",
        ),
        pytest.param(
            datetime(2026, 2, 27, 19, 33, tzinfo=PLUS_4),
            datetime(2026, 2, 27, 19, 33, tzinfo=PLUS_4),
            {},
            id="stated-offset-kept-unflagged",
        ),
        pytest.param(
            None,
            datetime(2026, 3, 1, tzinfo=PLUS_4),
            {"date": "ingested"},
            id="undated-gets-the-run-day-unflagged",
        ),
    ],
)
def test_date_and_time_zone_flag(
    found: datetime | None, date: datetime, origin: dict[str, str]
) -> None:
    extracted = Extracted(title="Ferry", date=found, paragraphs=("The ferry sails.",))
    article = to_article(extracted, Dating(today=CLOCK), "x.txt")
    assert article.date == date
    assert article.date.utcoffset() == date.utcoffset()
    assert {k: v for k, v in article.origin.items() if k in ("timezone", "date")} == origin
