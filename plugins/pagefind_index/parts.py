"""Split the archive into parts (one Pagefind bundle each) and key each part by its content."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


class PartError(ValueError):
    """A page cannot be placed in a part (its URL is outside its part's folder)."""


@dataclass(frozen=True)
class PageSource:
    """What decides a page's indexed content: where it is written, its date and a digest."""

    save_as: str  # path under the output folder, e.g. "2026/02/27/amy-carlon/index.html"
    date: datetime
    digest: str  # changes whenever the page's indexed text, filters or meta may change


@dataclass(frozen=True)
class Part:
    """One folder of the built site indexed as its own Pagefind bundle."""

    id: str  # the folder, e.g. "2026/02"
    key: str  # content hash of its pages and of the index configuration
    pages: int
    year: str
    month: str  # "YYYY-MM", the value of the ``month`` filter

    @property
    def slug(self) -> str:
        """Return the part's name as one path segment ("2026-02")."""
        return self.id.replace("/", "-")

    def glob(self, page_glob: str) -> str:
        """Return the Pagefind glob selecting the part's pages under the site root."""
        return f"{self.id}/{page_glob}"


def digest(*fields: str) -> str:
    """Return a short stable hash of text fields."""
    h = hashlib.sha256()
    for value in fields:
        h.update(value.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:20]


def make_parts(pages: Iterable[PageSource], part_format: str, fingerprint: str) -> list[Part]:
    """Group pages into parts, newest first, each keyed by its pages' digests and the config."""
    groups: dict[str, list[PageSource]] = defaultdict(list)
    dates: dict[str, datetime] = {}
    for page in pages:
        part_id = page.date.strftime(part_format)
        if not page.save_as.startswith(part_id + "/"):
            raise PartError(
                f"{page.save_as}: not under its part folder {part_id}/ "
                "(ARTICLE_SAVE_AS must start with PAGEFIND['part_format'])"
            )
        groups[part_id].append(page)
        dates[part_id] = page.date
    parts = [
        _part(part_id, members, dates[part_id], fingerprint) for part_id, members in groups.items()
    ]
    return sorted(parts, key=lambda p: p.id, reverse=True)


def _part(part_id: str, members: Sequence[PageSource], date: datetime, fingerprint: str) -> Part:
    ordered = sorted(members, key=lambda p: p.save_as)
    key = digest(fingerprint, part_id, *(f"{p.save_as}\t{p.digest}" for p in ordered))
    return Part(
        id=part_id,
        key=key,
        pages=len(members),
        year=date.strftime("%Y"),
        month=date.strftime("%Y-%m"),
    )
