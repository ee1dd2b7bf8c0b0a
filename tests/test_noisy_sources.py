"""Real-looking pages from many sources with noisy metadata: ingested and built, the site usable.

The pages are written here for the test (no publisher's page is copied): sections that are
keyword lists, hosts, URLs, bylines and CMS words, case variants of one section, tags no slug
could be made from, and more real sections than a header can hold.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest

from briefing.site import build_site
from briefing.slug import MAX_TAXONOMY_CHARS
from tests.conftest import DEV_SETTINGS, ROOT

KEYWORD_LIST = ",".join(f"topic-number-{n}-and-more-words" for n in range(12))
NOISY_SECTIONS = [
    "general-news,government-and-politics,military-and-defense",
    KEYWORD_LIST,
    "gizmodo.example",
    "https://news.example.org/world/",
    "All",
    "post",
    "Front Page",
    "By Jane Doe",
]
CASE_VARIANTS = ["World", "world", "WORLD", "Science & Tech", "Science and Tech"]
SECTIONS = ["Health", "Culture", "Travel", "Opinion", "Politics", "Economy", "Weather", "Local"]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The {town} Ledger</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The {town} Ledger">
<meta property="article:published_time" content="2026-03-{day:02d}T09:{n:02d}:00+00:00">
<meta property="article:section" content="{section}">
<meta name="keywords" content="!!!, {long_tag}, {town} harbour">
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{title}</h1>
<p>The council of {town} said on Monday that the {n}th harbour meeting would decide how the
ferry timetable changes after the winter storms that closed the pier for three weeks.</p>
<p>Residents of {town} asked the council to publish the engineers' report on the pier, and
officials promised a decision on the repairs before the summer season begins in May.</p>
<p>The ledger's reporters in {town} will follow the meeting and publish its decisions.</p>
</article></main><footer><p>© 2026 The {town} Ledger</p></footer></body></html>
"""
TOWNS = ["Amber", "Birch", "Cedar", "Dune", "Elm", "Fjord", "Granite", "Heath", "Iris", "Juniper"]


def write_pages(raw: Path) -> int:
    """Write one page per section value (noisy, variants, real) under ``raw``; return how many."""
    sections = [*NOISY_SECTIONS, *CASE_VARIANTS, *SECTIONS]
    for n, section in enumerate(sections):
        town = TOWNS[n % len(TOWNS)]
        text = PAGE.format(
            title=f"{town} council meeting number {n} on the harbour",
            town=town,
            day=1 + n % 20,
            n=n,
            section=section,
            long_tag="long tag " * 40,
        )
        (raw / f"page-{n:02d}.html").write_text(text, encoding="utf-8")
    return len(sections)


@pytest.fixture(scope="module")
def noisy_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Ingest and build the noisy pages with the command line; return the output and stderr."""
    work = tmp_path_factory.mktemp("noisy")
    raw = work / "raw"
    raw.mkdir()
    count = write_pages(raw)
    ingest = subprocess.run(
        [sys.executable, "-m", "briefing", "ingest", str(raw), "--out", str(work / "content")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert f"{count} written" in ingest.stdout
    output = work / "output"
    build_site(work / "content", output, DEV_SETTINGS)
    return output, ingest.stderr


def nav_categories(output: Path) -> list[str]:
    """Return the category links of the home page's header."""
    doc = lxml.html.fromstring((output / "index.html").read_bytes())
    links = doc.xpath("//nav[@class='site-nav']//a[contains(@href, '/category/')]")
    return [a.text_content() for a in links]


def test_the_build_succeeds_and_the_header_stays_short(noisy_site: tuple[Path, str]) -> None:
    output, _ = noisy_site
    assert len(nav_categories(output)) <= 6
    doc = lxml.html.fromstring((output / "index.html").read_bytes())
    more = doc.xpath("//nav[@class='site-nav']//a[starts-with(text(), 'All ')]")
    assert [a.get("href") for a in more] == ["/categories/"]


def test_categories_are_sections_and_variants_merge(noisy_site: tuple[Path, str]) -> None:
    output, _ = noisy_site
    doc = lxml.html.fromstring((output / "categories" / "index.html").read_bytes())
    names = [
        a.text_content() for a in doc.xpath("//ul[@class='counts']//a[contains(@href, 'category')]")
    ]
    science = [n for n in names if n.startswith("Science")]
    assert len(science) == 1 and science[0] in {"Science & Tech", "Science and Tech"}
    others = sorted(n for n in names if n not in science)
    assert others == sorted(["General", "World", *SECTIONS])
    counts = {p.name for p in (output / "category").iterdir()}
    assert {"world", "science-and-tech", "general"} <= counts
    world = lxml.html.fromstring((output / "category" / "world" / "index.html").read_bytes())
    assert len(world.xpath("//main//a[@class='headline']")) == 3


def test_every_slug_fits_a_file_name(noisy_site: tuple[Path, str]) -> None:
    output, _ = noisy_site
    for kind in ("category", "tag"):
        slugs = [p.name for p in (output / kind).iterdir() if p.is_dir()]
        assert slugs and all(0 < len(s) <= MAX_TAXONOMY_CHARS for s in slugs)


@pytest.mark.parametrize("section", NOISY_SECTIONS, ids=range(len(NOISY_SECTIONS)))
def test_ingest_names_each_refused_section(noisy_site: tuple[Path, str], section: str) -> None:
    _, stderr = noisy_site
    assert any(repr(section)[:40] in line for line in stderr.splitlines()), stderr


def test_categories_setting_maps_sections_and_names_the_unmapped(
    noisy_site: tuple[Path, str], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    output, _ = noisy_site
    settings = tmp_path / "mapped.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"THEME = {str(ROOT / 'themes' / 'briefing')!r}\n"
        "CATEGORIES = {'world': 'International', 'science & tech': 'Science',"
        " 'health': 'Health'}\n",
        encoding="utf-8",
    )
    content = output.parent / "content"
    mapped = tmp_path / "output"
    build_site(content, mapped, settings)
    err = capfd.readouterr().err
    categories = {p.name for p in (mapped / "category").iterdir()}
    assert {"international", "science"} <= categories and "world" not in categories
    (line,) = [line for line in err.splitlines() if line.startswith("categories: ")]
    assert "Culture (1)" in line and "General (" in line
    assert "International" not in line and "Health" not in line
