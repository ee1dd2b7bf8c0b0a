"""The input edge's limits, exactly at their boundaries: the largest input read, the first refused.

The command-line cases (tests/test_bad_inputs.py) show each refusal as the user reads it; these
pin where each limit lies, since a limit one byte off passes them all.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.sources import (
    MAX_PAGE_BYTES,
    MAX_SIDECAR_BYTES,
    InputError,
    RawInput,
    discover,
    kind_of,
    read_bytes,
    read_sidecar,
)


def raw_input(path: Path, kind: str) -> RawInput:
    return RawInput(path, path.name, kind)


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` zero bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_a_page_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = sparse(tmp_path / "page.txt", MAX_PAGE_BYTES)
    assert len(read_bytes(raw_input(path, "txt"))) == MAX_PAGE_BYTES


def test_a_page_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = sparse(tmp_path / "page.txt", MAX_PAGE_BYTES + 1)
    with pytest.raises(InputError) as refused:
        read_bytes(raw_input(path, "txt"))
    assert str(refused.value) == "too large for a txt input (file over the 8 MB limit)"


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_scraper_output_may_be_larger_than_a_page(tmp_path: Path, kind: str) -> None:
    path = sparse(tmp_path / f"feed.{kind}", MAX_PAGE_BYTES + 1)
    assert len(read_bytes(raw_input(path, kind))) == MAX_PAGE_BYTES + 1


def gzipped(tmp_path: Path, size: int) -> RawInput:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"a" * size, mtime=0))
    return raw_input(path, "html")


def test_a_gzip_page_that_inflates_to_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    assert read_bytes(gzipped(tmp_path, MAX_PAGE_BYTES)) == b"a" * MAX_PAGE_BYTES


@pytest.mark.parametrize("over", [1, 2, 1000], ids=["one-byte", "two-bytes", "a-kilobyte"])
def test_a_gzip_page_that_inflates_past_the_limit_is_refused(tmp_path: Path, over: int) -> None:
    with pytest.raises(InputError) as refused:
        read_bytes(gzipped(tmp_path, MAX_PAGE_BYTES + over))
    assert str(refused.value) == "too large for a html input (decompressed over the 8 MB limit)"


def test_an_upper_case_gz_name_is_inflated_too(tmp_path: Path) -> None:
    path = tmp_path / "PAGE.HTML.GZ"
    path.write_bytes(gzip.compress(b"<p>Text</p>", mtime=0))
    assert read_bytes(raw_input(path, "html")) == b"<p>Text</p>"


def sidecar_of_size(tmp_path: Path, size: int) -> Path:
    page = tmp_path / "page.txt"
    page.write_text("text", encoding="utf-8")
    line = "url: https://example.org/"
    padding = "a" * (size - len(line) - 1)
    (tmp_path / "page.txt.meta.yaml").write_text(f"{line}{padding}\n", encoding="utf-8")
    return page


def test_a_sidecar_of_exactly_its_limit_is_read(tmp_path: Path) -> None:
    side = read_sidecar(sidecar_of_size(tmp_path, MAX_SIDECAR_BYTES))
    assert side is not None and side.url is not None
    assert len(side.url) == MAX_SIDECAR_BYTES - len("url: \n")


def test_a_sidecar_one_byte_over_its_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        read_sidecar(sidecar_of_size(tmp_path, MAX_SIDECAR_BYTES + 1))
    assert str(refused.value) == "sidecar page.txt.meta.yaml: too large for a sidecar"


def test_inputs_are_found_in_name_order_and_a_missing_path_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    (folder / "b").mkdir(parents=True)
    for name in ("b/2.txt", "a.html", "b/1.json", "c.md"):
        (folder / name).write_text("x", encoding="utf-8")
    single = tmp_path / "one.htm.gz"
    single.write_bytes(b"")
    missing = tmp_path / "gone"
    found = discover([missing, folder, single])
    assert [(i.rel, i.kind) for i in found.inputs] == [
        ("a.html", "html"),
        ("b/1.json", "json"),
        ("b/2.txt", "txt"),
        ("c.md", "md"),
        ("one.htm.gz", "html"),
    ]
    assert found.inputs[-1].path == single
    assert [(r.file, r.reason) for r in found.rejected] == [
        (str(missing), "no such file or folder")
    ]


def test_a_dangling_link_given_by_name_is_rejected_not_missing(tmp_path: Path) -> None:
    link = tmp_path / "page.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    found = discover([link])
    assert [(r.file, r.reason) for r in found.rejected] == [
        ("page.txt", "unreadable: a link to nothing (dangling or looping symlink)")
    ]


def test_an_unreadable_folder_is_named_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "raw"
    (folder / "locked").mkdir(parents=True)
    (folder / "page.txt").write_text("x", encoding="utf-8")
    real = Path.iterdir

    def iterdir(self: Path) -> Iterator[Path]:  # as root every folder is readable: refuse one
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    found = discover([folder])
    assert [i.rel for i in found.inputs] == ["page.txt"]
    assert [(r.file, r.reason) for r in found.rejected] == [
        (str(folder / "locked"), "unreadable folder: Permission denied")
    ]


@pytest.mark.parametrize(
    ("rel", "folder", "source"),
    [
        pytest.param("page.txt", "", None, id="at-the-root"),
        pytest.param("report.az/page.txt", "report.az", "report.az", id="source-folder"),
        pytest.param("report.az/2026/02/p.txt", "report.az/2026/02", "report.az", id="nested"),
    ],
)
def test_an_inputs_folder_and_the_source_it_names(
    rel: str, folder: str, source: str | None
) -> None:
    raw = RawInput(Path("/raw") / rel, rel, "txt")
    assert (raw.folder, raw.source_hint) == (folder, source)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("a.TXT", "txt", id="upper-case"),
        pytest.param("a.Html.Gz", "html", id="gzip-html"),
        pytest.param("a.jsonl", "jsonl", id="jsonl"),
        pytest.param("a.json.gz", None, id="gzip-json"),
        pytest.param("a.meta.yaml", None, id="sidecar"),
        pytest.param("txt", None, id="no-suffix"),
    ],
)
def test_the_kind_of_an_input_is_its_suffix(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


def test_an_input_that_became_a_dangling_link_is_refused_by_its_reason(tmp_path: Path) -> None:
    link = tmp_path / "page.txt"
    link.symlink_to(tmp_path / "moved-away.txt")  # a regular file when found, gone when read
    with pytest.raises(InputError) as refused:
        read_bytes(raw_input(link, "txt"))
    assert str(refused.value) == "unreadable: a link to nothing (dangling or looping symlink)"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        pytest.param(PermissionError(13, "Permission denied"), "Permission denied", id="errno"),
        pytest.param(OSError("the disk went away"), "the disk went away", id="no-errno"),
    ],
)
def test_a_read_that_fails_is_refused_with_the_systems_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    path = tmp_path / "page.txt"
    path.write_text("text", encoding="utf-8")

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        raise error  # as root every file is readable: refuse this one

    monkeypatch.setattr(Path, "open", failing_open)
    with pytest.raises(InputError) as refused:
        read_bytes(raw_input(path, "txt"))
    assert str(refused.value) == f"unreadable: {reason}"


def test_a_sidecar_that_is_not_yaml_is_refused_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("text", encoding="utf-8")
    (tmp_path / "page.txt.meta.yaml").write_text("url: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_sidecar(page)
    message = str(refused.value)
    assert "\n" not in message  # one line, each of the parser's line breaks a space
    assert message.startswith(
        'sidecar page.txt.meta.yaml is unreadable: while parsing a flow sequence   in "<unicode'
    )
