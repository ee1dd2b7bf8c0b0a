"""Tags, section and standfirst of a dump, where the page shows them apart from the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.generic.bylines import is_byline
from briefing.generic.lines import Line
from briefing.generic.patterns import (
    CAPTION_CUE,
    CATEGORY_LABEL,
    COMMENTS_OPEN,
    DATE_HINT,
    TAGS_LABEL,
)

MAX_TAG_WORDS = 5  # "Klimawandel", "Donald Trump", "Champions League": tags are short
MAX_TAGS = 20
# Shorter is a label or a byline, longer is a paragraph.  Not scored (the dev sets have no
# standfirst): on dev-fundus dumps it picks a line on 23 of 61 pages; read by hand, 22 are
# standfirsts and one (isiZulu) could not be judged.
STANDFIRST_WORDS = (6, 60)
SHOUTED_WORDS = 3  # "YOU MIGHT LIKE": a heading in capitals; "NATO" or "US Air Force" are tags
MAX_LABEL_WORDS = 40  # "Tags: a, b, c" inline lists stay under this
BREADCRUMB_MAX_WORDS = 6
# A label ending in ":" or a count glued to its word ("Kommentieren0") closes a tag list;
# "10 GB" or "2021 unrest" can be tags.
_NOT_A_TAG = re.compile(r"[a-zß-ÿ]\d+$|:$")
_SPLIT = re.compile(r"\s*[,;|·•#]\s*")


def find_tags(lines: list[Line], start: int, end: int) -> tuple[tuple[str, ...], frozenset[int]]:
    """Return the tags of a labelled tag list (inline or one per line) and the lines used.

    Only labels from the body start on count ("Themen" above the article is a menu); of
    those, the one nearest the body's end wins.
    """
    labels = [
        (line, m)
        for line in lines[start:]
        if line.words <= MAX_LABEL_WORDS and (m := TAGS_LABEL.match(line.text)) is not None
    ]
    for line, m in sorted(labels, key=lambda pair: abs(pair[0].index - end)):
        rest = m.group("rest").strip()
        if rest:
            tags = [t for t in _SPLIT.split(rest) if t and len(t.split()) <= MAX_TAG_WORDS]
            return _unique(tags), frozenset({line.index})
        return _tags_below(lines, line.index)
    return (), frozenset()


def _tags_below(lines: list[Line], label: int) -> tuple[tuple[str, ...], frozenset[int]]:
    tags: list[str] = []
    used = {label}
    for line in lines[label + 1 : label + 1 + MAX_TAGS]:
        tag = line.text.lstrip("# ")  # "# Topic": a hashtag list
        if not tag or len(tag.split()) > MAX_TAG_WORDS or line.furniture or line.prose:
            break
        if _NOT_A_TAG.search(line.text) or COMMENTS_OPEN.match(line.text):
            break  # "12 comments", "Anna says:": the comments have begun
        if tags and line.words >= SHOUTED_WORDS and line.text.isupper():
            break  # "YOU MIGHT LIKE" under a list of tags: the next block has begun
        tags.append(tag)
        used.add(line.index)
    return _unique(tags), frozenset(used)


def split_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Return tags from values that may each hold several ("a, b; c"), deduplicated."""
    tags = [t.strip() for value in values for t in _SPLIT.split(value)]
    return _unique([t for t in tags if t and len(t.split()) <= MAX_TAG_WORDS])


def _unique(tags: list[str]) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for tag in tags:
        out.setdefault(tag.casefold(), tag)
    return tuple(out.values())[:MAX_TAGS]


def find_category(lines: list[Line], title: int | None) -> tuple[str | None, int | None]:
    """Return the section from a "Section: X" label or a breadcrumb ending in the title."""
    for line in lines:
        m = CATEGORY_LABEL.match(line.text)
        if m and line.words <= BREADCRUMB_MAX_WORDS:
            return m.group("rest").strip(), line.index
    if title is None:
        return None, None
    headline = lines[title].text
    for line in lines[max(0, title - 5) : title]:
        if line.text.endswith(headline) and line.text != headline:
            crumbs = line.text[: -len(headline)].split()
            if 1 <= len(crumbs) <= BREADCRUMB_MAX_WORDS:
                return crumbs[-1].strip(" >/|»\u203a"), line.index
    return None, None


def find_standfirst(lines: list[Line], title: int, body: tuple[int, ...]) -> int | None:
    """Return the standfirst: the line right below the headline, when the body leaves it out.

    A standfirst the body keeps (it reads as prose) is left to the normaliser's lede.
    """
    below = next((line for line in lines[title + 1 : title + 3] if line.text), None)
    if below is None or below.index in body or (body and below.index > body[0]):
        return None
    low, high = STANDFIRST_WORDS
    if not low <= below.words <= high or below.furniture or below.learned:
        return None
    text = below.text
    if CAPTION_CUE.search(text) or DATE_HINT.search(text) or is_byline(text):
        return None
    return below.index
