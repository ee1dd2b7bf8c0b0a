"""Read ``content/**/*.md`` through briefing.frontmatter and hand Pelican the article's metadata.

Every Pelican article gets ``article.briefing``, the full :class:`briefing.model.Article`, so
templates and plugins read the contract's fields from one typed record (``translations`` and
``read_next`` are not copied onto Pelican's own attributes, where they would clash).
"""

from __future__ import annotations

import dataclasses
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import escape
from pelican.plugins.incremental.store import Origin, Store, salt
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from briefing import categories, frontmatter, manifest
from briefing.model import Article as Record
from briefing.slug import taxonomy_slug

from .markdown import render

Wrapper = TypeVar("Wrapper", Category, Tag)
Parsed = tuple[str, Record]  # an article's body as HTML, its record (the category mapped)


def cache_salt(settings: dict[str, Any]) -> str:
    """Digest what turns an article file's bytes into its body and record, besides the bytes:
    the normaliser's code (the contract), this plugin's, markdown-it's version, ``CATEGORIES``."""
    return salt(
        "briefing reader",
        manifest.code_version(),
        version("markdown-it-py"),
        repr(sorted((settings.get("CATEGORIES") or {}).items())),
        code=tuple(Path(__file__).parent.glob("*.py")),
    )


def taxonomy(cls: type[Wrapper], name: str, settings: dict[str, Any]) -> Wrapper:
    """Return Pelican's Category or Tag for a name, its slug from briefing.slug.taxonomy_slug.

    Pelican's own slugify gives an empty slug for "!!!" and a slug longer than a file name for
    a keyword list; ours always fits, so no scraped value can fail the build.
    """
    wrapper = cls(name, settings)
    wrapper.slug = taxonomy_slug(name)
    return wrapper


class BriefingReader(BaseReader):  # type: ignore[misc]
    """Pelican reader for the briefing front-matter contract."""

    enabled = True
    file_extensions = ("md",)

    def __init__(self, settings: dict[str, Any], cache: Store | None = None) -> None:
        super().__init__(settings)
        self.category_map = categories.CategoryMap.from_mapping(settings.get("CATEGORIES"))
        self._cache = cache
        self._wrappers: dict[tuple[type, str], Category | Tag] = {}
        # The page folders as path prefixes: a string test per file (pathlib's is_relative_to
        # was a seventh of the reader's time at 10k articles).  None: a reader that only
        # parses (the prefill's workers) is given neither.
        content: str = settings.get("PATH") or ""
        self._pages = tuple(
            os.path.join(os.path.normpath(os.path.join(content, p)), "")  # noqa: PTH118
            for p in (settings.get("PAGE_PATHS") or () if content else ())
        )

    @property
    def cache(self) -> Store:
        """The store of parsed files; without one given, a store that keeps nothing (salted
        all the same: the render keys digest each record by its key)."""
        if self._cache is None:
            self._cache = Store(None, cache_salt(self.settings))
        return self._cache

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the rendered body and Pelican metadata of one Markdown file."""
        with open(source_path, "rb") as file:  # noqa: PTH123 (10k files: no pathlib object each)
            data = file.read()
        if self._is_page(source_path):
            return self._read_page(_text(data))
        parsed = self.cache.keyed(data, lambda: self._parse(source_path, _text(data)))
        html, article = parsed.value
        return html, self._metadata(article, parsed)

    def parse(self, source_path: str, data: bytes) -> Parsed:
        """Return what :meth:`read` keeps for an article file's bytes (the store's value)."""
        return self._parse(source_path, _text(data))

    def _parse(self, source_path: str, text: str) -> Parsed:
        """Return the body as HTML and the record (category mapped) of an article's text."""
        try:
            article = frontmatter.load(text)
        except frontmatter.FrontMatterError as exc:
            raise ValueError(f"{source_path}: {exc}") from None
        article = self._mapped(article)
        return render(article.body), article

    def _taxonomy(self, cls: type[Wrapper], name: str) -> Wrapper:
        """Return this build's one Category or Tag of a name (shared by its articles: made
        once, and its render-key digest computed once, not once an article)."""
        wrapper = self._wrappers.get((cls, name))
        if wrapper is None:
            wrapper = self._wrappers[cls, name] = taxonomy(cls, name, self.settings)
        return wrapper

    def _metadata(self, article: Record, origin: Origin[Parsed] | None = None) -> dict[str, Any]:
        """Return Pelican's metadata of a record (Category and Tag objects made each build).

        ``origin`` (the body and record with the digest of the file's bytes they came from)
        becomes the article's ``origin``: the render keys digest the record by it.
        """
        metadata: dict[str, Any] = {
            "title": article.title,
            "slug": article.slug,
            "date": article.date,
            "category": self._taxonomy(Category, article.category),
            "tags": [self._taxonomy(Tag, tag) for tag in article.tags],
            # Pelican treats a summary as HTML (the Atom feed sends it as type="html"): escape it.
            "summary": str(escape(article.summary or article.title)),
            "kind": article.kind,
            "briefing": article,
        }
        if origin is not None:
            metadata["origin"] = origin
        if article.modified is not None:
            metadata["modified"] = article.modified
        if article.lang:
            metadata["lang"] = article.lang
        return metadata

    def _mapped(self, article: Record) -> Record:
        """Return the record with its category mapped through the ``CATEGORIES`` setting."""
        category = categories.apply(article.category, article.source, self.category_map)
        if category == article.category:
            return article
        return dataclasses.replace(article, category=category)

    def _is_page(self, source_path: str) -> bool:
        return source_path.startswith(self._pages)

    def _read_page(self, text: str) -> tuple[str, dict[str, Any]]:
        """Hand-written pages (About...) carry only title, slug and an optional summary."""
        data, body = frontmatter.split(text)
        keys = ("title", "slug", "summary", "template")
        metadata: dict[str, Any] = {k: data[k] for k in keys if k in data}
        return render(body), metadata


def _text(data: bytes) -> str:
    """Decode a file as ``read_text`` does: UTF-8 (a BOM dropped), universal newlines."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
