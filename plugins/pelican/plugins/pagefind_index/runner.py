"""The one place that runs Pagefind: its CLI binary from the pagefind_bin package.

Why not the Python API (``pagefind.index.PagefindIndex``): its service answers ``WriteFiles``
before the files are on disk and ``close()`` then terminates the process, which left
``pagefind.js`` and ``pagefind-entry.json`` empty in about one part in ten here.  The CLI
exits only once everything is written, and reports failures on stderr with a non-zero exit.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path


class PagefindError(RuntimeError):
    """Pagefind failed; the message is Pagefind's own output."""


def executable() -> Path:
    """Return the Pagefind binary: $PAGEFIND_BINARY_PATH, else the pinned pagefind_bin's."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    # pagefind_bin ships no type hints; its get_executable() returns the binary's path.
    package = importlib.import_module("pagefind_bin")
    return Path(str(package.get_executable()))


def start(
    site: Path,
    glob: str,
    output: Path,
    exclude_selectors: Sequence[str] = (),
    language: str | None = None,
) -> subprocess.Popen[str]:
    """Start indexing the pages of ``site`` matching ``glob`` into ``output``.

    ``language`` forces one index for every page whatever its ``<html lang>``: one set of
    counts and scores over the whole archive (Pagefind otherwise splits by language).
    """
    command = [
        str(executable()),
        "--site",
        str(site),
        "--glob",
        glob,
        "--output-path",
        str(output),
        "--quiet",
    ]
    if language:
        command += ["--force-language", language]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], glob: str, output: Path) -> int:
    """Wait for a Pagefind run; return its page count or raise with Pagefind's message."""
    stdout, stderr = process.communicate()
    if process.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        lines = (stderr + stdout).splitlines()
        message = " ".join(dict.fromkeys(line.strip() for line in lines if line.strip()))
        raise PagefindError(f"Pagefind failed on {glob}: {message or 'no output'}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())
