"""Choose each article's "Read next" block from the archive's own text.  Never imports Pelican.

``recommend(docs, settings)`` returns, per slug, a :class:`Block`: the editor's pins first (in
their order), then the best-scoring articles; near-duplicates (the same text re-published or
from another source) are set apart in ``duplicates`` and never shown as read next.
The result depends only on the archive: the order of ``docs`` does not matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz

from .candidates import Bools, Candidates, Context, Ints, candidates
from .doc import Doc
from .index import Features, Tokenise, Words, build
from .reasons import Pair, describe, shared_labels
from .settings import ReadNextSettings
from .text import tokens

# Candidates kept per article before duplicates and pins are set apart: the block needs
# ``count``; the rest is head-room so a block is still full after removing them.
HEADROOM = 3
# Least word cosine (kept words over the full norm) of a near-duplicate pair; planted
# re-publishes in bench/read_next_corpus.py score 0.42-0.50.
DUPLICATE_TEXT_FLOOR = 0.3
# First characters of the body compared, and the rapidfuzz ratio (0-100) at or above which
# two leads read alike: planted re-publishes (4% of words changed) score >= 91.5.  With this
# check, bench/synth.py story articles missing a fellow from their block fell from 868 to 19
# of 9,000 (30k archive); planted re-publishes stay 100% grouped.
LEAD_CHARS = 400
DUPLICATE_LEAD_RATIO = 80.0


class ReadNextError(ValueError):
    """The archive cannot be scored as it is (duplicate slugs, bad pins)."""

    def __init__(self, slug: str, message: str) -> None:
        super().__init__(f"{slug}: {message}")
        self.slug = slug


class UnknownPinError(ReadNextError):
    """An article pins a slug that is not in the archive."""


@dataclass(frozen=True)
class Pick:
    """One chosen article: its slug, score and the human reason for choosing it."""

    slug: str
    score: float
    reason: str
    shared: tuple[str, ...]
    pinned: bool = False
    kind: str = ""  # what the reason says: "pinned", "story", "name", "category", "text"


@dataclass(frozen=True)
class Block:
    """The read-next block of one article and the near-duplicates grouped with it."""

    picks: tuple[Pick, ...] = ()
    duplicates: tuple[str, ...] = ()


def _context(docs: Sequence[Doc]) -> Context:
    days = np.array(
        [d.date.timestamp() / 86400.0 if d.date_stated else np.nan for d in docs],
        dtype=np.float64,
    )
    codes: dict[str, int] = {}
    category = np.array([codes.setdefault(d.category.lower(), len(codes)) for d in docs])
    return Context(days, category.astype(np.int64))


def _pins(doc: Doc, index: Mapping[str, int]) -> list[int]:
    pinned: list[int] = []
    for slug in doc.read_next_pins:
        if slug not in index:
            raise UnknownPinError(doc.slug, f"read_next_pins: no article with slug {slug!r}")
        if slug == doc.slug:
            raise ReadNextError(doc.slug, "read_next_pins: an article cannot pin itself")
        if index[slug] not in pinned:
            pinned.append(index[slug])
    return pinned


def _lead(doc: Doc) -> str:
    return (doc.body or doc.title)[:LEAD_CHARS]


def _duplicates(docs: Sequence[Doc], found: Candidates, threshold: float) -> list[set[int]]:
    """Return, per article, the candidates that are (nearly) the same text.

    Suspects are pairs whose kept words match (``same_text``: re-publishes >= 0.92 on
    bench/read_next_corpus.py) with a real overlap of the whole texts (``text``).  Kept words
    alone also match members of a tight story (bench/synth.py: 5% of story articles lost a
    fellow to wrong grouping), so a suspect is confirmed only when the two leads read alike: a
    re-publish or the same wire copy keeps its first paragraph, a follow-up rewrites it.
    """
    n = len(docs)
    dups: list[set[int]] = [set() for _ in range(n)]
    rows = np.repeat(np.arange(n), np.diff(found.indptr))
    hit = (found.same_text >= threshold) & (found.text >= DUPLICATE_TEXT_FLOOR)
    for i, j in zip(rows[hit].tolist(), found.cols[hit].tolist(), strict=True):
        if j in dups[i] or fuzz.ratio(_lead(docs[i]), _lead(docs[j])) < DUPLICATE_LEAD_RATIO:
            continue
        dups[i].add(j)
        dups[j].add(i)  # symmetric even when only one side kept the pair
    return dups


def _choose(
    i: int, found: Candidates, pinned: list[int], dups: list[set[int]], settings: ReadNextSettings
) -> list[tuple[int, int]]:
    """Pick one block the general way (pins, duplicates): (pick, candidate position or -1)."""
    lo, hi = int(found.indptr[i]), int(found.indptr[i + 1])
    position = {j: lo + k for k, j in enumerate(found.cols[lo:hi].tolist())}
    chosen = [(j, position.get(j, -1)) for j in pinned[: settings.count]]
    taken = set(pinned)
    weak = _weak(found, settings)[lo:hi].tolist()
    for fallback in (False, True):
        ranked = zip(found.cols[lo:hi].tolist(), found.score[lo:hi].tolist(), weak, strict=True)
        for j, score, ok in ranked:
            if len(chosen) >= settings.count or score < settings.fallback_score:
                break
            if score < settings.min_score and not (fallback and ok):
                continue
            if j in dups[i] or j in taken or any(j in dups[c] for c in taken):
                continue
            chosen.append((j, position[j]))
            taken.add(j)
        if len(chosen) > len(pinned):
            break
    return chosen


def _weak(found: Candidates, settings: ReadNextSettings) -> Bools:
    """Candidates good enough for an otherwise empty block: some words and several names."""
    ok = (found.score >= settings.fallback_score) & (found.names >= settings.fallback_names)
    return np.asarray(ok)


def _first(found: Candidates, rows: Ints, mask: Bools, count: int) -> Bools:
    """Keep, per row, only the first ``count`` entries of ``mask`` (candidates are ranked)."""
    before = np.concatenate(([0], np.cumsum(mask)))
    return np.asarray(mask & ((before[1:] - before[found.indptr[:-1]][rows]) <= count))


def _select(
    found: Candidates, pins: list[list[int]], dups: list[set[int]], settings: ReadNextSettings
) -> tuple[Ints, Ints, Ints]:
    """Return (article, pick, candidate position or -1) for every block, in rank order.

    Most articles have neither pins nor near-duplicates near them: their block is simply the
    first ``count`` candidates at or above ``min_score``, found with array operations (a
    Python loop over every candidate took a third of the run).  The rest go through
    :func:`_choose`.
    """
    n = len(pins)
    rows = np.repeat(np.arange(n), np.diff(found.indptr))
    special = np.array([bool(p) or bool(d) for p, d in zip(pins, dups, strict=True)], dtype=bool)
    # Articles whose candidates include a duplicated text must show one copy only.
    duplicated = np.array([bool(d) for d in dups], dtype=bool)
    special |= np.bincount(rows[duplicated[found.cols]], minlength=n) > 0
    ok = _first(found, rows, (found.score >= settings.min_score) & ~special[rows], settings.count)
    empty = np.bincount(rows[ok], minlength=n) == 0
    weak = _weak(found, settings) & empty[rows] & ~special[rows]
    ok |= _first(found, rows, weak, settings.count)
    parts = [(rows[ok], found.cols[ok], np.flatnonzero(ok))]
    for i in np.flatnonzero(special).tolist():
        chosen = _choose(i, found, pins[i], dups, settings)
        parts.append(
            (
                np.full(len(chosen), i),
                np.array([c[0] for c in chosen], dtype=np.int64),
                np.array([c[1] for c in chosen], dtype=np.int64),
            )
        )
    rows, cols, pos = (np.concatenate([p[k] for p in parts]).astype(np.int64) for k in range(3))
    order = np.argsort(rows, kind="stable")  # blocks together, each keeping its rank order
    return rows[order], cols[order], pos[order]


def _blocks(
    docs: Sequence[Doc],
    found: Candidates,
    features: Features,
    pins: list[list[int]],
    dups: list[set[int]],
    settings: ReadNextSettings,
) -> dict[str, Block]:
    """Turn the chosen pairs into blocks with scores, shared labels and reasons."""
    rows, cols, pos = _select(found, pins, dups, settings)
    score = np.where(pos >= 0, found.score[np.maximum(pos, 0)], 0.0).tolist()
    text = np.where(pos >= 0, found.text[np.maximum(pos, 0)], 0.0).tolist()
    shared = shared_labels(features, rows, cols)
    picks: list[list[Pick]] = [[] for _ in docs]
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        pinned = j in pins[i]
        kind, reason = describe(Pair(docs[i], docs[j], text[k], pinned), shared[k])
        picks[i].append(Pick(docs[j].slug, score[k], reason, shared[k], pinned, kind))
    blocks = {}
    for i, doc in enumerate(docs):
        dup = sorted(dups[i], key=lambda j: (docs[j].date, docs[j].slug))
        blocks[doc.slug] = Block(tuple(picks[i]), tuple(docs[j].slug for j in dup))
    return blocks


def recommend(
    docs: Sequence[Doc],
    settings: ReadNextSettings,
    tokenise: Tokenise = tokens,
    count: Callable[[Iterable[str]], Words] | None = None,
) -> dict[str, Block]:
    """Return every article's read-next block, keyed by slug (``tokenise``, ``count``: see
    index.build)."""
    ordered = sorted(docs, key=lambda d: d.slug)
    index = {d.slug: k for k, d in enumerate(ordered)}
    if len(index) != len(ordered):
        twice = next(a.slug for a, b in pairwise(ordered) if a.slug == b.slug)
        raise ReadNextError(twice, "two articles have this slug")
    pins = [_pins(d, index) for d in ordered]
    if not ordered:
        return {}
    features = build(ordered, settings, tokenise, count)
    keep = settings.count * HEADROOM + max(len(p) for p in pins)
    found = candidates(features, _context(ordered), settings, keep)
    dups = _duplicates(ordered, found, settings.duplicate_threshold)
    return _blocks(ordered, found, features, pins, dups, settings)
