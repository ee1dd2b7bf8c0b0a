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
