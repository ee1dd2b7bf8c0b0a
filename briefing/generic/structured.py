"""What an HTML page states about itself: schema.org JSON-LD and the article meta tags.

Read with lxml and ``json`` (the way extruct reads JSON-LD): every ``application/ld+json``
block, ``@graph`` lists flattened, the first object of an article type wins.  Meta tags are the
OpenGraph ``article:*`` properties and the common ``name=`` variants.  Values are returned as
the page writes them; ``briefing.generic.html`` decides which to trust.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from briefing.generic.bylines import names as byline_names
from briefing.generic.bylines import unlabelled
from briefing.text import clean_text

logger = logging.getLogger(__name__)

# schema.org types that describe the page's own article (not its site, breadcrumb or video).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "webpage",
    }
)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
MAX_AUTHOR_WORDS = 6  # "Anna Giulia Fink" has 3; longer is a sentence or a credit line


@dataclass(frozen=True)
class Stated:
    """The page's own statements about its headline, dates and authors."""

    headline: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    meta_published: datetime | None = None  # from the meta tags, when JSON-LD has none
    meta_modified: datetime | None = None
    meta_authors: tuple[str, ...] = ()


def read_stated(tree: Any) -> Stated:
    """Return what the page's JSON-LD and meta tags state (the first article object wins)."""
    article = next(_articles(tree), {})
    meta = _meta(tree)
    return Stated(
        headline=_text(article.get("headline") or article.get("name")),
        published=parse_iso(article.get("datePublished") or article.get("dateCreated")),
        modified=parse_iso(article.get("dateModified")),
        authors=names(article.get("author")),
        meta_published=next(filter(None, (parse_iso(meta.get(k)) for k in PUBLISHED_META)), None),
        meta_modified=next(filter(None, (parse_iso(meta.get(k)) for k in MODIFIED_META)), None),
        meta_authors=_meta_authors(meta),
    )


def parse_iso(value: object) -> datetime | None:
    """Return an ISO 8601 timestamp as written (aware when it has an offset or Z), else None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or len(value) < 10:
        return None
    text = value.strip().replace(" ", "T", 1) if value[10:11] == " " else value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def names(value: object) -> tuple[str, ...]:
    """Return the names of a schema.org author value (a Person, a list, a string)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        text = _text(name)
        if text and _is_name(text):
            out.extend(_persons(unlabelled(text)))
    return tuple(dict.fromkeys(out))


def _persons(text: str) -> list[str]:
    """Return the people one author string names: "A og B" is two when both read as a
    person's full name (a "Smith, John" stays one); a bare number is no name."""
    parts = byline_names(text)
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return list(parts)
    return [text] if any(ch.isalpha() for ch in text) else []


def _is_name(text: str) -> bool:
    return (
        len(text.split()) <= MAX_AUTHOR_WORDS
        and "://" not in text
        and not text.startswith(("@", "/"))
    )


def _articles(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            logger.debug("unreadable JSON-LD block skipped")
            continue
        for item in _flatten(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            typed = any(isinstance(k, str) and k.casefold() in ARTICLE_TYPES for k in kinds)
            if typed and (item.get("headline") or item.get("datePublished")):
                yield item


def _flatten(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main)


def _meta(tree: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        if key:
            out.setdefault(key.strip().casefold(), node.get("content"))
    for node in tree.xpath("//*[@itemprop][@datetime]"):
        out.setdefault(node.get("itemprop").strip().casefold(), node.get("datetime"))
    return out


def _meta_authors(meta: dict[str, str]) -> tuple[str, ...]:
    for key in AUTHOR_META:
        value = meta.get(key)
        if value:
            found = names([part for part in value.split(",") if part.strip()])
            if found:
                return found
    return ()


def _text(value: object) -> str | None:
    return (clean_text(value) or None) if isinstance(value, str) else None
