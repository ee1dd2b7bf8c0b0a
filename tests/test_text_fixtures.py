"""The small text functions against fixture files of input/expected pairs (markdown-it-py style).

Each ``tests/fixtures/text/<function>.txt`` holds cases as a name line, ``.``, the input,
``.``, the expected output, ``.``; the expected values are written by hand from what the
function promises.  ``CASES`` says how a case's input text is handed to the function and how
its result is shown; every case is its own test, named by the file and the case.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from briefing.decode import DecodeError, decode
from briefing.generic.boilerplate import furniture_reason
from briefing.generic.clean import word_count
from briefing.generic.headline import strip_site
from briefing.markdown import escape_paragraph
from briefing.normalise import first_sentence, lede
from briefing.slug import slugify
from briefing.text import html_text

FIXTURES = Path(__file__).parent / "fixtures" / "text"
NONE = "(none)"  # how a None result is written in a fixture


def _decoded(spec: str) -> str:
    """``encoding: NAME`` then text: the text in that encoding; else Python bytes escapes."""
    head, _, text = spec.partition("\n")
    if head.startswith("encoding: "):
        data = text.encode(head.removeprefix("encoding: ").strip())
    else:
        data = codecs.escape_decode(spec.encode("utf-8"))[0]
    try:
        return decode(data)
    except DecodeError:
        return "DecodeError"


def _stripped(spec: str) -> str:
    """A title, then ``site: NAME`` on a line of its own when the page names its site."""
    title, _, site = spec.partition("\nsite: ")
    return strip_site(title, site or None)


def _furniture(line: str) -> str:
    """The reason a dump line is page furniture, or (none)."""
    return furniture_reason(line, int(word_count(line))) or NONE


def _lede(text: str) -> str:
    """The summary of paragraphs written one blank line apart."""
    paragraphs = tuple(p for p in text.split("\n\n") if p)
    return lede(paragraphs) or NONE


CASES: dict[str, Callable[[str], str]] = {
    "html_text": html_text,
    "slugify": slugify,
    "escape_paragraph": escape_paragraph,
    "first_sentence": first_sentence,
    "lede": _lede,
    "decode": _decoded,
    "strip_site": _stripped,
    "furniture_reason": _furniture,
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
