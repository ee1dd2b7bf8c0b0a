"""What an article's date says: stated by the source, or derived; a time, or a day only.

The one owner of these questions for templates, feeds, the sitemap, JSON-LD and read next, so
no output claims a publication date or a time the source did not give (issue #16).  ``origin``
(``briefing.normalise``) records derived values: ``date: ingested | sidecar | option`` means the
source stated no date; ``timezone: unknown`` with midnight means it stated a day only.
"""

from __future__ import annotations

from datetime import datetime, time

from briefing.model import Article


def date_stated(record: Article) -> bool:
    """Return True when the source itself stated the article's date."""
    return "date" not in record.origin


def time_stated(record: Article) -> bool:
    """Return True when the source stated a time of day, not only a day."""
    if not date_stated(record) or record.origin.get("time") == "none":
        return False
    day_only = record.origin.get("timezone") == "unknown" and record.date.timetz() == time(
        0, tzinfo=record.date.tzinfo
    )
    return not day_only


def published(record: Article) -> datetime | None:
    """Return the publication date to state in feeds and metadata, or None when not stated."""
    return record.date if date_stated(record) else None


def modified(record: Article) -> datetime | None:
    """Return when the source says it updated the article, when that differs from its date."""
    if record.modified is None or record.modified == record.date:
        return None
    return record.modified
