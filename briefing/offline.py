"""Make the offline archive: a folder and a zip that work from disk (issue #7).

Works on files only (no Pelican import): the site is built by :func:`briefing.site.build_site`
with ``offlineconf.py`` (relative URLs, offline search index), then

1. every internal ``href``/``src``/``action`` in the written HTML is pointed at a file
   (``.../index.html``): from disk a browser shows a bare folder as a directory listing;
2. resources loaded from another host, absolute ``/`` paths and links to missing files are
   collected as errors (the bundle is not written then);
3. ``README.txt`` and ``SHA256SUMS`` (``sha256sum -c`` format) are written at the root;
4. the folder is zipped as ``<name>-offline-<YYYY-MM-DD>.zip``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import posixpath
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from briefing.export import siteinfo
from briefing.site import build_site
from briefing.slug import slugify

logger = logging.getLogger(__name__)

MANIFEST = "SHA256SUMS"
README = "README.txt"
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
_LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
# CSS is checked, not rewritten: a link to a folder cannot occur there (fonts, images only).
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3"""
)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same bundle zips to the same bytes

README_TEXT = """\
{title}: offline copy
{underline}

This folder is a complete copy of the archive that works without a network or a server.

To open it: unzip the archive, open the folder {folder}, and double-click index.html
(or drag it into a browser window). Every page, and the search page, works from disk.

Search: type in the box on the search page (search/index.html); results appear as you type.
Nothing is loaded from the internet; links to the original sources open the source's website.

To check that no file is missing or changed, run:  briefing verify {folder}
or, without briefing installed:  sha256sum -c {manifest}   (inside the folder)

Made on {day}.
"""


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


class _TagFinder(HTMLParser):
    """Record every start tag with a link attribute, with its position in the source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, str, str, list[tuple[str, str | None]], bool]] = []

    def _record(self, tag: str, attrs: list[tuple[str, str | None]], empty: bool) -> None:
        if any((tag, name) in _ALL for name, _ in attrs):
            line, column = self.getpos()
            raw = self.get_starttag_text() or ""
            self.tags.append((line, column, raw, tag, attrs, empty))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs, empty=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs, empty=True)


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


def resolve(tree: Tree, folder: str, url: str, loads: bool) -> tuple[str, str | None]:
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


def rewrite_page(tree: Tree, page: str, html: str) -> tuple[str, list[LinkError]]:
    """Point every internal link of one page at a file; return the new HTML and the errors."""
    finder = _TagFinder()
    finder.feed(html)
    finder.close()
    # HTMLParser counts lines by "\n" only (not str.splitlines' \r, \f, \u2028...).
    starts = [0]
    for text_line in html.split("\n"):
        starts.append(starts[-1] + len(text_line) + 1)
    errors: list[LinkError] = []
    pieces: list[str] = []
    done = 0
    folder = posixpath.dirname(page)
    for line, column, raw, tag, attrs, empty in finder.tags:
        new_attrs: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if value is not None and (tag, name) in _ALL:
                value, error = resolve(tree, folder, value, _loads(tag, name, attrs))
                if error:
                    errors.append(LinkError(page, value, error))
            new_attrs.append((name, value))
        if new_attrs == attrs:
            continue
        offset = starts[line - 1] + column
        pieces += [html[done:offset], _start_tag(tag, new_attrs, empty)]
        done = offset + len(raw)
    pieces.append(html[done:])
    return "".join(pieces), errors


def rewrite_links(root: Path, jobs: int = 1) -> list[LinkError]:
    """Rewrite the links of every HTML file under ``root`` in place; return what cannot work."""
    tree = Tree.scan(root)
    pages = sorted(name for name in tree.files if name.endswith(".html"))
    work = functools.partial(_rewrite_file, root, tree)
    if jobs <= 1 or len(pages) < 1000:
        return [error for found in map(work, pages) for error in found]
    # Parsing is most of the time (~7 ms a page): worth the processes on a big archive.  Few
    # big chunks, because the file list (the tree) travels with each chunk.
    chunk = max(64, len(pages) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [error for found in pool.map(work, pages, chunksize=chunk) for error in found]


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


def _rewrite_file(root: Path, tree: Tree, page: str) -> list[LinkError]:
    path = root / page
    html = path.read_text(encoding="utf-8")
    new, errors = rewrite_page(tree, page, html)
    if new != html:
        path.write_text(new, encoding="utf-8")
    return errors


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def bundle_files(root: Path) -> list[str]:
    """Every file of the bundle except the manifest, as sorted POSIX paths."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).as_posix() != MANIFEST
    )


def write_readme(root: Path, title: str, day: date) -> None:
    """Write README.txt: what the folder is and how to open it."""
    heading = f"{title}: offline copy"
    text = README_TEXT.format(
        title=title, underline="=" * len(heading), folder=root.name, manifest=MANIFEST, day=day
    )
    (root / README).write_text(text, encoding="utf-8")


def write_manifest(root: Path) -> int:
    """Write SHA256SUMS for every other file of the bundle; return how many files it lists."""
    files = bundle_files(root)
    lines = [f"{sha256((root / name).read_bytes())}  {name}\n" for name in files]
    (root / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return len(files)


def write_zip(root: Path, target: Path) -> None:
    """Zip ``root`` (as one top folder) into ``target``, atomically and reproducibly."""
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in [*bundle_files(root), MANIFEST]:
            info = zipfile.ZipInfo(f"{root.name}/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (root / name).read_bytes())
    tmp.replace(target)


def finish_bundle(root: Path, title: str, day: date, jobs: int = 1) -> list[LinkError]:
    """Rewrite links, then write README and manifest; return the link errors (none: success)."""
    errors = rewrite_links(root, jobs) + check_css(root, Tree.scan(root))
    for error in errors:
        logger.error("%s", error)
    if errors:
        return errors
    write_readme(root, title, day)
    count = write_manifest(root)
    logger.info("offline bundle %s: %d files", root, count)
    return []


def site_title(settings: Path) -> str:
    """Read SITENAME from a Pelican settings file (plain Python: no Pelican import needed)."""
    return str(siteinfo.read_settings(settings).get("SITENAME", "briefing"))


def make_offline(content: Path, settings: Path, dist: Path, day: date, jobs: int = 1) -> Path:
    """Build, check and zip the offline archive into ``dist``; return the zip's path."""
    title = site_title(settings)
    name = slugify(title) or "briefing"
    root = dist / f"{name}-offline"
    dist.mkdir(parents=True, exist_ok=True)
    build_site(content, root, settings)
    errors = finish_bundle(root, title, day, jobs)
    if errors:
        raise BundleError(errors)
    target = dist / f"{name}-offline-{day.isoformat()}.zip"
    write_zip(root, target)
    logger.info("wrote %s", target)
    return target
