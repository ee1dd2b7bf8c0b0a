"""``briefing ingest --explain``: what ingest extracts from one input, through ingest's own path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import cli, frontmatter
from briefing.markdown import plain_text
from tests.inputs import BODY, html_page

PROMO = "Ledger members save ten percent at the quay shop"


def dump(title: str) -> str:
    """A text dump under the site's menu and promotion line, as a scraper saves a page."""
    body = [f"{title}: {p}" for p in BODY]  # each page's own text, not learned as furniture
    return "\n".join(["Home", "Town", PROMO, "", title, "27 February 2026", "", *body, "", "Share"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three dumps of one source: the promotion line is furniture learned across them."""
    raw = tmp_path / "raw" / "ledger"
    raw.mkdir(parents=True)
    for n, title in enumerate(("Ferry timetable changes", "Pier 4 reopens", "Storm warning")):
        (raw / f"{n}.txt").write_text(dump(title), encoding="utf-8")
    return raw


def explained(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = cli.main(["ingest", *argv])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def labelled(lines: list[str], label: str) -> list[str]:
    """The texts of the decision lines with ``label`` ("    5 body         The ...")."""
    return [line[19:].split(" (")[0] for line in lines if line[6:18].strip() == label]


def test_boilerplate_is_learned_from_the_paths_given_as_ingest_learns_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    _, alone, _ = explained(capsys, "--explain", str(folder / "0.txt"))
    status, beside, _ = explained(capsys, str(folder), "--explain", str(folder / "0.txt"))
    assert status == 0
    assert f"    3 boilerplate  {PROMO} (repeats across the source's dumps)" in beside
    assert not any("repeats across the source's dumps" in line for line in alone)


def test_the_body_explained_is_the_body_ingest_writes(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    status, lines, _ = explained(capsys, str(folder), "--explain", str(folder / "1.txt"))
    assert status == 0
    assert lines[0] == "# 1.txt (extractor: text-dump, profile: generic)"
    assert labelled(lines, "title") == ["Pier 4 reopens"]
    content = tmp_path / "content"
    assert cli.main(["ingest", str(folder), "--out", str(content), "--no-cache"]) == 0
    written = frontmatter.load(next(content.rglob("pier-4-reopens.md")).read_text("utf-8"))
    paragraphs = plain_text(written.body).split("\n\n")
    assert labelled(lines, "body") == [p[:100] for p in paragraphs]  # shown cut at 100


def test_an_html_page_shows_the_fields_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "ferry.html"
    when = "2026-02-27T10:15:00+04:00"
    page.write_text(html_page("Ferry timetable changes", BODY, "https://x.example/f", when))
    status, lines, _ = explained(capsys, "--explain", str(page))
    assert status == 0
    assert lines[0] == "# ferry.html (extractor: html, profile: generic)"
    assert "title        Ferry timetable changes" in lines
    assert f"date         {when}" in lines
    assert f"paragraphs   {len(BODY)}" in lines


def test_each_record_of_json_lines_is_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {"title": "Pier 4 reopens", "text": "\n".join(BODY)}
    feed.write_text(json.dumps(good) + "\n" + json.dumps({"title": "No body"}) + "\n")
    status, lines, _ = explained(capsys, "--explain", str(feed))
    assert status == 0
    assert lines[0] == "# feed.jsonl#1 (extractor: records, profile: generic)"
    assert lines[-1].startswith("# feed.jsonl#2: rejected (line 2: record has no body")


@pytest.mark.parametrize(
    ("name", "text", "status", "reason"),
    [
        pytest.param("nav.txt", "Home\nNews\nSport\nShare\n", 1, "no article text", id="no-text"),
        pytest.param("empty.txt", "", 1, "empty file", id="empty"),
        pytest.param("notes.doc", "A page", 2, "unsupported file type", id="unsupported"),
    ],
)
def test_an_input_ingest_rejects_is_explained_by_its_reason(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    text: str,
    status: int,
    reason: str,
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    got, lines, err = explained(capsys, "--explain", str(path))
    assert (got, lines) == (status, [])
    assert err.startswith(f"{path}: {reason}")


def test_a_file_outside_the_paths_given_is_refused(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(dump("Elsewhere"), encoding="utf-8")
    status, lines, err = explained(capsys, str(folder), "--explain", str(other))
    assert (status, lines) == (2, [])
    assert "not among the inputs given" in err
