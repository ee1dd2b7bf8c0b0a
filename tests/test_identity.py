"""The identity model on disk: reused names, reordered records, editors' changes, updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import frontmatter, normalise
from briefing.identity import digest, merge, normalise_url, same_story, stamp, update
from briefing.ingest import IngestOptions, ingest
from briefing.model import Article, Revision
from briefing.report import RunReport
from tests.inputs import GRAIN, METRO, PORT, html_page, jsonl, readnext_dump, record, report_dump
from tests.seeds import CLOCK

LATER = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def run(paths: list[Path], out: Path, now: datetime = CLOCK) -> RunReport:
    return ingest(paths, out, IngestOptions(now=now))


def articles(out: Path) -> dict[str, Article]:
    """Full articles by title."""
    found = [frontmatter.load(p.read_text(encoding="utf-8")) for p in out.rglob("*.md")]
    return {a.title: a for a in found if a.kind == "article"}


def story(n: int) -> str:
    words = ("harbour", "railway", "budget", "school", "hospital", "bridge", "election", "grain")
    topic = words[n % len(words)]
    return (
        f"Officials presented the {topic} plan number {n} to the regional assembly on Tuesday, "
        f"saying the work on the {topic} would start in the spring.\n"
        f"Critics of the {topic} plan number {n} asked for a public hearing before the vote."
    )


def page(title: str, n: int, url: str | None = None) -> str:
    paragraphs = tuple(story(n).split("\n")) + PORT[:1]
    return html_page(
        title, paragraphs, url or f"https://example.org/{n}", "2026-02-26T10:15:00+04:00"
    )


def test_a_file_name_reused_on_another_day_never_replaces_an_article(tmp_path: Path) -> None:
    out = tmp_path / "content"
    for day in (1, 2, 3):
        raw = tmp_path / f"scrape-{day}"
        raw.mkdir()
        (raw / "page1.html").write_text(page(f"Story of day {day}", day), encoding="utf-8")
        report = run([raw], out)
        assert report.ok and len(report.written) == 1, report
    assert sorted(articles(out)) == ["Story of day 1", "Story of day 2", "Story of day 3"]


def test_same_names_in_two_folders_on_one_command_line_keep_every_article(tmp_path: Path) -> None:
    a, b, out = tmp_path / "A", tmp_path / "B", tmp_path / "content"
    for folder, offset in ((a, 0), (b, 20)):
        folder.mkdir()
        for n in range(20):
            html = page(f"Article {offset + n}", offset + n, url=None)
            (folder / f"page{n}.html").write_text(html, encoding="utf-8")
    report = run([a, b], out)
    assert report.ok and len(report.written) == 40
    assert len(articles(out)) == 40


def test_reordered_and_grown_jsonl_keeps_each_article_in_its_own_file(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    first = record("First record", "https://example.net/a/0", story(10), category="Economy")
    feed = raw / "feed.jsonl"
    feed.write_text(jsonl(GRAIN, METRO), encoding="utf-8")
    run([raw], out)
    before = {t: (a.slug, a.body) for t, a in articles(out).items()}
    feed.write_text(jsonl(first, GRAIN, METRO), encoding="utf-8")
    report = run([raw], out)
    after = articles(out)
    assert report.ok and not report.duplicates and len(report.written) == 1
    assert {t: (a.slug, a.body) for t, a in after.items() if t in before} == before
    assert len(after) == 3


def test_md_naming_another_inputs_source_file_does_not_overwrite_it(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "page.txt").write_text(report_dump("The original article"), encoding="utf-8")
    run([raw], out)
    (raw / "impostor.md").write_text(
        "---\ntitle: Another article\nslug: another-article\n"
        "date: '2026-02-20T07:00:00+04:00'\ncategory: Notes\nsource_file: page.txt\n---\n\n"
        "A different text altogether, written by hand.\n",
        encoding="utf-8",
    )
    report = run([raw], out)
    assert report.ok
    assert {"The original article", "Another article"} <= set(articles(out))


def _edit(path: Path, **changes: object) -> None:
    text = path.read_text(encoding="utf-8")
    data, body = frontmatter.split(text)
    data.update(changes)
    import yaml

    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n\n{body}\n", "utf-8")


def test_editors_changes_survive_reingest(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "page.txt").write_text(report_dump("Talks on transport links"), encoding="utf-8")
    (raw / "other.txt").write_text(report_dump("Another story", ("Other text. " * 20,)), "utf-8")
    run([raw], out)
    target = articles(out)["Talks on transport links"]
    path = next(out.rglob(f"{target.slug}.md"))
    other = articles(out)["Another story"].slug
    _edit(
        path,
        title="Transport talks (corrected headline)",
        category="Diplomacy",
        tags=["Transport"],
        read_next_pins=[other],
    )
    report = run([raw], out, now=LATER)
    assert report.ok
    kept = frontmatter.load(path.read_text(encoding="utf-8"))
    assert kept.title == "Transport talks (corrected headline)"
    assert (kept.category, kept.tags, kept.read_next_pins) == (
        "Diplomacy",
        ("Transport",),
        (other,),
    )
    assert kept.slug == target.slug and kept.body == target.body
    assert kept.summary == target.summary  # untouched fields still follow the source
    # the file still records what ingest wrote for the edited fields: they stay the editor's
    assert kept.as_ingested["title"] == digest(target.title)
    assert kept.as_ingested["category"] == digest(target.category)


def corrected(text: str) -> str:
    return text.replace("officials said on Friday.", "officials said on Friday. (Corrected.)")


def test_a_corrected_source_is_an_update_that_keeps_the_earlier_version(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    dump = report_dump("Transport links on the agenda")
    (raw / "p.txt").write_text(dump, encoding="utf-8")
    side = "url: https://example.az/en/news/1\n"
    (raw / "p.txt.meta.yaml").write_text(side, encoding="utf-8")
    run([raw], out)
    (old,) = articles(out).values()
    (raw / "p.txt").write_text(corrected(dump), encoding="utf-8")
    fetched = "fetched_at: '2026-03-04T08:00:00+00:00'\n"
    (raw / "p.txt.meta.yaml").write_text(side + fetched, encoding="utf-8")
    report = run([raw], out, now=LATER)
    assert report.ok and len(report.updated) == 1 and not report.conflicts
    (new,) = articles(out).values()
    assert new.slug == old.slug and "(Corrected.)" in new.body
    assert new.modified == datetime(2026, 3, 4, 8, 0, tzinfo=UTC)
    assert new.origin["modified"] == "fetched"
    (earlier,) = new.previous_versions
    assert (earlier.fingerprint, earlier.body) == (old.fingerprint, old.body)
    # the earlier version given again is known as such: nothing changes
    (raw / "p.txt").write_text(dump, encoding="utf-8")
    again = run([raw], out, now=LATER)
    assert again.ok and not again.written and not again.updated
    (path,) = out.rglob("*.md")
    where = path.relative_to(out).as_posix()
    assert again.unchanged == [f"p.txt (an earlier version of {where})"]
    assert articles(out)[new.title] == new


def test_another_story_claiming_the_same_url_is_a_conflict_and_both_are_kept(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    (raw / "day1").mkdir(parents=True)
    (raw / "day2").mkdir()
    url = "https://example.org/latest"
    (raw / "day1" / "p.html").write_text(page("Harbour plan", 0, url), encoding="utf-8")
    other = html_page("School budget", tuple(str(METRO["text"]).split("\n")), url + "/#top", "")
    (raw / "day2" / "p.html").write_text(other, encoding="utf-8")
    report = run([raw], out)
    assert report.conflicts == [
        "day2/p.html: claims the URL of articles/2026/02/harbour-plan.md with another story; "
        "both kept"
    ]
    assert sorted(articles(out)) == ["Harbour plan", "School budget"]
    again = run([raw], out)
    assert not again.conflicts and not again.written and not again.updated


def test_the_first_slug_is_kept_when_the_headline_changes(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    url = "https://example.org/news/port-expansion"
    (raw / "p.html").write_text(page("Port plan approved", 5, url), encoding="utf-8")
    run([raw], out)
    (raw / "p.html").write_text(page("Port plan approved after a long debate", 5, url), "utf-8")
    run([raw], out, now=LATER)
    (article,) = articles(out).values()
    assert article.title == "Port plan approved after a long debate"
    assert article.slug == "port-plan-approved"


def one_dump_ingested(tmp_path: Path, title: str) -> tuple[Path, Path, Path]:
    """A raw folder holding one dump ``p.txt``, ingested: (raw, content, the article's file)."""
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "p.txt").write_text(report_dump(title), encoding="utf-8")
    run([raw], out)
    (path,) = out.rglob("*.md")
    return raw, out, path


def test_a_moved_date_moves_the_file_and_leaves_no_copy(tmp_path: Path) -> None:
    raw, out, path = one_dump_ingested(tmp_path, "Dated by the sidecar")
    assert path.parent.name == "02"
    (raw / "p.txt").write_text(report_dump("Dated by the sidecar", when="3 April, 2026"), "utf-8")
    report = run([raw], out)
    (moved,) = out.rglob("*.md")
    assert moved.parent.name == "04" and moved.name == path.name
    assert report.updated and not report.written


def in_content(out: Path, where: str, text: str) -> Path:
    """A file an editor put in the archive: ``out/articles/<where>``."""
    path = out / "articles" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_invalid_file_in_content_is_never_overwritten(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "p.txt").write_text(report_dump("Same slug as a broken file"), encoding="utf-8")
    broken = in_content(
        out, "2026/02/same-slug-as-a-broken-file.md", "an editor's half-finished file\n"
    )
    report = run([raw], out)
    assert broken.read_text(encoding="utf-8") == "an editor's half-finished file\n"
    assert [r.file for r in report.rejected] == [str(broken)]
    written = [p for p in out.rglob("*.md") if p != broken]
    (article,) = [frontmatter.load(p.read_text(encoding="utf-8")) for p in written]
    assert article.slug == "same-slug-as-a-broken-file-2"


def test_an_invalid_file_hides_none_of_the_articles_after_it(tmp_path: Path) -> None:
    raw, out, path = one_dump_ingested(tmp_path, "Zoning rules for the harbour")
    _edit(path, category="Planning")  # an editor's change: kept only if the file is known
    broken = in_content(out, "2026/02/a-broken-file.md", "an editor's half-finished file\n")
    report = run([raw], out)  # the broken file sorts first: the article after it is still read
    assert [r.file for r in report.rejected] == [str(broken)]
    assert sorted(out.rglob("*.md")) == [broken, path]
    assert frontmatter.load(path.read_text(encoding="utf-8")).category == "Planning"


def test_undated_article_keeps_its_first_ingest_day(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "p.txt").write_text(readnext_dump(), encoding="utf-8")
    run([raw], out)
    (first,) = articles(out).values()
    run([raw], out, now=datetime(2027, 1, 1, tzinfo=UTC))
    (again,) = articles(out).values()
    assert again.date == first.date and again.origin["date"] == "ingested"


def untitled(tmp_path: Path) -> Path:
    """A raw folder with one URL-less record and no headline: its title comes from the lede."""
    raw = tmp_path / "raw" / "wire"
    raw.mkdir(parents=True)
    text = story(7).replace("\n", "\n\n")
    (raw / "item.json").write_text(jsonl(record("", None, text)), encoding="utf-8")
    return raw


def test_a_derived_headline_is_not_part_of_the_article_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = untitled(tmp_path), tmp_path / "content"
    assert run([raw], out).ok
    (first,) = articles(out).values()
    assert first.origin["title"] == "lede"
    # Another way of deriving headlines from ledes: the same input is still the same article.
    monkeypatch.setattr(normalise, "first_sentence", lambda text: text[:40] + "…")
    paths = list(out.rglob("*.md"))
    report = run([raw], out, LATER)
    assert report.ok and not report.written and not report.duplicates, report
    (again,) = articles(out).values()
    assert list(out.rglob("*.md")) == paths
    assert (again.slug, again.fingerprint) == (first.slug, first.fingerprint)
    assert again.title == first.title[:40] + "…"  # the source's headline is the derivation


def test_an_archive_fingerprinted_with_its_derived_headline_is_still_known(tmp_path: Path) -> None:
    raw, out = untitled(tmp_path), tmp_path / "content"
    assert run([raw], out).ok
    (path,) = out.rglob("*.md")
    article = frontmatter.load(path.read_text(encoding="utf-8"))
    # As the previous release wrote it: the fingerprint covered the derived headline.
    old = replace(article, fingerprint=normalise.fingerprint(article.title, article.body))
    assert old.fingerprint != article.fingerprint
    path.write_text(frontmatter.dump(old), encoding="utf-8")
    report = run([raw], out, LATER)
    assert report.ok and not report.duplicates, report
    assert list(out.rglob("*.md")) == [path]
    assert frontmatter.load(path.read_text(encoding="utf-8")).fingerprint == article.fingerprint


# ------------------------------------------------------------------ the rules, as pure functions


@pytest.mark.parametrize(
    ("url", "key"),
    [
        pytest.param("HTTPS://Example.ORG/News/1", "https://example.org/News/1", id="case"),
        pytest.param("https://example.org/a/#top", "https://example.org/a", id="fragment-slash"),
        pytest.param("https://example.org:443/a", "https://example.org/a", id="https-port"),
        pytest.param("http://example.org:80/a", "http://example.org/a", id="http-port"),
        pytest.param("http://example.org:443/a", "http://example.org:443/a", id="other-port"),
        pytest.param("https://example.org:8443/a", "https://example.org:8443/a", id="own-port"),
        pytest.param(
            "https://example.org/a?utm_source=x&id=5&UTM_Medium=y&fbclid=1&GCLID=2&page=",
            "https://example.org/a?id=5&page=",
            id="tracking",
        ),
        pytest.param("https://example.org/a?b=2&a=1", "https://example.org/a?b=2&a=1", id="order"),
        pytest.param("https://example.org/", "https://example.org", id="root"),
        pytest.param("  https://example.org/a \n", "https://example.org/a", id="spaces"),
        pytest.param(
            " https://example.org:99999/a/ ", "https://example.org:99999/a/", id="bad-port"
        ),
        pytest.param("/news/1/", "/news/1", id="no-host"),
        pytest.param("https://example.org/TAX/", "https://example.org/TAX", id="path-ends-in-x"),
    ],
)
def test_the_url_identity_ignores_what_does_not_name_another_page(url: str, key: str) -> None:
    assert normalise_url(url) == key


def article(title: str, body: str, **fields: object) -> Article:
    return Article(title=title, slug="s", date=CLOCK, category="News", body=body, **fields)


@pytest.mark.parametrize(
    ("known", "new", "same"),
    [
        pytest.param(
            article("Port  Plan approved", "one two three"),
            article("port plan Approved ", "four five six"),
            True,
            id="same-headline-new-text",
        ),
        pytest.param(
            article("Port plan", "a b c d"),
            article("School budget", "a b x y z"),
            True,
            id="half-the-words-of-the-shorter",
        ),
        pytest.param(
            article("Port plan", "a b c d"),
            article("School budget", "a x y z"),
            False,
            id="under-half",
        ),
        pytest.param(
            article("Port plan", "a b c d"), article("School budget", ""), False, id="no-body"
        ),
        pytest.param(
            article("Port plan", ""), article("School budget", "a b"), False, id="no-known-body"
        ),
    ],
)
def test_same_story(known: Article, new: Article, same: bool) -> None:
    assert same_story(known, new) is same


def test_an_update_keeps_the_earlier_text_with_when_and_where_it_came_from() -> None:
    earlier = Revision(fingerprint="f0", title="First", body="zero", until=CLOCK)
    known = article("Port plan", "one", fingerprint="f1", source_file="day1/p.html")
    known = replace(known, previous_versions=(earlier,), slug="port-plan")
    new = article("Port plan approved", "one two", fingerprint="f2", source_file="day2/p.html")
    updated = update(known, new, LATER, "fetched")
    assert updated.previous_versions == (
        earlier,
        Revision("f1", "Port plan", "one", until=LATER, source_file="day1/p.html"),
    )
    assert (updated.slug, updated.body, updated.modified) == ("port-plan", "one two", LATER)
    assert updated.origin["modified"] == "fetched"


def test_an_update_that_states_its_time_keeps_it_and_its_origin() -> None:
    stated = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    new = article("Port plan", "one two", modified=stated, origin={"modified": "page"})
    updated = update(article("Port plan", "one"), new, LATER, "ingested")
    assert updated.modified == stated and updated.origin == {"modified": "page"}


def test_digests_stay_what_earlier_versions_wrote() -> None:
    # archives hold these in as_ingested: another digest would make every field look edited
    assert (digest("Bakı"), digest(("Bakı", "Şəki"))) == ("f2e12599cab8", "fa9b24c06353")


def test_digest_is_the_same_for_a_tuple_and_its_list() -> None:
    assert digest(("a", "b")) == digest(["a", "b"]) != digest(["b", "a"])
    assert len(digest("Bakı")) == 12 and digest("Bakı") != digest("Baki")


# ------------------------------------------------------------- placement, as the run reports it

URL = "https://example.net/a/1"
FIRST = "Grain exports rose by a third in the first quarter, the ministry said on Friday."
SECOND = FIRST + " Neighbouring states remain the main buyers."


def feed(raw: Path, text: str, url: str = URL, **extra: object) -> None:
    """One scraper record of the grain story as ``raw/feed.jsonl``."""
    raw.mkdir(parents=True, exist_ok=True)
    grain = record("Grain exports rise by a third", url, text, category="Economy", **extra)
    (raw / "feed.jsonl").write_text(jsonl(grain), encoding="utf-8")


def the_article(out: Path) -> tuple[Path, Article]:
    (path,) = out.rglob("*.md")
    return path.relative_to(out), frontmatter.load(path.read_text(encoding="utf-8"))


def test_a_version_older_than_the_archives_is_an_earlier_version(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, SECOND, modified="2026-03-03T10:00:00+00:00")
    run([raw], out)
    where, newer = the_article(out)
    feed(raw, FIRST, modified="2026-03-01T10:00:00+00:00")
    report = run([raw], out, now=LATER)
    assert report.unchanged == [f"feed.jsonl (an earlier version of {where.as_posix()})"]
    assert not report.updated and the_article(out) == (where, newer)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("2026-03-01T10:00:00+00:00", "2026-03-01T10:00:00+00:00", id="same-time"),
        pytest.param(None, "2026-03-01T10:00:00+00:00", id="first-stated-time"),
    ],
)
def test_new_text_at_a_stated_time_not_before_the_archives_is_an_update(
    tmp_path: Path, before: str | None, after: str
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST, **({"modified": before} if before else {}))
    run([raw], out)
    feed(raw, SECOND, modified=after)
    report = run([raw], out, now=LATER)
    assert len(report.updated) == 1 and not report.unchanged
    _, article = the_article(out)
    assert article.body == SECOND and article.modified == datetime.fromisoformat(after)
    assert [v.body for v in article.previous_versions] == [FIRST]
    assert "modified" not in article.origin  # the source stated it


def test_an_update_without_a_stated_or_fetched_time_is_dated_by_the_run(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST)
    run([raw], out)
    feed(raw, SECOND)
    report = run([raw], out, now=LATER)
    assert report.updated == ["feed.jsonl"]
    _, article = the_article(out)
    assert (article.modified, article.origin["modified"]) == (LATER, "ingested")
    (earlier,) = article.previous_versions
    assert (earlier.until, earlier.source_file) == (LATER, "feed.jsonl")


def test_an_update_that_moves_the_date_moves_the_file(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST)
    run([raw], out)
    (old, _) = the_article(out)
    feed(raw, SECOND, date="2026-04-02T08:00:00+03:00")
    report = run([raw], out, now=LATER)
    where, article = the_article(out)  # one file: the old one is gone
    assert report.updated == ["feed.jsonl"] and not report.written
    assert where == old.parent.parent / "04" / old.name and article.body == SECOND


def test_a_copy_at_another_url_is_a_duplicate_naming_the_kept_file(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw / "a", FIRST)
    feed(raw / "b", FIRST, url="https://syndicated.example/grain")
    report = run([raw], out)
    where, _ = the_article(out)
    assert report.duplicates == [
        f"b/feed.jsonl: duplicate of {where.as_posix()} (same title and body)"
    ]


def test_one_url_from_two_inputs_in_one_run_is_written_once(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    for day in ("day1", "day2"):
        feed(raw / day, FIRST)
    report = run([raw], out)
    where, _ = the_article(out)
    assert report.written == ["day1/feed.jsonl"]
    assert report.duplicates == [
        f"day2/feed.jsonl: duplicate of {where.as_posix()} (same article, another input)"
    ]


LISTED = "Grain exports rise by a third"


def with_listing(title: str, *listed: str) -> str:
    """A dump whose "Latest News" lists other stories (``LISTED``) at 09:40 after its own."""
    own = f"Latest News\n\n10:15\n\n{title}\n\nEconomy"
    items = "".join(f"\n\n09:40\n\n{other}\n\nEconomy" for other in listed or (LISTED,))
    return report_dump(title).replace(own, own + items)


def test_a_listed_story_becomes_one_brief_the_listing_links_to(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "a.txt").write_text(with_listing("Talks on transport links"), encoding="utf-8")
    (raw / "b.txt").write_text(with_listing("Budget talks resume"), encoding="utf-8")
    report = run([raw], out)
    assert report.briefs == 1
    assert report.written == ["a.txt", "b.txt", f"a.txt (brief: {LISTED})"]
    found = [frontmatter.load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.md"))]
    (brief,) = [a for a in found if a.kind == "brief"]
    assert brief.slug == "grain-exports-rise-by-a-third"
    for listing in (a for a in found if a.kind == "article"):
        assert [i.slug for i in listing.read_next if i.title == LISTED] == [brief.slug]
    again = run([raw], out, now=LATER)
    assert again.briefs == 0 and not again.written and not again.updated


def test_a_listed_story_the_archive_holds_links_to_the_article(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST)
    (raw / "a.txt").write_text(with_listing("Talks on transport links"), encoding="utf-8")
    report = run([raw], out)
    assert report.briefs == 0 and report.written == ["a.txt", "feed.jsonl"]
    listing = articles(out)["Talks on transport links"]
    assert [i.slug for i in listing.read_next if i.title == LISTED] == [articles(out)[LISTED].slug]


def test_a_brief_whose_slug_is_taken_gets_its_own(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    (raw / "a.txt").write_text(with_listing("Talks on transport links"), encoding="utf-8")
    in_content(
        out,
        "2026/01/grain-exports-rise-by-a-third.md",
        "---\ntitle: Grain harvest\nslug: grain-exports-rise-by-a-third\n"
        "date: '2026-01-20T07:00:00+04:00'\ncategory: Notes\n---\n\nAnother text.\n",
    )
    report = run([raw], out)
    assert report.written == ["a.txt", f"a.txt (brief: {LISTED})"]
    assert [b.slug for b in articles_of_kind(out, "brief")] == ["grain-exports-rise-by-a-third-2"]


def articles_of_kind(out: Path, kind: str) -> list[Article]:
    found = [frontmatter.load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.md"))]
    return [a for a in found if a.kind == kind]


def test_the_current_text_again_keeps_the_earlier_versions(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST)
    run([raw], out)
    feed(raw, SECOND)
    run([raw], out, now=LATER)
    updated = the_article(out)
    report = run([raw], out, now=datetime(2026, 6, 1, tzinfo=UTC))
    assert report.unchanged == ["feed.jsonl"] and not report.updated
    assert the_article(out) == updated and len(updated[1].previous_versions) == 1


def test_the_same_article_without_its_date_keeps_the_date_the_source_gave(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    feed(raw, FIRST)
    run([raw], out)
    before = the_article(out)
    grain = record("Grain exports rise by a third", URL, FIRST, category="Economy")
    del grain["date"]  # a later scrape of the same page lost its dateline
    (raw / "feed.jsonl").write_text(jsonl(grain), encoding="utf-8")
    report = run([raw], out, now=LATER)
    assert report.unchanged == ["feed.jsonl"] and not report.updated
    where, article = the_article(out)
    assert (where, article) == before and "date" not in article.origin


def test_three_versions_in_one_run_keep_both_earlier_ones_in_order(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    third = SECOND + " Prices rose as well."
    for day, text in (("day1", FIRST), ("day2", SECOND), ("day3", third)):
        feed(raw / day, text)
    report = run([raw], out)
    assert report.written == ["day1/feed.jsonl"]
    assert report.updated == ["day2/feed.jsonl", "day3/feed.jsonl"]
    _, article = the_article(out)
    assert article.body == third
    assert [(v.body, v.source_file) for v in article.previous_versions] == [
        (FIRST, "day1/feed.jsonl"),
        (SECOND, "day2/feed.jsonl"),
    ]


def test_each_listed_story_is_a_brief_of_its_own(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    raw.mkdir()
    listed = (LISTED, "New metro line opens", "Ferry timetable changes")
    (raw / "a.txt").write_text(with_listing("Talks on transport links", *listed), "utf-8")
    report = run([raw], out)
    assert report.briefs == 3
    assert sorted(a.title for a in articles_of_kind(out, "brief")) == sorted(listed)


def test_an_edited_field_keeps_its_ingest_digest_when_the_source_changes_it() -> None:
    known = stamp(replace(article("Port plan", "one"), category="Economy"))
    known = replace(known, category="Edited by hand")  # the editor's, after ingest wrote it
    new = replace(article("Port plan", "one two"), category="Business")
    merged = merge(known, new)
    assert merged.category == "Edited by hand"
    assert merged.as_ingested["category"] == digest("Economy")  # what ingest wrote
    assert merged.as_ingested["body"] == digest("one two")


def test_a_modification_time_the_source_states_replaces_the_recorded_one() -> None:
    recorded = datetime(2026, 3, 1, tzinfo=UTC)
    known = article("Port plan", "one", modified=recorded, origin={"modified": "ingested"})
    stated = article("Port plan", "one", modified=LATER, origin={"modified": "page"})
    assert (merge(known, stated).modified, merge(known, stated).origin) == (
        LATER,
        {"modified": "page"},
    )
    unstated = merge(known, article("Port plan", "one"))
    assert (unstated.modified, unstated.origin) == (recorded, {"modified": "ingested"})


def test_the_same_text_from_two_sources_without_urls_is_a_copy_not_the_same_article(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "content"
    for source in ("a.example", "b.example"):
        (raw / source).mkdir(parents=True)
        (raw / source / "p.txt").write_text(readnext_dump(), encoding="utf-8")  # source: folder
    report = run([raw], out)
    where, _ = the_article(out)
    assert report.duplicates == [
        f"b.example/p.txt: duplicate of {where.as_posix()} (same title and body)"
    ]
