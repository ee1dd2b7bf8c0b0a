"""Scored candidate pairs, chunk by chunk, in two stages.

1. Find: sparse products of the *index* matrices (each article's most central words, each
   word's heaviest articles, rare names and tags) give a rough relevance for the pairs that
   share something; each article keeps its ``ROUGH_FACTOR * keep`` best.
2. Rescore those pairs on the kept word, name and tag vectors, apply category and recency,
   and keep the ``keep`` best.

Work and memory per article are bounded, so both grow linearly with the archive.  Order
within an article is total and reproducible: score (rounded to 6 places, so float noise
cannot reorder), then the more recent date, then the slug (rows are in slug order, so the
column index is the slug rank).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .index import Features
from .settings import ReadNextSettings

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
# Rows per sparse product: bounds the size of one chunk's candidate matrix.
CHUNK_ROWS = 4096
# Candidates rescored per kept one: the rough (index) score misses pruned words.  On
# bench/synth.py at 30k, 3 -> 2 -> 1 cost 11.4 / 10.4 / 9.8 s of CPU for story recall
# 0.9725 / 0.9723 / 0.9719 (precision@5 0.997 throughout).
ROUGH_FACTOR = 2


@dataclass(frozen=True)
class Candidates:
    """Each article's best candidates, CSR-style: row ``i`` is ``indptr[i]:indptr[i+1]``."""

    indptr: Ints
    cols: Ints
    score: Floats
    text: Floats  # word cosine over kept terms, full-norm scaled (<= the exact cosine)
    same_text: Floats  # cosine of the kept-word vectors: 1.0 for identical texts
    names: Ints  # how many names the two share


@dataclass(frozen=True)
class Context:
    """Per-article arrays the modulation needs, in row order."""

    days: Floats  # date as days since the epoch; NaN when the date was not stated by the source
    category: Ints  # category code


def _modulate(
    rows: Ints, cols: Ints, relevance: Floats, ctx: Context, settings: ReadNextSettings
) -> Floats:
    """Scale relevance by the shared category and the closeness of the dates."""
    w = settings.weights
    same = ctx.category[rows] == ctx.category[cols]
    apart = np.abs(ctx.days[rows] - ctx.days[cols])
    # A date the source did not state (the day of ingest) says nothing about closeness in time:
    # such a pair counts as one half-life apart, neither favoured nor pushed away.
    decay = np.where(np.isnan(apart), 0.5, np.exp2(-apart / settings.half_life_days))
    factor = (1.0 + w.category * same) * ((1.0 - w.recency) + w.recency * decay)
    return np.asarray(np.round(relevance * factor, 6), dtype=np.float64)


def _ranks(rows: Ints) -> Ints:
    """Return each entry's position within its row, for ``rows`` sorted ascending."""
    if not len(rows):
        return rows
    counts = np.bincount(rows - rows[0])
    starts = np.cumsum(counts) - counts
    return np.asarray(np.arange(len(rows)) - starts[rows - rows[0]], dtype=np.int64)


def _top(rows: Ints, cols: Ints, score: Floats, days: Floats, keep: int) -> Ints:
    """Return the positions of each row's ``keep`` best pairs, in rank order.

    One float sort finds each row's ``keep``-th best score; only pairs at or above it (ties
    included, so the cut is exact) get the full sort by score, date and slug.  The full
    four-key sort of every pair took 60% of the run at 10k articles.
    """
    if len(rows) == 0:
        return rows
    key = rows * (float(score.max()) + 1.0) - score  # one key: row, then score descending
    order = np.argsort(key, kind="stable")
    ranked = rows[order]
    rank = _ranks(ranked)
    cut = np.full(int(rows.max()) + 1, -np.inf)
    last = rank == keep - 1
    cut[ranked[last]] = score[order[last]]
    chosen = np.flatnonzero(score >= cut[rows])
    final = chosen[np.lexsort((cols[chosen], -days[cols[chosen]], -score[chosen], rows[chosen]))]
    return final[_ranks(rows[final]) < keep]


def _pair_dot(matrix: sp.csr_matrix, rows: Ints, cols: Ints) -> Floats:
    """Return the row products ``matrix[rows[k]] . matrix[cols[k]]`` for every k."""
    if not len(rows):
        return np.zeros(0)
    both = matrix[rows].multiply(matrix[cols])
    return np.asarray(both.sum(axis=1), dtype=np.float64).ravel()


def _pair_count(matrix: sp.csr_matrix, rows: Ints, cols: Ints) -> Ints:
    """Return how many columns rows[k] and cols[k] both have, for every k."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    both = sp.csr_matrix(matrix[rows].multiply(matrix[cols]))
    return np.asarray(np.diff(both.indptr), dtype=np.int64)


def _found(
    features: Features,
    transposed: tuple[sp.csr_matrix, ...],
    start: int,
    stop: int,
    weights: tuple[float, float, float],
) -> sp.csr_matrix:
    """Return the rough relevance of rows ``start:stop`` to every article, from the index."""
    mats = (features.words_index, features.names_index, features.tags_index)
    found = None
    for w, matrix, t in zip(weights, mats, transposed, strict=True):
        if w:
            part = w * (matrix[start:stop] @ t)
            found = part if found is None else found + part
    return sp.csr_matrix(found if found is not None else (stop - start, matrix.shape[0]))


def _chunk(
    features: Features,
    transposed: tuple[sp.csr_matrix, ...],
    start: int,
    stop: int,
    ctx: Context,
    settings: ReadNextSettings,
    keep: int,
) -> tuple[npt.NDArray[Any], ...]:
    """Find, rescore and rank the candidates of rows ``start:stop``."""
    w = settings.weights
    rough = _found(features, transposed, start, stop, (w.text, w.entities, w.tags))
    rows = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(rough.indptr))
    cols = rough.indices.astype(np.int64)
    mask = rows != cols
    rows, cols = rows[mask], cols[mask]
    # Rough scores only choose whom to rescore: ROUGH_FACTOR x keep per article.
    best = _top(rows, cols, rough.data[mask], ctx.days, keep * ROUGH_FACTOR)
    rows, cols = rows[best], cols[best]
    text = _pair_dot(features.words, rows, cols)
    names = _pair_dot(features.names, rows, cols)
    tags = _pair_dot(features.tags, rows, cols)
    score = _modulate(rows, cols, w.text * text + w.entities * names + w.tags * tags, ctx, settings)
    best = _top(rows, cols, score, ctx.days, keep)
    rows, cols, score, text = rows[best], cols[best], score[best], text[best]
    same_text = text * features.words_scale[rows] * features.words_scale[cols]
    return rows, cols, score, text, same_text, _pair_count(features.names, rows, cols)


def candidates(
    features: Features, ctx: Context, settings: ReadNextSettings, keep: int
) -> Candidates:
    """Score the pairs found through the index; keep each article's ``keep`` best."""
    n = features.words.shape[0]
    mats = (features.words_index, features.names_index, features.tags_index)
    transposed = tuple(sp.csr_matrix(m.T) for m in mats)
    parts = [
        _chunk(features, transposed, start, min(n, start + CHUNK_ROWS), ctx, settings, keep)
        for start in range(0, n, CHUNK_ROWS)
    ]
    rows, cols, score, text, same, names = (np.concatenate([p[k] for p in parts]) for k in range(6))
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n)))).astype(np.int64)
    return Candidates(indptr, cols.astype(np.int64), score, text, same, names)
