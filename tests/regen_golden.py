"""Regenerate every golden file under tests/golden/ (``make regen-golden``); review the diff.

Each golden set registers one function in ``GOLDEN_SETS``; the tests compare fresh output with
the committed files, so a change in output shows up as a reviewable diff, never a silent edit.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from tests.seeds import GOLDEN_SEEDS, ingest_seeds

GOLDEN = Path(__file__).parent / "golden"


def regen_seeds() -> None:
    """Ingest the bundled seeds with the tests' fixed clock into tests/golden/seeds/."""
    shutil.rmtree(GOLDEN_SEEDS, ignore_errors=True)
    report = ingest_seeds(GOLDEN_SEEDS)
    if not report.ok:
        sys.exit(f"seed ingest rejected inputs: {report.rejected}")


GOLDEN_SETS: dict[str, Callable[[], None]] = {"seeds": regen_seeds}


def main() -> None:
    """Run every registered golden-set generator."""
    for name, regen in GOLDEN_SETS.items():
        regen()
        print(f"regenerated golden set: {name}")


if __name__ == "__main__":
    main()
