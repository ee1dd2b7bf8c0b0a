"""Run the Pelican build as a subprocess (the normaliser never imports Pelican) and swap output/.

The site is built into a sibling temporary folder; ``output/`` is replaced only when the build
succeeded, so a failed or interrupted build leaves the previous site intact.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


class BuildError(RuntimeError):
    """Pelican failed (or warned, which counts as failing); the message says why."""


def build_site(content: Path, output: Path, settings: Path, extra: tuple[str, ...] = ()) -> None:
    """Build ``content`` with Pelican into ``output``, replacing it only on success."""
    output = output.resolve()
    tmp = output.with_name(f"{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "--output",
        str(tmp),
        "--settings",
        str(settings),
        "--fatal",
        "warnings",
        *extra,
    ]
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"Pelican failed (exit {result.returncode}); {output} left as it was")
    _swap(tmp, output)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with two renames; delete the old tree in the background.

    The site is updated once the renames are done.  Deleting the previous tree file by file
    took 29 of the 90 s of a daily update at 10k articles (bench/run.py), so a detached
    process does it; a tree left behind by an interrupted run is removed by the next build.
    """
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    stale = sorted(target.parent.glob(f"{target.name}.old-*"))
    if stale:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVE, *map(str, stale)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


_REMOVE = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"
