"""Golden build: pages of the site fixture archive equal the reviewed copies in tests/golden/site/.

After an intended change, run ``make regen-golden`` and review the diff of tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.regen_golden import GOLDEN, SITE_PAGES


@pytest.mark.parametrize("page", SITE_PAGES, ids=SITE_PAGES)
def test_page_matches_golden(built_site: Path, page: str) -> None:
    expected = (GOLDEN / "site" / page).read_text(encoding="utf-8")
    actual = (built_site / page).read_text(encoding="utf-8")
    assert actual == expected, f"{page} differs from tests/golden/site/{page}: make regen-golden"
