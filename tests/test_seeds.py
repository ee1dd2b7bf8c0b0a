"""The two real seeds normalise to exactly the values the foundation issue specifies."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefing import frontmatter
from briefing.model import Article
from tests.seeds import CLOCK, GOLDEN_SEEDS, ingest_seeds


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    out = tmp_path_factory.mktemp("seeds")
    report = ingest_seeds(out)
    assert report.ok, report.rejected
    return {
        p.relative_to(out).as_posix(): frontmatter.load(p.read_text(encoding="utf-8"))
        for p in sorted(out.rglob("*.md"))
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
    for boilerplate in ("Latest News", "All News Feed", "27 February", "Ilham Aliyev WUF13"):
        assert boilerplate not in body


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
    assert a.title.startswith("Azerbaijani Foreign Minister Jeyhun Bayramov held a meeting")
    assert len(a.title) <= 101
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


def test_seed_output_matches_the_golden_files(tmp_path: Path) -> None:
    """Byte-for-byte against tests/golden/seeds (regenerate with `make regen-golden`)."""
    ingest_seeds(tmp_path)
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.md")}
    golden = {
        p.relative_to(GOLDEN_SEEDS).as_posix(): p.read_bytes() for p in GOLDEN_SEEDS.rglob("*.md")
    }
    assert sorted(fresh) == sorted(golden)
    for name, data in golden.items():
        assert fresh[name] == data, name
