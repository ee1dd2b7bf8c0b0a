"""Golden build: the site fixture archive's whole output tree equals tests/golden/site/.

Every file but the Pagefind bundle (``regen_golden.SITE_SKIP``), byte for byte, and no file
more or fewer.  After an intended change, run ``make regen-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.regen_golden import GOLDEN, site_files

EXPECTED = site_files(GOLDEN / "site")


def test_the_build_writes_exactly_the_golden_files(built_site: Path) -> None:
    assert len(EXPECTED) > 40  # the whole tree: pages, listings, feeds' siblings, theme files
    assert site_files(built_site) == EXPECTED, "the output's files changed: make regen-golden"


@pytest.mark.parametrize("name", EXPECTED, ids=EXPECTED)
def test_file_matches_golden(built_site: Path, name: str) -> None:
    expected = (GOLDEN / "site" / name).read_bytes()
    actual = (built_site / name).read_bytes()
    assert actual == expected, f"{name} differs from tests/golden/site/{name}: make regen-golden"
