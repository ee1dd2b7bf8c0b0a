"""Why an article is read next, in words a reader uses: "Earlier on this story, 3 days before",
"Also about San Francisco", "More in Politics", "Editor's pick"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .candidates import Floats, Ints
from .doc import Doc
from .index import Features

MAX_SHARED = 3
# Word cosine (kept terms, full norm) from which a pair is called "same story".  Among the
# candidates on bench/synth.py (4k, seed 2), pairs within a planted story score >= 0.19 (1st
# percentile; median 0.32) and other pairs <= 0.054 (99th percentile).
SAME_STORY_TEXT = 0.12


@dataclass(frozen=True)
class Pair:
    """An article and one article chosen for its block."""

    doc: Doc
    target: Doc
    text: float  # word cosine
    pinned: bool


def _common(
    matrix: sp.csr_matrix, idf: Floats, labels: tuple[str, ...], rows: Ints, cols: Ints
) -> list[list[str]]:
    """Per pair, the labels both rows have: rarest first, then alphabetical."""
    both = sp.csr_matrix(matrix[rows].multiply(matrix[cols]))
    pair = np.repeat(np.arange(len(rows)), np.diff(both.indptr))
    label_rank = np.argsort(np.argsort(np.array(labels, dtype=object)))
    order = np.lexsort((label_rank[both.indices], -idf[both.indices], pair))
    out: list[list[str]] = [[] for _ in range(len(rows))]
    for k, c in zip(pair[order].tolist(), both.indices[order].tolist(), strict=True):
        if len(out[k]) < MAX_SHARED:
            out[k].append(labels[c])
    return out


def shared_labels(features: Features, rows: Ints, cols: Ints) -> list[tuple[str, ...]]:
    """Return, per pair, the names then tags both articles have, rarest first (at most three)."""
    names = _common(features.names, features.name_idf, features.name_labels, rows, cols)
    tags = _common(features.tags, features.tag_idf, features.tag_labels, rows, cols)
    return [tuple(dict.fromkeys(a + b))[:MAX_SHARED] for a, b in zip(names, tags, strict=True)]


def days_apart(doc: Doc, target: Doc) -> float | None:
    """Return how many days the target is after (+) or before (-) the article, if both dated."""
    if not (doc.date_stated and target.date_stated):
        return None  # a date the source did not state (the day of ingest) tells no distance
    return (target.date - doc.date).total_seconds() / 86400.0


def distance(days: float) -> str:
    """Say a distance in days as a reader would: '3 days', '2 months', '4 years'."""
    span = abs(days)
    if span < 45.0:
        n = max(1, round(span))
        return f"{n} day{'s' if n != 1 else ''}"
    if span < 730.0:
        n = round(span / 30.44)
        return f"{n} month{'s' if n != 1 else ''}"
    return f"{round(span / 365.25)} years"


def story_reason(days: float | None) -> str:
    """Return the reason for a link to the same story, with how far apart the two are."""
    if days is None:
        return "Same story"
    if abs(days) < 1.0:
        return "Same story, same day"
    if days < 0:
        return f"Earlier on this story, {distance(days)} before"
    return f"Later on this story, {distance(days)} after"


def describe(pair: Pair, shared: tuple[str, ...]) -> tuple[str, str]:
    """Return the kind of a pick ("pinned", "story", "name", "category", "text") and its reason."""
    if pair.pinned:
        return "pinned", "Editor's pick"
    if pair.text >= SAME_STORY_TEXT and shared and _full(pair.doc) and _full(pair.target):
        return "story", story_reason(days_apart(pair.doc, pair.target))
    if shared:
        return "name", f"Also about {about(pair, shared)}"
    if pair.doc.category.lower() == pair.target.category.lower():
        return "category", f"More in {pair.target.category}"
    return "text", "A similar report"


def about(pair: Pair, shared: tuple[str, ...]) -> str:
    """Return the shared name a reader sees the link by: one in a headline, else a whole
    name of several words, else the rarest."""
    titles = f"{pair.target.title} {pair.doc.title}".casefold()
    in_title = [name for name in shared if name.casefold() in titles]
    whole = [name for name in shared if " " in name]
    return (in_title or whole or list(shared))[0]


def _full(doc: Doc) -> bool:
    """Only full articles can be the same story: a headline-only brief shares too few words."""
    return doc.kind == "article" and bool(doc.body)
