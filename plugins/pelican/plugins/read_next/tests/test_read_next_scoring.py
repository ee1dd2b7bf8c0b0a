"""Read next, pure scoring: tiny hand-written archives, no Pelican."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pelican.plugins.read_next.index import build
from pelican.plugins.read_next.reasons import Pair, about, days_apart, story_reason
from pelican.plugins.read_next.scoring import ReadNextError, UnknownPinError, recommend
from pelican.plugins.read_next.settings import Weights, load
from pelican.plugins.read_next.sources import SourceMatcher
from pelican.plugins.read_next.text import capitalised_runs

from briefing.model import Article, SourceItem
from briefing.settings import SettingsError

DAY0 = datetime(2025, 6, 20, 10, 0, tzinfo=UTC)
# Story members share names and a few words but are worded independently (no two texts are
# near-duplicates unless a test makes one); every article ends with the same boilerplate.
GENERIC = (
    "Officials said more details would follow later in the week.",
    "The statement was published on the ministry website on Friday.",
    "State television repeated the report in its evening bulletin.",
    "Analysts expect the discussions to continue next month.",
    "The government has not yet commented on the figures.",
    "Local media covered the event throughout the day.",
)
STORIES = {
    "oic-opens": "Foreign Minister Jeyhun Bayramov arrived in Istanbul for the OIC Council of "
    "Foreign Ministers. Bayramov told reporters the transit corridor proposal would dominate "
    "the agenda of the OIC meeting.",
    "oic-corridor": "OIC ministers gathered in Istanbul endorsed the transit corridor plan put "
    "forward by Bayramov, and several delegations pledged financing for corridor rail links.",
    "oic-closes": "The OIC session in Istanbul closed with a declaration on corridor tariffs; "
    "Bayramov thanked the hosts and said the OIC talks would resume in Jeddah.",
    "senate-visit": "Senator Steve Daines arrived in Baku and met lawmakers to discuss Senate "
    "waivers on assistance; Daines called the waiver essential.",
    "senate-vote": "Daines said the Senate committee vote on the waiver showed support in "
    "Washington, and Baku officials welcomed the Senate outcome.",
    "cotton": "Farmers in Ganja reported a record cotton harvest as irrigation canals reached "
    "new fields; Ganja cooperatives expect cotton exports to grow.",
}
OIC = STORIES["oic-opens"] + " "
HARVEST = STORIES["cotton"] + " "
SENATE = STORIES["senate-visit"]


def text(slug: str, k: int) -> str:
    """Return an article's story paragraph, then the boilerplate every article carries."""
    return f"{STORIES[slug]} {GENERIC[0]}"


FILLER = " ".join(GENERIC[:2])


def art(slug: str, title: str, body: str, days: float = 0.0, **fields: Any) -> Article:
    """Return an article dated ``days`` after DAY0."""
    defaults: dict[str, Any] = {"category": "World", "source": "Wire A"}
    return Article(
        title=title,
        slug=slug,
        date=DAY0 + timedelta(days=days),
        body=body,
        **{**defaults, **fields},
    )


def archive() -> list[Article]:
    """Two stories (OIC: three articles and a brief, Senate: two) and one unrelated article."""
    return [
        art("oic-opens", "Bayramov at OIC meeting in Istanbul", text("oic-opens", 0), 0),
        art("oic-corridor", "OIC ministers back corridor plan", text("oic-corridor", 1), 2),
        art("oic-closes", "Istanbul OIC session ends", text("oic-closes", 2), 3),
        art("senate-visit", "Daines in Baku", text("senate-visit", 3), 1, category="Politics"),
        art(
            "senate-vote",
            "Senate waiver vote praised by Daines",
            text("senate-vote", 4),
            4,
            category="Politics",
        ),
        art("cotton", "Record cotton harvest in Ganja", text("cotton", 5), 1, category="Economy"),
        art("brief-oic", "Bayramov speaks at OIC in Istanbul", "", 1, kind="brief"),
    ]


def blocks_of(docs: list[Article], **settings: object) -> dict[str, list[str]]:
    found = recommend(docs, load({"READ_NEXT": settings}))
    return {slug: [p.slug for p in block.picks] for slug, block in found.items()}


@pytest.mark.parametrize(
    ("article", "expected_first"),
    [
        ("oic-opens", {"oic-corridor", "oic-closes", "brief-oic"}),
        ("oic-corridor", {"oic-opens", "oic-closes", "brief-oic"}),
        ("senate-visit", {"senate-vote"}),
        ("senate-vote", {"senate-visit"}),
    ],
    ids=["oic-first", "oic-second", "senate-first", "senate-second"],
)
def test_same_story_ranks_first(article: str, expected_first: set[str]) -> None:
    assert blocks_of(archive())[article][0] in expected_first


def test_unrelated_articles_stay_out_of_a_story_block() -> None:
    picks = blocks_of(archive())["oic-opens"]
    assert "senate-visit" not in picks and "cotton" not in picks


def test_a_brief_can_be_a_target_and_may_have_an_empty_block() -> None:
    found = blocks_of(archive())
    assert any("brief-oic" in picks for slug, picks in found.items() if slug.startswith("oic"))


def test_near_duplicates_are_grouped_not_read_next() -> None:
    copy = art(
        "oic-opens-copy",
        "Bayramov at the OIC in Istanbul",
        text("oic-opens", 0),
        0.2,
        source="Wire B",
    )
    docs = [*archive(), copy]
    found = recommend(docs, load({"READ_NEXT": {}}))
    assert found["oic-opens"].duplicates == ("oic-opens-copy",)
    assert found["oic-opens-copy"].duplicates == ("oic-opens",)
    assert "oic-opens-copy" not in [p.slug for p in found["oic-opens"].picks]
    # Elsewhere only one copy of the same text is shown.
    corridor = [p.slug for p in found["oic-corridor"].picks]
    assert not {"oic-opens", "oic-opens-copy"} <= set(corridor)


def test_pins_come_first_in_their_order() -> None:
    docs = archive()
    docs[0] = replace(docs[0], read_next_pins=("cotton", "senate-vote"))
    block = recommend(docs, load({"READ_NEXT": {}}))["oic-opens"]
    assert [p.slug for p in block.picks[:2]] == ["cotton", "senate-vote"]
    assert all(p.pinned and p.reason == "Editor's pick" for p in block.picks[:2])
    assert block.picks[2].slug in {"oic-corridor", "oic-closes", "brief-oic"}


@pytest.mark.parametrize(
    ("pins", "error", "message"),
    [
        (("no-such-article",), UnknownPinError, "oic-opens: read_next_pins: no article with slug"),
        (("oic-opens",), ReadNextError, "cannot pin itself"),
    ],
    ids=["unknown-slug", "self-pin"],
)
def test_bad_pins_fail_naming_the_article(
    pins: tuple[str, ...], error: type[Exception], message: str
) -> None:
    docs = archive()
    docs[0] = replace(docs[0], read_next_pins=pins)
    with pytest.raises(error, match=message):
        recommend(docs, load({"READ_NEXT": {}}))


def test_decay_prefers_the_closer_of_two_equal_matches() -> None:
    docs = [
        art("a-now", "Bayramov at OIC", OIC + FILLER, 0),
        art("b-far", "Bayramov at OIC again", OIC + FILLER + "Later.", -200, source="X"),
        art("c-near", "Bayramov at OIC again", OIC + FILLER + "Later.", 2, source="X"),
        art("filler", "Cotton", HARVEST + FILLER, 5),
    ]
    settings = {"duplicate_threshold": 1.1}  # the copies are the point here: keep them
    assert blocks_of(docs, **settings)["a-now"][:2] == ["c-near", "b-far"]
    # Without decay the two score the same and the tie goes to the more recent date.
    flat = blocks_of(docs, **settings, weights={"recency": 0.0})["a-now"][:2]
    assert flat == ["c-near", "b-far"]
    far = recommend(docs, load({"READ_NEXT": settings}))["a-now"].picks
    assert far[0].score > far[1].score


def test_ties_break_by_date_then_slug() -> None:
    twins = [art(s, "Bayramov at OIC", OIC + FILLER, 1, source=s) for s in ("t-b", "t-a")]
    docs = [
        art("main", "Bayramov at OIC meeting", OIC + FILLER, 0),
        *twins,
        art("cotton", "Cotton", HARVEST + FILLER, 3),
    ]
    found = blocks_of(docs, duplicate_threshold=1.1)
    assert found["main"][:2] == ["t-a", "t-b"]


def test_same_archive_gives_the_same_blocks_in_any_order() -> None:
    docs = archive()
    first = recommend(docs, load({"READ_NEXT": {}}))
    shuffled = docs[:]
    random.Random(4).shuffle(shuffled)
    second = recommend(shuffled, load({"READ_NEXT": {}}))
    assert repr(sorted(first.items())) == repr(sorted(second.items()))


def test_reason_names_story_shared_names_and_time() -> None:
    pick = recommend(archive(), load({"READ_NEXT": {}}))["oic-corridor"].picks[0]
    assert pick.kind == "story"
    assert pick.reason in {
        "Earlier on this story, 2 days before",
        "Later on this story, 1 day after",
        "Earlier on this story, 1 day before",
    }
    assert "Bayramov" in pick.shared and "OIC" in pick.shared
    assert set(pick.shared) <= {"Bayramov", "OIC", "Istanbul", "Jeyhun", "Council", "Ministers"}


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (timedelta(hours=5), "Same story, same day"),
        (timedelta(days=-1), "Earlier on this story, 1 day before"),
        (timedelta(days=2, hours=3), "Later on this story, 2 days after"),
        (timedelta(days=-90), "Earlier on this story, 3 months before"),
        (timedelta(days=900), "Later on this story, 2 years after"),
    ],
    ids=["hours", "one-day", "days", "months", "years"],
)
def test_story_reason_says_how_far_apart(offset: timedelta, expected: str) -> None:
    a = art("a", "A", "x")
    assert story_reason(days_apart(a, replace(a, date=a.date + offset))) == expected


def test_duplicate_slugs_fail() -> None:
    docs = [*archive(), art("cotton", "Another", HARVEST)]
    with pytest.raises(ReadNextError, match="cotton: two articles have this slug"):
        recommend(docs, load({"READ_NEXT": {}}))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"cuont": 5}, "READ_NEXT: unknown key"),
        ({"weights": {"txet": 1.0}}, r"READ_NEXT\['weights'\]: unknown key\(s\) txet"),
        ({"count": "five"}, "count"),
        ({"count": 0}, "at least 1"),
        ({"min_score": -1}, "must not be negative"),
    ],
    ids=["typo", "weights-typo", "wrong-type", "zero-count", "negative"],
)
def test_bad_settings_fail(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load({"READ_NEXT": raw})


def test_settings_merge_over_defaults() -> None:
    settings = load({"READ_NEXT": {"count": 3, "weights": {"recency": 0.0}}})
    assert settings.count == 3
    assert settings.weights == replace(Weights(), recency=0.0)


def test_count_limits_the_block() -> None:
    assert all(len(p) <= 1 for p in blocks_of(archive(), count=1).values())


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (SourceItem(summary="x", slug="cotton"), "cotton"),
        (SourceItem(title="Record cotton harvest in Ganja"), "cotton"),
        (SourceItem(summary=SENATE.split(";")[0][:90]), "senate-visit"),
        (SourceItem(title="Markets close higher on oil prices"), None),
        (SourceItem(summary="x", slug="not-in-archive"), None),
    ],
    ids=["slug", "title", "lead", "stranger", "unknown-slug"],
)
def test_source_items_match_archive_articles(item: SourceItem, expected: str | None) -> None:
    matcher = SourceMatcher(archive(), threshold=load({"READ_NEXT": {}}).source_match_threshold)
    assert matcher.match(item) == expected


class Watched:
    """An archive article as a match target, counting the reads of its texts."""

    def __init__(self, doc: Article, reads: list[str]) -> None:
        self.doc, self.reads, self.slug = doc, reads, doc.slug

    @property
    def title(self) -> str:
        self.reads.append(self.slug)
        return self.doc.title

    @property
    def summary(self) -> str | None:
        return self.doc.summary

    @property
    def body(self) -> str:
        self.reads.append(self.slug)
        return self.doc.body


def test_items_with_known_slugs_never_read_the_archives_texts() -> None:
    """The fuzzy index is built at the first item without a known slug, and answers as ever."""
    reads: list[str] = []
    threshold = load({"READ_NEXT": {}}).source_match_threshold
    matcher = SourceMatcher([Watched(a, reads) for a in archive()], threshold)
    assert matcher.match_all([SourceItem(summary="x", slug="cotton")] * 3) == ["cotton"] * 3
    assert reads == []
    assert matcher.match(SourceItem(title="Record cotton harvest in Ganja")) == "cotton"
    assert reads
    assert matcher.match(SourceItem(summary=SENATE.split(";")[0][:90])) == "senate-visit"


SMALL_ARCHIVE = (
    art(
        "seed-senate",
        "Senate visit",
        "Senator Daines met officials in Baku and Washington envoys discussed trade. " + FILLER,
        origin={"date": "ingested"},
    ),
    art(
        "seed-embassy",
        "Embassy remarks",
        "The embassy in Baku said ties with Washington "
        "would grow, and trade talks continue. " + FILLER,
        days=-200,
    ),
    art("stock-only", "Harvest", "Cotton growers gathered at the fair. " + GENERIC[0]),
)


def test_article_with_a_shared_name_is_never_left_without_a_block() -> None:
    """Below min_score, an otherwise empty block takes candidates sharing a name or tag."""
    blocks = recommend(SMALL_ARCHIVE, load({"READ_NEXT": {"min_score": 0.9}}))
    assert [p.slug for p in blocks["seed-senate"].picks] == ["seed-embassy"]
    assert [p.slug for p in blocks["seed-embassy"].picks] == ["seed-senate"]


def test_a_shared_stock_sentence_alone_gives_no_block() -> None:
    blocks = recommend(SMALL_ARCHIVE, load({"READ_NEXT": {"min_score": 0.9}}))
    assert blocks["stock-only"].picks == ()


def test_sentence_openers_are_not_names() -> None:
    """'Officials' opens a sentence in every article: never shown as a shared name."""
    blocks = recommend(SMALL_ARCHIVE, load({"READ_NEXT": {"min_score": 0.0}}))
    shared = {label for b in blocks.values() for p in b.picks for label in p.shared}
    assert "Officials" not in shared and "The" not in shared
    assert {"Baku", "Washington"} <= shared


def test_derived_date_neither_decays_nor_claims_a_distance() -> None:
    """An undated article (date of ingest) is not 'months later' than anything."""
    undated, dated = SMALL_ARCHIVE[0], SMALL_ARCHIVE[1]
    assert days_apart(undated, dated) is None
    (pick,) = recommend(SMALL_ARCHIVE, load({"READ_NEXT": {"min_score": 0.9}}))["seed-senate"].picks
    assert "before" not in pick.reason and "after" not in pick.reason


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        pytest.param(
            "Officials in San Francisco said so.",
            [("Officials",), ("San", "Francisco")],
            id="two-words",
        ),
        pytest.param(
            "SAN FRANCISCO (AP) — PG&E cut power", [("SAN", "FRANCISCO"), ("PG&E",)], id="credit"
        ),
        pytest.param(
            "On Tuesday Xi Jinping met Biden",
            [("On",), ("Xi", "Jinping"), ("Biden",)],
            id="weekday",
        ),
        pytest.param("Prince Andrew’s interview", [("Prince", "Andrew")], id="possessive"),
        pytest.param("Delhi, Mumbai and Pune", [("Delhi",), ("Mumbai",), ("Pune",)], id="commas"),
        pytest.param("It rained in March. Paris was wet", [("It",), ("Paris",)], id="month"),
    ],
)
def test_capitalised_runs_are_whole_names(text: str, runs: list[tuple[str, ...]]) -> None:
    assert sorted(capitalised_runs(text)) == sorted(runs)


def test_names_are_whole_entities_never_calendar_words_or_credits() -> None:
    body = (
        "Officials in San Francisco said on Tuesday (AP) that the power cut ends. "
        "The White House said nothing. San Francisco was dark."
    )
    docs = [
        art("cut", "Power cut in San Francisco", body, 0),
        art("cut-2", "Power returns to San Francisco", body.replace("ends", "ended"), 1),
        art("filler", "Cotton", HARVEST + FILLER, 3),
    ]
    features = build(docs, load({"READ_NEXT": {}}))
    assert "San Francisco" in features.name_labels and "White House" in features.name_labels
    for word in ("San", "Francisco", "Tuesday", "AP", "The White House"):
        assert word not in features.name_labels


@pytest.mark.parametrize(
    ("shared", "label"),
    [
        pytest.param(("Kyiv", "Hong Kong"), "Hong Kong", id="whole-name-first"),
        pytest.param(("Kyiv", "Ukraine"), "Ukraine", id="headline-name-first"),
        pytest.param(("Kyiv", "Morrison"), "Kyiv", id="else-rarest"),
    ],
)
def test_the_reason_names_what_a_reader_sees(shared: tuple[str, ...], label: str) -> None:
    a = art("a", "Talks on Ukraine", "x", 0)
    b = art("b", "Envoy testifies", "y", 1)
    assert about(Pair(a, b, 0.01, False), shared) == label
