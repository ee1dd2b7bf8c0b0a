"""Dump headlines and dates of the kinds a user try on dev-aeb found wrong: small pages written
here, each with the line that must be the headline (or the date it must get) and the decoy that
must not be.

Kinds: a related story's headline (a run of teasers above the article, a dated "more stories"
list between headline and text), a breadcrumb glued on the headline, a byline or the writer's
box as headline, a form prompt in the menu; an update stamp, a photo credit's date and a
dated list's stamp as the article's date.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_dump
from tests.generic_page import BODY, HEADLINE, assert_dated, page

MENU = ("Home", "News", "Sport")
TEASERS = (
    "Council opens the new protected bridge lanes for children",
    "Residents of the east bank want safer streets near schools",
    "Buses moved to the parallel street for six weeks of works",
    "River road traffic plans divide the council before summer",
)
# Other stories on the same beat: a word or two in common with the text.
OTHER_STORIES = (
    "New cycle lanes planned in the next town",
    "Bridge repairs finished ahead of schedule",
    "Cyclists ride the coast road for charity",
)
DATED_TEASERS = (
    "AUTO NEWS",
    OTHER_STORIES[0],
    "May 15, 2017",
    "AUTO NEWS",
    OTHER_STORIES[1],
    "January 22, 2018",
    "FEATURES",
    OTHER_STORIES[2],
    "October 18, 2019",
)


def dump(*lines: str) -> str:
    """Return a dump: the menu, ``lines`` (headline and header), the body, a footer."""
    return "\n".join([*MENU, *lines, *BODY, "Contact us"])


def extract(text: str) -> Extracted:
    return extract_dump(text, ExtractContext(rel_path="x.txt"))


# (id, page, the exact headline, a decoy the headline must not contain)
HEADLINES = [
    # A run of teaser headlines right above the headline: the dateline belongs to the
    # headline nearest it, and the teaser above is no headline with a standfirst.
    (
        "teaser-run-above-the-headline",
        dump(*TEASERS, HEADLINE, "Jane Roe", "1 day ago"),
        HEADLINE,
        "Residents",
    ),
    (
        "teaser-run-above-a-dated-headline",
        dump(*TEASERS, HEADLINE, "Monday June 3, 2026 7:45 am by Jane Roe"),
        HEADLINE,
        "Council opens",
    ),
    # A dated "more stories" list between the headline (with a model number next to a year)
    # and the text: each teaser's date is a stamp of the list, the headline's is its own.
    (
        "dated-teaser-list-below-the-headline",
        dump(
            "Council approves 2027 E500 cycle lanes along the river road",
            "Jane Roe View More Articles",
            "The river road gets its lanes at last",
            "Jane Roe June 3, 2026 09:10",
            "MORE STORIES LIKE THIS ONE",
            *DATED_TEASERS,
        ),
        "Council approves 2027 E500 cycle lanes along the river road",
        "Cyclists",
    ),
    # The breadcrumb glued on the headline above a disclosure (read as its standfirst), the
    # category, and the headline alone over its byline and date.
    (
        "breadcrumb-glued-on",
        dump(
            f"Home Local {HEADLINE}",
            "This post may contain referral links to shops we like. Please see my disclosure "
            "page for more.",
            "Local Transport",
            HEADLINE,
            "by Jane Roe June 3, 2026",
            "written by Jane Roe",
        ),
        HEADLINE,
        "Home Local",
    ),
    # "Author:" over the writer's name (a desk, not a person's name): the name is the byline.
    (
        "value-of-an-author-label",
        dump(
            "4 Things to Do in June",
            "Our top picks for riders on the river road and the east bank this month",
            "Author:",
            "River Road Council Desk",
            "Publish date:",
            "Jun 3, 2026",
        ),
        "4 Things to Do in June",
        "Desk",
    ),
    # The writer's box under the byline names the writer again.
    (
        "the-writers-box",
        dump(
            "Opinion",
            "Cycle Lanes Now",
            "By Jane Roe",
            "About Jane Roe",
            "Follow Jane Roe on Twitter",
            "June 3, 2026 6:30 AM",
        ),
        "Cycle Lanes Now",
        "Jane Roe",
    ),
    # A form prompt in the menu, far above a headline that ends in a full stop and sits
    # right above its dateline.
    (
        "form-prompt-in-the-menu",
        dump(
            "Customize Your Weather",
            "Set Your Location:",
            "Enter City and Street or Zip Code",
            "Congratulations!",
            "Your weather is set to . You can change the location at any time.",
            *(f"Edition {n}" for n in range(1, 16)),
            "Council says yes to the lanes. Drivers might be next.",
            "Updated Jun 4, 9:41 AM; Posted Jun 3, 8:19 PM",
        ),
        "Council says yes to the lanes. Drivers might be next.",
        "Enter City",
    ),
]


@pytest.mark.parametrize(
    ("text", "headline", "absent"), [c[1:] for c in HEADLINES], ids=[c[0] for c in HEADLINES]
)
def test_headline(text: str, headline: str, absent: str) -> None:
    title = extract(text).title
    assert title == headline
    assert absent not in title


def test_dated_teaser_list_leaves_the_articles_date() -> None:
    text = next(c[1] for c in HEADLINES if c[0] == "dated-teaser-list-below-the-headline")
    assert extract(text).date == datetime(2026, 6, 3, 9, 10)


# (id, page, the date it must get, or None: no date stated, the ingest day is used)
DATES = [
    # The publication's part of a dateline first, whichever comes first on the line.
    (
        "update-part-first-on-the-line",
        page("Updated: 4 June 2026 17:38 | Published: 3 June 2026 09:10"),
        datetime(2026, 6, 3, 9, 10),
    ),
    # A bare publication date beside an update stamp: the stamp is no publication cue.
    (
        "bare-date-beside-an-update-stamp",
        page("3 June 2026 09:10", "Updated on 4 June 2026 17:38"),
        datetime(2026, 6, 3, 9, 10),
    ),
    # An update stamp alone still dates the page: on the dev sets it is the publication day
    # on every dev-fundus page showing one (bench/results/eval_extract.md, seventh shift).
    ("update-stamp-alone", page("Updated 4 June 2026, 17:38"), datetime(2026, 6, 4, 17, 38)),
    # A photo credit's date: a copyright sign marks it.
    (
        "photo-credit-with-a-copyright-sign",
        page("© Jon Tarn Cyclists on the river road on May 18, 2024."),
        None,
    ),
    # A writer's recent posts above the headline, each stamped: their stamps date them.
    (
        "stamps-of-a-list-above-the-headline",
        page(
            "Sunday 5:30PM",
            above=(
                "Recent from Jane Roe",
                OTHER_STORIES[0],
                "05/29/26 11:00AM",
                OTHER_STORIES[1],
                "05/28/26 9:00AM",
                OTHER_STORIES[2],
                "05/27/26 4:40PM",
            ),
        ),
        None,
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_dump_date(text: str, expected: datetime | None) -> None:
    assert_dated(extract(text), expected)
