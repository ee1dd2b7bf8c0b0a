"""Generic extraction for HTML pages: trafilatura for the body, the page's own statements for
the headline, dates and authors, then normalised.

Trafilatura runs once, in precision mode (it drops teaser lists and sign-up boxes the default
mode keeps); the default mode runs only when that result is too short for the page's own
paragraph text.  The body is built from trafilatura's XML (sub-headings and lists kept).
Metadata is a cascade where each source fills only what is still empty: JSON-LD, then the meta
tags, then trafilatura (htmldate for the date, its author finder).
"""

from __future__ import annotations

from copy import deepcopy
from datetime import datetime, time
from typing import Any

import trafilatura

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import dates, zones
from briefing.generic.chunks import joined
from briefing.generic.clean import clean_blocks
from briefing.generic.headline import choose_title, page_titles, repeats_headline
from briefing.generic.lang import detect_language
from briefing.generic.meta import split_tags
from briefing.generic.structured import Stated, names, read_stated
from briefing.generic.tail import drop_tail
from briefing.generic.xmlbody import blocks
from briefing.text import element_text

# The default mode runs again when precision mode kept less than this share of the text in the
# page's <p> elements.  Publisher halves (bench/cv_extract.py --sweep, 0 to 0.6): half B picks
# 0.25 (held-out A body .974, the same for every value); half A cannot tell the values apart
# (0.25 kept): held-out B .956 at 0.25, .946 to .949 elsewhere.
MIN_PRECISION_SHARE = 0.25
# Below this share of the page's <p> text, the body's chunks are joined and trafilatura runs
# on the joined page (``chunks``): kept when it gives more text.
JOIN_SHARE = 0.6
# A stated timestamp whose day differs from htmldate's by more than this is another article's
# (a teaser's JSON-LD, a "last updated" in the meta tags): htmldate's day is kept then.
MAX_DAY_GAP = 1  # days
_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
# Strings of the page read when htmldate's date may be a month or a year only: a dateline or
# a date attribute is short (the dump's datelines run to ~25 words).
MAX_STATED_CHARS = 200


def extract_html(html: str, ctx: ExtractContext) -> Extracted:
    """Extract title, dates, authors, body blocks, language, tags and section from a page."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return Extracted(source_url=ctx.source_url)
    stated = read_stated(tree)
    titles = page_titles(tree, stated.headline)
    doc = _extract(tree, ctx.source_url)
    if doc is None:
        return Extracted(source_url=ctx.source_url)
    title = choose_title(titles, doc.title)
    found = drop_tail(tree, blocks(doc.body)) if doc.body is not None else []
    if found and found[0][0] != "p" and repeats_headline(found[0][1], titles):
        found = found[1:]  # the page's headline (an h1 the title is not) heads the body
    texts, kinds = clean_blocks(found, title)
    date = choose_date(stated, _day_level(tree, dates.from_metadata(doc.date)))
    date = _with_zone(tree, date, (ctx.source_url, doc.url))
    return Extracted(
        title=title,
        date=date,
        modified=choose_modified(stated, date),
        category=doc.categories[0] if doc.categories else None,
        tags=split_tags(doc.tags or ()),
        authors=stated.authors or stated.meta_authors or names((doc.author or "").split(";")),
        paragraphs=texts,
        blocks=kinds,
        source=doc.sitename or None,  # the page's own name for its site (og:site_name, JSON-LD)
        source_url=ctx.source_url or doc.url or None,
        lang=_lang(doc.language) or detect_language(" ".join(texts)),
        summary=doc.description or None,
        origin={"extractor": "generic-html"},
    )


def _extract(tree: Any, url: str | None) -> Any:
    """Run trafilatura in precision mode; again in default mode when that kept too little,
    and on the page with the body's chunks joined when the result is still short."""
    doc = _run(tree, url, precision=True)
    page = sum(len(element_text(p)) for p in tree.iter("p"))
    precision = True
    if doc is None or len(doc.text or "") < MIN_PRECISION_SHARE * page:
        full = _run(tree, url, precision=False)
        if doc is None or (full is not None and len(full.text or "") > len(doc.text or "")):
            doc, precision = full, False
    return None if doc is None else _whole(tree, url, doc, page, precision)


def _whole(tree: Any, url: str | None, doc: Any, page: int, precision: bool) -> Any:
    """Return the result on the page with the body's chunks joined (the same mode), when the
    first result kept under ``JOIN_SHARE`` of the page's paragraph text and joining gives
    more."""
    text = doc.text or ""
    if len(text) >= JOIN_SHARE * page:
        return doc
    whole = joined(tree, text)
    again = _run(whole, url, precision=precision) if whole is not None else None
    return again if again is not None and len(again.text or "") > len(text) else doc


def _day_level(tree: Any, found: datetime | None) -> datetime | None:
    """Return htmldate's date unless it may be a month or a year only, which the page does not
    state as a day.

    With no day-level date on a page htmldate falls back to the first of a month ("Juni
    2024") or of the copyright year ("©2019"): such a date is kept only when a short text or a
    date attribute of the page gives that very day.
    """
    if found is None or (found.day, found.hour, found.minute, found.second) != (1, 0, 0, 0):
        return found
    return found if found.date().isoformat() in _stated_days(tree, str(found.year)) else None


def _stated_days(tree: Any, year: str) -> set[str]:
    """Return the days (ISO) that the page's short texts and attributes naming ``year`` state."""
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]  # not comments
    texts = {v for el in elements for v in el.attrib.values()}
    texts.update(element_text(el) for el in elements if len(el.text_content()) <= MAX_STATED_CHARS)
    days = set()
    for text in texts:
        if year in text and len(text) <= MAX_STATED_CHARS:
            value = dates.from_metadata(text)
            if value is not None:
                days.add(value.date().isoformat())
    return days


def choose_date(stated: Stated, found: datetime | None) -> datetime | None:
    """Return the publication date: the stated timestamp (time and offset kept) when htmldate's
    day agrees with it or htmldate found none, else htmldate's."""
    for value in (stated.published, stated.meta_published):
        if value is not None and (found is None or _near(value, found)):
            return value
    return found


def _with_zone(tree: Any, date: datetime | None, urls: tuple[str | None, ...]) -> datetime | None:
    """Return a date found with no zone with the zone the page's ``<time>`` elements state
    for that very day and time ("19 Nov 2024, 10:30 IST"), an ambiguous abbreviation settled
    by the page's evidence (``zones``: unsettled, the day and time are kept with no zone);
    else (none, or several that differ: teasers of the same day) the date as it is."""
    if date is None or date.utcoffset() is not None:
        return date
    nodes = list(tree.iter("time"))
    texts = [t for node in nodes for t in (element_text(node), node.get("datetime") or "")]
    found = [dates.parse_line(t, None, None) for t in texts if len(t) <= MAX_STATED_CHARS]
    stated = [f.value for f in found if f and f.value.utcoffset() and _same_clock(f.value, date)]
    if any(zones.ambiguous(value) for value in stated):
        tags = (tree.get("lang"), *tree.xpath("//meta[@property='og:locale']/@content"))
        clues = zones.evidence(texts, urls, tags)
        stated = [zones.settle(value, clues) for value in stated]
    readings = {(value.replace(tzinfo=None), value.utcoffset()) for value in stated}
    return stated[0] if len(readings) == 1 else date


def _same_clock(value: datetime, date: datetime) -> bool:
    """True when ``value`` states the day of ``date`` and its time (or ``date`` has none)."""
    naive = value.replace(tzinfo=None)
    return naive.date() == date.date() and (date.time() == time(0) or naive == date)


def choose_modified(stated: Stated, published: datetime | None) -> datetime | None:
    """Return when the page says it was updated, aware and not before its publication."""
    value = stated.modified or stated.meta_modified
    if value is None:
        return None
    if value.utcoffset() is None:
        if published is None or published.utcoffset() is None:
            return None  # no zone stated anywhere: the contract needs one
        value = value.replace(tzinfo=published.tzinfo)
    if published is not None and published.utcoffset() is not None and value <= published:
        return None  # "modified" equal to or before publication states no update
    return value


def _near(a: datetime, b: datetime) -> bool:
    return abs((a.date() - b.date()).days) <= MAX_DAY_GAP


def _run(tree: Any, url: str | None, *, precision: bool) -> Any:
    # trafilatura prunes the tree it is given: each run gets its own copy.  (lxml ships no
    # type stubs: the tree and trafilatura's Document are Any here.)
    return trafilatura.bare_extraction(
        deepcopy(tree),
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=precision,
        date_extraction_params=_DATE_PARAMS,
    )


def _lang(value: str | None) -> str | None:
    return value.split("-")[0].lower() if value else None
