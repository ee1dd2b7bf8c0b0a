"""The normaliser's one file writer: a whole file or none, the exact text, nothing left over."""

from __future__ import annotations

import locale
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import writer
from briefing.writer import atomic_write, read_text


def test_a_new_file_is_written_with_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "articles" / "2026" / "02" / "talks.md"
    atomic_write(path, "---\ntitle: Talks\n---\n")
    assert path.read_bytes() == b"---\ntitle: Talks\n---\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["talks.md"]


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A user whose locale is not UTF-8 (Python's default text encoding is then ASCII)."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


@pytest.mark.usefixtures("ascii_locale")
def test_the_text_is_written_as_utf8_bytes_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    text = "Bakı\r\nЭми Карлон\rline\n"  # line ends are the caller's, never translated
    atomic_write(path, text)
    assert path.read_bytes() == text.encode("utf-8")
    assert read_text(path) == "Bakı\nЭми Карлон\nline\n"  # read_text reads as Python does


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("an old and much longer text than the new one\n", encoding="utf-8")
    atomic_write(path, "new\n")
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("the old text\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, "half of it \ud800 and the rest")  # a lone surrogate cannot be UTF-8
    assert path.read_text(encoding="utf-8") == "the old text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_the_temporary_file_is_hidden_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside it, so the rename is atomic (one file system); hidden and not *.md, so a reader
    # scanning the folder never takes a half-written file for an article.
    made: list[Path] = []
    real = tempfile.mkstemp

    def mkstemp(**kwargs: str) -> tuple[int, str]:
        fd, name = real(**kwargs)
        made.append(Path(name))
        return fd, name

    monkeypatch.setattr(writer.tempfile, "mkstemp", mkstemp)
    path = tmp_path / "articles" / "talks.md"
    atomic_write(path, "text\n")
    (temporary,) = made
    assert temporary.parent == path.parent
    assert temporary.name.startswith(".talks.md.") and temporary.name.endswith(".tmp")
    assert not temporary.exists()


def test_read_text_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert read_text(tmp_path / "missing.md") is None


@pytest.mark.usefixtures("ascii_locale")
def test_read_text_refuses_what_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(UnicodeDecodeError):
        read_text(path)
