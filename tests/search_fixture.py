"""A tiny archive for the search tests: the two sample seeds' equivalents and a few neighbours.

Written with briefing.frontmatter.dump and built with the real CLI build (Pelican + plugins +
Pagefind), so the tests exercise what ``make build`` produces.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import random
import re
import shutil
import threading
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from briefing import cli, frontmatter
from briefing.model import Article, Translation
from briefing.site import build_site

ROOT = Path(__file__).resolve().parent.parent
BAKU = timezone(timedelta(hours=4))

DAINES = Article(
    title="Bayramov meets US Senator Steve Daines on South Caucasus security",
    slug="bayramov-meets-us-senator-steve-daines",
    date=datetime(2025, 6, 19, 14, 0, tzinfo=BAKU),
    category="Diplomacy",
    source="readnext.example",
    lang="en",
    tags=("Azerbaijan", "USA"),
    summary="The foreign minister and the senator discussed the peace process.",
    body=(
        "Azerbaijani Foreign Minister Jeyhun Bayramov held a meeting on Thursday with U.S. "
        "Senator Steve Daines, a member of the Senate Foreign Relations Committee.\n\n"
        "Senator Daines, visiting the region, expressed interest in continued cooperation "
        "with Baku on regional stability."
    ),
)
CARLON = Article(
    title="Amy Carlon: US seeking to elevate relations with Azerbaijan",
    slug="amy-carlon-us-seeking-to-elevate-relations-with-azerbaijan",
    date=datetime(2026, 2, 27, 19, 33, tzinfo=BAKU),
    category="Foreign policy",
    source="report.az",
    lang="en",
    tags=("Amy Carlon",),
    summary="The US chargé d'affaires on the Strategic Partnership Charter.",
    translations=(
        Translation(
            lang="az",
            title="Emi Karlon: ABŞ Azərbaycanla münasibətləri yeni səviyyəyə çatdırmağı hədəfləyir",
        ),
        Translation(
            lang="ru",
            title="Эми Карлон: США стремятся вывести отношения с Азербайджаном на новый уровень",
        ),
    ),
    body=(
        "The United States is seeking to elevate its bilateral relations with Azerbaijan, "
        "Amy Carlon, Chargé d'Affaires of the US Embassy in Baku, told journalists.\n\n"
        "A Strategic Partnership Charter was signed during the vice president's visit."
    ),
)
OTHERS = tuple(
    Article(
        title=f"Baku hosts energy forum, day {n}",
        slug=f"baku-hosts-energy-forum-day-{n}",
        date=datetime(2026, 1, 10 + n, 9, 0, tzinfo=BAKU),
        category="Energy",
        source="report.az",
        lang="en",
        kind="brief" if n % 2 else "article",
        body=f"Delegates met in Baku on day {n} of the forum to discuss solar power plants.",
    )
    for n in range(1, 4)
)
ARTICLES = (DAINES, CARLON, *OTHERS)


def write_content(content: Path) -> None:
    """Write the fixture articles (and an About page) as the archive's Markdown files."""
    write_articles(content, ARTICLES)


def write_articles(content: Path, articles: Iterable[Article]) -> None:
    """Write articles (and the project's About page) as an archive's Markdown files."""
    for article in articles:
        path = content / "articles" / article.date.strftime("%Y/%m") / f"{article.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frontmatter.dump(article), encoding="utf-8")
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "pages" / "about.md", pages / "about.md")


def build(
    tmp: Path, settings: Path = ROOT / "pelicanconf.py", part_pages: int | None = None
) -> Path:
    """Write the fixture content under ``tmp`` and build it; return the output folder.

    ``part_pages`` overrides PAGEFIND's (pages per search index part).
    """
    content = tmp / "content"
    write_content(content)
    output = tmp / "output"
    build_site(content, output, settings, parts_override(part_pages))
    return output


def parts_override(part_pages: int | None) -> tuple[str, ...]:
    """Return Pelican's arguments setting PAGEFIND's part size (none for the default)."""
    if part_pages is None:
        return ()
    return ("-e", f'PAGEFIND={{"part_pages": {part_pages}}}')


def offline_search_page(content: Path) -> str:
    """Make the offline copy of ``content`` (``briefing offline``: a zip), unzip it beside it,
    and return its search page's file:// URL."""
    dist = content.parent / "dist"
    argv = ["offline", "--content", str(content), "--settings", str(ROOT / "pelicanconf.py")]
    # A hosted build of its own: the tests' hosted output may carry other settings (parts).
    argv += ["--output", str(content.parent / "offline-hosted")]
    if cli.main([*argv, "--dist", str(dist)]) != 0:
        raise RuntimeError(f"briefing offline failed for {content}")
    (archive,) = dist.glob("*-offline-*.zip")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(content.parent / "unzipped")
    (folder,) = (content.parent / "unzipped").iterdir()
    return (folder / "search" / "index.html").as_uri()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (ephemeral port) in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- The ~1,000-article archive with a known word-to-article table (issue #13) -------------

ARCHIVE_SIZE = 1_000
ARCHIVE_START = datetime(2025, 1, 3, 8, 0, tzinfo=BAKU)
ARCHIVE_STEP = timedelta(hours=17, minutes=11)  # every article at its own minute: exact sorts
ARCHIVE_CATEGORIES = ("Politics", "Economy", "Energy", "Society", "Sport")
ARCHIVE_SOURCES = ("report.az", "caspian.example", "wire.example")
_LATIN = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "do", "ni", "ra", "bu", "xe", "qo")
_CYRILLIC = ("ка", "ло", "ми", "рен", "са", "ту", "вел", "до", "ни", "ра", "бу", "ше", "жо")


@dataclass(frozen=True)
class Planted:
    """Where the planted words of one archive article are: the test's ground truth."""

    slug: str
    date: datetime
    category: str
    source: str
    lang: str
    title_words: frozenset[str]
    body_words: frozenset[str]
    translation_words: frozenset[str]
    phrases: frozenset[str]  # "grain corridor" where the two words stand side by side

    def holds(self, word: str) -> bool:
        """Say whether the word is anywhere searchable on the article (case and accents aside)."""
        return word in self.title_words | self.body_words | self.translation_words


# Planted word -> (share of articles with it in the body, share with it in the headline).
# Every word is unlike every background word (see _background), so the table is the truth.
PLANTED_SHARES = {
    "summit": (0.15, 0.02),
    "harbour": (0.07, 0.01),
    "ferry": (0.06, 0.01),
    "lighthouse": (0.03, 0.006),
    "zephyrine": (0.003, 0.0),
    "zürich": (0.01, 0.0),
    "nato": (0.0, 0.012),
    "переговоры": (0.012, 0.0),
}
TRANSLATION_WORD = "перемирие"  # only ever in a translation's title
PHRASE = ("grain", "corridor")


def _background(rng: random.Random, alphabet: tuple[str, ...], count: int) -> list[str]:
    """Invented words none of which starts like a planted word (no prefix or stem overlap)."""
    stems = {w[:3] for w in [*PLANTED_SHARES, TRANSLATION_WORD, *PHRASE]}
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4)))
        if word[:3] not in stems and word not in words:
            words.append(word)
    return words


def _sentence(rng: random.Random, vocabulary: list[str], planted: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 16))]
    for word in planted:
        words.insert(rng.randint(1, len(words)), word)
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, vocabulary: list[str], planted: list[str]) -> str:
    """Nine sentences in three paragraphs, each planted word in a sentence of its own."""
    slots: list[list[str]] = [[] for _ in range(9)]
    for word, at in zip(planted, rng.sample(range(9), min(9, len(planted))), strict=False):
        slots[at].append(word)
    for word in planted[9:]:
        slots[rng.randrange(9)].append(word)
    sentences = [_sentence(rng, vocabulary, words) for words in slots]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 9, 3))


def _plant(rng: random.Random, index: int, russian: bool) -> tuple[set[str], set[str], set[str]]:
    """Choose the planted words of the article at ``index``: title, body, phrase."""
    title: set[str] = set()
    body: set[str] = set()
    for word, (in_body, in_title) in PLANTED_SHARES.items():
        if word == "переговоры" and not russian:
            continue
        if rng.random() < in_title:
            title.add(word)
        elif rng.random() < in_body * (8 if word == "переговоры" else 1):
            body.add(word)
    phrase: set[str] = set()
    if rng.random() < 0.02:
        phrase.add(" ".join(PHRASE))
    elif rng.random() < 0.015:
        body.update(PHRASE)  # both words, never side by side
    return title, body, phrase


def archive_articles(n: int = ARCHIVE_SIZE, seed: int = 13) -> list[tuple[Article, Planted]]:
    """Return ``n`` articles (about a tenth in Russian) and where their planted words are."""
    rng = random.Random(seed)
    latin, cyrillic = _background(rng, _LATIN, 600), _background(rng, _CYRILLIC, 300)
    out: list[tuple[Article, Planted]] = []
    for index in range(n):
        russian = index % 10 == 7
        vocabulary = cyrillic if russian else latin
        title_words, body_words, phrases = _plant(rng, index, russian)
        words = [rng.choice(vocabulary) for _ in range(rng.randint(4, 7))]
        for word in sorted(title_words):
            words.insert(rng.randint(0, len(words)), word.capitalize())
        body_planted = sorted(body_words) + sorted(phrases)
        translations: tuple[Translation, ...] = ()
        translation_words: frozenset[str] = frozenset()
        if not russian and index % 97 == 5:
            words_ru = [rng.choice(cyrillic) for _ in range(4)] + [TRANSLATION_WORD]
            translations = (Translation(lang="ru", title=" ".join(words_ru).capitalize()),)
            translation_words = frozenset({TRANSLATION_WORD})
        slug = f"archive-{index:04d}"
        article = Article(
            title=" ".join(words).capitalize() + f" {index}",
            slug=slug,
            date=ARCHIVE_START + index * ARCHIVE_STEP,
            category=ARCHIVE_CATEGORIES[rng.randrange(len(ARCHIVE_CATEGORIES))],
            source=ARCHIVE_SOURCES[index % len(ARCHIVE_SOURCES)],
            lang="ru" if russian else "en",
            translations=translations,
            body=_body(rng, vocabulary, body_planted),
        )
        planted = Planted(
            slug=slug,
            date=article.date,
            category=article.category,
            source=article.source or "",
            lang=article.lang or "en",
            title_words=frozenset(title_words),
            body_words=frozenset(body_words | {w for p in phrases for w in p.split()}),
            translation_words=translation_words,
            phrases=frozenset(phrases),
        )
        out.append((article, planted))
    return out


def write_archive(content: Path, articles: list[tuple[Article, Planted]]) -> None:
    """Write the planted archive's Markdown files (and an About page) under ``content``."""
    write_articles(content, (article for article, _ in articles))


# --- Reading the search page as a reader does --------------------------------------------

# A result link's slug: the article's folder (hosted ".../<slug>/?highlight=..", offline
# ".../<slug>/index.html"); "N results." or "1 result." is the status line's count.
_SLUG = re.compile(r"/([^/?#]+)/(?:index\.html)?(?:[?#].*)?$")
_COUNT = re.compile(r"^(\d+) results?\.$")


@dataclass
class Listing:
    """What the search page showed for one query, after paging to the end."""

    count: int
    slugs: list[str]
    links: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def read_all(browser: Any, page_url: str, params: dict[str, str]) -> Listing:
    """Open the search page for ``params``; press "More results" until every match is shown."""
    page = browser.new_page()
    listing = Listing(count=-1, slugs=[])
    local = urlsplit(page_url)
    page.on("pageerror", lambda exc: listing.errors.append(str(exc)))
    page.on("console", lambda m: listing.errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: (
            None
            if urlsplit(r.url).netloc == local.netloc and r.url.startswith(local.scheme)
            else listing.outside.append(r.url)
        ),
    )
    page.goto(f"{page_url}?{urlencode(params)}")
    done = "() => document.querySelector('[data-search-page]').dataset.state === 'done'"
    page.wait_for_function(done)
    more = page.locator(".search-more")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.search-result').length > {shown}"
            " && document.querySelector('[data-search-page]').dataset.state === 'done'"
        )
    status = page.locator("#search-status").inner_text()
    if status == "No results.":
        listing.count = 0
    elif match := _COUNT.match(status):
        listing.count = int(match.group(1))
    hrefs = page.locator(".search-result-title a").evaluate_all("as => as.map(a => a.href)")
    listing.slugs = [m.group(1) for href in hrefs if (m := _SLUG.search(href))]
    listing.links = hrefs
    page.close()
    return listing
