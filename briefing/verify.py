"""Check an offline bundle (folder or zip) against its SHA256SUMS manifest.

Names every file that is missing, changed, or not in the manifest; works on files only.
"""

from __future__ import annotations

import hashlib
import zipfile
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


def parse_manifest(text: str) -> tuple[dict[str, str], list[Problem]]:
    """Read ``sha256sum`` lines into {path: hex digest}; malformed lines are problems."""
    sums: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            problems.append(Problem(f"{MANIFEST}:{number}", "malformed manifest line"))
            continue
        sums[name] = digest.lower()
    return sums, problems


def compare(
    sums: dict[str, str], present: Iterable[str], read: Callable[[str], bytes]
) -> list[Problem]:
    """Compare the manifest with the files present, reading each listed file's bytes."""
    names = set(present) - {MANIFEST}
    problems: list[Problem] = []
    for name in sorted(sums):
        if name not in names:
            problems.append(Problem(name, "missing"))
        elif hashlib.sha256(read(name)).hexdigest() != sums[name]:
            problems.append(Problem(name, "changed"))
    problems += [Problem(name, "not in the manifest") for name in sorted(names - set(sums))]
    return problems


def verify_folder(root: Path) -> list[Problem]:
    """Check a bundle folder; return the problems (empty: the bundle is intact)."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        return [Problem(MANIFEST, "missing")]
    sums, problems = parse_manifest(manifest.read_text(encoding="utf-8"))
    present = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return problems + compare(sums, present, lambda name: (root / name).read_bytes())


def verify_zip(path: Path) -> list[Problem]:
    """Check a bundle zip (one top folder holding the manifest) without unpacking it."""
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.namelist() if not m.endswith("/")]
        tops = {PurePosixPath(m).parts[0] for m in members}
        if len(tops) != 1:
            return [Problem(path.name, "zip must hold exactly one top folder")]
        prefix = f"{tops.pop()}/"
        if prefix + MANIFEST not in members:
            return [Problem(MANIFEST, "missing")]
        sums, problems = parse_manifest(archive.read(prefix + MANIFEST).decode("utf-8"))
        present = [m[len(prefix) :] for m in members]
        return problems + compare(sums, present, lambda name: archive.read(prefix + name))


def verify(path: Path) -> list[Problem]:
    """Check a bundle given as a folder or a ``.zip``; return the problems found."""
    if path.is_dir():
        return verify_folder(path)
    if zipfile.is_zipfile(path):
        return verify_zip(path)
    return [Problem(str(path), "neither a bundle folder nor a zip")]
