"""``briefing.normalise``: the one place an article's date and its time-zone flag are decided."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.extraction import Extracted
from briefing.normalise import Dating, fingerprint, to_article

# Every character Python counts as whitespace (str.isspace), and a few that only look like it.
SPACES = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) + "\u200b\u2060"

PLUS_4 = timezone(timedelta(hours=4))
CLOCK = datetime(2026, 3, 1, 15, 30, tzinfo=PLUS_4)


@pytest.mark.parametrize(
    ("found", "date", "origin"),
    [
        pytest.param(
            datetime(2026, 2, 27, 19, 33),
            datetime(2026, 2, 27, 19, 33, tzinfo=UTC),
            {"timezone": "unknown"},
            id="naive-read-as-utc-and-flagged",
        ),
        pytest.param(
            datetime(2026, 2, 27, 19, 33, tzinfo=PLUS_4),
            datetime(2026, 2, 27, 19, 33, tzinfo=PLUS_4),
            {},
            id="stated-offset-kept-unflagged",
        ),
        pytest.param(
            None,
            datetime(2026, 3, 1, tzinfo=PLUS_4),
            {"date": "ingested"},
            id="undated-gets-the-run-day-unflagged",
        ),
    ],
)
def test_date_and_time_zone_flag(
    found: datetime | None, date: datetime, origin: dict[str, str]
) -> None:
    extracted = Extracted(title="Ferry", date=found, paragraphs=("The ferry sails.",))
    article = to_article(extracted, Dating(today=CLOCK), "x.txt")
    assert article.date == date
    assert article.date.utcoffset() == date.utcoffset()
    assert {k: v for k, v in article.origin.items() if k in ("timezone", "date")} == origin


def _fingerprint_as_written_before(title: str, body: str) -> str:
    """The fingerprint as every archive on disk was written with it (a regex over \\s+)."""

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()

    return hashlib.sha256(f"{norm(title)}\n{norm(body)}".encode()).hexdigest()[:16]


TEXT = st.text(
    alphabet=st.sampled_from(SPACES) | st.characters(exclude_categories=("Cs",)), max_size=60
)


@given(TEXT, TEXT)
def test_the_fingerprint_is_the_one_archives_were_written_with(title: str, body: str) -> None:
    # An identity: a fingerprint computed another way would make every known article new.
    assert fingerprint(title, body) == _fingerprint_as_written_before(title, body)


def test_the_fingerprint_ignores_spacing_and_case() -> None:
    spaced = fingerprint(" Rain\u3000in  Baku ", "It\u00a0rained.\n\n\tAll day. ")
    assert spaced == fingerprint("rain in baku", "It rained. All day.")
    assert spaced != fingerprint("rain in baku", "It rained all day.")
