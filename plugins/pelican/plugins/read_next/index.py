"""Sparse feature matrices of an archive: TF-IDF words, names and tags, one row per article.

Rows are L2-normalised with the norm of the *full* vector, so a row product is the exact
cosine minus what pruning removed.  Pruning is what makes this scale:

1. words in fewer than 2 articles pair nothing; words in more than ``max_df_share`` of the
   archive are stop words: both dropped;
2. each article keeps its ``max_terms`` heaviest words (``kept``: used to score pairs);
3. for *finding* candidates (the ``*_index`` matrices) an article offers only its
   ``index_terms`` heaviest words, and each word, name or tag keeps only its
   ``max_postings`` heaviest articles: the articles where it is most central.  A story's
   words are ordinary words elsewhere but heavy in the story's own articles, so they stay
   linked there, and the work per article is bounded, so time grows linearly.

All off (``max_terms=0, index_terms=0, max_postings=0, max_df_share=1``) is the exact,
quadratic TF-IDF method the benchmark measures agreement against.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .doc import Doc
from .settings import ReadNextSettings
from .text import WORD_RE, Tokens, plain, tokens

Floats = npt.NDArray[np.float64]
# A word is a stop word only past max_df_share of the archive *and* this many articles: in a
# small archive (a test site, a new section) a story's words would otherwise count as stop words.
STOP_MIN_DF = 10
ROW_BLOCK = 8192


@dataclass(frozen=True)
class Features:
    """The archive as row-normalised sparse matrices plus what reasons need."""

    words_index: sp.csr_matrix  # articles x words, postings capped: finds candidates
    words: sp.csr_matrix  # articles x words, each article's heaviest: scores pairs
    words_scale: Floats  # full norm / kept norm: turns a row product into the kept cosine
    names_index: sp.csr_matrix
    names: sp.csr_matrix  # all names (the pattern also gives the "shared:" labels)
    name_labels: tuple[str, ...]
    name_idf: Floats
    tags_index: sp.csr_matrix
    tags: sp.csr_matrix
    tag_labels: tuple[str, ...]
    tag_idf: Floats


class _Counts:
    """Sparse counts built row by row in compact arrays (Python lists cost 8 bytes a cell)."""

    def __init__(self) -> None:
        self.ids: defaultdict[str, int] = defaultdict()
        self.ids.default_factory = self.ids.__len__  # a new key gets the next column
        self.indices = array("i")
        self.data = array("i")
        self.indptr = array("q", [0])

    def add(self, counts: Mapping[str, int]) -> None:
        if len(counts) > 1:
            # itemgetter looks all keys up in one C call: 5x faster than map(ids.__getitem__)
            # on a defaultdict, which was a fifth of the whole run.
            self.indices.fromlist([*itemgetter(*counts)(self.ids)])
        elif counts:
            self.indices.append(self.ids[next(iter(counts))])
        self.data.fromlist([*counts.values()])
        self.indptr.append(len(self.indices))

    def matrix(self) -> sp.csr_matrix:
        shape = (len(self.indptr) - 1, len(self.ids))
        arrays = (
            np.frombuffer(a, dtype=a.typecode) for a in (self.data, self.indices, self.indptr)
        )
        # float32: the counts matrix is the largest thing built; halves its data.
        return sp.csr_matrix(tuple(arrays), shape=shape, dtype=np.float32)


def _fold(counts: sp.csr_matrix, columns: npt.NDArray[np.int32], width: int) -> sp.csr_matrix:
    """Merge columns: column ``k`` of ``counts`` is added into column ``columns[k]``."""
    out = sp.csr_matrix(
        (counts.data, columns[counts.indices], counts.indptr), shape=(counts.shape[0], width)
    )
    out.sum_duplicates()
    return out


def _weigh(counts: sp.csr_matrix, sublinear: bool) -> tuple[sp.csr_matrix, Floats, Floats]:
    """Turn counts into TF-IDF weights in place; return them, the idf and the df of columns."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    data = counts.data
    if sublinear:
        np.log(data, out=data)
        data += 1.0
    else:
        data[:] = 1.0
    data *= idf.astype(data.dtype)[counts.indices]
    return counts, idf, df


def _row_norms(matrix: sp.csr_matrix) -> Floats:
    """Return each row's L2 norm, ROW_BLOCK rows at a time.

    The squares of a 100k archive's counts, whole and widened to float64, were 400 MB.  Each
    row is summed over exactly the values it was summed over whole (the float sums are the
    same): its own, and the appended 0.0 for the last row only.
    """
    n, indptr = matrix.shape[0], matrix.indptr
    squares = np.zeros(n, dtype=np.float64)
    for start in range(0, n, ROW_BLOCK):
        stop = min(n, start + ROW_BLOCK)
        lo, hi = int(indptr[start]), int(indptr[stop])
        part = matrix.data[lo:hi] ** 2
        part = np.append(part, 0.0) if stop == n else part.astype(np.float64)
        at = indptr[start:stop] - lo
        rows = int(np.searchsorted(at, len(part)))  # the empty rows after the last value: 0
        if rows:
            squares[start : start + rows] = np.add.reduceat(part, at[:rows])
    return np.sqrt(np.where(np.diff(indptr) > 0, squares, 0.0))


def _top_rows(
    matrix: sp.csr_matrix, keep: npt.NDArray[np.bool_], limit: int
) -> tuple[npt.NDArray[Any], ...]:
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int32), np.diff(matrix.indptr))
    rows, cols, vals = rows[keep], matrix.indices[keep], matrix.data[keep]
    if limit:
        # One stable float sort: row, then weight descending (ties: column order).
        key = rows - vals.astype(np.float64) / (float(vals.max(initial=0.0)) + 1.0)
        order = np.argsort(key, kind="stable")
        ranked = rows[order]
        rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
        top = np.sort(order[rank < limit])
        rows, cols, vals = rows[top], cols[top], vals[top]
    return rows, cols, vals


def _top_per_row(matrix: sp.csr_matrix, keep: npt.NDArray[np.bool_], limit: int) -> sp.csr_matrix:
    """Return the matrix with only the entries in ``keep``, at most ``limit`` per row (heaviest).

    Works through ROW_BLOCK rows at a time: the temporary arrays of a whole 100k archive's
    counts (25M entries) were most of the peak memory.
    """
    parts = []
    for start in range(0, matrix.shape[0], ROW_BLOCK):
        stop = min(matrix.shape[0], start + ROW_BLOCK)
        lo, hi = matrix.indptr[start], matrix.indptr[stop]
        rows, cols, vals = _top_rows(matrix[start:stop], keep[lo:hi], limit)
        parts.append((rows + start, cols, vals))
    if not parts:
        return sp.csr_matrix(matrix.shape, dtype=np.float64)
    rows, cols, vals = (np.concatenate([p[k] for p in parts]) for k in range(3))
    return sp.csr_matrix((vals.astype(np.float64), (rows, cols)), shape=matrix.shape)


def _truncate(
    weights: sp.csr_matrix, df: Floats, settings: ReadNextSettings, limit: int, min_df: int = 2
) -> sp.csr_matrix:
    """Drop rare and stop-word columns; keep each row's ``limit`` heaviest entries."""
    stop = max(float(STOP_MIN_DF), settings.max_df_share * weights.shape[0])
    # Per column, then looked up per entry: df[weights.indices] was 270 MB of float64 at 100k.
    return _top_per_row(weights, ((df >= min_df) & (df <= stop))[weights.indices], limit)


def _shared_only(matrix: sp.csr_matrix, df: Floats) -> sp.csr_matrix:
    """Drop the entries of columns in one row only: they pair nothing."""
    keep = (df >= 2)[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[keep]
    return sp.csr_matrix((matrix.data[keep], (rows, matrix.indices[keep])), shape=matrix.shape)


def _cap_postings(matrix: sp.csr_matrix, cap: int) -> sp.csr_matrix:
    """Keep, per column, the ``cap`` rows where it weighs most (all when ``cap`` is 0)."""
    if not cap:
        return matrix
    by_column = sp.csr_matrix(matrix.T)
    return sp.csr_matrix(_top_per_row(by_column, np.ones(by_column.nnz, dtype=bool), cap).T)


def _normalise(matrix: sp.csr_matrix, norms: Floats) -> sp.csr_matrix:
    """Divide each row by its norm (rows with norm 0 stay 0)."""
    safe = np.where(norms > 0, norms, 1.0)
    out = matrix.copy()
    out.data = out.data / np.repeat(safe, np.diff(out.indptr))
    return out


Tokenise = Callable[[str], Tokens]
# What :func:`_words` returns; kept.KeptWords returns the same from the last build's arrays.
Words = tuple[sp.csr_matrix, list[str], Counter[str], Sequence[Iterable[tuple[str, ...]]]]


def _words(texts: Iterable[str], tokenise: Tokenise) -> Words:
    """Return articles x words (case kept) counts, the words' spellings, sentence openers and
    each article's runs of capitalised words (the raw material of names)."""
    counts = _Counts()
    initial: Counter[str] = Counter()
    runs: list[Mapping[tuple[str, ...], int]] = []
    for text in texts:
        words, openers, capitalised = tokenise(text)
        counts.add(words)
        initial.update(openers)
        runs.append(capitalised)
    return counts.matrix(), list(counts.ids), initial, runs


def _fold_case(counts: sp.csr_matrix, spelled: list[str]) -> sp.csr_matrix:
    """Merge the spellings of a word: articles x lower-cased words."""
    lower: dict[str, int] = {"": 0}  # column 0 collects tokens that are not words
    columns = np.fromiter(
        (lower.setdefault(w.lower(), len(lower)) if WORD_RE.fullmatch(w) else 0 for w in spelled),
        dtype=np.int32,
        count=len(spelled),
    )
    folded = _fold(counts, columns, len(lower))
    folded.data[folded.indices == 0] = 0.0
    folded.eliminate_zeros()
    return folded


def _names(
    counts: sp.csr_matrix,
    spelled: list[str],
    initial: Counter[str],
    runs: Sequence[Iterable[tuple[str, ...]]],
) -> tuple[sp.csr_matrix, tuple[str, ...]]:
    """Return articles x names (1 where named) and the names' spellings.

    A name is a whole entity: a run of capitalised words ("San Francisco", "Xi Jinping")
    without the ordinary words at its ends ("The White House" is "White House"), or a single
    capitalised word never written in lower case anywhere in the archive and capitalised at
    least once inside a sentence ("Bayramov", "OIC"; not "According" or "Officials").  Days,
    months and agency credits are never names (``text.not_a_name``).
    """
    ordinary = {w.lower() for w in spelled if w[:1].islower()}
    total = np.asarray(counts.sum(axis=0)).ravel()
    times = {w: float(total[k]) for k, w in enumerate(spelled)}

    def single(word: str) -> bool:
        return (
            (len(word) > 2 or (len(word) == 2 and word.isupper()))
            and word.lower() not in ordinary
            and times.get(word, 0.0) > initial.get(word, 0)
        )

    def entity(run: tuple[str, ...]) -> str | None:
        words = list(run)
        while words and words[0].lower() in ordinary:
            words.pop(0)
        while words and words[-1].lower() in ordinary:
            words.pop()
        if len(words) > 1:
            return " ".join(words)
        return words[0] if words and single(words[0]) else None

    # The same runs recur across the archive (a name is written in many articles): each
    # distinct run is resolved once; its entity depends only on the run and the sets above.
    resolved: dict[tuple[str, ...], str | None] = {}
    per_doc = []
    for found in runs:
        names = (
            resolved[run] if run in resolved else resolved.setdefault(run, entity(run))
            for run in found
        )
        per_doc.append(list(dict.fromkeys(n for n in names if n)))
    return _labels(per_doc)


def _labels(rows: Iterable[Sequence[str]]) -> tuple[sp.csr_matrix, tuple[str, ...]]:
    """Return articles x labels (case-insensitive) and the first spelling of each label."""
    counts = _Counts()
    spelling: dict[str, str] = {}
    for labels in rows:
        keys = [t.lower() for t in labels]
        for key, label in zip(keys, labels, strict=True):
            spelling.setdefault(key, label)
        counts.add(Counter(dict.fromkeys(keys, 1)))
    return counts.matrix(), tuple(spelling[k] for k in counts.ids)


def _binary_features(
    found: sp.csr_matrix, settings: ReadNextSettings
) -> tuple[sp.csr_matrix, sp.csr_matrix, Floats]:
    """Return (index, full) idf-weighted, normalised matrices of a 0/1 matrix, and the idf."""
    weights, idf, df = _weigh(found, sublinear=False)
    full = _normalise(weights, _row_norms(weights))
    index = _cap_postings(_truncate(full, df, settings, 0), settings.max_postings)
    return index, full, idf


def _texts(docs: Sequence[Doc]) -> Iterator[str]:
    # A generator, not a list: the archive's text is held once (by the articles), not twice.
    return (plain(doc.title, doc.body) for doc in docs)


def build(
    docs: Sequence[Doc],
    settings: ReadNextSettings,
    tokenise: Tokenise = tokens,
    count: Callable[[Iterable[str]], Words] | None = None,
) -> Features:
    """Build the features of an archive, one row per article in ``docs`` order.

    ``tokenise`` is :func:`.text.tokens` or a function that returns the same (a cache of it);
    ``count``, given, counts the texts instead (kept.KeptWords: the same result).
    """
    texts = _texts(docs)
    counts, spelled, initial, runs = count(texts) if count else _words(texts, tokenise)
    found_names, name_labels = _names(counts, spelled, initial, runs)
    del runs
    weights, _idf, df = _weigh(_fold_case(counts, spelled), sublinear=True)
    del counts  # the largest matrices: drop each as soon as it is used
    norms = _row_norms(weights)
    # An article's own words (in no other article) pair nothing but belong in the norm of its
    # kept words: they are what tells a differently worded article from a copy.
    kept = _truncate(weights, df, settings, settings.max_terms, min_df=1)
    del weights
    kept_norms = _row_norms(kept)
    kept = _shared_only(kept, df)
    scale = np.where(kept_norms > 0, norms / np.where(kept_norms > 0, kept_norms, 1.0), 0.0)
    words = _normalise(kept, norms)
    names_index, names, name_idf = _binary_features(found_names, settings)
    found_tags, tag_labels = _labels(doc.tags for doc in docs)
    tags_index, tags, tag_idf = _binary_features(found_tags, settings)
    central = _top_per_row(words, np.ones(words.nnz, dtype=bool), settings.index_terms)
    return Features(
        _cap_postings(central, settings.max_postings),
        words,
        scale,
        names_index,
        names,
        name_labels,
        name_idf,
        tags_index,
        tags,
        tag_labels,
        tag_idf,
    )
