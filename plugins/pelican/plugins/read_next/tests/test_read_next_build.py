"""Read next in a real Pelican build: a tiny archive written with briefing.frontmatter.dump."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import html
from pelican import Pelican
from pelican.settings import read_settings

from briefing import frontmatter
from briefing.model import Article, SourceItem

ROOT = Path(__file__).resolve().parents[5]
DAY0 = datetime(2025, 6, 20, 9, 0, tzinfo=UTC)
BOILERPLATE = "Officials said more details would follow later in the week."
ARTICLES = (
    (
        "oic-opens",
        "Bayramov arrives at the OIC meeting in Istanbul",
        0,
        "Foreign Minister Jeyhun Bayramov arrived in Istanbul for the OIC Council of Foreign "
        "Ministers. Bayramov told reporters the transit corridor proposal would dominate the "
        "agenda of the OIC meeting.",
    ),
    (
        "oic-corridor",
        "OIC ministers back the corridor plan",
        2,
        "OIC ministers gathered in Istanbul endorsed the transit corridor plan put forward by "
        "Bayramov, and several delegations pledged financing for corridor rail links.",
    ),
    (
        "oic-closes",
        "Istanbul OIC session ends with a tariff declaration",
        3,
        "The OIC session in Istanbul closed with a declaration on corridor tariffs; Bayramov "
        "thanked the hosts and said the OIC talks would resume in Jeddah.",
    ),
    (
        "cotton-harvest",
        "Record cotton harvest in Ganja",
        1,
        "Farmers in Ganja reported a record cotton harvest as irrigation canals reached new "
        "fields; Ganja cooperatives expect cotton exports to grow.",
    ),
)


def article(slug: str, title: str, days: int, text: str, **fields: Any) -> Article:
    """Return one archive article dated ``days`` after DAY0."""
    return Article(
        title=title,
        slug=slug,
        date=DAY0 + timedelta(days=days),
        category="World",
        body=f"{text}\n\n{BOILERPLATE}\n",
        source="Wire A",
        lang="en",
        **fields,
    )


def archive() -> list[Article]:
    """Four articles (one story of three), a re-publish, and a source list to match."""
    docs = [article(*row) for row in ARTICLES]
    copy = replace(
        docs[0],
        slug="oic-opens-wire-b",
        source="Wire B",
        title="Bayramov in Istanbul for OIC talks",
        date=DAY0 + timedelta(hours=5),
    )
    items = (
        SourceItem(title="Istanbul OIC session ends with a tariff declaration"),
        SourceItem(summary="Markets closed higher on oil prices."),
    )
    docs[1] = replace(docs[1], read_next=items)
    return [*docs, copy]


def build(tmp_path: Path, docs: list[Article]) -> Path:
    """Write ``docs`` as Markdown and build them with the project's Pelican settings."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    for doc in docs:
        (content / "articles" / f"{doc.slug}.md").write_text(
            frontmatter.dump(doc), encoding="utf-8"
        )
    output = tmp_path / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "THEME": str(ROOT / "themes" / "briefing"),
            # The theme needs the archive plugins' filters; Pagefind is not under test here.
            "PLUGINS": [
                p
                for p in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
                if p != "pelican.plugins.pagefind_index"
            ],
        },
    )
    assert {"pelican.plugins.read_next", "pelican.plugins.briefing_reader"} <= set(
        settings["PLUGINS"]
    )
    Pelican(settings).run()
    return output


def css(element: html.HtmlElement, path: str) -> list[html.HtmlElement]:
    """Select with a tiny CSS subset ("aside.read-next li", ".reason", "a") through XPath."""
    steps = []
    for step in path.split():
        tag, _, cls = step.partition(".")
        test = f"[contains(concat(' ', @class, ' '), ' {cls} ')]" if cls else ""
        steps.append(f"{tag or '*'}{test}")
    found: list[html.HtmlElement] = element.xpath(".//" + "//".join(steps))
    return found


def page(output: Path, slug: str) -> html.HtmlElement:
    """Parse the built page of one article."""
    found = list(output.glob(f"**/{slug}/index.html"))
    assert len(found) == 1, found
    return html.fromstring(found[0].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("read-next"), archive())


def test_block_lists_the_story_with_reasons(site: Path) -> None:
    doc = page(site, "oic-corridor")
    items = css(doc, "aside.read-next li")
    links = [css(li, "a")[0].get("href") for li in items]
    assert any("oic-opens" in h for h in links)
    assert not any("cotton-harvest" in h for h in links)
    assert [li.get("data-kind") for li in items] == ["story"] * len(items)
    reasons = [css(li, ".reason")[0].text_content() for li in items]
    assert all(r.startswith(("Earlier on this story", "Later on this story")) for r in reasons)
    # oic-closes is in the source's own list above: offered there, not a second time
    listed = [a.get("href") for a in css(doc, "aside.from-source a")]
    assert any("oic-closes" in h for h in listed)
    assert not set(listed) & set(links)


def test_republish_is_grouped_not_read_next(site: Path) -> None:
    doc = page(site, "oic-opens")
    read_next = [a.get("href") for a in css(doc, "aside.read-next a")]
    assert not any("oic-opens-wire-b" in h for h in read_next)
    also = css(doc, "aside.also-reported li")
    assert len(also) == 1
    assert "oic-opens-wire-b" in css(also[0], "a")[0].get("href")
    assert "Wire B" in also[0].text_content()


def test_unrelated_article_gets_no_block(site: Path) -> None:
    assert css(page(site, "cotton-harvest"), "aside.read-next") == []


def test_source_items_link_to_matched_articles(site: Path) -> None:
    items = css(page(site, "oic-corridor"), "aside.from-source li")
    assert len(items) == 2
    assert "oic-closes" in css(items[0], "a")[0].get("href")
    assert css(items[1], "a") == []


def test_unknown_pin_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    docs = archive()
    docs[0] = replace(docs[0], read_next_pins=("no-such-slug",))
    with pytest.raises(ValueError, match=r"oic-opens\.md: .*no article with slug 'no-such-slug'"):
        build(tmp_path, docs)


@pytest.fixture(scope="module")
def reversed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same archive built again from its articles in reverse order."""
    return build(tmp_path_factory.mktemp("read-next-reversed"), list(reversed(archive())))


@pytest.mark.parametrize("slug", ["oic-opens", "oic-corridor", "oic-closes"])
def test_same_archive_builds_the_same_blocks(site: Path, reversed_site: Path, slug: str) -> None:
    first = html.tostring(css(page(site, slug), "aside.read-next")[0])
    second = html.tostring(css(page(reversed_site, slug), "aside.read-next")[0])
    assert first == second
