"""The ingest manifest: unchanged inputs are not extracted again, and nothing else changes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench import dumps, synth
from briefing import frontmatter
from briefing import manifest as manifest_module
from briefing.ingest import IngestOptions, ingest
from briefing.manifest import Manifest, default_path, input_key
from briefing.report import RunReport
from tests.inputs import BODY, report_dump, snapshot
from tests.seeds import CLOCK, RAW

LATER = datetime(2026, 4, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample seeds and 24 synthetic dumps in the seeds' layouts."""
    folder = tmp_path_factory.mktemp("raw")
    for seed in RAW.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    dumps.write_raw(synth.generate(24, seed=5).articles, folder / "synth")
    return folder


def run(raw: Path, out: Path, cache: Path | None, now: datetime = CLOCK) -> RunReport:
    return ingest([raw], out, IngestOptions(now=now, jobs=2, manifest=cache))


def test_reingest_through_the_manifest_extracts_nothing_and_writes_the_same(
    raw: Path, tmp_path: Path
) -> None:
    plain, cached, cache = tmp_path / "plain", tmp_path / "cached", tmp_path / "m.sqlite"
    run(raw, plain, None)
    first = run(raw, cached, cache)
    assert first.reused == 0
    assert snapshot(cached) == snapshot(plain)
    second = run(raw, cached, cache, now=LATER)
    inputs = len([p for p in raw.rglob("*") if p.is_file() and not p.name.endswith(".yaml")])
    assert second.reused == inputs and second.ok
    assert not second.written and not second.updated
    assert snapshot(cached) == snapshot(plain)


def test_a_changed_input_is_extracted_again(raw: Path, tmp_path: Path) -> None:
    work = tmp_path / "raw"
    work.mkdir()
    for path in sorted(raw.rglob("*.txt"))[:12]:
        (work / path.name).write_bytes(path.read_bytes())
        side = path.with_name(path.name.replace(".txt", ".meta.yaml"))
        if side.exists():
            (work / side.name).write_bytes(side.read_bytes())
    out, cache = tmp_path / "content", tmp_path / "m.sqlite"
    run(work, out, cache)
    target = sorted(work.glob("*.txt"))[3]
    text = target.read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if len(line) > 120)
    target.write_text(text.replace(sentence, sentence + " (Updated.)"), encoding="utf-8")
    before = len(list(out.rglob("*.md")))
    report = run(work, out, cache, now=LATER)
    assert report.reused == 11
    # no URL names it, so the changed text is another article, and the first one stays
    assert report.written == [target.name]
    assert len(list(out.rglob("*.md"))) == before + 1


def test_an_editors_change_is_seen_through_the_manifest(raw: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "content", tmp_path / "m.sqlite"
    run(raw, out, cache)
    path = next(p for p in sorted(out.rglob("*.md")) if "kind: brief" not in p.read_text())
    text = path.read_text(encoding="utf-8")
    article = frontmatter.load(text)
    path.write_text(text.replace(f"category: {article.category}\n", "category: Edited\n"), "utf-8")
    report = run(raw, out, cache, now=LATER)
    assert report.ok
    assert frontmatter.load(path.read_text(encoding="utf-8")).category == "Edited"


def test_a_lost_manifest_costs_time_only(raw: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "content", tmp_path / "m.sqlite"
    run(raw, out, cache)
    before = snapshot(out)
    cache.unlink()
    report = run(raw, out, cache, now=LATER)
    assert report.reused == 0 and not report.written and not report.updated
    assert snapshot(out) == before


def test_each_content_folder_has_its_own_manifest_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = tmp_path / "a" / "content", tmp_path / "b" / "content"
    one.mkdir(parents=True)
    path = default_path(one)
    assert path.parent == tmp_path / "a" / ".briefing-cache"
    assert re.fullmatch(r"ingest-content-[0-9a-f]{12}\.sqlite", path.name), path.name
    assert default_path(two).name != path.name  # same folder name, another archive
    monkeypatch.chdir(tmp_path / "a")
    assert default_path(Path("content")) == path  # relative or absolute: one manifest


def test_an_unchanged_content_file_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    manifest = Manifest(tmp_path / "m.sqlite")
    manifest.remember_file(path, {"title": "as parsed"})
    assert manifest.current(path, manifest.stored_files()[str(path)]) == {"title": "as parsed"}
    path.write_text("---\ntitle: B\n---\n", encoding="utf-8")  # an editor saves the file
    assert manifest.current(path, manifest.stored_files()[str(path)]) is None
    assert manifest.current(path, None) is None
    manifest.close()


def test_an_editors_change_survives_an_update_through_the_manifest(tmp_path: Path) -> None:
    raw, out, cache = tmp_path / "raw", tmp_path / "content", tmp_path / "m.sqlite"
    raw.mkdir()
    url = "url: https://example.az/en/news/1\n"
    (raw / "p.txt").write_text(report_dump("Transport links on the agenda"), encoding="utf-8")
    (raw / "p.txt.meta.yaml").write_text(url, encoding="utf-8")
    run(raw, out, cache)
    (path,) = out.rglob("*.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: Economy\n", "category: Edited\n"), "utf-8")
    corrected = report_dump("Transport links on the agenda", (BODY[0] + " (Corrected.)",))
    (raw / "p.txt").write_text(corrected, encoding="utf-8")
    report = run(raw, out, cache, now=LATER)
    assert report.ok and len(report.updated) == 1
    article = frontmatter.load(path.read_text(encoding="utf-8"))
    assert article.category == "Edited" and "(Corrected.)" in article.body


def test_a_manifest_can_live_in_a_folder_not_made_yet(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "cache" / "ingest" / "m.sqlite")  # --cache anywhere
    manifest.close()
    assert (tmp_path / "cache" / "ingest" / "m.sqlite").is_file()


def test_every_stored_input_is_found_however_many_are_asked_for(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "m.sqlite")
    keys = [f"key-{n:04d}" for n in range(1_200)]  # more than one query's worth
    for key in keys:
        manifest.remember_parsed(key, {"for": key})
    found = manifest.parsed([*keys, "unknown"])
    manifest.close()
    assert found == {key: {"for": key} for key in keys}


def test_a_new_version_of_the_code_misses_every_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    first = Manifest(tmp_path / "m.sqlite")
    key = input_key([b"page.txt", b"txt", b"the bytes"])
    first.remember_parsed(key, "as parsed")
    first.remember_file(path, "as read")
    first.close()
    monkeypatch.setattr(manifest_module, "code_version", lambda: "another version")
    second = Manifest(tmp_path / "m.sqlite")
    assert input_key([b"page.txt", b"txt", b"the bytes"]) != key
    assert second.current(path, second.stored_files()[str(path)]) is None
    second.close()


def test_an_input_key_tells_its_parts_apart() -> None:
    assert input_key([b"ab", b"c"]) != input_key([b"a", b"bc"]) != input_key([b"abc"])
    assert input_key([b"ab", b"c"]) == input_key([b"ab", b"c"])
