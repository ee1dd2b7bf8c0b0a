"""`briefing build`: one summary line (pages rendered, kept, deleted; each stage's time), a
progress bar on a terminal only, no stage chatter off one; `--version`, `--help`."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.plugins.build_progress.plugin import Clock

from briefing import __version__
from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import write_archive


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a pipe (not a terminal)."""
    command = [sys.executable, "-m", "briefing", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


SUMMARY = re.compile(
    r"build: (?P<pages>[\d,]+) pages: (?P<rendered>[\d,]+) rendered, (?P<kept>[\d,]+) kept, "
    r"(?P<deleted>[\d,]+) deleted; read \d+\.\d s, read next \d+\.\d s, write \d+\.\d s, "
    r"render \d+\.\d s, search \d+\.\d s, total (?P<total>\d+\.\d) s"
)


def build(content: Path, output: Path, *flags: str) -> dict[str, int]:
    """Build off a terminal; return the summary line's counts (its one ``build:`` line)."""
    result = run(
        "build", "--content", str(content), "--output", str(output),
        "--settings", str(DEV_SETTINGS), *flags,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("build:")]
    assert "\r" not in result.stderr and "%|" not in result.stderr  # no bar off a terminal
    match = SUMMARY.fullmatch(line)
    assert match, line
    return {k: int(v.replace(",", "")) for k, v in match.groupdict().items() if k != "total"}


def pages(output: Path) -> dict[str, int]:
    """Every HTML page of the output by its path, with its inode (a kept page keeps it)."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.html")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fixture archive's content folder and the output folder its builds share."""
    base = tmp_path_factory.mktemp("summary")
    return write_archive(base / "content"), base / "output"


def test_a_clean_build_renders_every_page(site: tuple[Path, Path]) -> None:
    content, output = site
    said = build(content, output)
    assert said == {"pages": len(pages(output)), "rendered": len(pages(output))} | {
        "kept": 0,
        "deleted": 0,
    }


def test_an_unchanged_rebuild_keeps_the_pages_it_does_not_render(site: tuple[Path, Path]) -> None:
    content, output = site
    before = pages(output)
    said = build(content, output)
    after = pages(output)
    kept = sum(1 for path, inode in after.items() if before.get(path) == inode)
    assert said["kept"] == kept > 0 and said["rendered"] == len(after) - kept
    assert said["rendered"] < said["kept"] and said["deleted"] == 0
    assert said["pages"] == said["rendered"] + said["kept"] == len(after)


def test_a_deleted_article_counts_its_pages_deleted(site: tuple[Path, Path]) -> None:
    content, output = site
    before = pages(output)
    next(iter(sorted((content / "articles").glob("*.md")))).unlink()
    said = build(content, output)
    after = pages(output)
    assert said["deleted"] == len(set(before) - set(after)) >= 1
    assert said["pages"] == said["rendered"] + said["kept"] == len(after)


def test_a_full_build_renders_everything_and_keeps_nothing(site: tuple[Path, Path]) -> None:
    content, output = site
    before = pages(output)
    said = build(content, output, "--full")
    after = pages(output)
    assert said["kept"] == 0 and said["rendered"] == said["pages"] == len(after)
    assert not any(before.get(path) == inode for path, inode in after.items())


def test_a_build_on_a_terminal_shows_a_render_bar(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    command = [sys.executable, "-m", "briefing", "build", "--content", str(content)]
    command += ["--output", str(tmp_path / "output"), "--settings", str(DEV_SETTINGS)]
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, command)
    said = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has exited: the terminal is closed
            break
        if not chunk:
            break
        said += chunk
    _, status = os.waitpid(pid, 0)
    text = said.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    for stage in ("keys", "render"):  # a clean build renders every queued write
        assert re.search(rf"build: {stage}: +100%\|[^\r\n|]*\| (\d+)/\1 ", text), text
    assert SUMMARY.search(text.replace("\r\n", "")), text  # rich wraps it at the width


@pytest.mark.parametrize(
    ("render", "names"),
    [
        ((3.0, 19.0), ["read", "read next", "write", "render", "search"]),
        (None, ["read", "read next", "write"]),  # no incremental writer: write runs to the end
    ],
    ids=["incremental", "no-report"],
)
def test_the_stages_cover_the_build_once(
    render: tuple[float, float] | None, names: list[str]
) -> None:
    clock = Clock(started=10.0, marks={"read": 12.5, "read next": 14.0})
    stages = clock.stages(render, now=21.0)
    assert [name for name, _ in stages] == [*names, "total"]
    (_, total) = stages[-1]
    assert total == 21.0 - clock.started
    assert sum(seconds for _, seconds in stages[:-1]) == pytest.approx(total)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"briefing {__version__}"


def test_help_is_written_for_a_user_with_examples() -> None:
    text = run("--help").stdout
    assert "Turn scraped news pages into a browsable, searchable archive." in text
    assert text.count("briefing ") >= 5 and "examples:" in text


@pytest.mark.parametrize(
    "path",
    sorted(set(re.findall(r"\braw/[\w./-]+\.txt\b", (ROOT / "README.md").read_text("utf-8")))),
)
def test_files_named_in_readme_examples_exist(path: str) -> None:
    assert (ROOT / path).exists()
