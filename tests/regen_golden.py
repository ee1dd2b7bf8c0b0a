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


# The site fixture build's whole output tree is the golden set (as Pelican's own functional
# tests compare whole output folders), but for the Pagefind bundle: its file names and filter
# order change from run to run, and the search tests test what it finds; and for theme/,
# the theme's static files as Pelican copies them: compared with themes/briefing/static/
# itself (tests/test_site_golden.py), not with a second copy kept here.
SITE_SKIP = ("search/pagefind/", "theme/")


def site_files(root: Path) -> list[str]:
    """Every file of a built site compared with the golden set, as sorted relative paths."""
    names = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(n for n in names if not n.startswith(SITE_SKIP))


def regen_site() -> None:
    """Build the site fixture archive (tests/fixtures/site); copy its tree to golden/site/."""
    target = GOLDEN / "site"
    with tempfile.TemporaryDirectory(prefix="golden-site-") as tmp:
        site = build_fixture_site(Path(tmp))
        shutil.rmtree(target, ignore_errors=True)
        for name in site_files(site):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / name, target / name)


GOLDEN_SETS: dict[str, Callable[[], None]] = {"seeds": regen_seeds, "site": regen_site}


def main() -> None:
    """Run every registered golden-set generator."""
    for name, regen in GOLDEN_SETS.items():
        regen()
        print(f"regenerated golden set: {name}")


if __name__ == "__main__":
    main()
