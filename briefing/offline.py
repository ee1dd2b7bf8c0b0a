"""Make the offline archive: a folder and a zip that work from disk (issues #7, #15).

Works on files only (no Pelican import).  The bundle reuses the hosted build's work (issue #15)
instead of rendering the site a second time: the hosted site is built by
:func:`briefing.site.build_site` with its own settings (``pelicanconf.py``) into its own output
(incremental: after ``make build`` nothing is rendered), and in that run the offline_search
plugin writes the offline index and the theme's offline markup to a folder named by
:data:`DATA_ENV`; then

1. the bundle is assembled beside ``dist/<name>-offline`` (:mod:`briefing.offline_copy`): each
   hosted page becomes the page ``offlineconf.py``'s render would write (site URLs relative,
   the offline search scripts; :mod:`briefing.offline_links`), every internal
   ``href``/``src``/``action`` is pointed at a file, and the last bundle's rewrite of every page
   whose bytes and links' targets are unchanged is reused;
2. resources loaded from another host, absolute ``/`` paths and links to missing files are
   collected as errors (the bundle is not written then);
3. ``README.txt`` and ``SHA256SUMS`` (``sha256sum -c`` format) are written at the root;
4. the folder is zipped as ``<name>-offline-<YYYY-MM-DD>.zip``, then swapped in for the last
   bundle, so a failed or killed run leaves the last bundle (and its zip) as they were.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path

from briefing import locks, offline_copy
from briefing.export import siteinfo
from briefing.manifest import CACHE_DIR
from briefing.offline_links import (
    BundleError,
    LinkError,
    Tree,
    check_css,
    map_pages,
    rewrite_page,
)
from briefing.site import BuildError, _swap, _sweep, build_site
from briefing.slug import slugify

# The folder the offline_search plugin writes the bundle's data to, in the hosted build.
DATA_ENV = "BRIEFING_OFFLINE_DATA"
DATA_FILE = "bundle.json"

__all__ = ["BundleError", "LinkError", "Tree", "check_css", "make_offline", "rewrite_page"]

logger = logging.getLogger(__name__)

MANIFEST = "SHA256SUMS"
README = "README.txt"
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


def rewrite_links(root: Path, jobs: int = 1) -> list[LinkError]:
    """Rewrite the links of every HTML file under ``root`` in place; return what cannot work."""
    tree = Tree.scan(root)
    pages = sorted(name for name in tree.files if name.endswith(".html"))
    work = functools.partial(_rewrite_file, root, tree)
    return [error for found in map_pages(work, pages, jobs) for error in found]


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


def write_readme(root: Path, title: str, day: date, folder: str | None = None) -> None:
    """Write README.txt: what the folder (``folder`` or ``root``'s name) is and how to open it."""
    heading = f"{title}: offline copy"
    text = README_TEXT.format(
        title=title,
        underline="=" * len(heading),
        folder=folder or root.name,
        manifest=MANIFEST,
        day=day,
    )
    (root / README).write_text(text, encoding="utf-8")


def write_manifest(root: Path) -> int:
    """Write SHA256SUMS for every other file of the bundle; return how many files it lists."""
    files = bundle_files(root)
    lines = [f"{sha256((root / name).read_bytes())}  {name}\n" for name in files]
    (root / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return len(files)


def write_zip(root: Path, target: Path, top: str | None = None, reuse: Path | None = None) -> None:
    """Zip ``root`` (as one top folder, ``top`` or its name) into ``target``, atomically and
    reproducibly.

    A member whose SHA-256 in ``root``'s manifest equals the one in the manifest inside the
    earlier zip ``reuse`` (and whose size, CRC and inflated bytes match) is copied from it
    still compressed: the bytes a fresh compression gives (same zlib, same level; decompressing
    is a fifth of compressing's cost).
    """
    top = top or root.name
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    with (
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        _Earlier(reuse, top, root / MANIFEST) as earlier,
    ):
        for name in [*bundle_files(root), MANIFEST]:
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = (root / name).read_bytes()
            if name == MANIFEST or not earlier.copy(name, data, info, archive):
                archive.writestr(info, data)  # the manifest last, as ever: it sets the writer
    tmp.replace(target)


def _sums(text: str) -> dict[str, str]:
    return {
        name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines())
    }


class _Earlier:
    """An earlier zip of the bundle, whose unchanged members are copied without recompressing."""

    def __init__(self, path: Path | None, top: str, manifest: Path) -> None:
        self.top, self.path, self.manifest = top, path, manifest
        self.zip: zipfile.ZipFile | None = None
        self.same: set[str] = set()

    def __enter__(self) -> _Earlier:
        if self.path is None or not self.path.is_file():
            return self
        try:
            self.zip = earlier = zipfile.ZipFile(self.path)
            old = _sums(earlier.read(f"{self.top}/{MANIFEST}").decode("utf-8"))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return self
        new = _sums(self.manifest.read_text(encoding="utf-8"))
        self.same = {name for name, digest in new.items() if old.get(name) == digest}
        return self

    def __exit__(self, *exc: object) -> None:
        if self.zip is not None:
            self.zip.close()

    def copy(self, name: str, data: bytes, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> bool:
        """Copy member ``name`` (bytes ``data``) raw into ``out`` if it is unchanged."""
        if self.zip is None or name not in self.same or out.fp is None or self.zip.fp is None:
            return False
        member = self.zip.NameToInfo.get(f"{self.top}/{name}")
        if member is None or member.compress_type != zipfile.ZIP_DEFLATED or member.flag_bits:
            return False
        if member.file_size != len(data) or zlib.crc32(data) != member.CRC or len(data) > 2**30:
            return False
        source = self.zip.fp
        source.seek(member.header_offset)
        header = source.read(30)
        if header[:4] != b"PK\x03\x04":
            return False
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        source.seek(member.header_offset + 30 + name_length + extra_length)
        raw = source.read(member.compress_size)
        if zlib.decompress(raw, -zlib.MAX_WBITS) != data:  # what a damaged zip cannot pass
            return False
        info.CRC, info.compress_size, info.file_size = member.CRC, len(raw), len(data)
        out.fp.seek(out.start_dir)
        info.header_offset = out.fp.tell()
        out.fp.write(info.FileHeader(False))
        out.fp.write(raw)
        out.start_dir = out.fp.tell()
        out.filelist.append(info)
        out.NameToInfo[info.filename] = info
        return True


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


def hosted_settings(settings: Path) -> str:
    """Check that ``settings`` build the hosted site with root-relative URLs; return SITENAME.

    The bundle is derived from those pages (``SITEURL = ""``): ``pelicanconf.py``, not
    ``publishconf.py`` (absolute URLs) nor ``offlineconf.py`` (already relative).
    """
    names = siteinfo.read_settings(settings)
    if names.get("SITEURL", "") != "" or names.get("RELATIVE_URLS"):
        raise siteinfo.SiteError(
            f"{settings}: the offline copy is made from the hosted build with root-relative "
            'URLs (SITEURL = "" and no RELATIVE_URLS, as in pelicanconf.py)'
        )
    return str(names.get("SITENAME", "briefing"))


def cache_paths(content: Path, root: Path) -> tuple[Path, Path]:
    """The offline cache folder of bundle ``root`` and its bundle record, beside the content."""
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    cache = content.resolve().parent / CACHE_DIR / f"offline-{root.name}-{key}"
    return cache, cache / "bundle.json"


def hosted_output(content: Path) -> Path:
    """The hosted build's output when none is given: ``output/`` beside the content."""
    return content.resolve().parent / "output"


def make_offline(
    content: Path,
    settings: Path,
    dist: Path,
    day: date,
    jobs: int = 1,
    extra: tuple[str, ...] = (),
    output: Path | None = None,
) -> Path:
    """Build the hosted site, derive, check and zip the offline archive into ``dist``; return
    the zip's path.

    ``settings`` are the hosted site's (``pelicanconf.py``): the hosted build into ``output``
    (default :func:`hosted_output`) is incremental, so after ``make build`` it renders nothing,
    and it writes the offline index and what the derivation needs (the offline_search plugin).
    ``extra`` is passed to Pelican (``-e KEY=VALUE`` overrides); ``jobs`` processes rewrite
    the pages (the render uses one per core).
    """
    title = hosted_settings(settings)
    name = slugify(title) or "briefing"
    output = (output or hosted_output(content)).resolve()
    root = (dist / f"{name}-offline").resolve()
    target = root.with_name(f"{name}-offline-{day.isoformat()}.zip")
    cache, record = cache_paths(content, root)
    dist.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    with locks.hold(locks.output_lock(root), "offline"):
        _sweep(root)
        _sweep(cache / "data")
        shutil.rmtree(cache / "site", ignore_errors=True)  # the offline render of earlier versions
        data = cache / f"data.tmp-{os.getpid()}"
        try:
            derive = _hosted_build(content, output, settings, extra, data)
            built = output.stat().st_ino  # the folder our build renamed into place
            with locks.hold(locks.output_lock(output), "offline", shared=True):
                if output.stat().st_ino != built:  # another build replaced it meanwhile
                    raise BuildError(
                        f"{output} was rebuilt by another command meanwhile: run again"
                    )
                count = _bundle(output, root, target, (title, day, jobs), derive, record)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    logger.info("offline bundle %s: %d files; wrote %s", root, count, target)
    return target


def _hosted_build(
    content: Path, output: Path, settings: Path, extra: tuple[str, ...], data: Path
) -> offline_copy.Derive:
    """Build the hosted site; the offline_search plugin writes the bundle's data to ``data``."""
    data.mkdir(parents=True)
    build_site(content, output, settings, extra, env={DATA_ENV: str(data)})
    try:
        found = json.loads((data / DATA_FILE).read_text(encoding="utf-8"))
        return offline_copy.Derive(
            head=str(found["head"]),
            engine=str(found["engine"]),
            skip=tuple(str(p) for p in found["hosted_only"]),
            index=data / str(found["folder"]),
            folder=str(found["folder"]),
        )
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError(
            f"the hosted build wrote no offline data ({exc}): is "
            "pelican.plugins.offline_search in its PLUGINS?"
        ) from None


def _bundle(
    output: Path,
    root: Path,
    target: Path,
    about: tuple[str, date, int],
    derive: offline_copy.Derive,
    record: Path,
) -> int:
    """Assemble, check, describe and zip the bundle, then swap it in; return its file count."""
    title, day, jobs = about
    tmp = root.with_name(f"{root.name}.tmp-{os.getpid()}")
    try:
        old = offline_copy.load_record(record)
        done = offline_copy.assemble(output, root, tmp, old, jobs, derive)
        if done.errors:
            for error in done.errors:
                logger.error("%s", error)
            raise BundleError(done.errors)
        write_readme(tmp, title, day, folder=root.name)
        count = write_manifest(tmp)
        write_zip(tmp, target, top=root.name, reuse=_last_zip(root, target))
        _swap(tmp, root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    offline_copy.save_record(record, done.record)
    return count


def _last_zip(root: Path, target: Path) -> Path | None:
    """The newest zip of this bundle in its folder (today's if there is one), or None."""
    zips = [p for p in root.parent.glob(f"{root.name}-*.zip") if p.is_file()]
    if target in zips:
        return target
    return max(zips, key=lambda p: p.stat().st_mtime_ns, default=None)
