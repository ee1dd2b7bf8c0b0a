"""The archive's shape for templates: days, months, years, sources and links between articles.

Pure functions over Pelican's article objects (typed by the Protocols in
``briefing_reader.types``: Pelican ships no types).  A day is the source's own calendar day,
the one in the article's URL, so an article published at 00:30 in Tbilisi (20:30 UTC the day
before) is on the day page its URL names.  Pelican's own period archives group a date-sorted
list with ``itertools.groupby``; with mixed UTC offsets the same local day can come up twice
and both pages would be written to one path.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from briefing import dating
from briefing.model import Translation
from briefing.slug import slugify

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import Named, PelicanArticle

from .settings import ArchiveSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Section:
    """One category's articles within a day, newest first."""

    category: Named
    articles: tuple[PelicanArticle, ...]


@dataclass(frozen=True)
class Day:
    """One daily briefing: the articles of a calendar day, grouped by category."""

    day: date
    url: str
    articles: tuple[PelicanArticle, ...]
    sections: tuple[Section, ...]  # the day's dated articles by category
    undated: tuple[PelicanArticle, ...] = ()  # articles without a stated date, taken in on this day

    @property
    def count(self) -> int:
        """Return how many articles the day has."""
        return len(self.articles)

    @property
    def dated(self) -> int:
        """Return how many of the day's articles the source dated on this day."""
        return len(self.articles) - len(self.undated)

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        return self.day

    @property
    def label(self) -> str:
        """Return the day as a heading, e.g. 'Monday 9 March 2026'."""
        return f"{self.day:%A} {self.day.day} {self.day:%B %Y}"


@dataclass(frozen=True)
class Month:
    """One month of daily briefings, newest day first."""

    first: date
    url: str
    days: tuple[Day, ...]

    @property
    def articles(self) -> tuple[PelicanArticle, ...]:
        """Return the month's articles, newest first."""
        return tuple(a for d in self.days for a in d.articles)

    @property
    def count(self) -> int:
        """Return how many articles the month has."""
        return sum(d.count for d in self.days)

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        return self.first

    @property
    def label(self) -> str:
        """Return the month as a heading, e.g. 'March 2026'."""
        return f"{self.first:%B %Y}"

    @property
    def weeks(self) -> list[list[tuple[int, Day | None]]]:
        """Return the month as calendar weeks (Monday first) of (day number, Day or None).

        Day number 0 pads the first and last week, as in :func:`calendar.monthdayscalendar`.
        """
        by_number = {d.day.day: d for d in self.days}
        weeks = calendar.Calendar().monthdayscalendar(self.first.year, self.first.month)
        return [[(n, by_number.get(n)) for n in week] for week in weeks]


@dataclass(frozen=True)
class Year:
    """One year of the archive, newest month first."""

    year: int
    url: str
    months: tuple[Month, ...]

    @property
    def articles(self) -> tuple[PelicanArticle, ...]:
        """Return the year's articles, newest first."""
        return tuple(a for m in self.months for a in m.articles)

    @property
    def count(self) -> int:
        """Return how many articles the year has."""
        return sum(m.count for m in self.months)

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        return date(self.year, 1, 1)

    @property
    def label(self) -> str:
        """Return the year as a heading."""
        return str(self.year)


@dataclass(frozen=True)
class Source:
    """One source and its articles, newest first."""

    name: str
    anchor: str
    articles: tuple[PelicanArticle, ...]


@dataclass(frozen=True)
class Neighbours(Generic[T]):
    """What comes before and after: articles in a category, or days, months, years."""

    previous: T | None = None  # older
    next: T | None = None  # newer


@dataclass(frozen=True)
class ArchiveIndex:
    """Everything the listing templates need, built once per build from the articles."""

    days: tuple[Day, ...]
    months: tuple[Month, ...]
    years: tuple[Year, ...]
    sources: tuple[Source, ...]
    _by_source_url: dict[str, PelicanArticle] = field(repr=False)
    _by_lang_title: dict[tuple[str, str], PelicanArticle] = field(repr=False)
    _neighbours: dict[str, Neighbours[PelicanArticle]] = field(repr=False)
    _day_of: dict[date, Day] = field(repr=False)
    # id of each day, month and year -> its place in its tuple (adjacent() of 1,100 periods
    # searched the tuples by dataclass equality: a quarter of the period pages' render keys).
    _places: dict[int, int] = field(repr=False, default_factory=dict)

    def translation_target(self, translation: Translation) -> PelicanArticle | None:
        """Return the archive's article for another-language version, matched by URL or title."""
        if translation.url and translation.url in self._by_source_url:
            return self._by_source_url[translation.url]
        return self._by_lang_title.get((translation.lang, translation.title))

    def neighbours(self, article: PelicanArticle) -> Neighbours[PelicanArticle]:
        """Return the previous (older) and next (newer) article in the article's category."""
        return self._neighbours.get(article.source_path, Neighbours())

    def day_of(self, article: PelicanArticle) -> Day:
        """Return the daily briefing the article belongs to."""
        return self._day_of[local_day(article)]

    def month_of(self, day: date) -> Month | None:
        """Return the month page a date falls in, if the archive has it."""
        return next((m for m in self.months if m.first == day.replace(day=1)), None)

    def year_of(self, day: date) -> Year | None:
        """Return the year page a date falls in, if the archive has it."""
        return next((y for y in self.years if y.year == day.year), None)

    def adjacent(self, period: Day | Month | Year) -> Neighbours[Day | Month | Year]:
        """Return the archive's previous (older) and next (newer) day, month or year."""
        periods: tuple[Day | Month | Year, ...]
        if isinstance(period, Day):
            periods = self.days
        elif isinstance(period, Month):
            periods = self.months
        else:
            periods = self.years
        i = self._places.get(id(period), -1)
        if not 0 <= i < len(periods) or periods[i] is not period:  # an equal period, not ours
            i = periods.index(period)  # newest first
        older = periods[i + 1] if i + 1 < len(periods) else None
        return Neighbours(older, periods[i - 1] if i > 0 else None)

    def latest_days(self, count: int) -> tuple[Day, ...]:
        """Return the newest ``count`` days with dated articles (an ingest day is not news)."""
        return tuple(d for d in self.days if d.dated)[:count]

    @property
    def undated(self) -> tuple[PelicanArticle, ...]:
        """Return the articles whose source stated no date, latest taken in first."""
        return tuple(a for d in self.days for a in d.undated)


def local_day(article: PelicanArticle) -> date:
    """Return the calendar day of the article where its source is (the day in its URL)."""
    day: date = article.date.date()
    return day


def newest_first(articles: Iterable[PelicanArticle]) -> tuple[PelicanArticle, ...]:
    """Return the articles sorted newest first (by absolute time), ties broken by slug."""
    return tuple(sorted(articles, key=lambda a: (a.date, a.slug), reverse=True))


def build_days(articles: Sequence[PelicanArticle], settings: ArchiveSettings) -> tuple[Day, ...]:
    """Group articles into days, newest day first, each split into category sections."""
    by_day: dict[date, list[PelicanArticle]] = defaultdict(list)
    for article in articles:
        by_day[local_day(article)].append(article)
    days = []
    for day in sorted(by_day, reverse=True):
        ordered = newest_first(by_day[day])
        undated = tuple(a for a in ordered if not dating.date_stated(a.briefing))
        by_category: dict[Named, list[PelicanArticle]] = defaultdict(list)
        for article in ordered:
            if dating.date_stated(article.briefing):
                by_category[article.category].append(article)
        sections = tuple(
            Section(category, tuple(items))
            for category, items in sorted(by_category.items(), key=lambda kv: kv[0].name)
        )
        days.append(Day(day, settings.day_url.format(date=day), ordered, sections, undated))
    return tuple(days)


def build_months(days: Sequence[Day], settings: ArchiveSettings) -> tuple[Month, ...]:
    """Group days (newest first) into months, newest first."""
    grouped: dict[date, list[Day]] = defaultdict(list)
    for day in days:
        grouped[day.day.replace(day=1)].append(day)
    return tuple(
        Month(first, settings.month_url.format(date=first), tuple(grouped[first]))
        for first in sorted(grouped, reverse=True)
    )


def build_years(months: Sequence[Month], settings: ArchiveSettings) -> tuple[Year, ...]:
    """Group months (newest first) into years, newest first."""
    grouped: dict[int, list[Month]] = defaultdict(list)
    for month in months:
        grouped[month.first.year].append(month)
    return tuple(
        Year(year, settings.year_url.format(date=date(year, 1, 1)), tuple(grouped[year]))
        for year in sorted(grouped, reverse=True)
    )


def build_sources(articles: Sequence[PelicanArticle]) -> tuple[Source, ...]:
    """Group articles by source name, alphabetically; articles without one under 'Unknown'."""
    grouped: dict[str, list[PelicanArticle]] = defaultdict(list)
    for article in articles:
        grouped[article.briefing.source or "Unknown source"].append(article)
    return tuple(
        Source(name, "source-" + (slugify(name) or "unnamed"), newest_first(grouped[name]))
        for name in sorted(grouped, key=str.casefold)
    )


def build_neighbours(articles: Sequence[PelicanArticle]) -> dict[str, Neighbours[PelicanArticle]]:
    """Map each article's source path to its older and newer neighbour in its category."""
    by_category: dict[Named, list[PelicanArticle]] = defaultdict(list)
    for article in articles:
        by_category[article.category].append(article)
    result: dict[str, Neighbours[PelicanArticle]] = {}
    for items in by_category.values():
        ordered = sorted(items, key=lambda a: (a.date, a.slug))
        for i, article in enumerate(ordered):
            older = ordered[i - 1] if i > 0 else None
            newer = ordered[i + 1] if i + 1 < len(ordered) else None
            result[article.source_path] = Neighbours(older, newer)
    return result


def build_index(articles: Sequence[PelicanArticle], settings: ArchiveSettings) -> ArchiveIndex:
    """Build the archive index of one build's published articles."""
    days = build_days(articles, settings)
    months = build_months(days, settings)
    years = build_years(months, settings)
    records = [(a, a.briefing) for a in articles]
    return ArchiveIndex(
        days=days,
        months=months,
        years=years,
        sources=build_sources(articles),
        _by_source_url={r.source_url: a for a, r in records if r.source_url},
        _by_lang_title={(r.lang, r.title): a for a, r in records if r.lang},
        _neighbours=build_neighbours(articles),
        _day_of={d.day: d for d in days},
        _places={id(p): i for group in (days, months, years) for i, p in enumerate(group)},
    )
