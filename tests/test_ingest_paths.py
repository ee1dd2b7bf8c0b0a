"""Ingest's less travelled paths, in process: furniture learning, the manifest key, faults.

The command-line tests (tests/test_bad_inputs.py) show what a user reads; these pin the rules
behind it that no ordinary batch reaches: which dumps a folder's furniture is learned from,
what a cached extraction is keyed by (so a changed option re-extracts), which rejections are
never cached, and how a fault of our own, a dead worker or a failed write becomes a rejection.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import frontmatter
from briefing import ingest as ingest_module
from briefing.extraction import ExtractContext, Extracted, RecordError
from briefing.generic.boilerplate import MIN_DUMPS
from briefing.ingest import (
    IngestOptions,
    Parsed,
    crashed_workers,
    ingest,
    learn_boilerplate_by_folder,
    parse_input,
    source_name,
    validate,
)
from briefing.report import Rejection
from briefing.slug import MAX_SLUG_CHARS
from briefing.sources import RawInput, discover
from tests.inputs import GRAIN, MD_ARTICLE, METRO, jsonl, report_dump
from tests.seeds import CLOCK

FURNITURE = "Subscribe to the evening newsletter of the site"


def dump(n: int) -> str:
    """A page dump with a line of its own and the site's furniture line."""
    return f"{FURNITURE}\nA line only page {n} has, about its own story.\n"


def put(folder: Path, name: str, data: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)


def test_furniture_is_learned_per_folder_from_enough_readable_text_dumps(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for n in range(MIN_DUMPS - 1):  # too few dumps: nothing learned, and the next folder still is
        put(raw / "a-few", f"{n}.txt", dump(n))
    put(raw / "a-few", "page.html", "<p>An HTML page is no dump</p>")
    for n in range(MIN_DUMPS):  # exactly enough
        put(raw / "b-enough", f"{n}.txt", dump(n))
    put(raw / "b-enough", "z.txt", b"\x00\x01binary")  # unreadable: left out, rejected later
    learned = learn_boilerplate_by_folder(discover([raw]).inputs)
    assert learned == {"b-enough": frozenset({FURNITURE})}


def test_a_folder_whose_dumps_are_unreadable_learns_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    put(raw / "site", "0.txt", dump(0))
    for n in range(1, MIN_DUMPS):
        put(raw / "site", f"{n}.txt", b"\x00binary")
    assert learn_boilerplate_by_folder(discover([raw]).inputs) == {"site": frozenset()}


def raw_page(tmp_path: Path, name: str = "site/page.txt") -> RawInput:
    path = tmp_path / "raw" / name
    put(path.parent, path.name, report_dump("A report of the council"))
    return RawInput(path, name, "txt")


OPTIONS = IngestOptions(now=CLOCK)
A_DATE = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)

# Each change that can change an input's result, and so must miss the manifest.
CHANGES = [
    pytest.param(lambda raw: (raw, replace(OPTIONS, date=A_DATE)), id="date-option"),
    pytest.param(lambda raw: (raw, replace(OPTIONS, fetched_at=A_DATE)), id="fetched-at-option"),
    pytest.param(
        lambda raw: (raw, replace(OPTIONS, boilerplate={"site": frozenset({"Menu"})})),
        id="learned-furniture",
    ),
    pytest.param(lambda raw: (replace(raw, kind="html"), OPTIONS), id="kind"),
    pytest.param(lambda raw: (replace(raw, rel="site/other.txt"), OPTIONS), id="name"),
]


@pytest.mark.parametrize("change", CHANGES)
def test_the_manifest_key_changes_with_everything_the_result_depends_on(
    tmp_path: Path, change: object
) -> None:
    raw = raw_page(tmp_path)
    key = ingest_module._key(raw, OPTIONS)
    assert key is not None and key == ingest_module._key(raw, OPTIONS)
    changed_raw, changed_options = change(raw)  # type: ignore[operator]
    assert ingest_module._key(changed_raw, changed_options) != key


def test_the_manifest_key_ignores_another_folders_furniture(tmp_path: Path) -> None:
    raw = raw_page(tmp_path)
    other = replace(OPTIONS, boilerplate={"elsewhere": frozenset({"Menu"})})
    assert ingest_module._key(raw, other) == ingest_module._key(raw, OPTIONS)


def test_the_manifest_key_changes_with_the_sidecar_and_the_bytes(tmp_path: Path) -> None:
    raw = raw_page(tmp_path)
    key = ingest_module._key(raw, OPTIONS)
    side = raw.path.with_name(raw.path.name + ".meta.yaml")
    side.write_text("url: https://example.org/a\n", encoding="utf-8")
    with_sidecar = ingest_module._key(raw, OPTIONS)
    assert with_sidecar not in (key, None)
    side.write_text("url: https://example.org/b\n", encoding="utf-8")
    assert ingest_module._key(raw, OPTIONS) not in (key, with_sidecar)
    side.unlink()
    raw.path.write_text(report_dump("Another report"), encoding="utf-8")
    assert ingest_module._key(raw, OPTIONS) not in (key, with_sidecar, None)


def test_an_input_that_cannot_be_read_has_no_manifest_key(tmp_path: Path) -> None:
    raw = raw_page(tmp_path)
    raw.path.unlink()
    assert ingest_module._key(raw, OPTIONS) is None


BINARY = Rejection("bin.txt", "binary file (contains NUL bytes), not a text page dump")


def manifest_run(raw: Path, out: Path) -> tuple[int, list[Rejection]]:
    report = ingest([raw], out, replace(OPTIONS, manifest=out.parent / "manifest.sqlite"))
    return report.reused, report.rejected


def test_a_rejection_that_may_pass_next_time_is_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    put(raw, "bin.txt", b"\x00\x01")  # refused by decoding, before extraction
    put(raw, "page.txt", report_dump("A report of the council"))

    def out_of_memory(kind: str, text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
        raise MemoryError

    with monkeypatch.context() as patch:
        patch.setattr(ingest_module, "extract", out_of_memory)
        assert manifest_run(raw, out) == (
            0,
            [BINARY, Rejection("page.txt", "too large to hold in memory")],
        )
    reused, rejected = manifest_run(raw, out)
    assert reused == 1  # the binary file's rejection was cached; the page is extracted again
    assert rejected == [BINARY]
    assert [p.name for p in out.rglob("*.md")] == ["a-report-of-the-council.md"]


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        pytest.param(RecursionError(), "nested too deeply to read", id="recursion"),
        pytest.param(MemoryError(), "too large to hold in memory", id="memory"),
        pytest.param(
            KeyError("title"), "could not be processed (KeyError: 'title')", id="our-own-fault"
        ),
    ],
)
def test_a_fault_while_extracting_is_the_inputs_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException, reason: str
) -> None:
    raw = raw_page(tmp_path)

    def failing(kind: str, text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
        raise fault

    monkeypatch.setattr(ingest_module, "extract", failing)
    assert parse_input(raw, OPTIONS) == Parsed(raw.rel, rejections=(Rejection(raw.rel, reason),))


def test_an_input_that_kills_every_cluster_worker_is_named_with_its_reason(
    tmp_path: Path,
) -> None:
    raw = raw_page(tmp_path)
    reason = "crashed the worker processes reading it"
    assert crashed_workers(raw) == Parsed(raw.rel, rejections=(Rejection(raw.rel, reason),))


def test_an_article_that_cannot_be_written_is_its_inputs_rejection(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    put(raw, "page.txt", report_dump("A report of the council"))
    put(raw, "other.md", MD_ARTICLE)
    put(out / "articles", "2026", "a file where the year's folder goes")
    report = ingest([raw], out, OPTIONS)
    assert report.rejected == [
        Rejection("other.md", "could not be written: Not a directory"),
        Rejection("page.txt", "could not be written: Not a directory"),
    ]
    assert report.written == []


@pytest.mark.parametrize(
    ("n", "count", "name"),
    [
        pytest.param(1, 1, "feed.jsonl", id="one-record"),
        pytest.param(1, 2, "feed.jsonl#1", id="first-of-two"),
        pytest.param(2, 2, "feed.jsonl#2", id="second-of-two"),
    ],
)
def test_each_record_of_a_many_record_input_is_named_by_its_number(
    n: int, count: int, name: str
) -> None:
    raw = RawInput(Path("/raw/feed.jsonl"), "feed.jsonl", "jsonl")
    assert source_name(raw, n, count) == name


ARTICLE = frontmatter.load(MD_ARTICLE)


@pytest.mark.parametrize("through_yaml", [True, False], ids=["article", "brief"])
@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param({}, None, id="valid"),
        pytest.param({"slug": "a" * MAX_SLUG_CHARS}, None, id="longest-slug"),
        pytest.param(
            {"slug": "a" * (MAX_SLUG_CHARS + 1)},
            f"slug is longer than {MAX_SLUG_CHARS} characters",
            id="slug-too-long",
        ),
        pytest.param(
            {"slug": "Bad Slug"},
            "would not pass the build's check: field 'slug': 'Bad Slug' is not lowercase "
            "ASCII words and dashes",
            id="refused",
        ),
        pytest.param(
            {"lang": "", "summary": ""},
            "would not read back as written (field lang, summary)",
            id="read-back-differs",
        ),
    ],
)
def test_an_article_is_valid_when_it_reads_back_as_written(
    change: dict[str, str], problem: str | None, through_yaml: bool
) -> None:
    assert validate(replace(ARTICLE, **change), through_yaml=through_yaml) == problem


def articles_in(out: Path) -> list[frontmatter.Article]:
    return [frontmatter.load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.md"))]


def test_a_sidecars_source_names_the_source_over_the_pages_host(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    put(raw, "p.txt", report_dump("A report of the council"))
    put(raw, "p.meta.yaml", "url: https://example.org/p\nsource: Example Times\n")
    ingest([raw], out, OPTIONS)
    (article,) = articles_in(out)
    assert (article.source, article.source_url) == ("Example Times", "https://example.org/p")


def test_the_records_of_a_feed_are_numbered_from_one(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    put(raw, "feed.jsonl", jsonl(GRAIN, METRO))
    ingest([raw], out, OPTIONS)
    names = sorted(article.source_file or "" for article in articles_in(out))
    assert names == ["feed.jsonl#1", "feed.jsonl#2"]


def test_a_bad_record_loses_none_of_the_records_after_it(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    put(raw, "feed.jsonl", jsonl(GRAIN, {"title": "No text"}, METRO))
    report = ingest([raw], out, OPTIONS)
    assert [r.file for r in report.rejected] == ["feed.jsonl (line 2)"]
    assert sorted(a.title for a in articles_in(out)) == [GRAIN["title"], METRO["title"]]


def test_a_fault_of_our_own_is_logged_with_its_traceback_for_debugging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    raw = raw_page(tmp_path)

    def failing(kind: str, text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
        raise KeyError("title")

    monkeypatch.setattr(ingest_module, "extract", failing)
    with caplog.at_level("DEBUG", logger="briefing.ingest"):
        parse_input(raw, OPTIONS)
    (record,) = [r for r in caplog.records if r.name == "briefing.ingest"]
    assert record.getMessage() == "site/page.txt: unexpected failure"
    assert record.exc_info is not None and record.exc_info[0] is KeyError


def test_the_manifest_key_is_the_same_from_the_bytes_read_for_learning(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for n in range(MIN_DUMPS):
        put(raw / "site", f"{n}.txt", dump(n))
    inputs = discover([raw]).inputs
    digests: dict[str, bytes] = {}
    learned = learn_boilerplate_by_folder(inputs, digests)
    options = replace(OPTIONS, boilerplate=learned)
    assert sorted(digests) == sorted(r.rel for r in inputs)
    for raw_input in inputs:
        read_again = ingest_module._key(raw_input, options)
        assert read_again is not None
        assert ingest_module._key(raw_input, options, digests[raw_input.rel]) == read_again
    (raw / "site" / "0.txt").write_text("another page")  # changed after it was read to learn
    changed = ingest_module._key(inputs[0], options)
    assert changed != ingest_module._key(inputs[0], options, digests[inputs[0].rel])
