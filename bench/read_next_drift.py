"""How far a day's articles move read next's stored scores, against the margins they decide by.

usage: python -m bench.read_next_drift [--size 10000] [--added 20]

An exact incremental read next would keep an article's candidates when a bound on how far any
of its scores can have moved is below the margin that chose them.  This measures, on the
bench/synth.py archive (seed 1) and the same archive after a day's ``--added`` articles:

- the rows whose index vectors changed shape (a word, name or tag in or out of the pruned
  index): these are scored again whatever the bound;
- each other row's drift, ``|new row - old row|`` of the (normalised) index vectors, and the
  bound it gives on every rough score of the row, ``w . (d_row + d_other)`` (Cauchy-Schwarz,
  rows of norm <= 1), with ``d_other`` the largest drift of any unchanged row (the only sound
  choice without scoring the pair) and, for comparison, the median one;
- the margin at the rough cut (the ``2 x keep``-th rough score minus the next): a row whose
  margin exceeds twice its bound keeps its candidates without scoring;
- how many blocks actually changed: their picks, what a page shows (slug, two-decimal score,
  reason), any float.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np
import scipy.sparse as sp

ROOT_PLUGINS = "plugins/pelican"


def _features(articles: Any, settings: Any) -> tuple[list[Any], Any, list[str]]:
    """Return the articles in row order, their features and the word columns' labels."""
    from pelican.plugins.read_next import index

    docs = sorted(articles, key=lambda d: d.slug)
    spelled: list[str] = []
    fold = index._fold_case

    def capture(counts: Any, words: list[str]) -> Any:
        spelled[:] = words
        return fold(counts, words)

    index._fold_case = capture  # type: ignore[assignment]
    try:
        features = index.build(docs, settings)
    finally:
        index._fold_case = fold  # type: ignore[assignment]
    lower: dict[str, int] = {"": 0}  # as index._fold_case numbers the columns
    for w in spelled:
        if index.WORD_RE.fullmatch(w):
            lower.setdefault(w.lower(), len(lower))
    return docs, features, list(lower)


def _drift(
    old: sp.csr_matrix, old_labels: Any, new: sp.csr_matrix, new_labels: Any, rows: Any
) -> tuple[Any, Any]:
    """Return each old row's drift and whether its set of columns changed."""
    column = {str(label).lower(): k for k, label in enumerate(new_labels)}
    to_new = np.array([column.get(str(label).lower(), -1) for label in old_labels])
    coo = sp.coo_matrix(old)
    moved = sp.csr_matrix(
        (coo.data, (rows[coo.row], to_new[coo.col])), shape=new.shape, dtype=np.float64
    )[rows]
    now = sp.csr_matrix(new, dtype=np.float64)[rows]
    diff = now - moved
    drift = np.sqrt(np.asarray(diff.multiply(diff).sum(axis=1)).ravel())
    shape = abs((now != 0).astype(np.int8) - (moved != 0).astype(np.int8))
    return drift, np.asarray(shape.sum(axis=1)).ravel() > 0


def _rough_margins(features: Any, settings: Any, keep: int) -> Any:
    """Return each row's margin at the rough cut (inf where it has no more candidates)."""
    from pelican.plugins.read_next import candidates

    w = settings.weights
    mats = (features.words_index, features.names_index, features.tags_index)
    transposed = tuple(sp.csr_matrix(m.T) for m in mats)
    n = features.words.shape[0]
    rough = candidates._found(features, transposed, 0, n, (w.text, w.entities, w.tags))
    margins = np.full(n, np.inf)
    for i in range(n):
        lo, hi = rough.indptr[i], rough.indptr[i + 1]
        values = np.sort(rough.data[lo:hi][rough.indices[lo:hi] != i])[::-1]
        if len(values) > keep:
            margins[i] = values[keep - 1] - values[keep]
    return margins


def main(argv: list[str] | None = None) -> None:
    """Print the drift, the bounds, the margins and the blocks that changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--added", type=int, default=20)
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT_PLUGINS)
    from pelican.plugins.read_next import scoring
    from pelican.plugins.read_next.settings import load

    from bench import synth

    settings = load({})
    before = synth.generate(args.size, 1)
    after = synth.extend(before, args.added)
    docs0, f0, words0 = _features(before.articles, settings)
    docs1, f1, words1 = _features(after.articles, settings)
    position = {d.slug: k for k, d in enumerate(docs1)}
    rows = np.array([position[d.slug] for d in docs0])
    pairs = (
        (f0.words_index, words0, f1.words_index, words1),
        (f0.names_index, f0.name_labels, f1.names_index, f1.name_labels),
        (f0.tags_index, f0.tag_labels, f1.tags_index, f1.tag_labels),
    )
    drifts, shapes = zip(*(_drift(*p, rows) for p in pairs), strict=True)
    changed = np.logical_or.reduce(shapes)
    print(f"rows whose index vectors changed shape: {int(changed.sum())} of {len(rows)}")
    w = settings.weights
    weights = (w.text, w.entities, w.tags)
    margins = _rough_margins(f0, settings, 2 * settings.count * scoring.HEADROOM)
    print(
        "rough-cut margin quantiles (10/25/50%):",
        np.quantile(margins[np.isfinite(margins)], [0.1, 0.25, 0.5]),
    )
    for name, pick in (("largest", np.max), ("median", np.median)):
        other = [float(pick(d[~changed])) for d in drifts]
        bound = sum(wk * (d + o) for wk, d, o in zip(weights, drifts, other, strict=True))
        kept = (~changed) & (margins > 2 * bound)
        print(
            f"bound with the {name} other drift: median {np.median(bound[~changed]):.2e}; "
            f"rows kept without scoring: {int(kept.sum())} of {len(rows)}"
        )
    old, new = (
        scoring.recommend(before.articles, settings),
        scoring.recommend(after.articles, settings),
    )

    def changed_blocks(view: Any) -> int:
        return sum(1 for slug in old if view(old[slug]) != view(new[slug]))

    picks = changed_blocks(lambda b: [p.slug for p in b.picks])
    shown = changed_blocks(lambda b: [(p.slug, round(p.score, 2), p.reason) for p in b.picks])
    floats = changed_blocks(lambda b: b)
    print(f"blocks changed: picks {picks}, shown {shown}, any float {floats} of {len(old)}")


if __name__ == "__main__":
    main()
