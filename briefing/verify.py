"""Check an offline bundle (folder or zip) against its SHA256SUMS manifest.

Names every file that is missing, changed, or not in the manifest; works on files only.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefing.offline import MANIFEST


@dataclass(frozen=True)
class Problem:
    """One file that does not match the manifest."""

    path: str
    reason: str  # "missing", "changed", "not in the manifest", "unreadable manifest"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def parse_manifest(data: bytes) -> tuple[dict[str, str], list[Problem]]:
    """Read ``sha256sum`` lines into {path: hex digest}; malformed or unsafe lines are problems."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}, [Problem(MANIFEST, "unreadable manifest (not UTF-8 text)")]
    sums: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        where = f"{MANIFEST}:{number}"
        if not sep or len(digest) != 64 or not name:
            problems.append(Problem(where, "malformed manifest line"))
        elif unsafe_name(name):
            problems.append(Problem(where, f"unsafe path {name!r} (absolute or with '..')"))
        elif name in sums:
            problems.append(Problem(where, f"{name} is listed twice"))
        else:
            sums[name] = digest.lower()
    return sums, problems


def unsafe_name(name: str) -> bool:
    """True for a member path that could point outside the bundle."""
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("~")


def compare(
    sums: dict[str, str], present: Iterable[str], read: Callable[[str], bytes]
) -> list[Problem]:
    """Compare the manifest with the files present, reading each listed file's bytes."""
    names = set(present) - {MANIFEST}
    problems: list[Problem] = []
    for name in sorted(sums):
        if name not in names:
            problems.append(Problem(name, "missing"))
            continue
        try:
            data = read(name)
        except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            problems.append(Problem(name, f"unreadable ({exc})"))
            continue
        if hashlib.sha256(data).hexdigest() != sums[name]:
            problems.append(Problem(name, "changed"))
    problems += [Problem(name, "not in the manifest") for name in sorted(names - set(sums))]
    return problems


def verify_folder(root: Path) -> list[Problem]:
    """Check a bundle folder; return the problems (empty: the bundle is intact).

    Links are never followed: a link in the bundle is itself a problem.
    """
    manifest = root / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return [Problem(MANIFEST, "missing")]
    sums, problems = parse_manifest(manifest.read_bytes())
    present: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(Problem(rel, "a link, not a file (links are not followed)"))
            elif name in files:
                present.append(rel)
    return problems + compare(sums, present, lambda name: (root / name).read_bytes())


def verify_zip(path: Path) -> list[Problem]:
    """Check a bundle zip (one top folder holding the manifest) without unpacking it."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _verify_members(archive, path.name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return [Problem(path.name, f"unreadable zip ({exc})")]


def _verify_members(archive: zipfile.ZipFile, zip_name: str) -> list[Problem]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    names = [i.filename for i in infos]
    problems = [
        Problem(n, "unsafe member name (absolute or with '..')") for n in names if unsafe_name(n)
    ]
    problems += [Problem(n, "the zip holds this name twice") for n in sorted(_twice(names))]
    problems += [
        Problem(i.filename, "a link, not a file (links are not followed)")
        for i in infos
        if stat.S_ISLNK(i.external_attr >> 16)
    ]
    if problems:
        return problems
    tops = {PurePosixPath(m).parts[0] for m in names}
    if len(tops) != 1:
        return [Problem(zip_name, "zip must hold exactly one top folder")]
    prefix = f"{tops.pop()}/"
    if prefix + MANIFEST not in names:
        return [Problem(MANIFEST, "missing")]
    try:
        manifest = archive.read(prefix + MANIFEST)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        return [Problem(MANIFEST, f"unreadable ({exc})")]
    sums, problems = parse_manifest(manifest)
    present = [m[len(prefix) :] for m in names]
    return problems + compare(sums, present, lambda name: archive.read(prefix + name))


def _twice(names: list[str]) -> set[str]:
    return {name for name, count in Counter(names).items() if count > 1}


def verify(path: Path) -> list[Problem]:
    """Check a bundle given as a folder or a ``.zip``; return the problems found."""
    if path.is_symlink():
        return [Problem(str(path), "a link: give the bundle itself")]
    if path.is_dir():
        return verify_folder(path)
    if zipfile.is_zipfile(path):
        return verify_zip(path)
    return [Problem(str(path), "neither a bundle folder nor a zip")]
