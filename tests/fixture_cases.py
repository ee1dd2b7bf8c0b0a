"""Fixture files of input/expected cases, in the markdown-it-py layout, as pytest params.

A case is an id line, then fields each opened by a line that is exactly ``.`` and the last one
closed by another ``.`` line; a field may span several lines or be empty.  Blank lines and
``#`` comment lines between cases are ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def read_cases(path: Path, fields: int) -> list[Any]:
    """Return one ``pytest.param`` per case of ``path``, its id from the case's first line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Any] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if not line.strip() or line.startswith("#"):
            continue
        values: list[str] = []
        for _ in range(fields):
            if k >= len(lines) or lines[k] != ".":
                raise ValueError(f"{path.name}:{k + 1}: case {line!r} needs a '.' line here")
            end = lines.index(".", k + 1)  # ValueError names a case left open
            values.append("\n".join(lines[k + 1 : end]))
            k = end
        if k >= len(lines) or lines[k] != ".":
            raise ValueError(f"{path.name}:{k + 1}: case {line!r} is not closed by a '.' line")
        k += 1
        cases.append(pytest.param(*values, id=line))
    return cases
