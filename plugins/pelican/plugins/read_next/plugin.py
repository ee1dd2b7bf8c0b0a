"""Pelican glue: on ``article_generator_finalized`` give every article its read-next block.

Sets on each article (the theme reads these):

- ``read_next_links``: list of :class:`~.links.ReadNextLink`, at most ``count``;
- ``also_reported_by``: list of ``(source, url, title)`` for near-duplicates;
- ``source_links``: one URL or None per item of ``article.briefing.read_next``.

Articles without ``article.briefing`` (not read by the briefing reader) are left out of the
archive and get empty lists.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pelican.plugins.signals as signals  # Pelican ships no types: Any
from pelican.plugins.incremental import settings as incremental_settings
from pelican.plugins.incremental.store import Store, salt

from briefing import dating

from .kept import KeptWords
from .links import ReadNextLink
from .scoring import Block, ReadNextError, recommend
from .settings import ReadNextSettings, load
from .sources import SourceMatcher
from .text import Tokens, tokens

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import ArticlesGenerator, PelicanArticle

logger = logging.getLogger(__name__)

# Decimals of the score a page shows (its data-score).  Every article added moves the archive's
# word weights (idf), so most scores move in the fifth or sixth decimal each day: at six, a
# day's 20 articles changed 4,500 of 10,000 article pages (and the incremental build rendered
# them all).  At two decimals a score shows a change a reader could care about.
SHOWN_SCORE_DIGITS = 2


class ReadNextBuildError(ValueError):
    """The archive cannot get read-next blocks; the message names the article's file."""


STORE = "read-next-tokens.sqlite"  # in INCREMENTAL["stores"]
KEPT = "read-next-words.pickle"  # beside it: the last build's counts (kept.py)


def tokens_salt() -> str:
    """Digest what the kept tokens depend on besides the text: the tokeniser's code."""
    return salt("tokens", code=(Path(__file__).with_name("text.py"),))


def words_salt() -> str:
    """Digest what the kept counts depend on besides the texts: text.py and kept.py."""
    here = Path(__file__)
    return salt("kept words", code=(here.with_name("text.py"), here.with_name("kept.py")))


class _Tokens:
    """:func:`.text.tokens` kept by the digest of the text, for the next build (store.py)."""

    def __init__(self, stores: str) -> None:
        self.store = Store(Path(stores, STORE) if stores else None, tokens_salt())

    def __call__(self, text: str) -> Tokens:
        return self.store.computed(text.encode(), lambda: tokens(text))


def _blocks(
    articles: list[PelicanArticle], settings: ReadNextSettings, stores: str
) -> dict[str, Block]:
    tokenise = _Tokens(stores)
    # Only the articles without a row in the last build's counts are tokenised (or looked up in
    # the store: its save then drops the entries of the others, which the counts keep).
    words = KeptWords(Path(stores, KEPT), words_salt(), tokenise) if stores else None
    try:
        blocks = recommend([a.briefing for a in articles], settings, tokenise, words)
        tokenise.store.save()
        if words is not None:
            words.save()
            logger.info("read_next: %d of %d articles' words kept", words.kept, len(articles))
        return blocks
    except ReadNextError as err:
        paths = [a.source_path for a in articles if a.briefing.slug == err.slug]
        raise ReadNextBuildError(f"{', '.join(paths) or err.slug}: {err}") from err
    finally:
        if words is not None:
            words.discard()  # the rows of a failed build, written beside the file: not kept


def _links(block: Block, by_slug: dict[str, PelicanArticle], shown: set[str]) -> list[ReadNextLink]:
    """Return the block's links, leaving out articles the page already links (``shown``)."""
    links = []
    for pick in block.picks:
        target = by_slug[pick.slug]
        if target.url in shown:
            continue  # one article is offered once a page: the source's list comes first
        links.append(
            ReadNextLink(
                target.url,
                target.briefing.title,
                # a date the source did not state (the day of ingest) is not shown as one
                dating.published(target.briefing),
                target.briefing.source,
                pick.reason,
                round(pick.score, SHOWN_SCORE_DIGITS),
                pick.shared,
                pick.kind,
                target.briefing,
            )
        )
    return links


def _source_links(
    articles: list[PelicanArticle], by_slug: dict[str, PelicanArticle], threshold: float
) -> None:
    """Set ``source_links`` on every article that has a source list: the one place a source's
    item is resolved to an archive article (its slug, else its text: see sources.py)."""
    listing = [a for a in articles if a.briefing.read_next]
    if not listing:
        return  # building the matcher costs seconds on a large archive: only when needed
    matcher = SourceMatcher([a.briefing for a in articles], threshold)
    for article in listing:
        matched = matcher.match_all(article.briefing.read_next)
        article.source_links = [by_slug[s].url if s else None for s in matched]


def _linked(article: PelicanArticle) -> set[str]:
    """Return the URLs the article's page links elsewhere: its source's list, duplicates."""
    urls = {url for url in article.source_links if url}
    urls.update(url for _, url, _ in article.also_reported_by)
    return urls


def add_read_next(generator: ArticlesGenerator) -> None:
    """Set read_next_links, also_reported_by and source_links on every article."""
    settings = load(generator.settings)
    shown = [*generator.articles, *generator.translations]
    articles = [a for a in shown if getattr(a, "briefing", None) is not None]
    for article in (*shown, *generator.hidden_articles, *generator.drafts):
        article.read_next_links = []
        article.also_reported_by = []
        article.source_links = []
    by_slug = {a.briefing.slug: a for a in articles}
    blocks = _blocks(articles, settings, incremental_settings.load(generator.settings).stores)
    _source_links(articles, by_slug, settings.source_match_threshold)
    for article in articles:
        block = blocks[article.briefing.slug]
        article.also_reported_by = [
            (by_slug[s].briefing.source, by_slug[s].url, by_slug[s].briefing.title)
            for s in block.duplicates
        ]
        article.read_next_links = _links(block, by_slug, _linked(article))
    logger.info("read_next: blocks for %d articles", len(articles))


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(add_read_next)
