"""One writer at a time: concurrent ingests and builds, a killed build, hostile bundles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefing import frontmatter, ingest
from briefing.ingest import IngestOptions, Parsed
from briefing.sources import RawInput
from briefing.verify import verify
from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import write_archive
from tests.inputs import damage_member, html_page, sha256sums, zip_bundle
from tests.seeds import CLOCK

PY = sys.executable
REAL_PARSE = ingest.parse_input


def cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1772357400"}
    return subprocess.Popen(
        [PY, "-m", "briefing", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def pages(folder: Path, first: int, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(first, first + count):
        text = (
            f"Report number {n} says the regional council met on Tuesday to discuss item {n}.",
            f"Members of the council asked for more time to study proposal {n} in detail.",
        )
        html = html_page(f"Council report {n}", text, f"https://example.org/r/{n}", "")
        (folder / f"page{n - first}.html").write_text(html, encoding="utf-8")


def test_two_concurrent_ingests_into_one_content_folder_lose_nothing(tmp_path: Path) -> None:
    out = tmp_path / "content"
    pages(tmp_path / "a", 0, 20)
    pages(tmp_path / "b", 20, 20)  # the same file names, other articles
    runs = [cli("ingest", str(tmp_path / x), "--out", str(out), "--jobs", "1") for x in "ab"]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    titles = {frontmatter.load(p.read_text()).title for p in out.rglob("*.md")}
    assert titles == {f"Council report {n}" for n in range(40)}


def test_two_concurrent_builds_into_one_output_both_finish_complete(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    output = tmp_path / "output"
    args = ("build", "--content", str(content), "--output", str(output))
    runs = [cli(*args, "--settings", str(DEV_SETTINGS)) for _ in range(2)]
    results = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert any("waiting for another run" in err for _, err in results), results
    assert (output / "index.html").is_file()
    search = output / "search"
    assert any(search.rglob("pagefind-entry.json"))
    assert not list(tmp_path.glob("output.tmp-*"))


def _group_alive(pgid: int) -> bool:
    """True while a process of group ``pgid`` runs (zombies awaiting a reaper do not count)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _pelican_children(parent: int) -> list[int]:
    """Process ids whose parent is ``parent`` (from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def _kill_mid_build(root: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """Start a build in ``root``, SIGTERM it once its temporary tree exists, wait for it."""
    content = write_archive(root / "content")
    (root / "output.tmp-999999").mkdir()  # a stale tree from an earlier kill (any pid)
    args = ("build", "--content", str(content), "--output", str(root / "output"))
    run = cli(*args, "--settings", str(DEV_SETTINGS))
    deadline = time.monotonic() + 120
    children: list[int] = []
    while time.monotonic() < deadline and not children and run.poll() is None:
        children = _pelican_children(run.pid)  # wait until Pelican has started
        time.sleep(0.01)
    assert children or run.poll() is not None, "Pelican never started"
    stale = root / "output.tmp-999999"
    while not [t for t in root.glob("output.tmp-*") if t != stale] and run.poll() is None:
        assert time.monotonic() < deadline, "the build made no temporary tree"
        time.sleep(0.01)
    run.send_signal(signal.SIGTERM)
    run.communicate(timeout=60)
    return run, children


def test_a_killed_build_leaves_no_pelican_and_no_temporary_tree(tmp_path: Path) -> None:
    # On a loaded machine the build can finish between the poll and the signal; such a run
    # proves nothing, so it is tried again in a fresh folder (at most five times in all).
    for attempt in range(5):
        root = tmp_path / f"try{attempt}"
        run, children = _kill_mid_build(root)
        if run.returncode != 0 or not (root / "output").exists():
            break
    assert run.returncode != 0, "the build finished before every one of five signals"
    assert children, "the signal landed before Pelican started"
    for child in children:  # Pelican ran in a group of its own: the whole group is gone
        assert not _group_alive(child)
    assert not list(root.glob("output.tmp-*")), "temporary trees removed"
    assert not (root / "output").exists()


HOSTILE = [
    pytest.param(
        {"top/SHA256SUMS": sha256sums({"../../evil.txt": b"x"}), "top/index.html": b"i"},
        "unsafe path",
        id="dotdot-in-manifest",
    ),
    pytest.param(
        {"top/SHA256SUMS": sha256sums({"/etc/passwd": b"x"}), "top/index.html": b"i"},
        "unsafe path",
        id="absolute-in-manifest",
    ),
    pytest.param(
        {"top/SHA256SUMS": sha256sums({"a.txt": b"a"}), "top/../evil.txt": b"x"},
        "unsafe member name",
        id="dotdot-member",
    ),
    pytest.param(
        {"top/SHA256SUMS": b"\xff\xfe not utf-8\n", "top/index.html": b"i"},
        "not UTF-8",
        id="manifest-not-utf8",
    ),
]


@pytest.mark.parametrize(("members", "reason"), HOSTILE)
def test_verify_refuses_hostile_bundles(
    tmp_path: Path, members: dict[str, bytes], reason: str
) -> None:
    problems = [str(p) for p in verify(zip_bundle(tmp_path / "b.zip", members))]
    assert any(reason in p for p in problems), problems


def test_verify_refuses_duplicate_member_names(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("top/SHA256SUMS", sha256sums({"a.txt": b"a"}))
        archive.writestr("top/a.txt", b"a")
        with pytest.warns(UserWarning):
            archive.writestr("top/a.txt", b"b")
    assert "top/a.txt: the zip holds this name twice" in [str(p) for p in verify(path)]


def test_verify_reports_a_corrupt_member_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.zip"
    data = b"hello world " * 100
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("top/SHA256SUMS", sha256sums({"a.txt": data}))
        archive.writestr("top/a.txt", data)
    damage_member(path, "top/a.txt")
    problems = [str(p) for p in verify(path)]
    assert any(p.startswith("a.txt: ") and ("unreadable" in p or "changed" in p) for p in problems)


def test_verify_never_follows_links_in_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "bundle"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (root / "index.html").write_text("i")
    (root / "link.txt").symlink_to(secret)
    (root / "SHA256SUMS").write_bytes(sha256sums({"index.html": b"i", "link.txt": b"private"}))
    problems = [str(p) for p in verify(root)]
    assert "link.txt: a link, not a file (links are not followed)" in problems


CRASH_ON = "page37.html"


def crashing_parse(raw: RawInput, options: IngestOptions) -> Parsed:
    """``parse_input``, except that the worker dies on CRASH_ON (as on a C extension's segfault)."""
    if raw.path.name == CRASH_ON:
        os._exit(3)
    return REAL_PARSE(raw, options)


def test_an_input_that_kills_its_worker_is_rejected_and_the_rest_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    pages(raw, 0, 70)  # above MIN_PARALLEL_INPUTS: the worker pool runs
    monkeypatch.setattr(ingest, "parse_input", crashing_parse)
    report = ingest.ingest([raw], out, ingest.IngestOptions(now=CLOCK, jobs=2))
    assert [(r.file, r.reason) for r in report.rejected] == [
        ("page37.html", "crashed the process reading it")
    ]
    titles = {frontmatter.load(p.read_text()).title for p in out.rglob("*.md")}
    assert titles == {f"Council report {n}" for n in range(70) if n != 37}
