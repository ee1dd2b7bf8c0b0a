"""Point the offline bundle's links at files, and find the links that cannot work from disk.

Pure functions over one page's HTML and the bundle's file tree (issue #7): every internal
``href``/``src``/``action`` is pointed at a file (``.../index.html``: from disk a browser shows
a bare folder as a directory listing); resources loaded from another host, absolute ``/`` paths
and links to missing files are errors.  The tree is read through :class:`Names`, so a caller
can note which questions a page's rewrite asked (:mod:`briefing.offline_copy`).

A page of the hosted build (``SITEURL = ""``: its site URLs are root-relative, ``/2024/...``)
is made the page the offline render would have written (issue #15) by :func:`offline_page`
and ``rewrite_page(..., hosted=True)``: every site URL the theme writes becomes relative to
the page as Pelican's ``RELATIVE_URLS`` makes it (``../../2024/...``, :func:`site_root`): the
link attributes above, the theme's data attributes that hold one (:data:`SITE_DATA`), the
``og:url`` and the JSON-LD's ``url`` and ``mainEntityOfPage``.  Text and other attributes
(a scraped summary may start with ``/``) are never touched.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Container, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

T = TypeVar("T")
PARALLEL_FROM = 1000  # pages; below this one process is faster than starting a pool

# (tag, attribute) pairs that point at something; "loads" ones are fetched with the page.
LINKS = {("a", "href"), ("area", "href"), ("form", "action")}
LOADS = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("embed", "src"),
}
_ALL = LINKS | LOADS
# The theme's data attributes whose value is a site URL (search.html, _offline_search.html).
SITE_DATA = frozenset({"data-root", "data-index", "data-search-base", "data-site-root"})
# The JSON-LD keys that hold the page's own URL (news_meta's news_article).
_LD_BLOCK = re.compile(r'<script type="application/ld\+json">.*?</script>', re.DOTALL)
_LD_SITE_URL = re.compile(r'("(?:url|mainEntityOfPage)": ")(?=/(?!/))')
_LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
# CSS is checked, not rewritten: a link to a folder cannot occur there (fonts, images only).
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3"""
)


class Names(Protocol):
    """What the rewrite asks of the file tree: is a path a file, is it a folder."""

    @property
    def files(self) -> Container[str]: ...

    @property
    def folders(self) -> Container[str]: ...


@dataclass(frozen=True)
class LinkError:
    """One link in the bundle that cannot work from disk."""

    page: str  # path of the HTML file, relative to the bundle root
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.reason}"


class BundleError(RuntimeError):
    """The bundle would not work offline; ``errors`` says where."""

    def __init__(self, errors: list[LinkError]) -> None:
        super().__init__(f"{len(errors)} link(s) would not work offline")
        self.errors = errors


Found = tuple[int, str, str, list[tuple[str, str | None]], bool]  # offset, raw, tag, attrs, />
# The fast scan (:meth:`_TagFinder.scan`): an attribute-less tag, a declaration, any other tag.
_OPEN = re.compile(r"<(?:([a-zA-Z][a-zA-Z0-9]*)>|(!)|(?=[a-zA-Z]))")
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")  # HTMLParser's tag name
_WANTED = re.compile(r"href|src|action|poster|data-|og:url", re.IGNORECASE)
_END_TAG = re.compile(r"</[a-zA-Z][-.a-zA-Z0-9:_]*\s*>")
_CDATA_END = {
    name: re.compile(rf"</\s*{name}\s*>", re.IGNORECASE)
    for name in HTMLParser.CDATA_CONTENT_ELEMENTS
}


class _TagFinder(HTMLParser):
    """Record every start tag with a link attribute, with its offset in the source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str, list[tuple[str, str | None]], bool]] = []
        self.at = -1  # the fast scan's offset of the tag being parsed

    def _record(self, tag: str, attrs: list[tuple[str, str | None]], empty: bool) -> None:
        if any((tag, name) in _ALL or name in SITE_DATA for name, _ in attrs) or _og_url(
            tag, attrs
        ):
            line, column = self.getpos() if self.at < 0 else (0, self.at)
            raw = self.get_starttag_text() or ""
            self.found.append((line, column, raw, tag, attrs, empty))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs, empty=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs, empty=True)

    def scan(self, html: str) -> bool:
        """Parse only the start tags that can hold a link, with HTMLParser's own tag parser.

        The whole parser spends most of its time on the text, end tags and tags without
        attributes.  This walk visits every start tag, so none can hide another, and says
        False (the caller parses in full) where it would not know what HTMLParser does: a
        comment, a processing instruction, CDATA, a declaration but the doctype, an end tag
        that is not plain ``</name>``, an unterminated tag or script.
        """
        if "<!--" in html or "<?" in html or "<![" in html:
            return False
        if html.count("</") != len(_END_TAG.findall(html)):
            return False
        self.rawdata = html
        pos = 0
        while match := _OPEN.search(html, pos):
            start, plain = match.start(), match.group(1)
            if match.group(2):
                if html[start : start + 9].lower() != "<!doctype" or ">" not in html[start:]:
                    return False
                pos = html.index(">", start) + 1
                continue
            if plain is not None and plain.lower() not in _CDATA_END:
                pos = match.end()
                continue
            end = self.check_for_whole_start_tag(start)
            if end < 0:
                return False
            name = _TAG_NAME.match(html, start + 1)
            cdata = name is not None and name.group(0).lower() in _CDATA_END
            if plain is None and not cdata and not _WANTED.search(html, start, end):
                pos = end
                continue
            self.at = start
            pos = self.parse_starttag(start)
            if self.cdata_elem is not None:
                close = _CDATA_END[self.cdata_elem].search(html, pos)
                if close is None:
                    return False
                self.clear_cdata_mode()
                pos = close.start()
        return True


def find_tags(html: str) -> list[Found]:
    """Every start tag of ``html`` with a link or site-URL attribute, as HTMLParser reads it."""
    finder = _TagFinder()
    if finder.scan(html):
        return [
            (column, raw, tag, attrs, empty) for _, column, raw, tag, attrs, empty in finder.found
        ]
    return parsed_tags(html)


def parsed_tags(html: str) -> list[Found]:
    """What :func:`find_tags` returns, from HTMLParser's whole parse of ``html``."""
    finder = _TagFinder()
    finder.feed(html)
    finder.close()
    # HTMLParser counts lines by "\n" only (not str.splitlines' \r, \f, \u2028...).
    starts = [0]
    for text_line in html.split("\n"):
        starts.append(starts[-1] + len(text_line) + 1)
    return [
        (starts[line - 1] + col, raw, tag, attrs, e)
        for line, col, raw, tag, attrs, e in finder.found
    ]


@dataclass(frozen=True)
class Tree:
    """The bundle's files and folders (POSIX paths from its root), read once before rewriting."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def scan(cls, root: Path) -> Tree:
        """List every file and folder under ``root``."""
        files: set[str] = set()
        folders = {"."}
        for path in root.rglob("*"):
            name = path.relative_to(root).as_posix()
            (files if path.is_file() else folders).add(name)
        return cls(frozenset(files), frozenset(folders))


def _og_url(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    return tag == "meta" and ("property", "og:url") in attrs


def site_root(page: str) -> str:
    """Pelican's relative SITEURL of ``page``: ``.`` at the root, ``..`` a folder down, ..."""
    depth = page.count("/")
    return "/".join([".."] * depth) if depth else "."


def _relative(value: str, root: str) -> str:
    """A root-relative site URL (``/x``, not ``//host/x``) as seen from ``root``."""
    return root + value if value.startswith("/") and not value.startswith("//") else value


def offline_page(html: str, head: str, engine: str) -> str:
    """Return a hosted page with the offline pages' head scripts and without the hosted search
    engine's (both as the hosted build renders them, root-relative); links are left to
    ``rewrite_page(..., hosted=True)``."""
    at = html.find(engine) if engine else -1
    if at >= 0:
        html = html[:at] + html[at + len(engine) :]
    end = html.find("</head>")
    return html if end < 0 else html[:end] + head + html[end:]


def _json_ld(html: str, root: str) -> str:
    return _LD_BLOCK.sub(lambda block: _LD_SITE_URL.sub(rf"\g<1>{root}", block.group(0)), html)


def resolve(tree: Names, folder: str, url: str, loads: bool) -> tuple[str, str | None]:
    """Return ``url`` (found in a page in ``folder``) pointing at a file, and an error if any."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if loads and parts.scheme not in ("data",):
            return url, "loaded from another host"
        return url, None
    if not parts.path:
        return url, None  # "#fragment" or "?query" on the same page
    if parts.path.startswith("/"):
        return url, "absolute path (breaks from disk)"
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return url, "points outside the bundle"
    path = parts.path
    if target in tree.folders or parts.path.endswith("/"):
        target = posixpath.normpath(posixpath.join(target, "index.html"))
        path = (path if path.endswith("/") else path + "/") + "index.html"
    if target not in tree.files:
        return url, "no such file in the bundle"
    return urlunsplit(("", "", path, parts.query, parts.fragment)), None


def _loads(tag: str, name: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether the browser fetches the URL with the page (a canonical link is only a name)."""
    if tag != "link":
        return (tag, name) in LOADS
    rel = " ".join(v or "" for k, v in attrs if k == "rel").lower().split()
    return bool(_LOADED_RELS.intersection(rel))


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], empty: bool) -> str:
    text = "".join(
        f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
        for name, value in attrs
    )
    return f"<{tag}{text}{' /' if empty else ''}>"


def rewrite_page(
    tree: Names, page: str, html: str, hosted: bool = False
) -> tuple[str, list[LinkError]]:
    """Point every internal link of one page at a file; return the new HTML and the errors.

    ``hosted``: the page is the hosted build's, its site URLs root-relative (module docstring).
    """
    errors: list[LinkError] = []
    pieces: list[str] = []
    done = 0
    folder = posixpath.dirname(page)
    root = site_root(page) if hosted else ""
    for offset, raw, tag, attrs, empty in find_tags(html):
        new_attrs: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if value is not None and (tag, name) in _ALL:
                value = _relative(value, root) if hosted else value
                value, error = resolve(tree, folder, value, _loads(tag, name, attrs))
                if error:
                    errors.append(LinkError(page, value, error))
            elif value is not None and hosted and (name in SITE_DATA or _og_url(tag, attrs)):
                value = _relative(value, root)
            new_attrs.append((name, value))
        if new_attrs == attrs:
            continue
        pieces += [html[done:offset], _start_tag(tag, new_attrs, empty)]
        done = offset + len(raw)
    pieces.append(html[done:])
    new = "".join(pieces)
    return (_json_ld(new, root) if hosted else new), errors


def check_css(root: Path, tree: Tree) -> list[LinkError]:
    """Check that every ``url(...)`` and ``@import`` in the bundle's CSS is a file in it."""
    errors: list[LinkError] = []
    for name in sorted(n for n in tree.files if n.endswith(".css")):
        css = _CSS_COMMENT.sub("", (root / name).read_text(encoding="utf-8"))
        for match in _CSS_URL.finditer(css):
            url = match.group("url") or match.group("import") or ""
            if url.startswith("#"):
                continue  # an SVG filter or marker in the same document
            _, error = resolve(tree, posixpath.dirname(name), url, loads=True)
            if error:
                errors.append(LinkError(name, url, error))
    return errors


def map_pages(work: Callable[[str], T], pages: list[str], jobs: int) -> Iterator[T]:
    """``map(work, pages)``, in ``jobs`` processes on a big archive (parsing is ~7 ms a page)."""
    if jobs <= 1 or len(pages) < PARALLEL_FROM:
        yield from map(work, pages)
        return
    # Few big chunks, because the file list (the tree) travels with each chunk.
    chunk = max(64, len(pages) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, pages, chunksize=chunk)
