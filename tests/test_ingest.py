"""Ingest end to end on awkward inputs: every file ends as an article or a one-line reason."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from briefing import frontmatter
from briefing import ingest as ingest_module
from briefing.ingest import MIN_PARALLEL_INPUTS, IngestOptions, ingest
from briefing.model import Article
from briefing.normalise import fingerprint
from briefing.report import RunReport
from tests.inputs import BODY, MD_ARTICLE, readnext_dump, report_dump
from tests.seeds import CLOCK, READNEXT, REPORT_AZ


def articles_in(out: Path) -> list[Article]:
    return [frontmatter.load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.md"))]


def run(raw: Path, out: Path, now: datetime = CLOCK, date: datetime | None = None) -> RunReport:
    return ingest([raw], out, IngestOptions(now=now, date=date))


Writer = Callable[[Path], None]


def write(name: str, data: bytes | str) -> Writer:
    def make(folder: Path) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(payload)

    return make


def dangling(folder: Path) -> None:
    (folder / "gone.txt").symlink_to(folder / "missing-target.txt")


BAD_INPUTS = [
    pytest.param(write("empty.txt", b""), "empty file", id="empty"),
    pytest.param(write("blank.txt", "  \n\t\n   \n"), "empty file", id="whitespace-only"),
    pytest.param(write("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary", id="binary"),
    pytest.param(write("big.txt", b"word " * (4 * 1024 * 1024)), "too large", id="20-MB"),
    pytest.param(
        write("nav.txt", "Home\nNews\nSport\nWeather\nContact us\nLog in\n" * 5),
        "no article text",
        id="navigation-only",
    ),
    pytest.param(dangling, "unreadable", id="unreadable"),
    pytest.param(write("notes.pdf", b"%PDF-1.4"), "unsupported file type", id="unsupported"),
]


@pytest.mark.parametrize(("make", "reason"), BAD_INPUTS)
def test_bad_input_is_rejected_with_its_reason(tmp_path: Path, make: Writer, reason: str) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    make(raw)
    report = run(raw, out)
    assert [r.reason for r in report.rejected if reason in r.reason], report.rejected
    assert not list(out.rglob("*.md"))


GOOD_INPUTS = [
    pytest.param(
        write(
            "ru.txt",
            report_dump(
                "Экспорт зерна вырос на треть",
                (
                    "Экспорт зерна из страны за первый квартал вырос на треть по сравнению "
                    "с прошлым годом, сообщили в министерстве сельского хозяйства в пятницу.",
                    "Основными покупателями остаются соседние государства, а также страны Ближнего "
                    "Востока, где спрос на пшеницу остаётся высоким.",
                ),
            ).encode("cp1251"),
        ),
        "Экспорт зерна вырос на треть",
        id="cp1251",
    ),
    pytest.param(
        write(
            "fr.txt",
            readnext_dump(
                (
                    "Le ministère a présenté vendredi un programme de rénovation des écoles "
                    "élémentaires et des crèches de la région, financé par l'État et les communes.",
                    "Les élèves pourront rejoindre les nouveaux bâtiments à la rentrée prochaine, "
                    "selon le calendrier présenté par la préfète à la presse locale.",
                )
            ).encode("latin-1"),
        ),
        "Le ministère a présenté vendredi un programme de rénovation des écoles élémentaires",
        id="latin-1",
    ),
    pytest.param(
        write("bom.txt", b"\xef\xbb\xbf" + report_dump("BOM first").encode()),
        "BOM first",
        id="utf8-bom",
    ),
    pytest.param(
        write("crlf.txt", report_dump("Line endings").replace("\n", "\r\n")),
        "Line endings",
        id="crlf",
    ),
    pytest.param(
        write("q.txt", report_dump('He said: "No deal" — "yet": talks go on')),
        'He said: "No deal" — "yet": talks go on',
        id="quotes-and-colons",
    ),
    pytest.param(
        write("name with spaces é.txt", report_dump("Spaces in the name")),
        "Spaces in the name",
        id="spaces-non-ascii-name",
    ),
]


@pytest.mark.parametrize(("make", "title"), GOOD_INPUTS)
def test_awkward_but_valid_input_becomes_an_article(
    tmp_path: Path, make: Writer, title: str
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    make(raw)
    report = run(raw, out)
    assert report.ok, report.rejected
    titles = [a.title for a in articles_in(out) if a.kind == "article"]
    assert any(t.startswith(title.rstrip("…")) for t in titles), titles
    assert not list(out.rglob("*.tmp")), "no temporary files left behind"


def test_body_with_front_matter_and_markup_stays_text(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    body = (
        "---",
        "title: injected",
        "<script>alert('x')</script> and [click](javascript:alert(1)) in a sentence that is long.",
        *BODY,
    )
    (raw / "hostile.txt").write_text(report_dump("Hostile body", body), encoding="utf-8")
    report = run(raw, out)
    assert report.ok
    (article,) = [a for a in articles_in(out) if a.kind == "article"]
    assert article.title == "Hostile body"
    assert "\\---" in article.body and "title: injected" in article.body
    assert "\\<script\\>" in article.body and "\\[click\\]" in article.body


def test_reingest_changes_no_byte_and_keeps_the_first_ingest_date(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    for seed in (REPORT_AZ, READNEXT):
        (raw / seed.name).write_bytes(seed.read_bytes())
    first = run(raw, out)
    before = {p: p.read_bytes() for p in out.rglob("*.md")}
    second = run(raw, out, now=datetime(2027, 7, 1, tzinfo=UTC))
    assert {p: p.read_bytes() for p in out.rglob("*.md")} == before
    assert len(first.written) == 10 and second.written == second.updated == []
    assert len(second.unchanged) == 2


def test_same_article_twice_is_one_article_and_a_reported_duplicate(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    text = report_dump("One story")
    (raw / "a.txt").write_text(text, encoding="utf-8")
    (raw / "b copy.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    report = run(raw, out)
    assert [a.source_file for a in articles_in(out) if a.kind == "article"] == ["a.txt"]
    assert len(report.duplicates) == 1 and "b copy.txt" in report.duplicates[0]
    assert report.ok


def test_different_articles_with_the_same_title_get_two_slugs(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "a.txt").write_text(report_dump("Same headline"), encoding="utf-8")
    (raw / "b.txt").write_text(report_dump("Same headline", BODY[::-1]), encoding="utf-8")
    run(raw, out)
    slugs = sorted(a.slug for a in articles_in(out) if a.kind == "article")
    assert slugs == ["same-headline", "same-headline-2"]


def test_sidecar_gives_date_url_and_source(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "p.txt").write_text(readnext_dump(), encoding="utf-8")
    (raw / "p.meta.yaml").write_text(
        "date: '2025-06-01T08:00:00+04:00'\nurl: https://example.org/p\nsource: example.org\n",
        encoding="utf-8",
    )
    run(raw, out)
    (article,) = articles_in(out)
    assert article.date.isoformat() == "2025-06-01T08:00:00+04:00"
    assert (article.source, article.source_url) == ("example.org", "https://example.org/p")
    assert article.origin["date"] == "sidecar"


def test_date_option_dates_undated_inputs(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "p.txt").write_text(readnext_dump(), encoding="utf-8")
    run(raw, out, date=datetime.fromisoformat("2025-01-02T03:04:00+01:00"))
    (article,) = articles_in(out)
    assert article.date.isoformat() == "2025-01-02T03:04:00+01:00"
    assert article.origin["date"] == "option"


def test_source_folder_names_the_source(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    (raw / "azernews.az").mkdir(parents=True)
    (raw / "azernews.az" / "p.txt").write_text(readnext_dump(), encoding="utf-8")
    run(raw, out)
    (article,) = articles_in(out)
    assert (article.source, article.source_file) == ("azernews.az", "azernews.az/p.txt")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(CLOCK.timestamp()))}
    return subprocess.run(
        [sys.executable, "-m", "briefing", "ingest", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exits_non_zero_naming_each_rejected_file_without_traceback(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(report_dump("A good one"), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "bin.txt").write_bytes(b"\x00\x01")
    result = _cli(str(raw), "--out", str(tmp_path / "content"), cwd=tmp_path)
    assert result.returncode == 1
    assert "rejected: empty.txt: empty file" in result.stderr
    assert "rejected: bin.txt: binary file" in result.stderr
    assert "Traceback" not in result.stderr
    assert "ingest: 1 written" in result.stdout


def test_cli_exits_zero_when_nothing_is_rejected(tmp_path: Path) -> None:
    result = _cli(str(REPORT_AZ), "--out", str(tmp_path / "content"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 rejected" in result.stdout


def test_md_inputs_pass_through_with_their_own_provenance(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "plain.md").write_text(MD_ARTICLE, encoding="utf-8")
    moved = MD_ARTICLE.replace("category: Transport\n", "category: Transport\nsource_file: a.txt\n")
    moved = moved.replace("ferry-timetable", "bus-timetable").replace("Ferry", "Bus")
    (raw / "moved.md").write_text(moved.replace("---\n\n", "fingerprint: f0f0\n---\n\n"), "utf-8")
    report = run(raw, out)
    assert report.ok and len(report.written) == 2
    by_slug = {a.slug: a for a in articles_in(out)}
    plain = frontmatter.load(MD_ARTICLE)
    written = by_slug["ferry-timetable-changes-for-the-winter"]
    assert (written.title, written.body, written.date) == (plain.title, plain.body, plain.date)
    assert written.source_file == "plain.md"  # none of its own: the input's name
    assert written.fingerprint == fingerprint(plain.title, plain.body)
    other = by_slug["bus-timetable-changes-for-the-winter"]
    assert (other.source_file, other.fingerprint) == ("a.txt", "f0f0")


def test_jobs_is_the_number_of_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    for n in range(MIN_PARALLEL_INPUTS):  # the fewest inputs that start a worker pool
        (raw / f"p{n}.txt").write_text(report_dump(f"Report number {n}"), encoding="utf-8")
    sizes: list[int | None] = []

    class Pool(ProcessPoolExecutor):  # the real pool, its size noted
        def __init__(self, max_workers: int | None = None, **kwargs: Any) -> None:
            sizes.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(ingest_module, "ProcessPoolExecutor", Pool)
    report = ingest([raw], out, IngestOptions(now=CLOCK, jobs=3))
    assert report.ok and len(report.written) == MIN_PARALLEL_INPUTS
    assert sizes == [3]
