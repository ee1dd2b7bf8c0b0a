"""Render synthetic articles as raw page dumps in the two seed layouts (raw/000_*, raw/003_*).

``write_raw(articles, raw_dir)`` writes ``<source_file>`` for each article:

- ``source == synth.REPORT_SOURCE``: the report.az layout of ``raw/003_*.txt`` (topic bar,
  title, category, "• 27 February, 2026", "• 19:33", title again, body paragraphs, tag lines,
  az/ru translation titles, "Latest News" items of time / [Photo] / title / category, "All News
  Feed"), every line but the first indented by four spaces, no final newline.
- otherwise the layout of ``raw/000_*.txt`` (body paragraphs one per line, "Read next" items of
  time / optional label / summary, "What is your opinion on this topic?", "Leave the first
  comment"), with a sidecar ``<stem>.meta.yaml`` holding ``date`` (ISO 8601 with offset) and
  ``source``, since such a dump has no date of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from bench.synth import REPORT_SOURCE
from bench.world import world
from briefing.model import Article

INDENT = "    "
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
SIDECAR_SUFFIX = ".meta.yaml"
TOPICS = 5  # links in the report.az topic bar


def paragraphs(article: Article) -> list[str]:
    """Return the body's paragraphs as plain text (synthetic bodies need no Markdown escapes)."""
    return article.body.split("\n\n") if article.body else []


def _topic_bar(article: Article) -> str:
    """The site's trending topics of the month: five of the most used tags, rotating."""
    tags = world().tags[:40]
    month = article.date.year * 12 + article.date.month
    return " ".join(tags[(month * 7 + k * 3) % len(tags)] for k in range(TOPICS))


def report_dump(article: Article) -> str:
    """Return the report.az page dump of an article."""
    when = article.date
    head = [
        article.title,
        "",
        article.category,
        f"• {when.day} {MONTHS[when.month - 1]}, {when.year}",
        f"• {when:%H:%M}",
        article.title,
        "",
    ]
    body: list[str] = []
    for paragraph in paragraphs(article):
        body += [paragraph, ""]
    tail = list(article.tags)  # one tag per line, as the seed's single tag
    tail += [t.title for t in article.translations]
    tail += ["", "Latest News", ""]
    for item in article.read_next:
        tail.append(item.time or "")
        if item.photo:
            tail.append("Photo")
        tail += ["", item.title or "", "", item.category or ""]
    tail.append("All News Feed")
    bar = _topic_bar(article)
    lines = [bar, INDENT + bar, ""] + [INDENT + x if x else "" for x in head + body + tail]
    return "\n".join(lines)


def feed_dump(article: Article) -> str:
    """Return the second seed layout's page dump of an article (no title, no date)."""
    lines = paragraphs(article)
    lines.append("Read next")
    for item in article.read_next:
        lines.append(item.time or "")
        if item.category:
            lines.append(item.category)
        lines.append(item.summary or "")
    lines += ["What is your opinion on this topic?", "Leave the first comment"]
    return "\n".join(lines)


def sidecar(article: Article) -> str:
    """Return the YAML sidecar of a dump that carries no date: date and source."""
    data = {"date": article.date.isoformat(), "source": article.source}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_raw(articles: Sequence[Article], raw_dir: Path) -> int:
    """Write every article's raw dump (and sidecar) into ``raw_dir``; return the dump count."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for article in articles:
        if not article.source_file:
            raise ValueError(f"{article.slug}: no source_file, not a synth.generate() article")
        path = raw_dir / article.source_file
        if article.source == REPORT_SOURCE:
            path.write_text(report_dump(article), encoding="utf-8")
        else:
            path.write_text(feed_dump(article), encoding="utf-8")
            meta = path.with_name(path.stem + SIDECAR_SUFFIX)
            meta.write_text(sidecar(article), encoding="utf-8")
    return len(articles)
