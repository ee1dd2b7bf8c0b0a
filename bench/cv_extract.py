"""Publisher-level cross-validation of generic extraction: the table the issue asks for.

usage: python -m bench.cv_extract [--fundus DIR] [--aeb DIR] [--kind txt|html]
       python -m bench.cv_extract --sweep briefing.generic.html.MIN_PRECISION_SHARE=0.1,0.25,0.5

dev-fundus is split into two halves by publisher (``bench.eval_extract.publisher_half``).
Without ``--sweep`` it prints each half's figures for what ships (a constant chosen on half A
is reported on half B and the other way round) and dev-aeb's, once without a fetch time (plain
``briefing ingest``) and once with sidecars giving the crawl time (``--sidecars``).
With ``--sweep`` it scores every value of one module constant on each half, picks the best on
one half (by the sum of body F1, title and date; ties keep the shipped value) and prints the
other half's figures for that choice: the held-out number a constant may be quoted with.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from bench.eval_extract import PATTERNS, evaluate, line
from briefing import frontmatter

# The shared eval sets sit beside the project's checkout: ../shared/eval.
EVAL_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEFAULT_FUNDUS = EVAL_ROOT / "dev-fundus"
DEFAULT_AEB = EVAL_ROOT / "dev-aeb"


def objective(summary: dict[str, Any]) -> float:
    """Return the figure a sweep maximises: body F1 + title exact + date same day."""
    return float(summary["body_f1"] + summary["title_match"] + summary["date_acc"])


def table(fundus: Path, aeb: Path, kinds: tuple[str, ...]) -> None:
    """Print each half's figures and dev-aeb's for every input kind, without a fetch time
    and with the sidecar a scraper recording its crawl time would write."""
    for kind in kinds:
        for sidecars in (False, True):
            fetch = "sidecar fetched_at" if sidecars else "no fetch time     "
            for half in ("A", "B"):
                summary = evaluate(fundus, kind, half, sidecars=sidecars)
                print(f"{kind:4} {fetch} dev-fundus half {half}: {line(summary)}")
            if aeb.is_dir():
                summary = evaluate(aeb, kind, sidecars=sidecars)
                print(f"{kind:4} {fetch} dev-aeb (all):        {line(summary)}")
    if aeb.is_dir() and set(kinds) == set(PATTERNS):
        same, pages = title_agreement(aeb)
        print(f"dev-aeb: dump headline = HTML headline on {same} of {pages} pages")


def title_agreement(aeb: Path) -> tuple[int, int]:
    """Return on how many dev-aeb pages the dump's headline equals the HTML page's, of all.

    dev-aeb has no ground-truth titles; its HTML headline (h1, og:title, <title>, JSON-LD)
    is a check on the dump's headline from 181 pages of publishers dev-fundus does not hold.
    """
    with tempfile.TemporaryDirectory(prefix="eval-agree-") as tmp:
        for kind in ("txt", "html"):
            evaluate(aeb, kind, keep=Path(tmp))
        found = {kind: _titles(Path(tmp) / kind) for kind in ("txt", "html")}
    html = found["html"]
    same = sum(1 for stem, title in found["txt"].items() if html.get(stem) == title)
    return same, len(html)


def _titles(out: Path) -> dict[str, str]:
    titles = {}
    for md in out.rglob("*.md"):
        article = frontmatter.load(md.read_text(encoding="utf-8"))
        stem = (article.source_file or md.name).split(".")[0]
        titles[stem] = " ".join(unicodedata.normalize("NFKC", article.title).casefold().split())
    return titles


def sweep(fundus: Path, spec: str, kinds: tuple[str, ...]) -> None:
    """Score each value of one constant per half; report each choice on the other half."""
    target, _, values = spec.partition("=")
    module_name, _, name = target.rpartition(".")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    kind_of_value = type(original)
    results: dict[tuple[str, str], dict[str, Any]] = {}
    # The constant as every module that imported it sees it ("from patterns import NAME").
    users = [module] + [
        m
        for key, m in list(sys.modules.items())
        if key.startswith("briefing.") and m is not module and getattr(m, name, None) is original
    ]
    try:
        for value in values.split(","):
            for user in users:
                setattr(user, name, kind_of_value(value))
            for kind in kinds:
                for half in ("A", "B"):
                    summary = evaluate(fundus, kind, half)
                    results[(value, kind + half)] = summary
                    print(f"{name}={value} {kind} half {half}: {line(summary)}")
    finally:
        for user in users:
            setattr(user, name, original)
    for tuned, held in (("A", "B"), ("B", "A")):
        # Ties keep the shipped value: no evidence on this half to change it.
        best = max(
            values.split(","),
            key=lambda v: (
                round(sum(objective(results[(v, k + tuned)]) for k in kinds), 6),
                kind_of_value(v) == original,
            ),
        )
        for kind in kinds:
            print(
                f"chosen on {tuned}: {name}={best}; held-out {held} {kind}: "
                f"{line(results[(best, kind + held)])}"
            )


def main(argv: list[str] | None = None) -> int:
    """Print the cross-validated table, or the result of one constant's sweep."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--fundus", type=Path, default=DEFAULT_FUNDUS)
    ap.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    ap.add_argument("--kind", choices=tuple(PATTERNS), action="append")
    ap.add_argument("--sweep", help="module.CONSTANT=v1,v2,... to choose on one half")
    args = ap.parse_args(argv)
    kinds = tuple(args.kind or PATTERNS)
    if args.sweep:
        sweep(args.fundus, args.sweep, kinds)
    else:
        table(args.fundus, args.aeb, kinds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
