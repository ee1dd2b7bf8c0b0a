"""The two real seeds normalise to exactly the values the foundation issue specifies."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefing import frontmatter
from briefing.model import Article
from tests.seeds import CLOCK, GOLDEN_SEEDS, ingest_seeds

GOLDEN_FILES = sorted(p.relative_to(GOLDEN_SEEDS).as_posix() for p in GOLDEN_SEEDS.rglob("*.md"))


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once for this module: the folder of written files."""
    out = tmp_path_factory.mktemp("seeds")
    report = ingest_seeds(out)
    assert report.ok, report.rejected
    return out


@pytest.fixture(scope="module")
def archive(seed_output: Path) -> dict[str, Article]:
    return {
        p.relative_to(seed_output).as_posix(): frontmatter.load(p.read_text(encoding="utf-8"))
        for p in sorted(seed_output.rglob("*.md"))
    }


def _by_file(archive: dict[str, Article], source_file: str) -> Article:
    (article,) = [
        a for a in archive.values() if a.source_file == source_file and a.kind == "article"
    ]
    return article


def test_report_az_fields(archive: dict[str, Article]) -> None:
    a = _by_file(archive, "003_3261e566d31335b6.txt")
    assert a.title == "Amy Carlon: US seeking to elevate relations with Azerbaijan"
    assert a.date.isoformat() == "2026-02-27T19:33:00+04:00"
    assert a.category == "Foreign policy"
    assert a.tags == ("Amy Carlon",)
    assert a.source == "report.az"
    assert a.lang == "en"
    assert [(t.lang, t.title) for t in a.translations] == [
        ("az", "Emi Karlon: ABŞ Azərbaycanla münasibətləri yeni səviyyəyə çatdırmağı hədəfləyir"),
        ("ru", "Эми Карлон: США стремятся вывести отношения с Азербайджаном на новый уровень"),
    ]
    assert "title" not in a.origin and "date" not in a.origin


def test_report_az_body_is_exactly_the_three_paragraphs(archive: dict[str, Article]) -> None:
    body = _by_file(archive, "003_3261e566d31335b6.txt").body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The United States is seeking")
    assert paragraphs[-1].endswith("noted Amy Carlon.")


@pytest.mark.parametrize(
    "boilerplate", ["Latest News", "All News Feed", "27 February", "Ilham Aliyev WUF13"]
)
def test_report_az_body_leaves_out_the_pages_boilerplate(
    archive: dict[str, Article], boilerplate: str
) -> None:
    assert boilerplate not in _by_file(archive, "003_3261e566d31335b6.txt").body


def test_report_az_latest_news_become_read_next_and_briefs(archive: dict[str, Article]) -> None:
    a = _by_file(archive, "003_3261e566d31335b6.txt")
    assert len(a.read_next) == 8
    assert a.title not in [i.title for i in a.read_next]
    first = a.read_next[0]
    assert (first.time, first.title, first.category) == (
        "20:06",
        "Kazakhstan urges citizens to refrain from traveling to Iran",
        "Region",
    )
    assert [i.time for i in a.read_next if i.photo] == ["19:49", "19:21"]
    briefs = {b.slug: b for b in archive.values() if b.kind == "brief"}
    assert len(briefs) == 8
    for item in a.read_next:
        brief = briefs[item.slug or ""]
        assert brief.title == item.title
        assert brief.category == item.category
        assert brief.date.strftime("%Y-%m-%d %H:%M %z") == f"2026-02-27 {item.time} +0400"
        assert brief.origin["entry"] == "listing"


def test_undated_seed_gets_a_lede_title_and_the_ingest_day(archive: dict[str, Article]) -> None:
    a = _by_file(archive, "000_f947edaab6fdd402.txt")
    # A complete phrase (issue 16): the lede's first clause, not a cut inside the senator's name.
    assert a.title == (
        "Azerbaijani Foreign Minister Jeyhun Bayramov held a meeting on Thursday with U.S. "
        "Senator Steve Daines"
    )
    assert a.origin["title"] == "lede"
    assert a.origin["date"] == "ingested"
    assert a.date == datetime.combine(CLOCK.date(), datetime.min.time(), tzinfo=CLOCK.tzinfo)
    assert a.source is None  # the dump does not name its site: never invented


def test_undated_seed_body_and_read_next(archive: dict[str, Article]) -> None:
    a = _by_file(archive, "000_f947edaab6fdd402.txt")
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[-1].endswith("moving forward.")
    assert "What is your opinion" not in a.body
    assert "Leave the first comment" not in a.body
    assert [(i.time, i.category) for i in a.read_next] == [
        ("10:30", "Azerbaijan"),
        ("17:13", "U.S. strikes on Iran"),
        ("19:00", None),
        ("15:47", "AZERBAIJAN-UZBEKISTAN"),
        ("15:00", None),
    ]
    assert all(i.summary and not i.title for i in a.read_next)
    assert a.read_next[0].summary is not None
    assert a.read_next[0].summary.startswith("Azerbaijan and Bangladesh seek to deepen")


def test_seed_output_is_the_golden_file_set(seed_output: Path) -> None:
    """The same files as tests/golden/seeds (regenerate with `make regen-golden`)."""
    assert sorted(p.relative_to(seed_output).as_posix() for p in seed_output.rglob("*.md")) == (
        GOLDEN_FILES
    )


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_seed_output_matches_its_golden_file(seed_output: Path, name: str) -> None:
    """Byte-for-byte against tests/golden/seeds/<name>."""
    assert (seed_output / name).read_bytes() == (GOLDEN_SEEDS / name).read_bytes()
