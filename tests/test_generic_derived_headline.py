"""A headline derived from the lede is a complete phrase, never cut inside one (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefing.extraction import ExtractContext, Extracted
from briefing.generic.headline import derived_headline
from briefing.normalise import MAX_TITLE_CHARS, Dating, first_sentence, to_article

LEDE = (
    "The regional minister of transport held a meeting on Thursday with Senator Margaret "
    "Ellingworth Stone, a member of the committee on infrastructure, to discuss the new "
    "bridge over the river."
)

# (id, lede, the headline must be, or must start with when it ends in "…")
CASES = [
    # Longer than the limit: the first clause ends the headline, even a little past the limit,
    # rather than a cut inside the senator's name.
    (
        "first-clause-past-the-limit",
        LEDE,
        "The regional minister of transport held a meeting on Thursday with Senator Margaret "
        "Ellingworth Stone",
    ),
    # A short sentence is the headline whole, its full stop dropped.
    (
        "short-sentence-whole",
        "Council approves the cycle lanes. The works start in May.",
        "Council approves the cycle lanes",
    ),
    # Of several clauses within the limit, the headline keeps as many as fit.
    (
        "clauses-that-fit",
        "Residents packed the hall on Tuesday, the mayor listened for an hour, and then the "
        "council voted to close the road to lorries for the whole of the summer season.",
        "Residents packed the hall on Tuesday, the mayor listened for an hour",
    ),
    # A short opener before the first comma is no headline: the next clause boundary is used.
    (
        "opener-not-a-headline",
        "In Baku, the foreign ministers of both countries signed a declaration on transport "
        "corridors; the text was published on the ministry's site later in the evening hours.",
        "In Baku, the foreign ministers of both countries signed a declaration on transport "
        "corridors",
    ),
]


@pytest.mark.parametrize(("lede", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_derived_headline_is_a_complete_phrase(lede: str, expected: str) -> None:
    assert first_sentence(lede) == expected


def test_without_a_clause_boundary_words_are_cut_outside_a_name() -> None:
    words = "The minister met Senator Margaret Ellingworth Stone"
    sentence = f"{words} and many other people from the region " + "again " * 10 + "today"
    limit = len(words) - 3  # the limit falls inside the name
    headline = derived_headline(sentence, limit)
    assert headline == "The minister met…"
    assert len(headline) <= limit


def test_an_article_without_headline_gets_a_complete_one() -> None:
    found = Extracted(paragraphs=(LEDE,), origin={"extractor": "generic-dump"})
    ctx = ExtractContext(rel_path="page.txt")
    article = to_article(found, Dating(today=datetime(2026, 3, 5, tzinfo=UTC)), ctx.rel_path)
    assert article.origin["title"] == "lede"
    assert article.title.endswith("Senator Margaret Ellingworth Stone")
    assert "…" not in article.title
    assert len(article.title) <= MAX_TITLE_CHARS * 1.25
