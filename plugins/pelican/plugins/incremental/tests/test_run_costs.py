"""A queued page's cost in a render run: the articles it shows, not Pelican's whole archive."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from pelican.plugins.incremental.writer import Write, shown

ARCHIVE = [object() for _ in range(500)]  # every write's all_articles


def _write(**kwargs: Any) -> Write:
    return Write("x/index.html", None, {}, (), {"all_articles": ARCHIVE, **kwargs}, bound=True)


@pytest.mark.parametrize(
    ("kwargs", "cost"),
    [
        pytest.param({"article": ARCHIVE[0]}, 1, id="article page"),
        pytest.param({"articles": ARCHIVE[:20]}, 21, id="tag page of 20"),
        pytest.param({"period": SimpleNamespace(count=9), "period_kind": "day"}, 10, id="day"),
        pytest.param({"articles": ARCHIVE}, 501, id="whole-archive page"),
        pytest.param({}, 1, id="search page"),
    ],
)
def test_a_page_costs_one_plus_the_articles_it_lists(kwargs: dict[str, Any], cost: int) -> None:
    assert shown(_write(**kwargs)) == cost
