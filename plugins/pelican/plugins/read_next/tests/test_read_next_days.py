"""Read next over successive days equals read next computed from scratch, day after day.

What read next keeps between builds (the last build's counts, kept.KeptWords; the tokens
store) must never change a block: after a day's additions, an edited article and a deleted
article, on several days in a row, each day's blocks equal a computation over the whole
archive from nothing.  A property over drawn days (Hypothesis), then the same in real builds:
the incremental `briefing build` of one content folder, its stores kept from day to day,
against a clean full build of a copy of the content on each day.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html
from pelican.plugins.read_next.kept import KeptWords
from pelican.plugins.read_next.scoring import recommend
from pelican.plugins.read_next.settings import load
from pelican.plugins.read_next.text import tokens
from pelican.settings import read_settings

from bench import synth
from briefing.model import Article
from briefing.site import build_site, with_setting

ROOT = Path(__file__).resolve().parents[5]
SETTINGS = load({})
FIRST = synth.generate(120, seed=11)
# The articles days add, in order: the corpus's own next days (its planted stories go on).
LATER = synth.extend(synth.extend(FIRST, 30), 30).articles[len(FIRST.articles) :]


@dataclasses.dataclass(frozen=True)
class Day:
    """One day's changes: articles added, the positions of one edited and one deleted."""

    added: int
    edited: int | None
    deleted: int | None


def _edited(article: Article, day: int) -> Article:
    # New words and a new name each day: the vocabulary, names and idf all move.
    note = f"\n\nKarabakh Ferries{'s' * day} said quokka{day} numbers rose again."
    return dataclasses.replace(article, body=article.body + note)


def _next(archive: list[Article], pool: list[Article], day: Day, number: int) -> list[Article]:
    """Return the archive after ``day``: its additions taken from the front of ``pool``."""
    docs = list(archive)
    if day.edited is not None:
        k = day.edited % len(docs)
        docs[k] = _edited(docs[k], number)
    if day.deleted is not None:
        del docs[day.deleted % len(docs)]
    docs += pool[: day.added]
    del pool[: day.added]
    return docs


days = st.lists(
    st.builds(
        Day,
        st.integers(0, 20),
        st.none() | st.integers(0, 10**6),
        st.none() | st.integers(0, 10**6),
    ),
    min_size=2,
    max_size=4,
)


@settings(max_examples=6, deadline=None)
@given(days)
def test_kept_read_next_equals_read_next_from_scratch_day_after_day(drawn: list[Day]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder, "words.pickle")
        archive, pool = list(FIRST.articles), list(LATER)
        first = KeptWords(kept, "salt", tokens)
        recommend(archive, SETTINGS, count=first)
        first.save()
        for number, day in enumerate(drawn, 1):
            archive = _next(archive, pool, day, number)
            words = KeptWords(kept, "salt", tokens)
            with_kept = recommend(archive, SETTINGS, count=words)
            words.save()
            assert words.kept >= len(archive) - day.added - 1  # only new or edited texts counted
            assert with_kept == recommend(archive, SETTINGS)


# The real builds' days: (articles added, slugs edited, slugs deleted), in order.
BUILD_DAYS = (
    (12, (), ()),
    (0, (FIRST.articles[40].slug,), (FIRST.articles[7].slug,)),
    (12, (LATER[3].slug,), (FIRST.articles[90].slug,)),
)
BLOCKS = "//aside[contains(@class, 'read-next')] | //aside[contains(@class, 'also-reported')]"


def _build(content: Path, output: Path, incremental: bool) -> None:
    # Pagefind is not under test here (and is most of a build's time).
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    plugins = [p for p in plugins if p != "pelican.plugins.pagefind_index"]
    extra = with_setting((), "PLUGINS", plugins)
    build_site(content, output, ROOT / "pelicanconf.py", extra, jobs=1, incremental=incremental)


def _blocks(output: Path, archive: list[Article]) -> dict[str, list[str]]:
    """Return each article page's read-next and also-reported blocks, as written."""
    found = {}
    for doc in archive:
        (path,) = output.glob(f"**/{doc.slug}/index.html")
        tree = html.fromstring(path.read_bytes())
        found[doc.slug] = [html.tostring(a, encoding="unicode") for a in tree.xpath(BLOCKS)]
    return found


def test_incremental_builds_show_the_blocks_of_clean_builds_day_after_day(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    archive, pool = list(FIRST.articles), list(LATER)
    synth.write_markdown(archive, content)
    _build(content, output, incremental=True)
    for number, (added, edited, deleted) in enumerate(BUILD_DAYS, 1):
        new, pool = pool[:added], pool[added:]
        by_slug = {a.slug: a for a in [*archive, *new]}
        for slug in deleted:
            synth.markdown_path(content, by_slug.pop(slug)).unlink()
        for slug in edited:
            by_slug[slug] = _edited(by_slug[slug], number)
        archive = list(by_slug.values())
        synth.write_markdown([*new, *(by_slug[s] for s in edited)], content)
        _build(content, output, incremental=True)

        clean = tmp_path / f"clean-{number}"
        shutil.copytree(content, clean / "content")
        _build(clean / "content", clean / "output", incremental=False)
        got, want = _blocks(output, archive), _blocks(clean / "output", archive)
        assert got == want
        # Blocks to get right: 15-20 of the pages show one (the source's own list, which
        # synth.py gives most articles, links the others' picks already).
        assert sum(map(len, want.values())) >= 10
        assert not [s for s in deleted if any(output.glob(f"**/{s}/index.html"))]
