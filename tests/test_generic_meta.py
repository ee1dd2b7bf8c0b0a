"""Tags and standfirst in text dumps: tag list labels and ends, the line below the headline."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
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
    (
        "hashtags",
        ["Tags:", "# Harbour School of Navigation", "# Ferries"],
        ["Harbour School of Navigation", "Ferries"],
        [],
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


HEADLINE = "Ferry company orders two electric boats for the island route"
LEAD = (
    "The ferry company has ordered two electric boats for the island route, the harbour "
    "board said on Monday, after a tender that took more than a year to decide."
)
MORE = [
    "The boats will be built at the yard on the east quay and should enter service in the "
    "spring, replacing the two diesel ferries that have run the route since the nineties.",
    "Charging points are to be installed at both piers this winter, paid for by the regional "
    "transport fund, which also covers part of the cost of the new boats themselves.",
]

# (id, the lines between headline and lead, the expected summary)
STANDFIRSTS = [
    ("standfirst", ["Quieter crossings from next spring, the company says"], "Quieter crossings"),
    ("byline-is-not-one", ["By Mara Quill"], None),
    ("dateline-is-not-one", ["Published 3 March 2026, 10:15"], None),
    ("credit-is-not-one", ["Photo: Harbour Ledger / Jon Tarn archive picture"], None),
    ("lead-in-body-is-left-to-the-lede", [], None),
]


@pytest.mark.parametrize(
    ("between", "expected"), [c[1:] for c in STANDFIRSTS], ids=[c[0] for c in STANDFIRSTS]
)
def test_standfirst_summary(between: list[str], expected: str | None) -> None:
    text = "\n".join(["The Harbour Ledger", "Home", "Town", HEADLINE, *between, LEAD, *MORE])
    result = extract_dump(text, ExtractContext(rel_path="ferry.txt"))
    assert result.title == HEADLINE
    if expected is None:
        assert result.summary is None
    else:
        assert result.summary is not None
        assert result.summary.startswith(expected)
        assert result.summary not in result.paragraphs
