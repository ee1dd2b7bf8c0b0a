"""A small archive for the offline-bundle tests: several categories, two days, translations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from briefing import frontmatter
from briefing.model import Article, Translation

BAKU = timezone(timedelta(hours=4))
ROOT = Path(__file__).resolve().parent.parent


def _article(
    title: str, slug: str, day: int, hour: int, category: str, body: str, **kw: object
) -> Article:
    return Article(
        title=title,
        slug=slug,
        date=datetime(2024, 5, day, hour, 15, tzinfo=BAKU),
        category=category,
        body=body,
        **kw,  # type: ignore[arg-type]
    )


ARTICLES = (
    _article(
        "Senator Steve Daines visits Baku for energy talks",
        "senator-steve-daines-visits-baku",
        14,
        10,
        "Politics",
        "US Senator Steve Daines met officials in Baku on Tuesday.\n\n"
        "The talks covered energy corridors, the Middle Corridor and regional security.",
        tags=("USA", "Energy"),
        source="Report.az",
        source_url="https://report.az/en/foreign-politics/daines-baku/",
        lang="en",
        summary="A US senator meets officials in Baku.",
    ),
    _article(
        "Amy Carlon: Azerbaijan and the US can deepen cooperation",
        "amy-carlon-azerbaijan-and-the-us",
        15,
        12,
        "Politics",
        "Amy Carlon, the US chargé d'affaires, spoke to Report about cooperation.\n\n"
        "She said trade, energy and education offer room to grow.",
        tags=("USA",),
        source="Report.az",
        source_url="https://report.az/en/foreign-politics/amy-carlon/",
        lang="en",
        translations=(
            Translation("az", "Emi Karlon: Azərbaycan və ABŞ əməkdaşlığı dərinləşdirə bilər"),
            Translation("ru", "Эми Карлон: Азербайджан и США могут углубить сотрудничество"),
        ),
    ),
    _article(
        "Эми Карлон: Азербайджан и США могут углубить сотрудничество",
        "emi-karlon-azerbaidzhan-i-ssha",
        15,
        12,
        "Politics",
        "Временный поверенный в делах США Эми Карлон рассказала о сотрудничестве.",
        source="Report.az",
        lang="ru",
    ),
    _article(
        "Oil prices edge higher on supply worries",
        "oil-prices-edge-higher",
        14,
        16,
        "Economy",
        "Brent crude rose on Wednesday as traders weighed supply risks.",
        source="Caspian Wire",
        lang="en",
    ),
    _article(
        "Neftchi win the derby in extra time",
        "neftchi-win-the-derby",
        15,
        20,
        "Sport",
        "A late goal settled the Baku derby on Wednesday night.",
        source="Caspian Wire",
        lang="en",
    ),
)


def write_content(content: Path) -> None:
    """Write the fixture articles (through the front-matter contract) and an About page."""
    articles = content / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        (articles / f"{article.slug}.md").write_text(frontmatter.dump(article), encoding="utf-8")
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    about = "---\ntitle: About this archive\nslug: about\n---\n\nAn archive of news briefings.\n"
    (pages / "about.md").write_text(about, encoding="utf-8")
