"""The SQLite export in a real Datasette on 127.0.0.1: the table, its facets and full-text search
over the JSON API, and the seeds found by a word of their body."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import synth
from briefing.export.content import article_files
from tests.export_fixture import front_matter_fields, read_jsonl, run_export
from tests.seeds import ROOT

SAMPLE = ROOT / "content"
SEED_SLUGS = sorted(front_matter_fields(p)["slug"] for p in article_files(SAMPLE))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive with 200 synthetic articles beside it, exported to SQLite and JSONL."""
    folder = tmp_path_factory.mktemp("datasette")
    content = folder / "content"
    synth.write_markdown(synth.generate(200, seed=11).articles, content)
    for path in article_files(SAMPLE):
        target = content / path.relative_to(SAMPLE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert run_export(content, folder / "archive.db", "sqlite").ok
    assert run_export(content, folder / "archive.jsonl", "jsonl").ok
    return folder


@pytest.fixture(scope="module")
def datasette(corpus: Path) -> Iterator[str]:
    """A Datasette serving the export with its metadata; yields its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(corpus / "archive.db")]
    command += ["-m", str(corpus / "archive.metadata.json"), "-h", "127.0.0.1", "-p", str(port)]
    log = corpus / "datasette.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"datasette exited: {log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _get(base: str, path: str, **params: str) -> Any:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{base}{path}?{query}", timeout=30) as response:
        return json.load(response)


def test_datasette_serves_every_article(datasette: str, corpus: Path) -> None:
    rows = read_jsonl(corpus / "archive.jsonl")
    data = _get(
        datasette,
        "/archive/articles.json",
        _shape="objects",
        _size="max",
        _col="date",
        _sort="slug",
    )
    assert data["filtered_table_rows_count"] == len(rows)
    served = {r["slug"]: r["date"] for r in data["rows"]}
    assert served == {r["slug"]: r["date"] for r in rows}  # dates with their offsets


def test_metadata_facets_count_like_the_rows(datasette: str, corpus: Path) -> None:
    rows = read_jsonl(corpus / "archive.jsonl")
    data = _get(datasette, "/archive/articles.json", _size="0", _facet_size="max")
    facets = data["facet_results"]
    assert {"source", "category", "lang", "date_utc"} <= set(facets)
    for column in ("source", "category", "lang"):
        served = {f["value"]: f["count"] for f in facets[column]["results"]}
        assert served == Counter(r[column] for r in rows if r[column] is not None)
    days = {f["value"]: f["count"] for f in facets["date_utc"]["results"]}
    assert sum(days.values()) == len(rows)


def test_tags_table_is_faceted_by_tag(datasette: str, corpus: Path) -> None:
    rows = read_jsonl(corpus / "archive.jsonl")
    expected = Counter(tag for r in rows for tag in r["tags"])
    data = _get(datasette, "/archive/tags.json", _size="0", _facet="tag", _facet_size="max")
    served = {f["value"]: f["count"] for f in data["facet_results"]["tag"]["results"]}
    assert served == expected


def _searchable(row: dict[str, Any]) -> str:
    """The row's body text; a headline-only entry's title and summary (FTS covers all three)."""
    return row["body_text"] or f"{row['title']} {row['summary'] or ''}"


@pytest.fixture(scope="module")
def rarest_words(corpus: Path) -> dict[str, str]:
    """For each seed, the word of its body that the fewest articles contain."""
    rows = read_jsonl(corpus / "archive.jsonl")
    words = {r["slug"]: {w.strip(".,;:\"'()") for w in _searchable(r).split()} for r in rows}
    frequency = Counter(w for ws in words.values() for w in ws)
    return {
        slug: min(
            (w for w in words[slug] if w.isalpha() and len(w) > 3), key=lambda w: (frequency[w], w)
        )
        for slug in SEED_SLUGS
    }


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_full_text_search_finds_the_seed_by_a_word_of_its_body(
    datasette: str, rarest_words: dict[str, str], slug: str
) -> None:
    word = rarest_words[slug]
    data = _get(
        datasette,
        "/archive/articles.json",
        _search=word,
        _shape="objects",
        _col="title",
        _size="max",
    )
    assert slug in {r["slug"] for r in data["rows"]}, word
