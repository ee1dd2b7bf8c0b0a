"""Bylines in dumps: the authors' names, and a byline never taken for the headline."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.bylines import is_byline, names
from tests.generic_page import BODY, HEADLINE, page

FIXTURES = Path(__file__).parent / "fixtures" / "generic"

NAMES = [
    ("three-with-and", "Ann Lee, Bo Chen and Cy Diaz", ("Ann Lee", "Bo Chen", "Cy Diaz")),
    ("german-und", "Anna Muster und Jan Michael Marchart", ("Anna Muster", "Jan Michael Marchart")),
    ("particle", "María de la Cruz", ("María de la Cruz",)),
    ("stops-at-the-section", "TPN, in News , Portugal", ("TPN",)),
    ("stops-at-the-date", "Stefan Trunzik , 26.04.2024 10:00 Uhr", ("Stefan Trunzik",)),
    ("comment-count-trailer", "Rachel Brazil 0", ("Rachel Brazil",)),
    ("sentence-is-no-name", "the council said on Tuesday", ()),
    # The site a writer writes for, the writer's role and a name shown twice are not names.
    ("for-the-site", "Dolores Chang For Dailymail.Com", ("Dolores Chang",)),
    ("comma-and-host", "Ann Lee, example.com", ("Ann Lee",)),
    ("role-after-the-name", "Ulrich Exner Korrespondent", ("Ulrich Exner",)),
    ("name-shown-twice", "Martin Gramnæs Martin Gramnæs", ("Martin Gramnæs",)),
    ("initials-kept", "J.K. Rowling", ("J.K. Rowling",)),
    # A photo credit names the photographer, an agency list is no person.
    ("photo-credit", "Foto: Mads Claus Rasmussen", ()),
    ("photograph-credit", "Photograph: Scott Gilbertson, Getty Images", ()),
    ("agency-list", "Bild: SN/APA/KEYSTONE/CYRIL ZINGARO", ()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_names(text: str, expected: tuple[str, ...]) -> None:
    assert names(text) == expected


BYLINES = [
    (
        "labelled-many",
        page("By Ann Lee, Bo Chen and Cy Diaz", "3 June 2026"),
        ("Ann Lee", "Bo Chen", "Cy Diaz"),
    ),
    ("german-label", page("Von Anna Muster", "03.06.2026, 09:10 Uhr"), ("Anna Muster",)),
    ("label-alone-name-below", page("By", "Rachel Brazil", "3 June 2026"), ("Rachel Brazil",)),
    (
        "dateline-first-part",
        page("Yasmine Hassan · City News · Posted: Jun 03, 2026"),
        ("Yasmine Hassan",),
    ),
    ("name-line-next-to-headline", page("Tania Broughton", "3 June 2026"), ("Tania Broughton",)),
    ("no-byline", page("3 June 2026"), ()),
    (
        "photo-credit-below-the-byline",
        page("By Dolores Chang For Example.Com", "Foto: Jon Tarn", "3 June 2026"),
        ("Dolores Chang",),
    ),
    ("photo-credit-is-no-byline", page("Foto: Mads Claus Rasmussen", "3 June 2026"), ()),
    # A labelled byline may sit above the headline (byline, dateline, then the headline).
    ("labelled-above-the-headline", page(above=("By Ann Lee", "3 June 2026")), ("Ann Lee",)),
    ("below-wins-over-above", page("By Bo Chen", above=("By Ann Lee",)), ("Bo Chen",)),
    # After a label the byline may run on past the name in lowercase or with the date.
    ("labelled-name-runs-on", page("By Ann Lee published 3 June 2026"), ("Ann Lee",)),
    # Without a label, a sentence's capitalised opening is no name.
    (
        "unlabelled-opening-is-no-name",
        page("Cientos de vecinos protestan", "3 June 2026"),
        (),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in BYLINES], ids=[c[0] for c in BYLINES]
)
def test_dump_authors(text: str, expected: tuple[str, ...]) -> None:
    found = extract_dump(text, ExtractContext(rel_path="x.txt"))
    assert found.title == HEADLINE
    assert found.authors == expected
    assert not any(name in "\n".join(found.paragraphs) for name in expected)


def test_fixture_byline_gives_the_author() -> None:
    text = (FIXTURES / "headline-byline.txt").read_text(encoding="utf-8")
    assert extract_dump(text, ExtractContext(rel_path="x.txt")).authors == ("Lena Hart",)


IS_BYLINE = [
    ("many-authors", "By Ann Lee, Bo Chen and Cy Diaz", True),
    ("with-dateline", "Von Anna Muster | 03.06.2026", True),
    ("headline-starting-with-by", "By the river, a new school opens its doors", False),
    ("plain-headline", HEADLINE, False),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in IS_BYLINE], ids=[c[0] for c in IS_BYLINE]
)
def test_is_byline(text: str, expected: bool) -> None:
    assert is_byline(text) is expected


def test_many_authors_byline_is_not_the_headline() -> None:
    text = "\n".join(["Home", "News", "By Ann Lee, Bo Chen and Cy Diaz", HEADLINE, *BODY])
    found = extract_dump(text, ExtractContext(rel_path="x.txt"))
    assert found.title == HEADLINE


def test_byline_above_the_headline_not_past_prose() -> None:
    """A byline above a paragraph above the headline is another story's (a teaser's)."""
    teaser = (
        "The mayor said on Monday that the bridge will stay closed for another month while "
        "engineers check the cables."
    )
    found = extract_dump(page(above=("By Ann Lee", teaser)), ExtractContext(rel_path="x.txt"))
    assert found.authors == ()
