"""The site's one way of writing dates and times: '9 March 2026, 09:15 UTC+4'.

Every template writes an article's date through :func:`when`, so a day-only or derived date
never gets a made-up time, and every offset is written the same compact way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from briefing import dating
from briefing.model import Article as Record


def offset(moment: datetime) -> str:
    """Return the UTC offset of an aware datetime as 'UTC+4', 'UTC+5:30' or 'UTC'."""
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds()) // 60 if delta else 0
    if not minutes:
        return "UTC"
    hours, mins = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def day(moment: datetime) -> str:
    """Return '9 March 2026': the day alone."""
    return f"{moment.day} {moment:%B %Y}"


def clock(moment: datetime) -> str:
    """Return '09:15 UTC+4': the source's local time and its offset."""
    return f"{moment:%H:%M} {offset(moment)}"


def when(value: Record | datetime, style: str = "long") -> str:
    """Return the date (and time, where the source stated one) of a record or a datetime.

    ``style="long"``: '9 March 2026, 09:15 UTC+4' (a day-only date: '9 March 2026').
    ``style="time"``: '09:15 UTC+4' within a day's list; the day when no time was stated.
    A day's list mixes sources in different zones ordered by absolute time, so each time
    carries its offset (09:00 in Brussels would look out of order above 11:15 in Tbilisi).
    """
    if isinstance(value, Record):
        moment, with_time = value.date, dating.time_stated(value)
    else:
        moment, with_time = value, True
    if not with_time:
        return day(moment)
    if style == "time":
        return clock(moment)
    return f"{day(moment)}, {clock(moment)}"


def iso(value: Record | datetime | str) -> str:
    """Return a datetime (or a record's date) as ISO 8601; a string is returned as it is."""
    if isinstance(value, Record):
        value = value.date
    if isinstance(value, str):
        return value
    return value.isoformat() if value.utcoffset() is not None else value.date().isoformat()


def machine_date(record: Record) -> str:
    """Return the <time datetime> of a record: the day alone when no time was stated."""
    return record.date.isoformat() if dating.time_stated(record) else record.date.date().isoformat()


DATE_FILTERS: dict[str, Any] = {
    "date_published": dating.published,
    "date_modified": dating.modified,
    "search_year": dating.search_year,
    "when": when,
    "iso": iso,
    "machine_date": machine_date,
    "day": day,
    "utc_offset": offset,
}
