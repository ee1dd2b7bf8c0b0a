"""Pelican glue: collect the articles as they are generated, index the written site at the end."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import operator
import re
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from briefing import cluster, locks, model

from .indexer import PAGEFIND_VERSION, Indexing, PageSource
from .settings import PagefindSettings, load

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import ArticlesGenerator, PelicanArticle

logger = logging.getLogger(__name__)

# Bump when the layout of the search data or the indexed markup changes meaning.
FORMAT = "3"
# Every field of an article's record but its body, as one tuple (record_digest).
_NOT_BODY = operator.attrgetter(
    *(f.name for f in dataclasses.fields(model.Article) if f.name != "body")
)


class _Build:
    """The articles of the current build, between article generation and ``finalized``.

    Indexing starts once the article pages are written (the incremental writer says so,
    before it renders the listing pages), else at ``finalized``, and ends at ``finalized``.
    """

    def __init__(self) -> None:
        self.pages: list[PageSource] = []
        self.site = ""  # the output folder of the build whose pages these are
        self.indexing: Indexing | None = None
        self.held = ExitStack()  # the cache's lock and the executor, while the parts run

    def collect(self, generator: ArticlesGenerator) -> None:
        """Record every article and translation the generator produced."""
        self.site = str(generator.output_path)
        self.pages = [
            _page_source(article)
            for article in [*generator.articles, *generator.translations]
            if article.save_as
        ]

    def start(self, writer: Any) -> None:
        """Start indexing the written article pages (sent by the incremental writer).

        On a Dask cluster the parts start at ``finalized``: the writer forks its renderers
        after this, and the cluster's client runs threads the forks had better not copy.
        """
        # The signal outlives a build: a receiver of an earlier build in this process (tests
        # build in-process) has no pages of this one.
        if str(writer.output_path) == self.site and not _scheduler(writer.settings):
            self._start(writer.settings, Path(writer.output_path))

    def _start(self, pelican_settings: dict[str, Any], site: Path) -> None:
        settings = load(pelican_settings)
        pages, self.pages = self.pages, []
        if not settings.enabled or self.indexing is not None:
            return
        fingerprint = _fingerprint(pelican_settings, settings)
        cache = settings.cache_dir(Path(pelican_settings["PATH"]))
        with ExitStack() as held:
            # Builds of other output folders may share this cache: one indexes at a time.
            held.enter_context(locks.hold(cache.with_name(cache.name + ".lock"), "search index"))
            parts = held.enter_context(_executor(pelican_settings))
            self.indexing = Indexing(site, pages, settings, cache, fingerprint, parts)
            self.held = held.pop_all()

    def finalize(self, pelican: Any) -> None:
        """Index the written site with Pagefind; raise (failing the build) when Pagefind fails."""
        self._start(pelican.settings, Path(pelican.output_path))
        indexing, self.indexing, self.site = self.indexing, None, ""
        if indexing is None:
            return
        with self.held:
            report = indexing.finish()
        logger.info(
            "Pagefind: %d pages in %d parts (%d indexed, the rest cached) in %.1f s",
            report.pages,
            report.parts,
            report.parts_indexed,
            report.seconds,
        )


@contextmanager
def _executor(pelican_settings: dict[str, Any]) -> Iterator[Executor | None]:
    """The Dask cluster's executor for the parts (``briefing build --scheduler``), else None."""
    scheduler = _scheduler(pelican_settings)
    if not scheduler:
        yield None
        return
    with cluster.executor(scheduler) as on_cluster:
        yield on_cluster


def _scheduler(pelican_settings: dict[str, Any]) -> str | None:
    """Return the Dask scheduler the build runs its parts on (``--scheduler``), if any."""
    # Imported here: the incremental plugin imports this one's (its keys digest the plugins'
    # code), and a worker unpickling a part's task imports this package first.
    from pelican.plugins.incremental import settings as incremental_settings

    return incremental_settings.load(pelican_settings).scheduler or None


def _page_source(article: PelicanArticle) -> PageSource:
    """Digest what the article template renders into the indexed body."""
    record = getattr(article, "briefing", None)
    if record is None:
        digest = _sha(f"{article.title}\n{article.content}")
    else:
        digest = record_digest(record)
    return PageSource(save_as=article.save_as, date=article.date, digest=digest)


def record_digest(record: model.Article) -> str:
    """Digest a contract record (briefing.model): its body's bytes, the repr of the rest.

    The body goes in as its UTF-8 bytes after its length, every other field as the repr of
    their tuple: as exact as ``repr(record)``, which escaped every character of the body on the
    way (the 10k records of bench/synth.py: 0.37 CPU s with repr, 0.21 this way).
    """
    body = record.body.encode("utf-8", "surrogatepass")
    h = hashlib.sha256(b"%d:" % len(body))
    h.update(body)
    h.update(repr(_NOT_BODY(record)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:20]


def _fingerprint(pelican_settings: dict[str, Any], settings: PagefindSettings) -> str:
    """Hash everything besides the articles that shapes the indexed pages: templates, settings."""
    h = hashlib.sha256(f"{FORMAT}|{PAGEFIND_VERSION}|{settings!r}".encode())
    for key in ("SITEURL", "DEFAULT_LANG", "ARTICLE_URL", "ARTICLE_SAVE_AS", "DEFAULT_DATE_FORMAT"):
        h.update(f"|{key}={pelican_settings.get(key)!r}".encode())
    h.update(templates_digest(Path(pelican_settings["THEME"]) / "templates").encode())
    # Template filters live in the plugins (dates, links): their code shapes the text too.
    for name in pelican_settings.get("PLUGINS", []):
        for path in plugin_sources(name):
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def plugin_sources(plugin: object) -> list[Path]:
    """Return the Python files of an enabled plugin (a package's whole folder), sorted."""
    module = sys.modules.get(plugin if isinstance(plugin, str) else "") or plugin
    where = getattr(module, "__file__", None)
    if not where:
        return []
    path = Path(where)
    return sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]


_TEMPLATE_REF = re.compile(r"{%-?\s*(?:include|import|from)\s+[\"']([^\"']+)[\"']")


def templates_digest(templates: Path, root: str = "article.html") -> str:
    """Hash the article template and every template it includes or imports, recursively.

    Only these render the indexed body (data-pagefind-body sits inside article.html's content
    block), so a change to base.html or to a listing page keeps every cached part.
    """
    h = hashlib.sha256()
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen or not (templates / name).is_file():
            continue
        seen.add(name)
        text = (templates / name).read_text(encoding="utf-8")
        h.update(f"{name}\0{text}\0".encode())
        todo.extend(_TEMPLATE_REF.findall(text))
    return h.hexdigest()[:20]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def register() -> None:
    """Connect the indexer to Pelican's article generation and ``finalized`` signals."""
    build = _Build()
    # weak=False: the receivers are bound methods of ``build``, which nothing else keeps alive.
    signals.article_generator_finalized.connect(build.collect, weak=False)
    # Imported here: the incremental plugin imports this one (see _executor).
    from pelican.plugins.incremental.writer import article_pages_written

    article_pages_written.connect(build.start, weak=False)
    signals.finalized.connect(build.finalize, weak=False)
