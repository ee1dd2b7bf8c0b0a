"""Must-contain / must-not-contain body tests over a test module's ``ferry`` fixture."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.extraction import Extracted

Cases = list[tuple[str, str]]  # (id, snippet)


def body_tests(
    must_contain: Cases, must_not_contain: Cases
) -> tuple[Callable[..., None], Callable[..., None]]:
    """Return the two parametrised tests; a module binds them to ``test_*`` names."""

    @pytest.mark.parametrize(
        "snippet", [s for _, s in must_contain], ids=[i for i, _ in must_contain]
    )
    def contains(ferry: Extracted, snippet: str) -> None:
        assert snippet in "\n".join(ferry.paragraphs)

    @pytest.mark.parametrize(
        "snippet", [s for _, s in must_not_contain], ids=[i for i, _ in must_not_contain]
    )
    def does_not_contain(ferry: Extracted, snippet: str) -> None:
        assert snippet not in "\n".join(ferry.paragraphs)

    return contains, does_not_contain


TailCase = tuple[str, list[str], str, str]  # (id, lines below the text, kept, left out)


def tail_test(cases: list[TailCase], body: Callable[[list[str]], str]) -> Callable[..., None]:
    """Return the parametrised test: a dump's text then ``tail`` keeps one snippet, not the other
    (``body`` extracts the body of the text and the lines below it)."""

    @pytest.mark.parametrize(
        ("tail", "present", "absent"), [c[1:] for c in cases], ids=[c[0] for c in cases]
    )
    def test(tail: list[str], present: str, absent: str) -> None:
        found = body(tail)
        assert present in found
        assert absent not in found

    return test
