"""A tiny archive for the search tests: the two sample seeds' equivalents and a few neighbours.

Written with briefing.frontmatter.dump and built with the real CLI build (Pelican + plugins +
Pagefind), so the tests exercise what ``make build`` produces.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from briefing import frontmatter
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
    for article in ARTICLES:
        path = content / "articles" / article.date.strftime("%Y/%m") / f"{article.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frontmatter.dump(article), encoding="utf-8")
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "pages" / "about.md", pages / "about.md")


def build(tmp: Path, settings: Path = ROOT / "pelicanconf.py") -> Path:
    """Write the fixture content under ``tmp`` and build it; return the output folder."""
    content = tmp / "content"
    write_content(content)
    output = tmp / "output"
    build_site(content, output, settings)
    return output


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
