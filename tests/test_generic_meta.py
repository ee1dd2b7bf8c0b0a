"""Tag lists in text dumps: the labels that open them and the lines that close them."""

from __future__ import annotations

import pytest

from briefing.generic.lines import analyse
from briefing.generic.meta import find_tags

ARTICLE = (
    "The ferry company has ordered two electric boats for the island route, to be delivered "
    "in the spring of next year after a long tender."
)

# (id, lines after the article, tags that must be found, lines that must not be tags)
CASES = [
    ("label-subjects", ["Subjects", "Ferries", "Islands"], ["Ferries", "Islands"], []),
    ("label-norwegian", ["Relaterte emner", "Ferje", "Øyer"], ["Ferje", "Øyer"], []),
    ("label-swedish", ["Relaterade ämnen", "Färjor"], ["Färjor"], []),
    (
        "stops-at-comment-header",
        ["Tags", "Ferries", "Islands", "Anna Berg says:", "Lovely boats"],
        ["Ferries", "Islands"],
        ["Anna Berg says:", "Lovely boats"],
    ),
    (
        "stops-at-comment-count",
        ["Tags", "Ferries", "12 comments", "Post"],
        ["Ferries"],
        ["12 comments"],
    ),
    ("stops-at-glued-count", ["Tags", "Ferries", "Comment0"], ["Ferries"], ["Comment0"]),
    (
        "stops-at-shouted-heading",
        ["Tags", "Ferries", "NATO", "YOU MIGHT LIKE", "Harbour news"],
        ["Ferries", "NATO"],
        ["YOU MIGHT LIKE", "Harbour news"],
    ),
    ("numbers-in-tags", ["Tags", "World War 3", "10 GB"], ["World War 3", "10 GB"], []),
]


@pytest.mark.parametrize(
    ("after", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_find_tags(after: list[str], present: list[str], absent: list[str]) -> None:
    lines = analyse("\n".join([ARTICLE, *after]), frozenset())
    tags, _ = find_tags(lines, 0, 0)
    for tag in present:
        assert tag in tags
    for text in absent:
        assert text not in tags
