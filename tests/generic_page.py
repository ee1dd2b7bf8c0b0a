"""A small dump written for the generic-extraction tests: menu, headline, header lines, body."""

from __future__ import annotations

from datetime import datetime

from briefing.extraction import Extracted

HEADLINE = "Council approves protected cycle lanes along the river road"
BODY = (
    "The council voted on Tuesday evening to build two kilometres of protected cycle lanes "
    "along the river road before next summer.",
    "Residents who spoke at the meeting said the road had become too dangerous for children "
    "riding to the three schools on the east bank.",
    "The works will close one lane of traffic for about six weeks, and buses will be moved to "
    "the parallel street while the kerbs are rebuilt.",
)
DATELINE = "Published 3 June 2026, 09:10"  # the article's own dateline, for decoy cases


def page(*header: str, above: tuple[str, ...] = ()) -> str:
    """Return a dump: menu, ``above``, the headline, ``header`` lines, the body, a footer."""
    return "\n".join(["Home", "News", "Sport", *above, HEADLINE, *header, *BODY, "Contact us"])


def decoy(line: str) -> str:
    """Return a page whose header holds ``line`` (a date that is not the article's) above
    the article's own dateline."""
    return page(line, DATELINE)


def assert_dated(found: Extracted, expected: datetime | None) -> None:
    """Assert the page's headline was found and its date is ``expected`` (naive: the day and
    clock time the page states), or that no date was found when ``expected`` is None."""
    assert found.title == HEADLINE
    if expected is None:
        assert found.date is None
        return
    assert found.date is not None
    assert found.date.replace(tzinfo=None) == expected
