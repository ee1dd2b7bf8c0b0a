"""Read the archive's articles one file at a time, through the front-matter contract only.

Files are read in path order (``articles/YYYY/MM/<slug>.md``), so the same archive always
gives the same rows in the same order.  A file that cannot be read or does not hold a valid
article becomes a :class:`~briefing.report.Rejection` naming it; the others are still exported.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing import frontmatter
from briefing.model import Article
from briefing.report import Rejection

logger = logging.getLogger(__name__)

ARTICLES = "articles"  # Pelican's ARTICLE_PATHS: content/pages holds hand-written pages
CHUNK_FILES = 200  # files a worker parses per task: ~0.5 s of YAML, a little pickling


@dataclass(frozen=True)
class Filters:
    """Which articles to export: local days (inclusive), a source and a category."""

    since: date | None = None
    until: date | None = None
    source: str | None = None
    category: str | None = None

    def match(self, article: Article) -> bool:
        """Return True when the article passes every filter that is set."""
        day = article.date.date()  # the day of the source's dateline, not of UTC
        return (
            (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
            and _same(self.source, article.source)
            and _same(self.category, article.category)
        )


def _same(wanted: str | None, value: str | None) -> bool:
    return wanted is None or (value or "").casefold() == wanted.casefold()


def article_files(content: Path) -> list[Path]:
    """Return every article file of the content folder, in path order."""
    return sorted((content / ARTICLES).rglob("*.md"))


def read_article(path: Path) -> Article:
    """Read and validate one article file; raise ValueError or OSError saying why not."""
    return frontmatter.load(path.read_text(encoding="utf-8"))


def load_file(path: Path) -> Article | Rejection:
    """Return the article of one file, or the reason it cannot be exported."""
    try:
        return read_article(path)
    except UnicodeDecodeError as exc:
        return Rejection(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except (OSError, ValueError) as exc:  # FrontMatterError is a ValueError
        return Rejection(str(path), str(exc) or type(exc).__name__)


Loaded = tuple[Path, Article | Rejection]


def _load_chunk(paths: list[Path]) -> list[Loaded]:
    return [(path, load_file(path)) for path in paths]


def _loaded(paths: list[Path], jobs: int) -> Iterator[Loaded]:
    """Load files in order; with ``jobs`` > 1, worker processes parse the YAML.

    At most ``2 * jobs`` chunks are in flight, so memory stays flat however slow the writer.
    """
    if jobs <= 1:
        yield from ((path, load_file(path)) for path in paths)
        return
    chunks = (paths[k : k + CHUNK_FILES] for k in range(0, len(paths), CHUNK_FILES))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = deque(pool.submit(_load_chunk, c) for c in itertools.islice(chunks, 2 * jobs))
        while pending:
            done = pending.popleft().result()
            pending.extend(pool.submit(_load_chunk, c) for c in itertools.islice(chunks, 1))
            yield from done


def read_articles(
    content: Path, filters: Filters, errors: list[Rejection], jobs: int = 1
) -> Iterator[Article]:
    """Yield the articles that pass ``filters``; append each unreadable file to ``errors``."""
    if not (content / ARTICLES).is_dir():
        errors.append(Rejection(str(content / ARTICLES), "no such folder: nothing to export"))
        return
    seen: set[str] = set()  # slugs: the key of every table, so a second one would be lost
    for path, loaded in _loaded(article_files(content), jobs):
        if isinstance(loaded, Rejection):
            errors.append(loaded)
        elif loaded.slug in seen:
            errors.append(Rejection(str(path), f"slug {loaded.slug!r} is already exported"))
        else:
            seen.add(loaded.slug)
            if filters.match(loaded):
                yield loaded


def find_article(content: Path, slug: str) -> Article:
    """Return the article of ``slug`` (the file ``<slug>.md``); LookupError if none."""
    if not frontmatter.SLUG_RE.match(slug):
        raise LookupError(f"{slug!r} is not a slug (lowercase ASCII words and dashes)")
    for path in sorted((content / ARTICLES).rglob(f"{slug}.md")):
        article = read_article(path)
        if article.slug == slug:
            return article
    raise LookupError(f"no article with slug {slug!r} under {content / ARTICLES}")
