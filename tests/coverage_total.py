"""``make coverage``'s last line: branch coverage alone (coverage's TOTAL mixes lines and branches).

usage: python -m tests.coverage_total REPORT.json  (from ``coverage json``)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def summary(totals: dict[str, int]) -> str:
    """Return 'branches: 1,672 of 1,818 (92.0%); lines: 6,793 of 7,028 (96.7%)'."""
    parts = []
    for label, covered, total in (
        ("branches", totals["covered_branches"], totals["num_branches"]),
        ("lines", totals["covered_lines"], totals["num_statements"]),
    ):
        parts.append(f"{label}: {covered:,} of {total:,} ({100 * covered / max(total, 1):.1f}%)")
    return "; ".join(parts)


def main(argv: list[str]) -> int:
    """Print the summary of the JSON report named in ``argv``."""
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    print(summary(report["totals"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
