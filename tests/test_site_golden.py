"""Golden build: the site fixture archive's whole output tree equals tests/golden/site/.

Every file but the Pagefind bundle and the theme's copied static files
(``regen_golden.SITE_SKIP``; those equal themes/briefing/static/), byte for byte, and no file
more or fewer.  After an intended change, run ``make regen-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.regen_golden import GOLDEN, site_files

EXPECTED = site_files(GOLDEN / "site")
STATIC = Path(__file__).resolve().parent.parent / "themes" / "briefing" / "static"


def test_the_build_writes_exactly_the_golden_files(built_site: Path) -> None:
    assert len(EXPECTED) > 35  # the whole tree: pages, listings, feeds
    assert site_files(built_site) == EXPECTED, "the output's files changed: make regen-golden"


@pytest.mark.parametrize("name", EXPECTED, ids=EXPECTED)
def test_file_matches_golden(built_site: Path, name: str) -> None:
    expected = (GOLDEN / "site" / name).read_bytes()
    actual = (built_site / name).read_bytes()
    assert actual == expected, f"{name} differs from tests/golden/site/{name}: make regen-golden"


def test_the_theme_files_are_the_themes_own(built_site: Path) -> None:
    copied = sorted(p.relative_to(built_site / "theme") for p in (built_site / "theme").rglob("*"))
    shipped = sorted(p.relative_to(STATIC) for p in STATIC.rglob("*"))
    assert copied == shipped and len(shipped) > 5
    for name in shipped:
        if (STATIC / name).is_file():
            assert (built_site / "theme" / name).read_bytes() == (STATIC / name).read_bytes(), name
