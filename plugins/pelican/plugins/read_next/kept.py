"""The archive's token counts kept between builds as arrays, by the digest of each article's text.

Every build needs every article's tokens (:func:`.text.tokens`): the archive's word weights
depend on all of them.  Unpickling 10k articles' tokens from the store (50 MB of dicts) and
turning their words into column numbers cost 1.2 of read next's 2.8 CPU s at 10k articles, for a
day that changed 20 of them.  :class:`KeptWords` keeps instead the last build's counts as a few
integer arrays over string tables (one file, read in one load), a row per text digest; a build
takes an unchanged article's row from them and tokenises only the texts it has no row for.

The result is the one :func:`.index.words` gives, exactly: the same matrix, entry for entry
(each row keeps its tokens' order; the columns are numbered in order of first appearance over
the articles, as :func:`.index.words` numbers them), the same spellings, sentence openers and
capitalised runs.  A row is keyed by a digest of the text and of the tokeniser's code (the
tokens store's salt), so it can only be a row of the same text.  A missing, foreign or
unreadable file is an empty one: the build tokenises every article, as without it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .text import Tokens

logger = logging.getLogger(__name__)

FORMAT = 1
Array = npt.NDArray[Any]
Runs = list[list[tuple[str, ...]]]
GATHER = 1 << 22  # entries gathered at a time (4M: 50 MB of temporary positions and masks)
Words = tuple[sp.csr_matrix, list[str], Counter[str], Runs]


@dataclass
class _Table:
    """Rows of (string id, count) pairs, CSR-style, over a table of distinct strings."""

    strings: list[Any] = field(default_factory=list)
    indptr: Array = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    ids: Array = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    counts: Array = field(default_factory=lambda: np.zeros(0, dtype=np.int32))


class _Growing:
    """New rows encoded against a table's strings, new strings numbered after them."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.number: defaultdict[Any, int] | None = None  # built at the first new row only
        self.lengths = array("q")
        self.ids = array("i")
        self.counts = array("i")

    def add(self, row: dict[Any, int]) -> None:
        if self.number is None:
            self.number = defaultdict(None, ((s, k) for k, s in enumerate(self.table.strings)))
            self.number.default_factory = self.number.__len__  # a new string: the next number
        if len(row) > 1:
            self.ids.fromlist([*itemgetter(*row)(self.number)])  # one C call (index._Counts)
        elif row:
            self.ids.append(self.number[next(iter(row))])
        self.counts.fromlist([*row.values()])
        self.lengths.append(len(row))

    def strings(self) -> list[Any]:
        """Return the table's strings followed by the new ones, in number order."""
        added = list(self.number)[len(self.table.strings) :] if self.number is not None else []
        return [*self.table.strings, *added]


def _taken(grown: _Growing, rows: Array) -> _Table:
    """Return rows ``rows`` of the table and its new rows (new row ``k``: ``len(table) + k``),
    the strings they use numbered in order of first appearance.

    The output arrays are the only full-size ones made: entries are gathered, first
    appearances found and renumbered GATHER entries at a time.  Concatenating the table with
    the new rows and then gathering (three copies of 33M entries at 100k articles, with int64
    positions) took 1.2 GB above the archive's articles.
    """
    t = grown.table
    old_rows = len(t.indptr) - 1
    lengths = np.concatenate((np.diff(t.indptr), np.frombuffer(grown.lengths, dtype=np.int64)))
    starts = np.concatenate((t.indptr[:-1], np.cumsum(lengths[old_rows:]) - lengths[old_rows:]))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths[rows], out=indptr[1:])
    ids = np.empty(int(indptr[-1]), dtype=np.int32)
    counts = np.empty(len(ids), dtype=np.int32)
    sources = (
        (t.ids, t.counts),
        (np.frombuffer(grown.ids, dtype=np.int32), np.frombuffer(grown.counts, dtype=np.int32)),
    )
    strings = grown.strings()
    first = np.full(len(strings), len(ids), dtype=np.int64)
    for lo, hi in _spans(indptr, GATHER):  # output rows lo:hi
        at, to = int(indptr[lo]), int(indptr[hi])
        block = rows[lo:hi]
        flat = np.arange(to - at, dtype=np.int64) + np.repeat(
            starts[block] - (indptr[lo:hi] - at), lengths[block]
        )
        new = np.repeat(block >= old_rows, lengths[block])
        for source, where in zip(sources, (~new, new), strict=True):
            ids[at:to][where] = source[0][flat[where]]
            counts[at:to][where] = source[1][flat[where]]
        np.minimum.at(first, ids[at:to], np.arange(at, to, dtype=np.int64))
    used = np.flatnonzero(first < len(ids))
    order = used[np.argsort(first[used], kind="stable")]
    number = np.zeros(len(strings), dtype=np.int32)
    number[order] = np.arange(len(order), dtype=np.int32)
    for lo, hi in _spans(indptr, GATHER):
        at, to = int(indptr[lo]), int(indptr[hi])
        ids[at:to] = number[ids[at:to]]
    return _Table([strings[k] for k in order.tolist()], indptr, ids, counts)


def _spans(indptr: Array, size: int) -> Iterator[tuple[int, int]]:
    """Cut the rows into runs of whole rows holding about ``size`` entries each."""
    rows = len(indptr) - 1
    lo = 0
    while lo < rows:
        hi = int(np.searchsorted(indptr, indptr[lo] + size, side="right")) - 1
        hi = min(rows, max(hi, lo + 1))
        yield lo, hi
        lo = hi


class KeptWords:
    """:func:`.index.words` with each unchanged article's row taken from the last build."""

    def __init__(self, path: Path | None, salt: str, tokenise: Callable[[str], Tokens]) -> None:
        self.path = path
        self.salt = salt
        self.tokenise = tokenise
        self.kept = 0  # rows taken from the last build, for the log and the tests
        self._next: Path | None = None  # this build's rows, written beside the file
        self._rows = 0

    def key(self, text: str) -> str:
        """Return the digest a text's row is kept by."""
        return hashlib.sha256(f"{self.salt}\0{text}".encode()).hexdigest()

    def __call__(self, texts: Iterable[str]) -> Words:
        """Return the articles' counts, spellings, sentence openers and runs (index.words)."""
        last = self._load()
        old = len(last["keys"])
        row_of = {k: r for r, k in enumerate(last["keys"])}
        growing = [_Growing(last.pop(t)) for t in ("words", "openers", "runs")]
        del last  # each table is held by its _Growing only, and dropped once taken
        keys: list[str] = []
        rows: list[int] = []
        new = 0
        for text in texts:
            key = self.key(text)
            keys.append(key)
            if key in row_of:
                rows.append(row_of[key])
                continue
            words, openers, capitalised = self.tokenise(text)
            growing[0].add(words)
            growing[1].add(openers)
            growing[2].add(capitalised)
            rows.append(old + new)
            new += 1
        self.kept = len(rows) - new
        del row_of
        take = np.array(rows, dtype=np.int64)
        words_t, openers_t, runs_t = (_taken(growing.pop(0), take) for _ in range(3))
        self._write({"format": FORMAT, "salt": self.salt, "keys": keys, "words": words_t,
                     "openers": openers_t, "runs": runs_t})  # fmt: skip
        return _words(words_t), words_t.strings, _openers(openers_t), _runs(runs_t)

    def _write(self, rows: dict[str, Any]) -> None:
        """Write this build's rows beside the file now, for :meth:`save` to move in place.

        Now, not at :meth:`save`: held until then, they were 300 MB (100k articles) beside
        the scoring's matrices.
        """
        self.discard()
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Named by this process (two builds may share the stores), then moved over the file at
        # once: a killed build leaves the last file or this one, never a torn one.
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as out:
                pickle.dump(rows, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        self._next, self._rows = temporary, len(rows["keys"])

    def save(self) -> None:
        """Put this build's rows (only its articles') in place of the file, at once."""
        if self._next is None:
            return
        self._next.replace(self.path)  # type: ignore[arg-type]
        self._next = None
        logger.debug("kept words %s: %d of %d rows kept", self.path, self.kept, self._rows)

    def discard(self) -> None:
        """Remove this build's rows not saved (the build failed after counting)."""
        if self._next is not None:
            self._next.unlink(missing_ok=True)
            self._next = None

    def _load(self) -> dict[str, Any]:
        empty = {"keys": [], "words": _Table(), "openers": _Table(), "runs": _Table()}
        if self.path is None or not self.path.is_file():
            return empty
        try:
            with self.path.open("rb") as stream:
                last = pickle.load(stream)
            if last.get("format") == FORMAT and last.get("salt") == self.salt:
                return {k: last[k] for k in empty}
        except (OSError, EOFError, ValueError, ImportError, LookupError, AttributeError,
                TypeError, pickle.UnpicklingError) as exc:  # fmt: skip
            logger.info("kept words %s unreadable (%s): every article is tokenised", self.path, exc)
        return empty


def _words(table: _Table) -> sp.csr_matrix:
    shape = (len(table.indptr) - 1, len(table.strings))
    # The dtypes index._Counts gives: the same matrix, not only equal values.
    return sp.csr_matrix((table.counts, table.ids, table.indptr), shape=shape, dtype=np.float32)


def _openers(table: _Table) -> Counter[str]:
    total = np.zeros(len(table.strings), dtype=np.int64)
    np.add.at(total, table.ids, table.counts)
    return Counter({s: int(n) for s, n in zip(table.strings, total.tolist(), strict=True) if n})


def _runs(table: _Table) -> Runs:
    runs: Sequence[tuple[str, ...]] = [table.strings[k] for k in table.ids.tolist()]
    bounds = table.indptr.tolist()
    return [list(runs[a:b]) for a, b in pairwise(bounds)]
