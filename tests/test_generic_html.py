"""Generic extraction of HTML pages with trafilatura, then the same normalising."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_html
from briefing.generic.headline import PageTitles, choose_title, strip_site
from tests.snippets import body_tests

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
PAGE = (FIXTURES / "harbour-ledger.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ferry() -> Extracted:
    return extract_html(PAGE, ExtractContext(rel_path="harbour-ledger/ferry.html"))


MUST_CONTAIN = [
    ("first-paragraph", "moved all morning ferries to Pier 2"),
    ("sub-heading", "What changes for passengers"),
    ("last-paragraph", "do not have to walk the extra distance"),
]
MUST_NOT_CONTAIN = [
    ("menu", "Sport"),
    ("headline-repeated", "Ferry timetable changes after storm damages Pier 4"),
    ("related-list", "Lifeboat crew honoured"),
    ("footer", "All rights reserved"),
    ("privacy-link", "Privacy policy"),
]


test_body_contains, test_body_does_not_contain = body_tests(MUST_CONTAIN, MUST_NOT_CONTAIN)


def test_metadata(ferry: Extracted) -> None:
    assert ferry.title == "Ferry timetable changes after storm damages Pier 4"
    assert ferry.date == datetime(2026, 2, 27, 19, 33, tzinfo=UTC)
    assert ferry.lang == "en"
    assert ferry.tags == ("ferries", "Gull Island", "storms")


def test_page_without_text_gives_no_paragraphs() -> None:
    result = extract_html("<html><body><nav>Home</nav></body></html>", ExtractContext("x.html"))
    assert result.paragraphs == ()


HEADLINES = [
    # (h1s, og:title, <title>, expected)
    ("og-drops-site", ("Pier closes",), "Pier closes | Ledger", None, "Pier closes"),
    ("og-adds-kicker", ("Pier closes",), "Storm: Pier closes", None, "Storm: Pier closes"),
    ("h1-adds-kicker", ("Storm: Pier closes",), "Pier closes", None, "Pier closes"),
    (
        "og-seo-variant",
        ("Pier closes after storm",),
        "Ferries moved",
        None,
        "Pier closes after storm",
    ),
    (
        "title-backs-og",
        ("Pier closes after storm",),
        "Ferries moved",
        "Ferries moved | Ledger",
        "Ferries moved",
    ),
    ("no-h1", (), "Pier closes - Ledger", None, "Pier closes"),
]


@pytest.mark.parametrize(
    ("h1s", "og", "doc", "expected"), [c[1:] for c in HEADLINES], ids=[c[0] for c in HEADLINES]
)
def test_choose_title(h1s: tuple[str, ...], og: str, doc: str | None, expected: str) -> None:
    page = PageTitles(h1s=h1s, og=og, doc=doc, site="Ledger")
    assert choose_title(page, None) == expected


SUFFIXES = [
    ("pipe", "Pier closes | Harbour Ledger", None, "Pier closes"),
    ("dash-known-site", "Pier closes - Harbour Ledger", "Harbour Ledger", "Pier closes"),
    (
        "dash-not-a-site",
        "Bills worth THOUSANDS - here's how to check",
        None,
        "Bills worth THOUSANDS - here's how to check",
    ),
    ("fullwidth-colon", "南海トラフ、一時調査：中日新聞Web", None, "南海トラフ、一時調査"),
]


@pytest.mark.parametrize(
    ("title", "site", "expected"), [c[1:] for c in SUFFIXES], ids=[c[0] for c in SUFFIXES]
)
def test_strip_site(title: str, site: str | None, expected: str) -> None:
    assert strip_site(title, site) == expected


_TEXT = "".join(
    f"<p>Paragraph {n}: the council voted on Tuesday evening to build two kilometres of "
    "protected cycle lanes along the river road before next summer, residents said.</p>"
    for n in range(6)
)


def _dated_page(*footer: str) -> str:
    """Return a page with no date in its metadata: an h1, six paragraphs, ``footer`` lines."""
    lines = "".join(f"<p>{line}</p>" for line in footer)
    return (
        "<html><head><title>Council approves cycle lanes</title></head><body><article>"
        f"<h1>Council approves protected cycle lanes</h1>{_TEXT}</article>"
        f"<footer>{lines}</footer></body></html>"
    )


# htmldate falls back to the first of a month or of the copyright year when a page states no
# day: such a date is the article's only when the page gives that day.
PAGE_DATES = [
    ("copyright-year-is-no-date", ("©2019 Valley Courier. All rights reserved.",), None),
    ("month-only-is-no-date", ("Archive: June 2024",), None),
    (
        "the-first-of-a-month-stated",
        ("Published 1 January 2019", "©2019 Valley Courier. All rights reserved."),
        datetime(2019, 1, 1),
    ),
    ("a-day-stated", ("Published 14 March 2019", "©2019 Valley Courier."), datetime(2019, 3, 14)),
]


@pytest.mark.parametrize(
    ("footer", "expected"), [c[1:] for c in PAGE_DATES], ids=[c[0] for c in PAGE_DATES]
)
def test_page_date_is_a_stated_day(footer: tuple[str, ...], expected: datetime | None) -> None:
    found = extract_html(_dated_page(*footer), ExtractContext(rel_path="x.html")).date
    assert (found.replace(tzinfo=None) if found else None) == expected


# (id, the page's titles, the headline): a leading section or site label is not the headline's.
LABELLED = [
    (
        "section-label-on-the-share-title",
        PageTitles(h1s=(), og="Opinion | Pier closes after storm", section="Opinion"),
        "Pier closes after storm",
    ),
    (
        "site-label-before-the-headline",
        PageTitles(h1s=(), og="Harbour Ledger: Pier closes", site="Harbour Ledger"),
        "Pier closes",
    ),
    (
        "share-title-adds-the-section",
        PageTitles(
            h1s=("Pier closes after storm",), og="News: Pier closes after storm", section="News"
        ),
        "Pier closes after storm",
    ),
    (
        "a-kicker-is-not-a-label",
        PageTitles(h1s=(), og="Storm: Pier closes after storm", section="News", site="Ledger"),
        "Storm: Pier closes after storm",
    ),
]


@pytest.mark.parametrize(
    ("page", "expected"), [c[1:] for c in LABELLED], ids=[c[0] for c in LABELLED]
)
def test_leading_label_dropped(page: PageTitles, expected: str) -> None:
    assert choose_title(page, None) == expected


def test_section_read_from_the_page() -> None:
    html = _dated_page("Published 14 March 2019").replace(
        "<head>",
        '<head><meta property="article:section" content="Town">'
        '<meta property="og:title" content="Town | Council approves protected cycle lanes">',
    )
    found = extract_html(html, ExtractContext(rel_path="x.html"))
    assert found.title == "Council approves protected cycle lanes"
