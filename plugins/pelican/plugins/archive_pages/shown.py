"""What each whole-archive page shows, as plain values: the part of its render key it owns.

The home page, archives, categories, tags, sources, search and 404 pages are rendered from the
whole archive, but each shows only a little of it: counts, the latest days, each source's
latest headlines.  The incremental plugin's keys (``incremental/keys.py``) digest the values
returned here instead of rendering these pages on every build, so a page is kept whenever what
it shows is unchanged: search and 404 always (they show no archive value), the others when a
build adds nothing they count or list.  Every value a template reads beyond the chrome and the
settings (digested for every page) must be here: ``tests`` build each page from changed
archives and compare it with a clean build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Shown = Callable[[Mapping[str, Any], dict[str, Any]], dict[str, Any]]


def _nothing(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """Search and 404: the chrome and the settings only."""
    return {}


def _tag_counts(context: Mapping[str, Any]) -> list[tuple[Any, int]]:
    return [(tag, len(items)) for tag, items in context.get("tags") or ()]


def _tags(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """The tags page: every tag with its count."""
    return {"tags": _tag_counts(context)}


def _categories(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """The categories page: every category and tag with its count."""
    categories = [(category, len(items)) for category, items in context.get("categories") or ()]
    return {"categories": categories, "tags": _tag_counts(context)}


def _days(days: Any) -> list[tuple[Any, str, int]]:
    return [(d.day, d.url, d.count) for d in days]


def _archives(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """The archive page: the count, and each year and month with its days' counts."""
    archive = context["archive"]
    years = [
        (y.year, y.url, y.count, [(m.first, m.url, m.count, _days(m.days)) for m in y.months])
        for y in archive.years
    ]
    return {
        "articles": len(write.get("articles") or ()),
        "days": len(archive.days),
        "years": years,
        "undated": archive.undated,
    }


def _sources(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """The sources page: each source's count and latest headlines."""
    latest = context["archive_settings"].source_latest
    return {
        "articles": len(write.get("articles") or ()),
        "sources": [
            (s.name, s.anchor, len(s.articles), s.articles[:latest])
            for s in context["archive"].sources
        ],
    }


def _home(context: Mapping[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """The home page: the latest days by category, undated articles, whether there are more."""
    archive, days = context["archive"], context["home_days"]
    sections = [
        (d.day, d.url, d.dated, [(s.category, s.articles) for s in d.sections]) for d in days
    ]
    return {
        "days": sections,
        "undated": archive.undated[: context["archive_settings"].home_undated],
        "empty": not days and not archive.undated,
        "more": len(archive.days) > len(days),
    }


# Template file -> what its page shows beyond the chrome (for incremental/keys.py's KEYED).
WHOLE_ARCHIVE: dict[str, Shown] = {
    "index.html": _home,
    "archives.html": _archives,
    "categories.html": _categories,
    "tags.html": _tags,
    "sources.html": _sources,
    "search.html": _nothing,
    "404.html": _nothing,
}
