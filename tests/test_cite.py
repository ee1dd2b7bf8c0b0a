"""Citations: APA 7, Chicago and BibLaTeX for the cases a news archive has (case table), and the
``briefing cite`` command printing what the export's citation column holds."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.export.cite import Citable, cite
from briefing.model import Article
from tests.export_fixture import read_jsonl
from tests.seeds import ROOT

BAKU = timezone(timedelta(hours=4))
WHERE = Citable(archive_url="https://archive.example.org/a/", accessed=date(2026, 12, 1))


def _article(**fields: object) -> Article:
    base: dict[str, object] = {
        "title": "Parliament approves budget",
        "slug": "parliament-approves-budget",
        "date": datetime(2026, 2, 27, 19, 33, tzinfo=BAKU),
        "category": "Politics",
        "source": "report.az",
    }
    return Article(**{**base, **fields})  # type: ignore[arg-type]


TWO = _article(authors=("Amy Carlon", "John Smith"), source_url="https://report.az/x")
UNDATED = _article(origin={"date": "ingested"}, title="Will it rain?")
THREE = _article(authors=("Amy Carlon", "Reuters", "Li Wei Zhang"))
SPECIAL = _article(title="50% of R&D_budget {cut}", authors=("Amy Carlon",), lang="en")

CASES = [
    pytest.param(
        TWO,
        "apa",
        "Carlon, A., & Smith, J. (2026, February 27). Parliament approves budget. report.az. "
        "https://report.az/x Archived copy, retrieved December 1, 2026, from "
        "https://archive.example.org/a/",
        id="apa-two-authors-source-url",
    ),
    pytest.param(
        UNDATED,
        "apa",
        "Will it rain? (n.d.). report.az. Retrieved December 1, 2026, from "
        "https://archive.example.org/a/",
        id="apa-no-author-date-not-stated",
    ),
    pytest.param(
        THREE,
        "apa",
        "Carlon, A., Reuters, & Zhang, L. W. (2026, February 27). Parliament approves budget. "
        "report.az. Retrieved December 1, 2026, from https://archive.example.org/a/",
        id="apa-three-authors-one-word-name",
    ),
    pytest.param(
        TWO,
        "chicago",
        "Carlon, Amy, and John Smith. “Parliament approves budget.” report.az, February 27, 2026. "
        "https://report.az/x. Archived copy accessed December 1, 2026, "
        "https://archive.example.org/a/.",
        id="chicago-two-authors",
    ),
    pytest.param(
        UNDATED,
        "chicago",
        "“Will it rain?” report.az, n.d. Archived copy accessed December 1, 2026, "
        "https://archive.example.org/a/.",
        id="chicago-no-author-date-not-stated",
    ),
    pytest.param(
        SPECIAL,
        "bibtex",
        "@online{parliament-approves-budget,\n"
        "  author = {Carlon, Amy},\n"
        "  title = {{50\\% of R\\&D\\_budget \\{cut\\}}},\n"
        "  date = {2026-02-27},\n"
        "  organization = {report.az},\n"
        "  url = {https://archive.example.org/a/},\n"
        "  urldate = {2026-12-01},\n"
        "}",
        id="bibtex-special-characters",
    ),
    pytest.param(
        UNDATED,
        "bibtex",
        "@online{parliament-approves-budget,\n"
        "  title = {{Will it rain?}},\n"
        "  organization = {report.az},\n"
        "  url = {https://archive.example.org/a/},\n"
        "  urldate = {2026-12-01},\n"
        "  note = {Date not stated by the source},\n"
        "}",
        id="bibtex-undated",
    ),
]


@pytest.mark.parametrize(("article", "style", "expected"), CASES)
def test_citation(article: Article, style: str, expected: str) -> None:
    assert cite(article, style, WHERE) == expected


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="apa, chicago, bibtex"):
        cite(TWO, "mla", WHERE)


@pytest.mark.parametrize("style", ["apa", "chicago", "bibtex"])
def test_cite_command_prints_the_exports_citation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    out = tmp_path / "archive.jsonl"
    content = ROOT / "content"
    settings = ["--settings", str(ROOT / "publishconf.py"), "--site-url", "https://a.example"]
    args = ["--content", str(content), *settings, "--accessed", "2026-12-01"]
    assert (
        main(["export", "--format", "jsonl", "--out", str(out), "--cite-style", style, *args]) == 0
    )
    capsys.readouterr()
    for row in read_jsonl(out):
        assert main(["cite", row["slug"], "--style", style, *args]) == 0
        assert capsys.readouterr().out == row["citation"] + "\n"
        assert row["archive_url"].startswith("https://a.example/")


def test_cite_an_unknown_slug_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "no-such-article", "--content", str(ROOT / "content")]) == 1
    assert "no article with slug 'no-such-article'" in capsys.readouterr().err
