"""The archive index's previous and next period: found by place for its own periods, else by
equality (a period equal to one of the archive's), never another period's neighbours."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from pelican.plugins.archive_pages.index import ArchiveIndex, build_index
from pelican.plugins.archive_pages.settings import ArchiveSettings
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category

from briefing.model import Article as Record

DAYS = [dt.date(2025, 12, 30), dt.date(2026, 1, 2), dt.date(2026, 1, 5), dt.date(2026, 2, 1)]
POLITICS = Category("Politics", dict(DEFAULT_CONFIG))


def article(day: dt.date, n: int) -> Any:
    when = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    record = Record(title=f"Story {n}", slug=f"story-{n}", date=when, category="Politics")
    return SimpleNamespace(
        date=when, slug=record.slug, category=POLITICS, briefing=record, source_path=f"{n}.md"
    )


@pytest.fixture(scope="module")
def archive() -> ArchiveIndex:
    return build_index([article(d, n) for n, d in enumerate(DAYS)], ArchiveSettings())


def starts(archive: ArchiveIndex, period: Any) -> tuple[dt.date | None, dt.date | None]:
    around = archive.adjacent(period)
    return tuple(p.start if p is not None else None for p in (around.previous, around.next))  # type: ignore[return-value]


@pytest.mark.parametrize("kind", ["days", "months", "years"])
def test_each_period_has_the_older_and_newer_one_beside_it(
    archive: ArchiveIndex, kind: str
) -> None:
    periods = getattr(archive, kind)  # newest first
    for i, period in enumerate(periods):
        older = periods[i + 1].start if i + 1 < len(periods) else None
        newer = periods[i - 1].start if i > 0 else None
        assert starts(archive, period) == (older, newer)


def test_an_equal_period_not_the_archives_own_is_found_by_equality(archive: ArchiveIndex) -> None:
    own = archive.days[1]
    copy = dataclasses.replace(own)
    assert copy == own and copy is not own
    assert starts(archive, copy) == starts(archive, own) == (DAYS[1], DAYS[3])
    # a month whose place number is a day's: its own neighbours, not the day's
    assert starts(archive, archive.months[1]) == (dt.date(2025, 12, 1), dt.date(2026, 2, 1))


def test_a_period_the_archive_does_not_have_is_an_error(archive: ArchiveIndex) -> None:
    absent = dataclasses.replace(archive.days[0], day=dt.date(2027, 1, 1))
    with pytest.raises(ValueError, match="not in tuple"):
        archive.adjacent(absent)
