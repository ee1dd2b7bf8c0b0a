"""Split the archive into parts (one Pagefind bundle each) and key each part by its content.

A part is a third of a month by default: the days 1-10, 11-20 and 21-31 of one month's folder.
Old parts never change, so they are indexed once and reused from the cache; a day's new
articles re-index only the part they fall in (at 100k articles over three years, ~950 pages).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


class PartError(ValueError):
    """A page cannot be placed in a part (its URL is outside its day's folder)."""


@dataclass(frozen=True)
class PageSource:
    """What decides a page's indexed content: where it is written, its date and a digest."""

    save_as: str  # path under the output folder, e.g. "2026/02/27/amy-carlon/index.html"
    date: datetime
    digest: str  # changes whenever the page's indexed text, filters or meta may change


@dataclass(frozen=True)
class Part:
    """Some day folders of one month of the built site, indexed as one Pagefind bundle."""

    slug: str  # one path segment naming the part, e.g. "2026-02-3"
    folder: str  # the month's folder, e.g. "2026/02"
    days: tuple[str, ...]  # its day folders, e.g. ("21", ..., "31")
    key: str  # content hash of its pages and of the index configuration
    pages: int
    year: str
    month: str  # "YYYY-MM", the value of the ``month`` filter

    def glob(self, page_glob: str) -> str:
        """Return the Pagefind glob selecting the part's pages under the site root."""
        return f"{self.folder}/{{{','.join(self.days)}}}/{page_glob}"


def digest(*fields: str) -> str:
    """Return a short stable hash of text fields."""
    h = hashlib.sha256()
    for value in fields:
        h.update(value.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:20]


def make_parts(
    pages: Iterable[PageSource], month_format: str, part_days: Sequence[int], fingerprint: str
) -> list[Part]:
    """Group pages into parts, newest first, each keyed by its pages' digests and the config."""
    groups: dict[tuple[str, int], list[PageSource]] = defaultdict(list)
    for page in pages:
        folder = page.date.strftime(month_format)
        if not page.save_as.startswith(f"{folder}/{page.date:%d}/"):
            raise PartError(
                f"{page.save_as}: not in its day folder {folder}/{page.date:%d}/ "
                "(ARTICLE_SAVE_AS must start with PAGEFIND['month_format'] and the day)"
            )
        groups[folder, bisect_right(part_days, page.date.day)].append(page)
    parts = [
        _part(folder, index, part_days, members, fingerprint)
        for (folder, index), members in groups.items()
    ]
    return sorted(parts, key=lambda p: (p.folder, p.days), reverse=True)


def _part(
    folder: str,
    index: int,
    part_days: Sequence[int],
    members: Sequence[PageSource],
    fingerprint: str,
) -> Part:
    first = part_days[index - 1]
    last = part_days[index] - 1 if index < len(part_days) else 31
    ordered = sorted(members, key=lambda p: p.save_as)
    slug = folder.replace("/", "-") + (f"-{index}" if len(part_days) > 1 else "")
    date = members[0].date
    return Part(
        slug=slug,
        folder=folder,
        days=tuple(f"{d:02d}" for d in range(first, last + 1)),
        key=digest(fingerprint, slug, *(f"{p.save_as}\t{p.digest}" for p in ordered)),
        pages=len(members),
        year=date.strftime("%Y"),
        month=date.strftime("%Y-%m"),
    )
