"""The export round trip: every article in content/ is one row whose fields equal its front matter,
in every format, byte-stable, with unreadable files reported and the rest exported."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synth
from bench.bench_export import export_args
from briefing import frontmatter
from briefing.cli import main
from briefing.export import content as export_content
from briefing.export.columns import NAMES, columns_of
from briefing.export.content import Filters, article_files
from briefing.export.siteinfo import SiteError, SiteInfo
from briefing.export.sqlite import children
from briefing.markdown import paragraphs_to_markdown, plain_text
from briefing.model import Article, Translation
from tests.export_fixture import (
    READERS,
    SUFFIX,
    compact,
    front_matter_fields,
    read_csv,
    read_jsonl,
    run_export,
)
from tests.fixtures.site import write_archive
from tests.seeds import ROOT

SAMPLE = ROOT / "content"
FORMATS = tuple(READERS)


@pytest.fixture(scope="module")
def fixture_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site fixture archive: derived values, briefs, translations, hostile markup."""
    return write_archive(tmp_path_factory.mktemp("fixture") / "content")


@pytest.fixture(scope="module")
def synthetic_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-article synthetic archive from bench/synth.py."""
    content = tmp_path_factory.mktemp("synth") / "content"
    synth.write_markdown(synth.generate(300, seed=5).articles, content)
    return content


def _archives(request: pytest.FixtureRequest, name: str) -> Path:
    return SAMPLE if name == "sample" else Path(request.getfixturevalue(f"{name}_content"))


def _rows_by_slug(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["slug"]: row for row in rows}


@pytest.mark.parametrize("archive", ["sample", "fixture", "synthetic"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_article_is_one_row_equal_to_its_front_matter(
    request: pytest.FixtureRequest, tmp_path: Path, archive: str, fmt: str
) -> None:
    content = _archives(request, archive)
    out = tmp_path / f"archive{SUFFIX[fmt]}"
    report = run_export(content, out, fmt)
    assert report.ok and report.rows == len(article_files(content))
    rows = READERS[fmt](out)
    assert [tuple(r) for r in rows[:1]] == [NAMES]
    by_slug = _rows_by_slug(rows)
    assert len(by_slug) == len(rows) == report.rows
    for path in article_files(content):
        expected = front_matter_fields(path)
        row = by_slug[expected["slug"]]
        assert {k: compact(row[k]) for k in expected} == expected, path.name
        stated = datetime.fromisoformat(expected["date"])
        assert row["date_utc"] == stated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert row["day"] == expected["date"][:10]  # the dateline's day, offset kept
        assert row["date_stated"] is ("date" not in expected["origin"])
        assert row["archive_url"].startswith("https://archive.example.org/")
        assert row["archive_url"].endswith(
            f"/{expected['date'][:4]}/{expected['date'][5:7]}/"
            f"{expected['date'][8:10]}/{expected['slug']}/"
        )
        assert row["word_count"] == len((row["body_text"] or "").split())
        assert expected["title"].rstrip(".") in row["citation"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_hold_the_same_rows(fixture_content: Path, tmp_path: Path, fmt: str) -> None:
    reference = read_jsonl(_export(fixture_content, tmp_path, "jsonl"))
    assert READERS[fmt](_export(fixture_content, tmp_path, fmt)) == reference


def _export(content: Path, folder: Path, fmt: str, **options: Any) -> Path:
    out = folder / f"archive{SUFFIX[fmt]}"
    assert run_export(content, out, fmt, **options).ok
    return out


def test_body_text_is_the_scraped_text_without_markdown_escapes(tmp_path: Path) -> None:
    paragraphs = ["*Breaking*: 1. [link](x) <b>bold</b> & more", "# not a heading", "12) item"]
    article = Article(
        title="Escapes",
        slug="escapes",
        date=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        category="Test",
        body=paragraphs_to_markdown(paragraphs),
    )
    content = tmp_path / "content"
    path = content / "articles" / "2026" / "03" / "escapes.md"
    path.parent.mkdir(parents=True)
    path.write_text(frontmatter.dump(article), encoding="utf-8")
    (row,) = read_jsonl(_export(content, tmp_path, "jsonl"))
    assert row["body_text"] == "\n\n".join(paragraphs)
    assert row["word_count"] == sum(len(p.split()) for p in paragraphs)


# The machine runs six engineers' jobs at once: a slow draw is load, not a slow strategy.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1), max_size=4))
def test_plain_text_undoes_paragraph_escaping(paragraphs: list[str]) -> None:
    kept = [p.strip() for p in paragraphs if p.strip()]
    assert plain_text(paragraphs_to_markdown(paragraphs)) == "\n\n".join(kept)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_re_export_of_an_unchanged_archive_is_byte_identical(
    synthetic_content: Path, tmp_path: Path, fmt: str
) -> None:
    first = _export(synthetic_content, tmp_path / "one", fmt)
    for path in article_files(synthetic_content)[::7]:  # new mtimes, same text
        path.write_bytes(path.read_bytes())
    second = _export(synthetic_content, tmp_path / "two", fmt)
    assert first.read_bytes() == second.read_bytes()
    again = _export(synthetic_content, tmp_path / "one", fmt)  # over the previous file
    assert again.read_bytes() == second.read_bytes()


def test_csv_reads_back_in_excel_and_r_conventions(tmp_path: Path) -> None:
    plain = _export(SAMPLE, tmp_path / "plain", "csv")
    bom = _export(SAMPLE, tmp_path / "bom", "csv", bom=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    header = plain.read_bytes().split(b"\r\n", 1)[0].decode("ascii")
    assert header.split(",") == list(NAMES)  # R's read.csv(header = TRUE) takes these names
    # Excel (and R's fileEncoding = "UTF-8-BOM") drop the mark: the same rows either way.
    assert read_csv(bom, encoding="utf-8-sig") == read_csv(plain)
    rows = read_csv(plain)
    texts = [row["body_text"] or "" for row in rows]
    assert any("\n" in text for text in texts)  # multi-line cells are quoted
    assert any('"' in text and "," in text for text in texts)  # quotes doubled, commas kept
    assert rows == read_jsonl(_export(SAMPLE, tmp_path, "jsonl"))


def test_parquet_columns_are_typed(fixture_content: Path, tmp_path: Path) -> None:
    schema = pq.read_schema(_export(fixture_content, tmp_path, "parquet"))
    assert schema.names == list(NAMES)
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("word_count").type == pa.int64()
    assert schema.field("date_stated").type == pa.bool_()
    assert schema.field("translations").type == pa.string()  # JSON text, as in CSV
    assert schema.field("summary").metadata == {b"description": b"The lede, plain text"}


def _slugs_where(content: Path, keep: Any) -> list[str]:
    return sorted(f["slug"] for f in map(front_matter_fields, article_files(content)) if keep(f))


FILTERS = [
    pytest.param(
        Filters(since=date(2026, 3, 10)), lambda f: f["date"][:10] >= "2026-03-10", id="since"
    ),
    pytest.param(
        Filters(until=date(2026, 3, 9)), lambda f: f["date"][:10] <= "2026-03-09", id="until"
    ),
    pytest.param(
        Filters(category="politics"), lambda f: f["category"] == "Politics", id="category-any-case"
    ),
    pytest.param(
        Filters(source="Example Times"), lambda f: f["source"] == "Example Times", id="source"
    ),
    pytest.param(Filters(source="nowhere"), lambda f: False, id="no-match"),
]


@pytest.mark.parametrize(("filters", "keep"), FILTERS)
def test_filters_choose_rows(
    fixture_content: Path, tmp_path: Path, filters: Filters, keep: Any
) -> None:
    out = tmp_path / "archive.jsonl"
    assert run_export(fixture_content, out, "jsonl", filters=filters).ok
    assert sorted(r["slug"] for r in read_jsonl(out)) == _slugs_where(fixture_content, keep)


def test_filtered_sqlite_keeps_only_links_inside_the_export(
    synthetic_content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "archive.db"
    filters = Filters(since=date(2025, 1, 1))
    assert run_export(synthetic_content, out, "sqlite", filters=filters).ok
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        outside = db.execute(
            "SELECT count(*) FROM source_items WHERE slug IS NOT NULL "
            "AND slug NOT IN (SELECT slug FROM articles)"
        ).fetchone()[0]
        links = db.execute("SELECT count(*) FROM read_next").fetchone()[0]
    assert outside > 0 and links > 0  # the items keep their slugs; the link table is consistent


@pytest.fixture
def damaged_content(fixture_content: Path, tmp_path: Path) -> Iterator[tuple[Path, list[Path]]]:
    content = tmp_path / "content"
    shutil.copytree(fixture_content, content)
    folder = content / "articles"
    bad = [
        folder / "broken-yaml.md",
        folder / "latin1.md",
        folder / "a-folder.md",
        folder / "no-date.md",
    ]
    bad[0].write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    bad[1].write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    bad[2].mkdir()
    bad[3].write_text("---\ntitle: T\nslug: no-date\ncategory: C\n---\n", encoding="utf-8")
    yield content, bad


def test_unreadable_files_are_named_and_the_rest_exported(
    damaged_content: tuple[Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, bad = damaged_content
    out = tmp_path / "archive.csv"
    status = main(export_args("csv", content, out))
    captured = capsys.readouterr()
    assert status == 1
    for path in bad:
        assert f"left out {path}: " in captured.err
    assert "Traceback" not in captured.err
    good = len(article_files(content)) - len(bad)
    assert len(read_csv(out)) == good
    assert f"export: {good} articles to {out}" in captured.out


def test_a_failed_export_leaves_no_file(fixture_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive.parquet"
    site = SiteInfo(url="https://x.example", article_url="{date:%Y}/{category}/{slug}/")
    from briefing.export.columns import RowContext
    from briefing.export.run import ExportOptions, export

    with pytest.raises(SiteError, match="category"):
        export(fixture_content, out, ExportOptions("parquet", RowContext(site, date(2026, 1, 1))))
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_the_format_and_datasette_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus" / "archive.db"
    assert (
        main(
            [
                "export",
                "--format",
                "sqlite",
                "--content",
                str(SAMPLE),
                "--out",
                str(out),
                "--settings",
                str(ROOT / "publishconf.py"),
            ]
        )
        == 0
    )
    assert out.is_file() and (tmp_path / "corpus" / "archive.metadata.json").is_file()
    assert f"export: {len(article_files(SAMPLE))} articles to {out}" in capsys.readouterr().out


@dataclasses.dataclass(frozen=True)
class _WithUpdates(Article):
    """Article with a field the lead may add (earlier versions): exported without a change."""

    updates: tuple[Translation, ...] = ()
    revision: int = 0


def test_a_new_article_field_becomes_a_column_and_a_table() -> None:
    columns = {c.name: c.kind for c in columns_of(_WithUpdates)}
    assert columns["updates"] == "json" and columns["revision"] == "int"
    tables = {c.table: c.columns for c in children(_WithUpdates)}
    assert tables["updates"] == {"lang": str, "title": str, "url": str}
    assert set(tables) >= {"tags", "authors", "translations", "source_items"}


def test_worker_processes_give_the_same_bytes_and_errors(
    damaged_content: tuple[Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, bad = damaged_content
    monkeypatch.setattr(export_content, "CHUNK_FILES", 3)  # several chunks in flight
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = run_export(content, one, "jsonl", jobs=1)
    second = run_export(content, two, "jsonl", jobs=2)
    assert one.read_bytes() == two.read_bytes()
    assert first.errors == second.errors and len(first.errors) == len(bad)
