"""The incremental offline bundle equals a clean one, file for file and zip member for member.

One archive (the offline fixture, real Pelican with pelicanconf.py and a copy of the theme) is
bundled, then changed: new articles, an edited one and a deleted one in one step, a template
change in the next.  After each step ``make_offline`` into the same ``dist/`` (the hosted
build beside the content kept, and the last bundle's pages reused) must equal a clean bundle of
a copy of the content with no cache and no hosted build at all, byte for byte, the zip too.  A
failing run (a link that cannot work from disk) leaves the last bundle and its zip as they were.
"""

from __future__ import annotations

import dataclasses
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from briefing import frontmatter, offline, offline_copy
from tests.offline_fixture import ARTICLES, ROOT, write_content

DAY = date(2026, 11, 24)
SETTINGS = ROOT / "pelicanconf.py"  # the hosted site's: the bundle is derived from its pages
FOLDER = "briefing-archive-offline"


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    """Every file under ``root`` by its relative path, with its inode."""
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def members(zipped: Path) -> list[tuple[str, bytes, tuple[int, ...], int]]:
    """Every member of a zip: name, bytes, date and attributes."""
    with zipfile.ZipFile(zipped) as archive:
        return [
            (i.filename, archive.read(i), i.date_time, i.external_attr) for i in archive.infolist()
        ]


def bundle(base: Path, content: Path) -> Path:
    """Run ``make_offline`` with the theme copy of ``base``; return the zip."""
    return offline.make_offline(
        content, SETTINGS, base / "dist", DAY, jobs=2, extra=("-e", f'THEME="{base / "theme"}"')
    )


def add_edit_delete(content: Path) -> None:
    """Two new articles a day after the last, one edited title and body, one deleted file."""
    paths = sorted((content / "articles").glob("*.md"))
    for n, model in enumerate(ARTICLES[:2]):
        new = dataclasses.replace(
            model,
            title=f"Harbour cranes number {n} repainted",
            body=f"Workers repainted harbour crane number {n} in bright orange overnight.",
            slug=f"{model.slug}-day-after-{n}",
            date=model.date + timedelta(days=3, minutes=n),
            source_url=f"https://example.org/day-after/{n}" if model.source_url else None,
            translations=(),
        )
        (content / "articles" / f"{new.slug}.md").write_text(
            frontmatter.dump(new), encoding="utf-8"
        )
    edited = frontmatter.load(paths[0].read_text(encoding="utf-8"))
    edited = dataclasses.replace(edited, title=edited.title + " (corrected)", body="Corrected.")
    paths[0].write_text(frontmatter.dump(edited), encoding="utf-8")
    paths[-1].unlink()


def change_a_template(theme: Path, old: str = "", new: str = "changed") -> None:
    """Change the article template only: the class of the body's block."""
    path = theme / "templates" / "article.html"
    text = path.read_text(encoding="utf-8")
    was = f'<div class="body{" " + old if old else ""}">'
    assert was in text
    path.write_text(text.replace(was, f'<div class="body {new}">'), "utf-8")


def assert_equal_to_clean(work: Path, step: str, zipped: Path) -> None:
    """Bundle a copy of the content from nothing and compare it with the incremental one."""
    clean = work / f"clean-{step}"
    shutil.copytree(work / "theme", clean / "theme")
    shutil.copytree(work / "content", clean / "content")
    fresh = bundle(clean, clean / "content")
    assert fresh.name == zipped.name
    mine, theirs = files(work / "dist" / FOLDER), files(clean / "dist" / FOLDER)
    assert sorted(mine) == sorted(theirs)
    assert [p for p in mine if mine[p] != theirs[p]] == []
    assert members(zipped) == members(fresh)
    assert zipped.read_bytes() == fresh.read_bytes()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline-incremental")
    write_content(work / "content")
    shutil.copytree(ROOT / "themes" / "briefing", work / "theme")
    bundle(work, work / "content")
    return work


def test_additions_edit_and_deletion(work: Path) -> None:
    before = inodes(work / "dist" / FOLDER)
    add_edit_delete(work / "content")
    zipped = bundle(work, work / "content")
    after = inodes(work / "dist" / FOLDER)
    kept = {p for p, ino in after.items() if p.endswith(".html") and before.get(p) == ino}
    assert kept, "no page of the last bundle was reused"
    assert len(kept) < len([p for p in after if p.endswith(".html")])
    assert_equal_to_clean(work, "day", zipped)


def test_template_change(work: Path) -> None:
    change_a_template(work / "theme")
    zipped = bundle(work, work / "content")
    assert_equal_to_clean(work, "template", zipped)
    assert b'class="body changed"' in b"".join(files(work / "dist" / FOLDER).values())


def test_a_killed_run_leaves_the_last_bundle_and_the_next_run_is_clean(work: Path) -> None:
    before = files(work / "dist" / FOLDER)
    zips = {p.name: p.read_bytes() for p in (work / "dist").glob("*.zip")}
    change_a_template(work / "theme", "changed", "killed")  # every article must render again
    stale = work / "dist" / f"{FOLDER}.tmp-1"  # what a SIGKILL while assembling leaves
    write(stale, {"index.html": "<p>half</p>"})
    settings = work / "hosted-theme.py"  # pelicanconf.py with the theme copy
    settings.write_text(
        f"import runpy\nglobals().update(runpy.run_path({str(SETTINGS)!r}))\n"
        f"THEME = {str(work / 'theme')!r}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "briefing", "offline", "--content", str(work / "content")]
    command += ["--settings", str(settings), "--dist", str(work / "dist")]
    process = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 120
    while not list(work.glob("output.tmp-*")) and process.poll() is None:  # the hosted build
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) != 0
    assert files(work / "dist" / FOLDER) == before
    assert {p.name: p.read_bytes() for p in (work / "dist").glob("*.zip")} == zips
    zipped = bundle(work, work / "content")
    assert not stale.exists()
    assert_equal_to_clean(work, "killed", zipped)


def test_a_failed_run_leaves_the_last_bundle(work: Path) -> None:
    before = files(work / "dist" / FOLDER)
    zips = {p.name: p.read_bytes() for p in (work / "dist").glob("*.zip")}
    base = work / "theme" / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("</body>", '<a href="/absolute/">x</a></body>'), "utf-8")
    try:
        with pytest.raises(offline.BundleError) as failed:
            bundle(work, work / "content")
        # Read as a link into the archive (a hosted page's "/x" is the site's), which is missing.
        assert {(e.url.endswith("/absolute/"), e.reason) for e in failed.value.errors} == {
            (True, "no such file in the bundle")
        }
    finally:
        base.write_text(text, encoding="utf-8")
    assert files(work / "dist" / FOLDER) == before
    assert {p.name: p.read_bytes() for p in (work / "dist").glob("*.zip")} == zips
    assert [p.name for p in (work / "dist").iterdir() if ".tmp-" in p.name] == []


def write(root: Path, pages: dict[str, str]) -> None:
    """Write ``pages`` (path: HTML) under ``root``."""
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")


def assemble_twice(tmp_path: Path, change: str) -> offline_copy.Assembled:
    """Assemble a two-page render, make ``change``, assemble again over the first bundle."""
    render, first, second = tmp_path / "render", tmp_path / "first", tmp_path / "second"
    write(render, {"index.html": '<a href="day/">Day</a>', "day/index.html": "<p>day</p>"})
    done = offline_copy.assemble(render, tmp_path / "none", first, {})
    assert (done.kept, done.rewritten, done.errors) == (0, 2, [])
    if change == "target-gone":
        (render / "day/index.html").unlink()
    elif change == "bundle-file-edited":
        (first / "index.html").write_text("<p>edited in the bundle</p>", encoding="utf-8")
    again = offline_copy.assemble(render, first, second, done.record)
    clean = offline_copy.assemble(render, tmp_path / "none", tmp_path / "clean", {})
    assert files(second) == files(tmp_path / "clean")
    assert again.errors == clean.errors
    return again


@pytest.mark.parametrize(
    ("change", "kept", "errors"),
    [("none", 2, 0), ("target-gone", 0, 1), ("bundle-file-edited", 1, 0)],
    ids=["unchanged-kept", "link-target-gone", "bundle-file-edited"],
)
def test_a_page_is_kept_only_while_its_bytes_targets_and_bundle_file_are(
    tmp_path: Path, change: str, kept: int, errors: int
) -> None:
    again = assemble_twice(tmp_path, change)
    assert (again.kept, len(again.errors)) == (kept, errors)
