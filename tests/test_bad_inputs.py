"""Bad input loses nothing: one reason line naming the file, exit 1, the good articles intact.

Every case puts one bad input beside a batch of good ones (one of each input kind) and runs the
real command line.  The good articles must come out byte for byte as they do without the bad
input, the bad one must be named once with its reason, and no traceback may appear.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.cli import main
from tests.inputs import GRAIN, MD_ARTICLE, jsonl, record, report_dump, snapshot
from tests.inputs import write_good_batch as good_batch
from tests.seeds import CLOCK

Maker = Callable[[Path, Path], None]  # (raw folder, a folder outside it)


def put(name: str, data: bytes | str) -> Maker:
    def make(raw: Path, outside: Path) -> None:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return make


def link(name: str, target: Callable[[Path, Path], Path]) -> Maker:
    def make(raw: Path, outside: Path) -> None:
        (raw / name).symlink_to(target(raw, outside))

    return make


def fifo(name: str) -> Maker:
    def make(raw: Path, outside: Path) -> None:
        os.mkfifo(raw / name)

    return make


def sidecar(text: str) -> Maker:
    def make(raw: Path, outside: Path) -> None:
        (raw / "dated.txt").write_text(report_dump("A page with a sidecar"), encoding="utf-8")
        (raw / "dated.txt.meta.yaml").write_text(text, encoding="utf-8")

    return make


def md(header: str, body: str = "Some text of the article.\n") -> str:
    return f"---\n{header}---\n\n{body}"


GOOD_MD = "title: Hand-written\nslug: hand-written\ndate: '2026-02-20T07:00:00+04:00'\n"
GOOD_MD += "category: Notes\n"


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# The reasons as the user reads them (a rejection line is "rejected: <name>: <reason>"); where a
# reason ends in a library's own words (a YAML or JSON parser's), the part before them.
BINARY = "binary file (contains NUL bytes), not a text page dump"
TOO_LARGE = "too large for a txt input (file over the 8 MB limit)"
NAV_ONLY = "no article text found (only navigation, boilerplate or punctuation)"
BAD_UTF16 = "not valid utf-16-le text after its byte-order mark"
UNSUPPORTED = (
    "unsupported file type (expected .htm, .htm.gz, .html, .html.gz, .json, .jsonl, .md, .txt)"
)
NO_TARGET = "unreadable: a link to nothing (dangling or looping symlink)"
OUTSIDE = "a link to a file outside the raw folder, not read"
NOT_REGULAR = "not a regular file (a FIFO, device, socket or folder link), not read"
NOT_GZIP = "not a readable gzip file ("
NO_FRONT_MATTER = "no front matter: the file must start with a '---' line"
SIDECAR = "sidecar dated.txt.meta.yaml"
NO_OFFSET = "has no UTC offset (write e.g. +04:00)"

NAV = "Home\nNews\nSport\nWeather\nContact us\nLog in\n" * 5
PAGE = "<html><body><p>Short.</p></body></html>"

# (maker, the name the rejection line starts with, its reason)
CASES = [
    pytest.param(put("empty.txt", b""), "empty.txt", "empty file (no text)", id="empty"),
    pytest.param(
        put("blank.txt", " \n\t\n  \n"), "blank.txt", "empty file (no text)", id="whitespace"
    ),
    pytest.param(put("bin.txt", b"\x89PNG\r\n\x00\x00\rIHDR"), "bin.txt", BINARY, id="binary"),
    pytest.param(put("big.txt", b"word " * 1_700_000), "big.txt", TOO_LARGE, id="too-large"),
    pytest.param(put("nav.txt", NAV), "nav.txt", NAV_ONLY, id="navigation-only"),
    pytest.param(
        put("bad16.txt", b"\xff\xfe" + b"a\x00b"), "bad16.txt", BAD_UTF16, id="utf16-odd-bytes"
    ),
    pytest.param(put("notes.pdf", b"%PDF-1.4"), "notes.pdf", UNSUPPORTED, id="unsupported"),
    pytest.param(
        link("gone.txt", lambda raw, out: raw / "missing"), "gone.txt", NO_TARGET, id="dangling"
    ),
    pytest.param(
        link("loop.txt", lambda raw, out: raw / "loop.txt"), "loop.txt", NO_TARGET, id="loop"
    ),
    pytest.param(
        link("zero.txt", lambda raw, out: Path("/dev/zero")),
        "zero.txt",
        OUTSIDE,
        id="link-to-dev-zero",
    ),
    pytest.param(fifo("pipe.txt"), "pipe.txt", NOT_REGULAR, id="fifo"),
    pytest.param(
        link("to-pipe.txt", lambda raw, out: _fifo_in(out)),
        "to-pipe.txt",
        OUTSIDE,
        id="link-to-fifo",
    ),
    pytest.param(
        link("private.txt", lambda raw, out: _private(out)),
        "private.txt",
        OUTSIDE,
        id="link-out-of-raw",
    ),
    pytest.param(
        put("c.html.gz", b"\x1f\x8bnot gzip"), "c.html.gz", NOT_GZIP + "Error -3", id="gzip-corrupt"
    ),
    pytest.param(
        put("t.html.gz", gz(PAGE.encode())[:-12]),
        "t.html.gz",
        NOT_GZIP + "truncated)",
        id="gzip-truncated",
    ),
    pytest.param(
        put("bomb.html.gz", gz(b" " * 9_000_000)),
        "bomb.html.gz",
        "too large for a html input (decompressed over the 8 MB limit)",
        id="gzip-bomb",
    ),
    pytest.param(put("e.html", b""), "e.html", "no article text found", id="html-empty"),
    pytest.param(put("x.htm", b"\x00\x01\x02\x03"), "x.htm", BINARY, id="htm-binary"),
    pytest.param(put("bad.json", "[{"), "bad.json (document)", "not valid JSON", id="json-invalid"),
    pytest.param(
        put("n.json", "42"), "n.json (line 1)", "record is not a JSON object", id="json-number"
    ),
    pytest.param(
        put("deep.json", nested(100_000)),
        "deep.json",
        "nested too deeply to read",
        id="json-nested",
    ),
    pytest.param(
        put("dots.json", json.dumps([record("", None, "...")])),
        "dots.json",
        "no article text found",
        id="json-body-dots",
    ),
    pytest.param(
        put("lt.html", "<html><body><article><p>&lt;</p></article></body></html>"),
        "lt.html",
        "no article text found",
        id="html-no-word",
    ),
    pytest.param(
        put("nobody.json", json.dumps([{"title": "Only a title"}])),
        "nobody.json (index 0)",
        "record has no body (text/content/body/articleBody/maintext/html/content_html/body_html)",
        id="json-no-body",
    ),
    pytest.param(
        put("list.json", json.dumps(["a string"])),
        "list.json (index 0)",
        "record is not a JSON object",
        id="json-record-not-object",
    ),
    pytest.param(
        put("mixed.jsonl", jsonl(GRAIN | {"url": "https://x.test/1"}) + "{oops\n"),
        "mixed.jsonl (line 2)",
        "not valid JSON (Expecting property name",
        id="jsonl-bad-line",
    ),
    pytest.param(put("plain.md", "no front matter\n"), "plain.md", NO_FRONT_MATTER, id="md-bare"),
    pytest.param(
        put("y.md", md("title: [unclosed\n")),
        "y.md",
        "front matter is not valid YAML: ",
        id="md-yaml",
    ),
    pytest.param(
        put("feb30.md", md(GOOD_MD.replace("'2026-02-20T07:00:00+04:00'", "2026-02-30"))),
        "feb30.md",
        "front matter holds an impossible value: day is out of range for month",
        id="md-date-feb-30",
    ),
    pytest.param(
        put("year0.md", md(GOOD_MD.replace("'2026-02-20T07:00:00+04:00'", "0000-01-01"))),
        "year0.md",
        "front matter holds an impossible value: year 0 is out of range",
        id="md-year-0",
    ),
    pytest.param(
        put("naive.md", md(GOOD_MD.replace("+04:00", ""))),
        "naive.md",
        "field 'date': '2026-02-20T07:00:00' " + NO_OFFSET,
        id="md-no-offset",
    ),
    pytest.param(
        put("nodate.md", md("title: T\nslug: t\ncategory: C\n")),
        "nodate.md",
        "field 'date' is required: an ISO 8601 date with a UTC offset",
        id="md-no-date",
    ),
    pytest.param(
        put("unk.md", md(GOOD_MD + "colour: red\n")),
        "unk.md",
        "unknown field(s): colour",
        id="md-unknown",
    ),
    pytest.param(
        put("long.md", md(GOOD_MD.replace("hand-written", "a" * 250))),
        "long.md",
        "slug is longer than 120 characters",
        id="md-slug-250",
    ),
    pytest.param(
        put("lang.md", md(GOOD_MD + "lang: english\n")),
        "lang.md",
        "field 'lang': 'english' is not a language tag (e.g. en, pt-BR)",
        id="md-lang-name",
    ),
    pytest.param(
        put("tags.md", md(GOOD_MD + "tags: [1, 2]\n")),
        "tags.md",
        "field 'tags' must be a list of strings",
        id="md-tags-numbers",
    ),
    pytest.param(
        put("slug.md", md(GOOD_MD.replace("slug: hand-written", "slug: Hand Written"))),
        "slug.md",
        "field 'slug': 'Hand Written' is not lowercase ASCII words and dashes",
        id="md-bad-slug",
    ),
    pytest.param(
        sidecar("date: [unclosed\n"),
        "dated.txt",
        SIDECAR + " is unreadable: while parsing",
        id="side-yaml",
    ),
    pytest.param(
        sidecar("date: 2026-13-01\n"),
        "dated.txt",
        SIDECAR + " holds an impossible value: month must be in 1..12",
        id="side-month-13",
    ),
    pytest.param(
        sidecar("date: '2026-02-01T10:00:00'\n"),
        "dated.txt",
        SIDECAR + ": 'date': '2026-02-01T10:00:00' " + NO_OFFSET,
        id="side-naive",
    ),
    pytest.param(
        sidecar("- a list\n"),
        "dated.txt",
        SIDECAR + " must be a YAML mapping",
        id="side-not-mapping",
    ),
    pytest.param(
        sidecar("url: 42\n"), "dated.txt", SIDECAR + ": 'url' must be a string", id="side-url-int"
    ),
    pytest.param(
        sidecar("date: yesterday\n"),
        "dated.txt",
        SIDECAR + ": 'date': 'yesterday' is not an ISO 8601 date",
        id="side-date-words",
    ),
    pytest.param(
        sidecar("date: 2026-02-01\n"),
        "dated.txt",
        SIDECAR + ": 'date': '2026-02-01' is a day: it needs a time and a UTC offset",
        id="side-day",
    ),
    pytest.param(
        sidecar("fetched_at: '2026-02-01T10:00:00'\n"),
        "dated.txt",
        SIDECAR + ": 'fetched_at': '2026-02-01T10:00:00' " + NO_OFFSET,
        id="side-fetched-naive",
    ),
    pytest.param(
        sidecar("source: 7\n"),
        "dated.txt",
        SIDECAR + ": 'source' must be a string",
        id="side-source-int",
    ),
    pytest.param(
        sidecar("url: https://example.org/" + "a" * 66_000 + "\n"),
        "dated.txt",
        SIDECAR + ": too large for a sidecar",
        id="side-too-large",
    ),
    pytest.param(
        put("z.html.gz", zlib.compress(PAGE.encode())),
        "z.html.gz",
        NOT_GZIP + "Error -3 while decompressing data: incorrect header check)",
        id="zlib-not-gzip",
    ),
    pytest.param(
        put("orphan.meta.yaml", "url: https://example.org/x\n"),
        "orphan.meta.yaml",
        "sidecar without an input beside it",
        id="orphan-sidecar",
    ),
]


def _fifo_in(folder: Path) -> Path:
    target = folder / "fifo-target"
    os.mkfifo(target)
    return target


def _private(outside: Path) -> Path:
    secret = outside / "secret.txt"
    secret.write_text(report_dump("A private note"), encoding="utf-8")
    return secret


def ingest_cli(raw: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["ingest", str(raw), "--out", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The good batch ingested on its own."""
    root = tmp_path_factory.mktemp("baseline")
    good_batch(root / "raw")
    main(["ingest", str(root / "raw"), "--out", str(root / "content"), "--jobs", "1"])
    return snapshot(root / "content")


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(CLOCK.timestamp())))


@pytest.mark.parametrize(("make", "name", "reason"), CASES)
def test_bad_input_is_one_reason_line_and_the_good_ones_are_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    baseline: dict[str, bytes],
    make: Maker,
    name: str,
    reason: str,
) -> None:
    raw, out, outside = tmp_path / "raw", tmp_path / "content", tmp_path / "outside"
    good_batch(raw)
    outside.mkdir()
    make(raw, outside)
    code, stdout, stderr = ingest_cli(raw, out, capsys)
    assert code == 1
    lines = [line for line in stderr.splitlines() if line.startswith("rejected: ")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"rejected: {name}: {reason}"), lines
    assert "Traceback" not in stderr + stdout
    assert snapshot(out) == baseline
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


AWKWARD = [
    pytest.param(
        put(
            "utf16.txt",
            "\ufeff".encode("utf-16-le") + report_dump("UTF-16 page").encode("utf-16-le"),
        ),
        "UTF-16 page",
        id="utf16-bom",
    ),
    pytest.param(
        put("pidgin.jsonl", jsonl(GRAIN | {"lang": "pcm", "title": "Pidgin record"})),
        "Pidgin record",
        id="lang-pcm",
    ),
    pytest.param(
        put("shout.jsonl", jsonl(GRAIN | {"lang": "EN", "title": "Upper-case language"})),
        "Upper-case language",
        id="lang-upper",
    ),
    pytest.param(
        put("word.jsonl", jsonl(GRAIN | {"lang": "english", "title": "Language as a word"})),
        "Language as a word",
        id="lang-word",
    ),
    pytest.param(
        put("none.jsonl", jsonl(GRAIN | {"lang": "zxx", "title": "No linguistic content"})),
        "No linguistic content",
        id="lang-zxx",
    ),
    pytest.param(
        put(
            "bang.jsonl",
            jsonl(GRAIN | {"category": "!!!", "tags": ["???", "Trade"], "title": "Bang"}),
        ),
        "Bang",
        id="category-bang",
    ),
    pytest.param(
        put("time.txt", report_dump("Odd listing time").replace("10:15\n\nOdd", "49:49\n\nOdd")),
        "Odd listing time",
        id="listing-49-49",
    ),
    pytest.param(
        put("month13.jsonl", jsonl(GRAIN | {"date": "2026-13-01", "title": "Month thirteen"})),
        "Month thirteen",
        id="date-month-13",
    ),
]


@pytest.mark.parametrize(("make", "title"), AWKWARD)
def test_awkward_input_is_written_in_a_form_the_build_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Maker, title: str
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    make(raw, tmp_path)
    code, _, stderr = ingest_cli(raw, out, capsys)
    assert code == 0, stderr
    from briefing import frontmatter
    from briefing.ingest import validate

    articles = [frontmatter.load(p.read_text(encoding="utf-8")) for p in out.rglob("*.md")]
    (article,) = [a for a in articles if a.title == title]
    assert validate(article) is None
    assert article.category != "!!!" and "???" not in article.tags
    if article.title == "Month thirteen":  # never read as 13 January
        assert (article.date.month, article.date.day) != (1, 13)
        assert article.origin.get("date") == "ingested"


def test_hidden_files_are_reported_as_skipped_not_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "page.txt").write_text(report_dump("Visible page"), encoding="utf-8")
    (raw / ".DS_Store").write_bytes(b"\x00\x01")
    (raw / ".git").mkdir()
    (raw / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    code, stdout, stderr = ingest_cli(raw, out, capsys)
    assert code == 0
    assert f"skipped: {raw / '.DS_Store'}: hidden file" in stderr
    assert f"skipped: {raw / '.git'}: hidden folder" in stderr
    assert "HEAD" not in stderr
    assert "2 skipped" in stdout and "1 written" in stdout


def test_hand_written_md_files_without_a_fingerprint_are_two_articles(tmp_path: Path) -> None:
    """Hand-written files without a fingerprint are told apart by their text."""
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "one.md").write_text(MD_ARTICLE, encoding="utf-8")
    other = MD_ARTICLE.replace("Ferry timetable", "Bus timetable").replace("ferry", "bus")
    (raw / "two.md").write_text(other.replace("ferry-timetable", "bus-timetable"), encoding="utf-8")
    assert main(["ingest", str(raw), "--out", str(out)]) == 0
    assert len(snapshot(out)) == 2


def test_a_page_without_text_is_one_named_rejection_and_no_library_noise(tmp_path: Path) -> None:
    """The command line's own line names the file; a library's nameless warning is not shown."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "script-only.html").write_text(
        "<html><body><script>var x = 1;</script></body></html>", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "ingest", str(raw), "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "rejected: script-only.html: no article text found" in done.stdout + done.stderr
    assert "trafilatura" not in done.stdout + done.stderr
