"""What an article's date says: stated by the source, or derived; a time, or a day only.

The one owner of these questions for templates, feeds, the sitemap, JSON-LD and read next, so
no output claims a publication date or a time the source did not give (issue #16).  ``origin``
(``briefing.normalise``) records derived values: ``date: ingested | sidecar | option`` means the
source stated no date; ``timezone: unknown`` with midnight means it stated a day only.
"""

from __future__ import annotations

from datetime import date, datetime, time

from briefing.model import Article


def date_stated(record: Article) -> bool:
    """Return True when the source itself stated the article's date."""
    return record.date_stated


def aware(value: object) -> datetime:
    """Return an ISO 8601 date with a time and a UTC offset (a string, or YAML's datetime).

    The one parser of such dates: the contract's ``date``/``modified``, sidecars, ``--date``.
    A ValueError's message completes a sentence naming the value's place ("field 'date' ...").
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()!r} is a day: it needs a time and a UTC offset")
    if not isinstance(value, datetime):
        raise ValueError("must be an ISO 8601 date with a time and a UTC offset")
    if value.utcoffset() is None:
        raise ValueError(f"{value.isoformat()!r} has no UTC offset (write e.g. +04:00)")
    return value


def time_stated(record: Article) -> bool:
    """Return True when the source stated a time of day, not only a day."""
    if not date_stated(record) or record.origin.get("time") == "none":
        return False
    day_only = record.origin.get("timezone") == "unknown" and record.date.timetz() == time(
        0, tzinfo=record.date.tzinfo
    )
    return not day_only


UNDATED = "Undated"  # the search year facet of an article whose source stated no date


def year_facet(moment: datetime, stated: bool) -> str:
    """Return the search year facet: the year of a stated date, else "Undated"."""
    return f"{moment.year:04d}" if stated else UNDATED


def search_year(record: Article) -> str:
    """Return a record's search year facet (never the year it was ingested in)."""
    return year_facet(record.date, date_stated(record))


def published(record: Article) -> datetime | None:
    """Return the publication date to state in feeds and metadata, or None when not stated."""
    return record.date if date_stated(record) else None


def modified(record: Article) -> datetime | None:
    """Return when the source says it updated the article, when that differs from its date."""
    if record.modified is None or record.modified == record.date:
        return None
    return record.modified
