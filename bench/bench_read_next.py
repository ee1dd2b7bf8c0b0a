"""Read-next benchmark: time, memory and quality at archive scale (a ``make bench`` hook).

usage: python -m bench.bench_read_next [--sizes 10000 100000] [--runs 3] [--agreement 4000]

Each size runs in fresh subprocesses: one generates the bench/synth.py archive (seed 1) and
pickles it (generating peaks far above holding it), the next loads it and times ``recommend``
(median of ``--runs`` at <= 10k, one run above), so its ``ru_maxrss`` is the archive in memory
plus read next: what a Pelican build adds.  Quality is measured against the planted stories:

- precision@5: share of shown links that point into the article's own story;
- full blocks: share of articles whose block has 5 links (in bench/synth.py 70% of articles
  belong to no story and stories have 3-8 members, so most articles *should* get fewer);
- story recall: share of each story article's fellow members (up to 5) that its block shows.

Agreement with the exact method (full TF-IDF, no pruning, all pairs: quadratic) is measured
on a smaller archive, with ``min_score = 0`` so both fill every block with their top 5:
precision@5 of both, and the share of exact's same-story links that the fast method shows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 1
EXACT = {"max_terms": 0, "index_terms": 0, "max_postings": 0, "max_df_share": 1.0}


def _quality(docs: Any, stories: dict[str, int], blocks: Any) -> dict[str, float]:
    members: dict[int, int] = {}
    for story in stories.values():
        members[story] = members.get(story, 0) + 1
    shown = good = full = found = possible = story_shown = 0
    for doc in docs:
        picks = blocks[doc.slug].picks
        own = stories.get(doc.slug)
        hits = sum(1 for p in picks if own is not None and stories.get(p.slug) == own)
        shown, good, full = shown + len(picks), good + hits, full + (len(picks) == 5)
        if own is not None:
            story_shown += len(picks)
            found += hits
            possible += min(5, members[own] - 1)
    return {
        # Over articles that belong to a story (the usual IR definition: a query with no
        # relevant document has no precision); links shown on story-less articles are
        # counted apart, as "links/story-less article".
        "precision_at_5": good / max(story_shown, 1),
        "precision_all_links": good / max(shown, 1),
        "storyless_links": (shown - story_shown)
        / max(sum(1 for d in docs if d.slug not in stories), 1),
        "full_blocks": full / max(len(docs), 1),
        "story_recall": found / max(possible, 1),
        "links_per_article": shown / max(len(docs), 1),
    }


def make_corpus(n: int, path: Path, seed: int = SEED) -> None:
    """Generate an archive and pickle it (generating takes more memory than holding it)."""
    from bench import synth

    corpus = synth.generate(n, seed=seed)
    with path.open("wb") as f:
        pickle.dump((corpus.articles, corpus.stories), f, protocol=pickle.HIGHEST_PROTOCOL)


def child(path: Path, runs: int) -> dict[str, Any]:
    """Load a pickled archive and time read next over it (run in a fresh process)."""
    from pelican.plugins.read_next.scoring import recommend
    from pelican.plugins.read_next.settings import load

    with path.open("rb") as f:
        articles, stories = pickle.load(f)  # our own file, just written
    n = len(articles)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    settings = load({"READ_NEXT": {}})
    wall, cpu = [], []
    blocks = {}
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        blocks = recommend(articles, settings)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "runs": runs,
        "seconds": statistics.median(wall),
        "best_seconds": min(wall),
        "cpu_seconds": statistics.median(cpu),
        "peak_rss_mb": peak,
        # The box is shared: a load above its 2 cores stretches wall time, not CPU time.
        "load_average": os.getloadavg()[0],
        "rss_before_mb": before,
        **_quality(articles, stories, blocks),
    }


def agreement(n: int, seed: int = SEED) -> dict[str, float]:
    """Compare the fast method with the exact one on an ``n``-article archive."""
    from pelican.plugins.read_next.scoring import recommend
    from pelican.plugins.read_next.settings import load

    from bench import synth

    corpus = synth.generate(n, seed=seed)
    docs, stories = corpus.articles, corpus.stories
    t0 = time.perf_counter()
    exact = recommend(docs, load({"READ_NEXT": {**EXACT, "min_score": 0.0}}))
    exact_s = time.perf_counter() - t0
    fast = recommend(docs, load({"READ_NEXT": {"min_score": 0.0}}))
    kept = total = overlap = 0
    for doc in docs:
        e = [p.slug for p in exact[doc.slug].picks]
        f = {p.slug for p in fast[doc.slug].picks}
        right = [s for s in e if doc.slug in stories and stories.get(s) == stories[doc.slug]]
        kept, total = kept + sum(s in f for s in right), total + len(right)
        overlap += len(f & set(e))
    exact_q, fast_q = _quality(docs, stories, exact), _quality(docs, stories, fast)
    exact_p, fast_p = exact_q["precision_at_5"], fast_q["precision_at_5"]
    return {
        "exact_story_recall": exact_q["story_recall"],
        "fast_story_recall": fast_q["story_recall"],
        "n": n,
        "exact_precision_at_5": exact_p,
        "fast_precision_at_5": fast_p,
        "relative_change": (fast_p - exact_p) / exact_p if exact_p else 0.0,
        "exact_story_links_kept": kept / max(total, 1),
        "top5_overlap": overlap / max(5 * len(docs), 1),
        "exact_seconds": exact_s,
    }


def source_matching(n: int = 5_000, seed: int = 3) -> dict[str, float]:
    """Match source items (slugs removed) with 30% of their targets held out of the archive."""
    from dataclasses import replace
    from random import Random

    from pelican.plugins.read_next.settings import load
    from pelican.plugins.read_next.sources import SourceMatcher

    from bench import synth

    articles = synth.generate(n, seed=seed).articles
    rng = Random(seed)
    held = {a.slug for a in articles if rng.random() < 0.3}
    archive = [a for a in articles if a.slug not in held]
    items = [i for a in archive for i in a.read_next][:6000]  # listed by several articles
    matcher = SourceMatcher(archive, load({"READ_NEXT": {}}).source_match_threshold)
    t0 = time.perf_counter()
    got = [matcher.match(replace(item, slug=None)) for item in items]
    seconds = time.perf_counter() - t0
    want = [None if i.slug in held else i.slug for i in items]
    tp = sum(1 for g, w in zip(got, want, strict=True) if g is not None and g == w)
    fp = sum(1 for g, w in zip(got, want, strict=True) if g is not None and g != w)
    return {
        "items": len(items),
        "precision": tp / max(tp + fp, 1),
        "recall": tp / max(sum(1 for w in want if w), 1),
        "ms_per_item": 1000 * seconds / max(len(items), 1),
    }


def duplicates(n: int = 4_000) -> dict[str, float]:
    """Group planted re-publishes (bench/read_next_corpus.py: bench/synth.py plants none)."""
    from pelican.plugins.read_next.scoring import recommend
    from pelican.plugins.read_next.settings import load

    from bench.read_next_corpus import generate

    docs = generate(n)
    blocks = recommend(docs, load({"READ_NEXT": {}}))
    planted = {frozenset((d.slug, d.dup_of)) for d in docs if d.dup_of}
    grouped = {frozenset((slug, o)) for slug, b in blocks.items() for o in b.duplicates}
    shown = {frozenset((slug, p.slug)) for slug, b in blocks.items() for p in b.picks}
    return {
        "n": n,
        "planted": len(planted),
        "recall": len(planted & grouped) / max(len(planted), 1),
        "precision": len(planted & grouped) / max(len(grouped), 1),
        "shown_as_read_next": len(planted & shown),
    }


def _in_subprocess(args: list[str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.bench_read_next", *args]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _exponent(points: list[dict[str, Any]], key: str = "seconds") -> float | None:
    """Least-squares slope of log(time) over log(n): 1.0 is linear growth."""
    if len(points) < 2:
        return None
    xs = [math.log(p["n"]) for p in points]
    ys = [math.log(p[key]) for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def run(
    sizes: tuple[int, ...] = (10_000, 100_000), runs: int = 3, agreement_n: int = 4_000
) -> dict[str, Any]:
    """Measure every size in its own process, fit the growth exponent, compare with exact."""
    points = []
    with tempfile.TemporaryDirectory(prefix="read-next-bench-") as tmp:
        for n in sizes:
            path = Path(tmp) / f"{n}.pickle"
            _in_subprocess(["--make-corpus", str(n), str(path)])
            points.append(
                _in_subprocess(["--child", str(path), "--runs", str(runs if n <= 10_000 else 1)])
            )
            path.unlink()
    return {
        "sizes": points,
        "exponent": _exponent(points),
        "cpu_exponent": _exponent(points, "cpu_seconds"),
        "agreement": _in_subprocess(["--agreement-child", str(min(agreement_n, max(sizes)))]),
        # Side measurements shrink with a quick run (make bench-quick: 1k) to stay cheap.
        "source_matching": _in_subprocess(["--sources-child", str(min(5_000, max(sizes)))]),
        "duplicates": _in_subprocess(["--duplicates-child", str(min(4_000, max(sizes)))]),
    }


def table(result: dict[str, Any]) -> str:
    """Render a result of ``run`` as a Markdown table and two lines of notes."""
    lines = [
        "| articles | time (s, median) | best (s) | CPU (s) | load avg | peak RSS (MB) "
        "| RSS before (MB) | precision@5 (story articles) | all links in story "
        "| full blocks | story recall | links/article | links/story-less article |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in result["sizes"]:
        lines.append(
            f"| {p['n']:,} | {p['seconds']:.2f} (x{p['runs']}) "
            f"| {p.get('best_seconds', p['seconds']):.2f} | {p['cpu_seconds']:.2f} "
            f"| {p.get('load_average', float('nan')):.1f} "
            f"| {p['peak_rss_mb']:.0f} | {p['rss_before_mb']:.0f} | {p['precision_at_5']:.3f} "
            f"| {p.get('precision_all_links', float('nan')):.3f} "
            f"| {p['full_blocks']:.3f} | {p['story_recall']:.3f} | {p['links_per_article']:.2f} "
            f"| {p.get('storyless_links', float('nan')):.2f} |"
        )
    exponent, cpu_exponent = result["exponent"], result.get("cpu_exponent")
    a = result["agreement"]
    lines += [
        "",
        f"Fitted growth exponent (time ~ n^k): k = {exponent:.2f} on wall time, "
        f"{cpu_exponent:.2f} on CPU time (the wall time includes waiting for a shared CPU)"
        if exponent and cpu_exponent
        else "",
        f"Exact method at {a['n']:,} articles ({a['exact_seconds']:.1f} s), blocks filled to 5: "
        f"precision@5 exact {a['exact_precision_at_5']:.3f} vs fast {a['fast_precision_at_5']:.3f} "
        f"({a['relative_change']:+.1%}); story recall exact {a['exact_story_recall']:.3f} vs "
        f"fast {a['fast_story_recall']:.3f}; fast shows {a['exact_story_links_kept']:.1%} of "
        f"the same-story links exact shows; top-5 overlap {a['top5_overlap']:.1%}.",
    ]
    m = result.get("source_matching")
    if m:
        lines.append(
            f"Source items matched without their slugs ({m['items']:,} items, 30% of targets "
            f"held out): precision {m['precision']:.3f}, recall {m['recall']:.3f}, "
            f"{m['ms_per_item']:.1f} ms per item."
        )
    d = result.get("duplicates")
    if d:
        lines.append(
            f"Near-duplicates ({d['planted']} re-publishes planted in bench/read_next_corpus.py, "
            f"{d.get('n', 4000):,} articles): grouped {d['recall']:.1%}, "
            f"grouping precision {d['precision']:.1%}, "
            f"shown as read next {d['shown_as_read_next']}."
        )
    return "\n".join(line for line in lines)


def main() -> None:
    """Print the benchmark table (or, as a child, one size's JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--agreement", type=int, default=4_000)
    parser.add_argument("--make-corpus", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--agreement-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sources-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--duplicates-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_corpus:
        make_corpus(int(args.make_corpus[0]), Path(args.make_corpus[1]))
        print("{}")
    elif args.child:
        print(json.dumps(child(args.child, args.runs)))
    elif args.duplicates_child:
        print(json.dumps(duplicates(args.duplicates_child)))
    elif args.sources_child:
        print(json.dumps(source_matching(args.sources_child)))
    elif args.agreement_child:
        print(json.dumps(agreement(args.agreement_child)))
    else:
        print(table(run(tuple(args.sizes), args.runs, args.agreement)))


if __name__ == "__main__":
    main()
