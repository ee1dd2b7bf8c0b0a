"""Read next, block by block: exact block contents and sizes, pins, thresholds, duplicates.

An empty block is a failure here unless the test says the block must be empty: every
assertion names the slugs a block holds (the archive is tests/test_read_next_scoring.py's:
an OIC story of three articles and a brief, a Senate story of two, one unrelated article).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
from pelican.plugins.read_next.scoring import (
    Block,
    ReadNextError,
    UnknownPinError,
    recommend,
)
from pelican.plugins.read_next.settings import load
from pelican.plugins.read_next.tests.test_read_next_scoring import (
    FILLER,
    OIC,
    SMALL_ARCHIVE,
    archive,
    art,
    text,
)

from briefing.model import Article

OIC_STORY = {"oic-opens", "oic-corridor", "oic-closes", "brief-oic"}


def blocks(docs: list[Article] | tuple[Article, ...], **settings: Any) -> dict[str, Block]:
    return recommend(list(docs), load({"READ_NEXT": settings}))


def slugs(block: Block) -> list[str]:
    return [p.slug for p in block.picks]


def pinned(slug: str, pins: tuple[str, ...]) -> list[Article]:
    """The archive with ``slug`` pinning ``pins``."""
    return [replace(d, read_next_pins=pins) if d.slug == slug else d for d in archive()]


@pytest.mark.parametrize("slug", sorted(OIC_STORY))
def test_story_block_is_exactly_the_rest_of_the_story(slug: str) -> None:
    block = blocks(archive())[slug]
    assert sorted(slugs(block)) == sorted(OIC_STORY - {slug})
    scores = [p.score for p in block.picks]
    assert scores == sorted(scores, reverse=True)
    assert all(p.score >= 0.15 and not p.pinned for p in block.picks)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [("senate-visit", ["senate-vote"]), ("senate-vote", ["senate-visit"]), ("cotton", [])],
    ids=["senate-first", "senate-second", "unrelated-is-empty"],
)
def test_two_article_story_and_unrelated_article(slug: str, expected: list[str]) -> None:
    assert slugs(blocks(archive())[slug]) == expected


def test_every_article_has_a_block_and_nothing_else_does() -> None:
    found = blocks(archive())
    assert sorted(found) == sorted(d.slug for d in archive())
    assert all(found[s].duplicates == () for s in found)


@pytest.mark.parametrize("count", [1, 2, 3], ids=["one", "two", "three"])
def test_count_keeps_the_best_count_picks(count: int) -> None:
    full = blocks(archive())
    cut = blocks(archive(), count=count)
    for slug in OIC_STORY:
        assert slugs(cut[slug]) == slugs(full[slug])[:count]
        assert len(cut[slug].picks) == count  # three others in the story: always enough
    assert slugs(cut["senate-visit"]) == ["senate-vote"]


def test_empty_archive_has_no_blocks() -> None:
    assert recommend([], load({"READ_NEXT": {}})) == {}


def test_one_article_has_an_empty_block() -> None:
    (doc,) = [d for d in archive() if d.slug == "cotton"]
    assert blocks([doc]) == {"cotton": Block()}


def test_pin_of_an_unrelated_article_comes_first_with_no_score() -> None:
    block = blocks(pinned("oic-opens", ("cotton",)))["oic-opens"]
    assert slugs(block) == ["cotton", *slugs(blocks(archive())["oic-opens"])]
    first = block.picks[0]
    assert first.pinned and first.kind == "pinned" and first.reason == "Editor's pick"
    assert [p.pinned for p in block.picks] == [True, False, False, False]


def test_a_pinned_candidate_keeps_its_score_and_is_not_shown_twice() -> None:
    unpinned = {p.slug: p.score for p in blocks(archive())["oic-opens"].picks}
    block = blocks(pinned("oic-opens", ("oic-closes",)))["oic-opens"]
    assert slugs(block)[0] == "oic-closes" and slugs(block).count("oic-closes") == 1
    assert block.picks[0].score == unpinned["oic-closes"] > 0
    assert sorted(slugs(block)) == sorted(OIC_STORY - {"oic-opens"})


def test_a_slug_pinned_twice_is_shown_once() -> None:
    block = blocks(pinned("oic-opens", ("cotton", "cotton", "senate-vote")))["oic-opens"]
    assert slugs(block)[:2] == ["cotton", "senate-vote"]
    assert slugs(block).count("cotton") == 1
    assert len(block.picks) == 2 + 3


def test_pins_beyond_count_are_cut_in_their_order() -> None:
    docs = pinned("oic-opens", ("senate-vote", "cotton", "senate-visit"))
    assert slugs(blocks(docs, count=2)["oic-opens"]) == ["senate-vote", "cotton"]


def test_many_pins_still_leave_room_for_the_best_candidates() -> None:
    docs = pinned("oic-opens", ("cotton", "senate-vote", "senate-visit"))
    block = blocks(docs, count=6)["oic-opens"]
    assert slugs(block)[:3] == ["cotton", "senate-vote", "senate-visit"]
    assert sorted(slugs(block)[3:]) == sorted(OIC_STORY - {"oic-opens"})


def test_pins_with_no_candidate_above_min_score_take_the_weaker_ones() -> None:
    docs = pinned("oic-opens", ("cotton",))
    block = blocks(docs, min_score=0.9)["oic-opens"]
    assert slugs(block)[0] == "cotton"
    assert sorted(slugs(block)[1:]) == sorted(OIC_STORY - {"oic-opens"})
    assert slugs(blocks(docs, min_score=0.9, fallback_score=1.0)["oic-opens"]) == ["cotton"]


def test_min_score_is_inclusive() -> None:
    (best,) = blocks(archive())["senate-visit"].picks
    at = blocks(archive(), min_score=best.score, fallback_score=1.0)
    assert slugs(at["senate-visit"]) == ["senate-vote"]
    above = blocks(archive(), min_score=math.nextafter(best.score, 1.0), fallback_score=1.0)
    assert slugs(above["senate-visit"]) == []


def test_below_min_score_every_otherwise_empty_block_takes_name_sharing_candidates() -> None:
    high = blocks(archive(), min_score=0.9)
    for slug in OIC_STORY:
        assert sorted(slugs(high[slug])) == sorted(OIC_STORY - {slug})
    assert slugs(high["senate-visit"]) == ["senate-vote"]
    assert slugs(high["cotton"]) == []


def test_fallback_score_of_one_turns_the_fallback_off() -> None:
    off = blocks(archive(), min_score=0.9, fallback_score=1.0)
    assert {slug: slugs(b) for slug, b in off.items()} == {d.slug: [] for d in archive()}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"min_score": 0.9}, ["seed-embassy"]),
        ({"min_score": 0.9, "fallback_names": 4}, []),
        ({"min_score": 0.9, "fallback_score": 0.348}, []),  # seed-embassy scores 0.3475
        ({"min_score": 0.9, "fallback_score": 0.347}, ["seed-embassy"]),
    ],
    ids=["names-shared", "too-few-names", "score-under-fallback", "score-over-fallback"],
)
def test_fallback_thresholds(settings: dict[str, Any], expected: list[str]) -> None:
    assert slugs(blocks(SMALL_ARCHIVE, **settings)["seed-senate"]) == expected


def three_copies() -> list[Article]:
    """The archive with oic-opens published twice more, a day before and hours after."""
    first = art("oic-copy-b", "Bayramov at the OIC", text("oic-opens", 0), 0.2, source="B")
    second = art("oic-copy-a", "Bayramov in Istanbul", text("oic-opens", 0), -1, source="C")
    return [*archive(), first, second]


def test_near_duplicates_are_listed_by_date_and_never_picked() -> None:
    found = blocks(three_copies())
    assert found["oic-opens"].duplicates == ("oic-copy-a", "oic-copy-b")
    assert found["oic-copy-b"].duplicates == ("oic-copy-a", "oic-opens")
    assert found["oic-copy-a"].duplicates == ("oic-opens", "oic-copy-b")
    copies = {"oic-opens", "oic-copy-a", "oic-copy-b"}
    for slug in copies:
        assert not copies & set(slugs(found[slug]))
        assert sorted(slugs(found[slug])) == ["brief-oic", "oic-closes", "oic-corridor"]


@pytest.mark.parametrize("slug", ["oic-corridor", "oic-closes", "brief-oic"])
def test_other_story_members_show_one_copy_of_a_duplicated_text(slug: str) -> None:
    shown = slugs(blocks(three_copies())[slug])
    copies = {"oic-opens", "oic-copy-a", "oic-copy-b"}
    assert len(copies & set(shown)) == 1
    assert sorted(set(shown) - copies) == sorted(OIC_STORY - {"oic-opens", slug})


def test_category_case_does_not_change_scores() -> None:
    lower = [replace(d, category=d.category.lower()) for d in archive()]
    first = {s: [(p.slug, p.score) for p in b.picks] for s, b in blocks(archive()).items()}
    second = {s: [(p.slug, p.score) for p in b.picks] for s, b in blocks(lower).items()}
    assert first == second


def test_errors_carry_the_articles_slug() -> None:
    with pytest.raises(UnknownPinError) as unknown:
        blocks(pinned("cotton", ("nowhere",)))
    assert unknown.value.slug == "cotton"
    assert str(unknown.value) == "cotton: read_next_pins: no article with slug 'nowhere'"
    with pytest.raises(ReadNextError) as itself:
        blocks(pinned("cotton", ("cotton",)))
    assert not isinstance(itself.value, UnknownPinError)
    assert str(itself.value) == "cotton: read_next_pins: an article cannot pin itself"
    with pytest.raises(ReadNextError) as twice:
        blocks([*archive(), archive()[0]])
    assert twice.value.slug == "oic-opens"
    assert str(twice.value) == "oic-opens: two articles have this slug"


# Leads of punctuation only (no words), then the same long text: the kept words are identical,
# so only the lead decides.  rapidfuzz's ratio of two 400-character leads that differ in k
# places is 100 - k / 4: 80 places give exactly 80, the least ratio of a duplicate.
LEAD = 400
TAIL = " ".join([text("oic-opens", 0), text("oic-corridor", 1), text("oic-closes", 2)])


def lead_copy(slug: str, commas: int, at_start: bool, days: float) -> Article:
    lead = (
        "," * commas + "." * (LEAD - commas) if at_start else "." * (LEAD - commas) + "," * commas
    )
    return art(slug, "OIC ministers in Istanbul", f"{lead}\n\n{TAIL}", days, source=slug)


def test_leads_reading_alike_at_the_ratio_threshold_make_a_duplicate() -> None:
    docs = [
        lead_copy("lead-a", 0, False, 0),
        lead_copy("lead-b", 80, False, 1),  # ratio 80 with lead-a
        lead_copy("lead-c", 84, True, 2),  # ratio 79 with lead-a, 59 with lead-b
        *[d for d in archive() if d.slug in {"cotton", "senate-visit"}],
        # A second pair of copies, looked at after lead-a's pair that is not one.
        art("z-copy-1", "Daines in Baku", text("senate-vote", 4), 4, source="P"),
        art("z-copy-2", "Daines visits Baku", text("senate-vote", 4), 5, source="Q"),
    ]
    found = blocks(docs)
    assert found["lead-a"].duplicates == ("lead-b",)
    assert found["lead-b"].duplicates == ("lead-a",)
    assert found["lead-c"].duplicates == ()
    assert found["z-copy-1"].duplicates == ("z-copy-2",)
    # One copy of the same text, the nearer, then other articles.
    assert slugs(found["lead-c"])[0] == "lead-b" and "lead-a" not in slugs(found["lead-c"])


def decay(days: float, half_life: float = 30.0, recency: float = 0.7) -> float:
    """The documented recency factor of a pair ``days`` apart (read_next.settings)."""
    return float((1.0 - recency) + recency * 0.5 ** (days / half_life))


def test_scores_decay_with_the_documented_half_life() -> None:
    body = OIC + FILLER
    docs = [
        art("a-now", "Bayramov at OIC", body, 0),
        art("b-far", "Bayramov at OIC again", body + " Later.", -200, source="X"),
        art("c-near", "Bayramov at OIC again", body + " Later.", 2, source="X"),
        art("d-undated", "Bayramov at OIC again", body + " Later.", 9, origin={"date": "ingested"}),
        art("filler", "Cotton", text("cotton", 5), 5),
    ]
    picks = {p.slug: p.score for p in blocks(docs, duplicate_threshold=1.1)["a-now"].picks}
    near = picks["c-near"]
    assert picks["b-far"] / near == pytest.approx(decay(200) / decay(2), rel=1e-4)
    # The day of ingest says nothing about time: one half-life apart, whatever it is.
    assert picks["d-undated"] / near == pytest.approx(decay(30) / decay(2), rel=1e-4)
    half = {
        p.slug: p.score
        for p in blocks(docs, duplicate_threshold=1.1, half_life_days=100)["a-now"].picks
    }
    assert half["b-far"] / half["c-near"] == pytest.approx(
        decay(200, 100) / decay(2, 100), rel=1e-4
    )


def test_category_counts_as_the_documented_bonus() -> None:
    body = OIC + FILLER
    docs = [
        art("a-now", "Bayramov at OIC", body, 0),
        art("c-same", "Bayramov at OIC again", body + " Later.", 2, source="X"),
        art("e-other", "Bayramov at OIC again", body + " Later.", 2, source="Y", category="Sport"),
        art("filler", "Cotton", text("cotton", 5), 5),
    ]
    picks = {p.slug: p.score for p in blocks(docs, duplicate_threshold=1.1)["a-now"].picks}
    assert picks["c-same"] / picks["e-other"] == pytest.approx(1.1, rel=1e-4)


# One article, a candidate sharing its words but no name (x-words, the stronger), one sharing
# only a name (y-name, weaker), and an article sharing nothing that it may pin (z-pin).
CHOICE_BODY = (
    "the cotton harvest in the fields grew strongly this year, farmers report, and exports "
    "rise. Officials said more details would follow later in the week."
)


def choice(*pins: str) -> list[Article]:
    return [
        art("a-main", "Talks in Baku", "Talks in Baku. " + CHOICE_BODY, 0, read_next_pins=pins),
        art("x-words", "harvest report", CHOICE_BODY, 1),
        art("y-name", "Baku", "The weather in Baku was mild. State television repeated it.", 2),
        art("z-pin", "Zebra", "Xylophone zebra quartz.", 3),
    ]


# y-name shares one name (Baku) with a-main: the fallback here takes one shared name.
ONE_NAME = {"duplicate_threshold": 1.1, "fallback_names": 1}


def choose(*pins: str, **settings: Any) -> list[str]:
    return slugs(blocks(choice(*pins), **ONE_NAME, **settings)["a-main"])


def score_of(slug: str) -> float:
    (pick,) = [p for p in blocks(choice(), **ONE_NAME)["a-main"].picks if p.slug == slug]
    return pick.score


def test_choice_archive_is_as_described() -> None:
    found = blocks(choice("z-pin"), **ONE_NAME)["a-main"].picks
    assert [(p.slug, p.pinned, p.shared) for p in found] == [
        ("z-pin", True, ()),
        ("x-words", False, ()),
        ("y-name", False, ("Baku",)),
    ]
    assert found[0].score == 0.0  # not a candidate at all: no score of its own
    assert found[1].score > found[2].score >= 0.15


@pytest.mark.parametrize("pins", [(), ("z-pin",)], ids=["no-pin", "pinned"])
def test_weak_candidates_fill_only_an_otherwise_empty_block(pins: tuple[str, ...]) -> None:
    between = (score_of("x-words") + score_of("y-name")) / 2
    assert choose(*pins, min_score=between) == [*pins, "x-words"]
    # Above every score: only the one sharing a name is taken, after the pins.
    assert choose(*pins, min_score=0.99) == [*pins, "y-name"]


@pytest.mark.parametrize("pins", [(), ("z-pin",)], ids=["no-pin", "pinned"])
def test_min_and_fallback_scores_are_inclusive(pins: tuple[str, ...]) -> None:
    x, y = score_of("x-words"), score_of("y-name")
    assert choose(*pins, min_score=x) == [*pins, "x-words"]
    assert choose(*pins, min_score=0.99, fallback_score=y) == [*pins, "y-name"]
    assert choose(*pins, min_score=0.99, fallback_score=math.nextafter(y, 1.0)) == [*pins]


def test_every_pick_within_the_story_is_said_to_be_the_same_story() -> None:
    """The first article in slug order too (its first candidate is the table's first entry)."""
    docs = [d for d in archive() if d.slug not in {"brief-oic", "cotton"}]
    found = blocks(docs)
    assert sorted(found) == [
        "oic-closes",
        "oic-corridor",
        "oic-opens",
        "senate-visit",
        "senate-vote",
    ]
    for slug, block in found.items():
        assert block.picks, slug
        assert all(p.kind == "story" for p in block.picks), slug
        assert all(p.reason.endswith("on this story", 0, p.reason.find(",")) for p in block.picks)


def test_pins_elsewhere_do_not_shrink_the_candidates_a_block_needs() -> None:
    """Copies set apart still leave a full block when another article pins many slugs."""
    docs = [
        replace(d, read_next_pins=("senate-visit", "senate-vote", "oic-closes", "brief-oic"))
        if d.slug == "cotton"
        else d
        for d in three_copies()
    ]
    shown = slugs(blocks(docs, count=2)["oic-corridor"])
    copies = {"oic-opens", "oic-copy-a", "oic-copy-b"}
    assert len(shown) == 2 and len(copies & set(shown)) == 1
