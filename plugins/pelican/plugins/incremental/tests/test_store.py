"""The content-keyed store: what one build put, the next finds by the same bytes and salt only."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from pelican.plugins.incremental.store import Store, salt


def saved(path: Path, values: dict[bytes, object], seed: str = "s") -> None:
    store = Store(path, seed)
    for data, value in values.items():
        store.put(store.key(data), value)
    store.save()


def test_a_value_is_found_again_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    saved(path, {b"file one": ("<p>one</p>", {"n": 1}), b"file two": ("<p>two</p>", None)})
    store = Store(path, "s")
    assert store.get(store.key(b"file one")) == ("<p>one</p>", {"n": 1})
    assert store.get(store.key(b"file two")) == ("<p>two</p>", None)
    assert store.get(store.key(b"file three")) is None
    assert store.hits == 2


def test_another_salt_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    saved(path, {b"file one": 1})
    store = Store(path, "other code")
    assert store.get(store.key(b"file one")) is None


def test_entries_a_build_did_not_use_are_dropped_when_it_saves(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    saved(path, {b"kept": 1, b"deleted article": 2})
    second = Store(path, "s")
    assert second.get(second.key(b"kept")) == 1
    second.put(second.key(b"new"), 3)
    second.save()
    third = Store(path, "s")
    found = {d: third.get(third.key(d)) for d in (b"kept", b"deleted article", b"new")}
    assert found == {b"kept": 1, b"deleted article": None, b"new": 3}


@pytest.mark.parametrize(
    "junk", [b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200], ids=["text", "torn"]
)
def test_an_unreadable_store_is_replaced_by_an_empty_one(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "store.sqlite"
    path.write_bytes(junk)
    store = Store(path, "s")
    assert store.get(store.key(b"file")) is None
    store.put(store.key(b"file"), "value")
    store.save()
    again = Store(path, "s")
    assert again.get(again.key(b"file")) == "value"


def test_without_a_path_nothing_is_kept(tmp_path: Path) -> None:
    store = Store(None, "s")
    store.put(store.key(b"file"), 1)
    store.save()
    assert store.get(store.key(b"file")) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [(("x", "y"), ("xy",)), (("x",), ("x", "")), ((b"x",), ("y",))],
    ids=["split", "empty part", "bytes"],
)
def test_salts_of_different_parts_differ(a: tuple[str, ...], b: tuple[str, ...]) -> None:
    assert salt(*a) != salt(*b)


def test_the_salt_covers_code_files(tmp_path: Path) -> None:
    code = tmp_path / "plugin.py"
    code.write_text("A = 1\n")
    before = salt("part", code=(code,))
    code.write_text("A = 2\n")
    assert salt("part", code=(code,)) != before


def test_a_value_is_found_again_after_a_fill_and_when_asked_twice(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    saved(path, {b"file one": 1})
    store = Store(path, "s")
    assert store.get(store.key(b"file two")) is None
    store.fill({store.key(b"file two"): 2})  # the prefill's results, after a first look-up
    assert [store.get(store.key(d)) for d in (b"file two", b"file one", b"file one")] == [2, 1, 1]


def test_a_look_up_reads_its_entry_not_the_whole_store(tmp_path: Path) -> None:
    # A daily build asks the tokens store for a day's texts: reading every entry held the
    # whole store (600 MB at 100k articles) through the read-next stage.
    path = tmp_path / "store.sqlite"
    saved(path, {f"file {k}".encode(): "x" * 100_000 for k in range(100)})  # 10 MB
    store = Store(path, "s")
    tracemalloc.start()
    try:
        assert store.get(store.key(b"file 7")) == "x" * 100_000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
