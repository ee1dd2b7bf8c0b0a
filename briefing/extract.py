"""Pick the extractor for a raw input by its kind; refuse what holds no article text.

:data:`EXTRACTORS` is the table, by input kind (``briefing.sources.KINDS``):

=============  ===============  ===========================================================
kind           extractor        what runs
=============  ===============  ===========================================================
``txt``        ``text-dump``    a site profile whose layout signature matches, else
                                :func:`briefing.generic.extract_dump`
``html``       ``html``         :func:`briefing.generic.extract_html` (trafilatura)
``json[l]``    ``records``      :func:`briefing.generic.extract_records`, one per record
=============  ===============  ===========================================================

``.md`` inputs are articles already: ingest reads them with ``briefing.frontmatter``.
:func:`extract` is the one way in, for ``briefing ingest``, ``--explain`` and ``make eval``
alike: it runs the extractor, applies the "no article text" rule to every result and fills the
source and URL the context knows where the extractor found none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from briefing import generic, profiles
from briefing.extraction import ExtractContext, Extracted, ExtractionError, Extractor, RecordError

NO_ARTICLE_TEXT = "no article text found (only navigation, boilerplate or punctuation)"
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Route:
    """One row of the table: the extractor's name (shown by ``--explain``) and the function."""

    name: str
    run: Extractor


def text_dump(text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    """Extract the article of a plain-text page dump: a site profile's, else the generic one."""
    if not text.strip():
        raise ExtractionError("empty file (no text)")
    profile = profiles.match(text)
    if profile is not None:
        return [profiles.extract(profile, text)]
    return [generic.extract_dump(text, ctx)]


def html_page(text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    """Extract the article of an HTML page."""
    return [generic.extract_html(text, ctx)]


def records(text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    """Extract one article per record of JSON or JSON Lines scraper output."""
    found = generic.extract_records(text, ctx)
    if not found:
        raise ExtractionError("no records found (an empty JSON list or file)")
    return found


EXTRACTORS: Mapping[str, Route] = {
    "txt": Route("text-dump", text_dump),
    "html": Route("html", html_page),
    "json": Route("records", records),
    "jsonl": Route("records", records),
}


def has_article_text(found: Extracted) -> bool:
    """Return whether a result holds article text: a paragraph with a word ("..." is none)."""
    return any(map(_HAS_WORD.search, found.paragraphs))


def extract(kind: str, text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    """Run the extractor for ``kind``; one result per article (a RecordError per bad record).

    Raises :class:`ExtractionError` when the input holds nothing to use: a single result
    without article text is the input's failure, one of many is that record's.
    """
    route = EXTRACTORS.get(kind)
    if route is None:
        raise ExtractionError(f"no extractor reads {kind!r} inputs")
    found = route.run(text, ctx)
    if len(found) == 1 and isinstance(found[0], Extracted) and not has_article_text(found[0]):
        raise ExtractionError(NO_ARTICLE_TEXT)
    return [_checked(result, n, ctx) for n, result in enumerate(found, 1)]


def _checked(
    result: Extracted | RecordError, n: int, ctx: ExtractContext
) -> Extracted | RecordError:
    if isinstance(result, RecordError):
        return result
    if not has_article_text(result):
        return RecordError(f"record {n}", NO_ARTICLE_TEXT)
    return replace(
        result,
        source=result.source or ctx.source_hint,
        source_url=result.source_url or ctx.source_url,
    )
