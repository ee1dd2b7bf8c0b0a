"""``briefing ingest --fetched-at``: the base of relative datelines, after the sidecar's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import frontmatter
from briefing.cli import main
from briefing.model import Article

HEADLINE = "Council approves protected cycle lanes along the river road"
DUMP = "\n".join(
    [
        "Home",
        "News",
        HEADLINE,
        "By Ann Lee and Bo Chen",
        "vor 2 Std.",
        "Der Stadtrat hat am Dienstagabend beschlossen, entlang der Flussstraße zwei Kilometer "
        "geschützte Radwege zu bauen, noch vor dem nächsten Sommer.",
        "Anwohner sagten in der Sitzung, die Straße sei für Kinder auf dem Weg zu den drei "
        "Schulen am Ostufer zu gefährlich geworden.",
        "Contact us",
    ]
)


def _ingest(tmp_path: Path, *options: str, sidecar: str | None = None) -> Article:
    raw = tmp_path / "raw" / "courier"
    raw.mkdir(parents=True)
    (raw / "lanes.txt").write_text(DUMP, encoding="utf-8")
    if sidecar is not None:
        (raw / "lanes.txt.meta.yaml").write_text(f"fetched_at: '{sidecar}'\n", encoding="utf-8")
    out = tmp_path / "content"
    assert main(["ingest", str(tmp_path / "raw"), "--out", str(out), "--jobs", "1", *options]) == 0
    (written,) = (out / "articles").rglob("*.md")
    return frontmatter.load(written.read_text(encoding="utf-8"))


def test_option_dates_a_relative_dateline(tmp_path: Path) -> None:
    article = _ingest(tmp_path, "--fetched-at", "2026-06-05T14:00:00+02:00")
    assert article.date.isoformat() == "2026-06-05T12:00:00+02:00"
    assert article.origin["date"] == "relative"
    assert article.origin["fetched_at"] == "2026-06-05T14:00:00+02:00"
    assert article.authors == ("Ann Lee", "Bo Chen")


def test_sidecar_fetch_time_comes_before_the_option(tmp_path: Path) -> None:
    article = _ingest(
        tmp_path, "--fetched-at", "2026-06-05T14:00:00+02:00", sidecar="2026-06-01T10:00:00+00:00"
    )
    assert article.date.isoformat() == "2026-06-01T08:00:00+00:00"
    assert article.origin["fetched_at"] == "2026-06-01T10:00:00+00:00"


def test_without_a_fetch_time_the_date_is_unknown(tmp_path: Path) -> None:
    article = _ingest(tmp_path)
    assert article.origin["date"] == "ingested"
    assert "fetched_at" not in article.origin


def test_fetched_at_needs_an_offset(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", "raw", "--fetched-at", "2026-06-05T14:00:00"])
    assert "'2026-06-05T14:00:00' has no UTC offset" in capsys.readouterr().err
