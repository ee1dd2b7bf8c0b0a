"""A post embedded in a dump's text (its words, then "— Name (@handle) date") is text, and
its attribution a paragraph, not a sub-heading."""

from __future__ import annotations

import re

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import embeds, extract_dump
from briefing.markdown import paragraphs_to_markdown

P1 = (
    "The state's new anti-drug campaign drew thousands of replies on social media within a "
    "day, most of them jokes about its slogan and its cost to the taxpayer."
)
P2 = (
    "The governor defended the campaign on Tuesday, saying that the attention it drew was "
    "exactly what the state had paid for and that the number of calls to its helpline rose."
)
P3 = (
    "The agency behind the campaign said it was paid just under half a million dollars for "
    "the slogan, the advertisements and a year of posts on the state's own accounts."
)
POST = "Yes this is real and the state spent half a million on it: https://t.co/Nc0nKo"
ATTRIBUTION = "— Dana Doe (@danadoe) November 18, 2019"
CLOSING_POST = "The whole point of the campaign is to raise awareness. So it is working."
CLOSING_ATTRIBUTION = "— Governor Kay Noor (@govkaynoor) November 18, 2019"
DUMP = "\n".join(
    [
        "Home",
        "News",
        "State doubles down on its anti-drug slogan",
        "19 November 2019",
        P1,
        POST,
        ATTRIBUTION,
        P2,
        "Most read",  # a menu label above a paragraph is no post
        P3,
        CLOSING_POST,
        CLOSING_ATTRIBUTION,
        "Share this:",
        "Twitter",
        "Related: Quiz of the week (@quiz) 2019",  # no attribution: no dash opens it
        "Contact us",
    ]
)


def _found() -> tuple[str, ...]:
    return extract_dump(DUMP, ExtractContext(rel_path="x.txt")).paragraphs


@pytest.mark.parametrize(
    "line",
    [POST, ATTRIBUTION, CLOSING_POST, CLOSING_ATTRIBUTION],
    ids=["post", "attribution", "closing-post", "closing-attribution"],
)
def test_embedded_post_is_kept(line: str) -> None:
    paragraphs = _found()
    assert line in paragraphs
    assert P1 in paragraphs and P3 in paragraphs


@pytest.mark.parametrize(
    "line", ["Most read", "Share this:", "Related: Quiz of the week (@quiz) 2019"]
)
def test_other_lines_are_left_out(line: str) -> None:
    assert line not in _found()


def test_attribution_is_a_paragraph_not_a_heading() -> None:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    body = paragraphs_to_markdown(found.paragraphs, found.blocks)
    assert f"\n{ATTRIBUTION}\n" in body
    assert "## —" not in body


def test_without_the_rule_the_posts_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeds, "POST_ATTRIBUTION", re.compile(r"(?!)"))
    paragraphs = _found()
    assert POST not in paragraphs and CLOSING_ATTRIBUTION not in paragraphs


def test_explain_names_the_post() -> None:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: (d.label, d.reason) for d in found.decisions}
    assert reasons[ATTRIBUTION] == ("body", "post embedded in the text")
