"""Regenerate every golden file under tests/golden/ (``make regen-golden``); review the diff.

Each golden set registers one function in ``GOLDEN_SETS``; the tests compare fresh output with
the committed files, so a change in output shows up as a reviewable diff, never a silent edit.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import build_fixture_site
from tests.seeds import GOLDEN_SEEDS, ingest_seeds

GOLDEN = Path(__file__).parent / "golden"


def regen_seeds() -> None:
    """Ingest the bundled seeds with the tests' fixed clock into tests/golden/seeds/."""
    shutil.rmtree(GOLDEN_SEEDS, ignore_errors=True)
    report = ingest_seeds(GOLDEN_SEEDS)
    if not report.ok:
        sys.exit(f"seed ingest rejected inputs: {report.rejected}")


# Pages of the site fixture build compared byte for byte by tests/test_site_golden.py.
SITE_PAGES = (
    "index.html",
    "2026/03/09/parliament-approves-budget-amendments/index.html",
    "2026/03/09/festival-opens/index.html",
    "2026/03/10/film-festival-lineup-announced/index.html",
    "2026/03/09/index.html",
    "category/politics/index.html",
    "archives/index.html",
)


def regen_site() -> None:
    """Build the site fixture archive (tests/fixtures/site) and copy SITE_PAGES to golden/site/."""
    target = GOLDEN / "site"
    with tempfile.TemporaryDirectory(prefix="golden-site-") as tmp:
        site = build_fixture_site(Path(tmp))
        shutil.rmtree(target, ignore_errors=True)
        for page in SITE_PAGES:
            (target / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / page, target / page)


GOLDEN_SETS: dict[str, Callable[[], None]] = {"seeds": regen_seeds, "site": regen_site}


def main() -> None:
    """Run every registered golden-set generator."""
    for name, regen in GOLDEN_SETS.items():
        regen()
        print(f"regenerated golden set: {name}")


if __name__ == "__main__":
    main()
