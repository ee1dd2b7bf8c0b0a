"""Stable pages of a listing: chunks counted from the oldest article, the newest on the first page.

Pelican numbers a listing's pages from the newest article, so every new article shifts every
page by one.  Here a listing of ``n`` articles and ``per`` a page is cut from its oldest end:
numbered page ``k`` (1 = the oldest) holds articles ``(k - 1) * per + 1`` to ``k * per``
counted from the oldest, and once full it never changes; the first page (the listing's own
URL) holds the rest, the newest ``per`` to ``2 * per - 1`` articles (all of them below
``2 * per``).  An added article changes the first page, and when the first page overflows it
becomes a new numbered page, so the newest numbered page's pager changes with it (its "Newer"
link and the page numbers above it).  Nothing else a numbered page shows depends on articles
newer than it: no total count, no "page k of m".  An article dated older than the newest
numbered page (a backfill) or one removed shifts the pages from its own onwards.

Each page is its own write (:func:`split`), so the incremental writer keys, keeps and renders
every page of a listing on its own.  URLs come from ``PAGINATION_PATTERNS``: the first rule
writes the first page, the rules for pages 2 and up write the numbered pages, ``{number}``
being the page's number counted from the oldest (a rule for the last page, ``-1``, and
``DEFAULT_ORPHANS`` have no meaning here: no page is the last for good).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

BELOW = 2  # page numbers a pager names below the current page (and the oldest, page 1)


@dataclass(frozen=True)
class PageLink:
    """One entry of a pager: the first page (number None, "Newest") or a numbered page."""

    number: int | None
    url: str
    current: bool = False


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing, holding only what the page shows (what its render key digests)."""

    number: int | None  # None: the listing's first page; else counted from the oldest (1)
    object_list: tuple[Any, ...]  # newest first
    url: str
    save_as: str
    count: int | None  # the listing's articles: on the first page only (it changes with each)
    first_index: int  # the page's oldest article, counted from the listing's oldest (1)
    newer: str | None  # URL of the newer page (rel=prev), None on the first page
    older: str | None  # URL of the older page (rel=next), None on page 1
    links: tuple[PageLink | None, ...]  # newest first; None: page numbers left out

    @property
    def last_index(self) -> int:
        """Return the page's newest article, counted from the listing's oldest (1)."""
        return self.first_index + len(self.object_list) - 1


def _rule(patterns: Sequence[Any], number: int | None) -> Any:
    """Return the pagination rule for the first page (None) or numbered page ``number``."""
    if number is None:
        first = [p for p in patterns if p[0] == 1]
        if not first:
            raise ValueError("PAGINATION_PATTERNS has no rule for page 1: the first page needs one")
        return first[-1]
    numbered = [p for p in patterns if 2 <= p[0] <= max(number, 2)]
    if not numbered:
        raise ValueError("PAGINATION_PATTERNS has no rule for page 2: numbered pages need one")
    return numbered[-1]


def page_path(name: str, url: str, rule: Any, number: int) -> tuple[str, str]:
    """Return (url, save_as) of a page by Pelican's pattern fields (as pelican.paginator does)."""
    # os.path's split exactly, as Pelican's Page makes these fields ("" for no folder, not ".").
    stem, extension = os.path.splitext(name)  # noqa: PTH122
    folder, file = os.path.split(name)
    fields = {
        "save_as": name,
        "url": url,
        "name": stem,
        "base_name": folder if file in ("index.htm", "index.html") else stem,
        "extension": extension,
        "number": number,
    }
    # Pelican drops one leading slash (its documented way to keep a second one).
    return (
        str(rule[1]).format(**fields).removeprefix("/"),
        str(rule[2]).format(**fields).removeprefix("/"),
    )


def _numbers(current: int, top: int) -> list[int | None]:
    """Return the page numbers a pager names, newest first: ``top`` down to a few below, and 1."""
    lowest = max(1, current - BELOW)
    numbers: list[int | None] = list(range(top, lowest - 1, -1))
    if lowest > 2:
        numbers.append(None)
    if lowest > 1:
        numbers.append(1)
    return numbers


def _links(
    number: int | None, numbered: int, paths: Mapping[int, tuple[str, str]], first: str
) -> tuple[PageLink | None, ...]:
    """Return a page's pager entries, newest first: the first page, then page numbers."""
    if not numbered:
        return ()
    # The newest numbered page names no page above it: one appears when the first overflows.
    top = numbered if number is None else min(number + 1, numbered)
    shown = _numbers(number or numbered + 1, top)
    numbers = (None if k is None else PageLink(k, paths[k][0], k == number) for k in shown)
    return (PageLink(None, first, number is None), *numbers)


def paginate(
    name: str, url: str, articles: Sequence[Any], settings: Mapping[str, Any], per: int
) -> list[ListingPage]:
    """Cut a listing (newest first, in the site's order) into stable pages, the first page first."""
    oldest_first = list(reversed(articles))
    numbered = max(0, len(oldest_first) // per - 1) if per else 0  # the newest full chunk: first
    patterns = settings["PAGINATION_PATTERNS"]
    paths = {k: page_path(name, url, _rule(patterns, k), k) for k in range(1, numbered + 1)}
    paths[0] = page_path(name, url, _rule(patterns, None), 1)  # 0: the first page
    pages = []
    for number in (None, *range(numbered, 0, -1)):
        start = (number - 1) * per if number else numbered * per
        end = number * per if number else len(oldest_first)
        newer = None if number is None else paths[number + 1 if number < numbered else 0][0]
        older = numbered if number is None else number - 1
        pages.append(
            ListingPage(
                number=number,
                object_list=tuple(reversed(oldest_first[start:end])),
                url=paths[number or 0][0],
                save_as=paths[number or 0][1],
                count=len(oldest_first) if number is None else None,
                first_index=start + 1,
                newer=newer,
                older=paths[older][0] if older >= 1 else None,
                links=_links(number, numbered, paths, paths[0][0]),
            )
        )
    return pages


def split(
    name: str, arguments: dict[str, Any], settings: Mapping[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """Return a ``write_file`` call as one (name, arguments) per page of its listing.

    A call Pelican would paginate (its ``template_name`` in ``PAGINATED_TEMPLATES``, with
    ``articles``) becomes one call per page, each with ``listing`` (a :class:`ListingPage`),
    ``articles`` (the page's own) and nothing for Pelican to paginate again; any other call is
    returned as it is.  ``dates`` is left out: a page shows its own articles, not the listing's.
    """
    template = arguments.get("template_name")
    templates = settings.get("PAGINATED_TEMPLATES") or {}
    paginated = arguments.get("paginated")
    articles = (paginated if paginated is not None else arguments).get("articles")
    if template not in templates or articles is None:
        return [(name, arguments)]
    per = templates[template] or settings.get("DEFAULT_PAGINATION") or 0
    pages = paginate(name, arguments.get("url") or "", articles, settings, per)
    rest = {k: v for k, v in arguments.items() if k not in ("dates", "paginated", "articles")}
    return [
        (page.save_as, {**rest, "paginated": {}, "articles": page.object_list, "listing": page})
        for page in pages
    ]
