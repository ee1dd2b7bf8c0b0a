"""`briefing build` off a terminal: one summary line, no stage chatter; `--version`, `--help`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import write_archive


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a pipe (not a terminal)."""
    command = [sys.executable, "-m", "briefing", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_build_off_a_terminal_ends_with_one_summary_line(tmp_path: Path) -> None:
    content = write_archive(tmp_path / "content")
    output = tmp_path / "output"
    result = run(
        "build", "--content", str(content), "--output", str(output), "--settings", str(DEV_SETTINGS)
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("build:")]
    (line,) = lines
    pages = sum(1 for _ in output.rglob("*.html"))
    assert re.fullmatch(rf"build: {pages:,} pages in \d+\.\d s", line)


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
