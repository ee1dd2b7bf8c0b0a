"""The offline search index (pelican.plugins.offline_search.index): tokens, id codec, shards."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pelican.plugins.offline_search.index import (
    IndexDoc,
    IndexOptions,
    build,
    decode_ids,
    encode_ids,
    script,
    tokens,
)
from pelican.plugins.offline_search.plugin import load


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senator Steve Daines", ["senator", "steve", "daines"]),
        ("chargé d'affaires", ["charge", "d", "affaires"]),
        ("Azərbaycan ABŞ", ["azərbaycan", "abs"]),
        ("Эми Карлон", ["эми", "карлон"]),
        ("İstanbul", ["istanbul"]),
        ("snake_case 2024-05-14", ["snake", "case", "2024", "05", "14"]),
        ("x" * 33 + " ok", ["ok"]),
    ],
    ids=["ascii", "accents", "azerbaijani", "cyrillic", "dotted-capital-i", "underscore", "long"],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "ids",
    [[], [0], [0, 1, 2, 3], [31], [32], [5, 1000, 1001, 99_999], list(range(0, 5000, 7))],
    ids=["empty", "zero", "dense", "max-one-digit", "two-digits", "sparse", "many"],
)
def test_id_codec_round_trips(ids: list[int]) -> None:
    encoded = encode_ids(ids)
    assert decode_ids(encoded) == ids
    assert json.dumps(encoded) == f'"{encoded}"'  # no escaping needed inside JSON


def _day(day: int) -> datetime:
    return datetime(2024, 5, day, 12, tzinfo=UTC)


def _doc(title: str, day: int, text: str = "", category: str = "Politics") -> IndexDoc:
    return IndexDoc(
        url=f"{day}/index.html",
        title=title,
        date=datetime(2024, 5, day, tzinfo=UTC),
        text=text,
        category=category,
        source="Report.az",
        lang="en",
    )


def test_build_orders_newest_first_and_splits_title_from_body() -> None:
    docs = [_doc("Daines in Baku", 1, "energy talks"), _doc("Energy news", 2, "Daines said")]
    shards = {s.key: s.data for s in build(docs, IndexOptions())}
    manifest = shards["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["docs"] == 2
    assert shards["m/0"] == [
        ["2/index.html", "Energy news", "2024-05-02", 0, 0, 0, 0],
        ["1/index.html", "Daines in Baku", "2024-05-01", 0, 0, 0, 0],
    ]
    terms = shards["t/0"]
    assert isinstance(terms, dict)
    title_ids, body_ids = terms["daines"].split("|")
    assert decode_ids(title_ids) == [1]  # the older doc has it in the title
    assert decode_ids(body_ids) == [0]


def test_term_shards_are_contiguous_and_bounded() -> None:
    docs = [_doc(f"word{i:04d} alpha", i % 28 + 1, f"body{i:04d}") for i in range(600)]
    options = IndexOptions(term_shard_bytes=2_000)
    shards = build(docs, options)
    terms = [s for s in shards if s.key.startswith("t/")]
    assert len(terms) > 3
    manifest = next(s.data for s in shards if s.key == "manifest")
    assert isinstance(manifest, dict)
    firsts = manifest["terms"]
    assert firsts == sorted(firsts)
    for shard in terms:
        assert len(script(shard).encode()) < 2 * options.term_shard_bytes


def test_facets_count_every_doc() -> None:
    docs = [_doc("a", 1, category="Sport"), _doc("b", 2), _doc("c", 3)]
    manifest = next(s.data for s in build(docs, IndexOptions()) if s.key == "manifest")
    assert isinstance(manifest, dict)
    assert manifest["facets"]["category"] == {"values": ["Politics", "Sport"], "counts": [2, 1]}
    assert manifest["facets"]["year"] == {"values": ["2024"], "counts": [3]}


def test_undated_doc_shows_no_date_and_files_under_undated() -> None:
    """A doc whose source stated no date: no day in its metadata, year facet "Undated"."""
    undated = IndexDoc(url="u/index.html", title="u", date=_day(3), text="", dated=False)
    docs = [_doc("a", 1), undated]
    shards = {s.key: s.data for s in build(docs, IndexOptions())}
    manifest = shards["manifest"]
    assert isinstance(manifest, dict)
    assert manifest["facets"]["year"] == {"values": ["2024", "Undated"], "counts": [1, 1]}
    rows = shards["m/0"]
    assert isinstance(rows, list)
    assert rows[0][:3] == ["u/index.html", "u", ""]
    assert rows[1][:3] == ["1/index.html", "a", "2024-05-01"]


def test_script_is_one_register_call() -> None:
    shard = next(s for s in build([_doc("a", 1)], IndexOptions()) if s.key == "x/0")
    assert script(shard) == 'BriefingSearch.register("x/0",[""]);\n'


def test_settings_merge_over_defaults_and_reject_unknown_keys() -> None:
    merged = load({"OFFLINE_SEARCH": {"folder": "idx", "text_docs": 8}})
    assert merged.folder == "idx"
    assert merged.text_docs == 8
    assert merged.term_shard_bytes == IndexOptions().term_shard_bytes
    assert load({"OFFLINE_SEARCH": None}).folder == "search-offline"
    with pytest.raises(ValueError, match="textdocs"):
        load({"OFFLINE_SEARCH": {"textdocs": 8}})


def test_translation_titles_are_a_tier_of_their_own() -> None:
    """A term of a translation's title only gets a third id list (the hosted weight 5)."""
    docs = [
        IndexDoc("1/index.html", "Carlon in Baku", _day(1), "talks", also=("Карлон в Баку",)),
        IndexDoc("2/index.html", "Карлон", _day(2), "встреча"),
    ]
    shards = {s.key: s.data for s in build(docs, IndexOptions())}
    terms = shards["t/0"]
    assert isinstance(terms, dict)
    title_ids, body_ids, also_ids = terms["карлон"].split("|")
    assert decode_ids(title_ids) == [0]  # the Russian headline (newest: id 0)
    assert decode_ids(also_ids) == [1]  # the English report, by its translation's title
    assert body_ids == ""
    assert terms["carlon"].count("|") == 1  # no translation holds it: two lists
    meta = shards["m/0"]
    assert isinstance(meta, list)
    assert meta[1][-1] == ["Карлон в Баку"]
