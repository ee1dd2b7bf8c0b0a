"""The small text functions against fixture files of input/expected pairs (markdown-it-py style).

Each ``tests/fixtures/text/<function>.txt`` holds cases as a name line, ``.``, the input,
``.``, the expected output, ``.``; the expected values are written by hand from what the
function promises.  ``CASES`` says how a case's input text is handed to the function and how
its result is shown; every case is its own test, named by the file and the case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from briefing.text import html_text

FIXTURES = Path(__file__).parent / "fixtures" / "text"


CASES: dict[str, Callable[[str], str]] = {
    "html_text": html_text,
}


def _params() -> list[object]:
    out = []
    for name in CASES:
        for line, title, given, expected in read_fixture_file(FIXTURES / f"{name}.txt"):
            case_id = f"{name}:{title or line}"
            out.append(pytest.param(name, given.removesuffix("\n"), expected, id=case_id))
    return out


@pytest.mark.parametrize(("function", "given", "expected"), _params())
def test_fixture(function: str, given: str, expected: str) -> None:
    assert CASES[function](given) == expected.removesuffix("\n")


def test_every_fixture_file_is_read() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(CASES)
