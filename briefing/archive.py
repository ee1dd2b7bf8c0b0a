"""The archive on disk: existing articles, unique slugs and paths, duplicates, atomic writes.

Placement is sequential and deterministic: inputs in path order, full articles before the briefs
made from listings, so the same inputs always give the same slugs.  An article is known again by
its ``source_file`` (re-ingest keeps its slug, path and first-ingest date); a different file with
the same fingerprint is a duplicate, reported and not written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from briefing import frontmatter
from briefing.model import Article, SourceItem
from briefing.report import Rejection, RunReport
from briefing.slug import unique_slug
from briefing.writer import atomic_write, read_text

ARTICLES = "articles"


@dataclass(frozen=True)
class Entry:
    """One article found in an input, with the briefs made from its listing."""

    article: Article
    briefs: tuple[Article, ...] = ()


@dataclass(frozen=True)
class Known:
    """An article already in the archive (or placed earlier in this run)."""

    path: Path
    article: Article


def article_path(out: Path, article: Article) -> Path:
    """Return ``out/articles/YYYY/MM/<slug>.md`` for an article."""
    return out / ARTICLES / f"{article.date:%Y}" / f"{article.date:%m}" / f"{article.slug}.md"


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


class Archive:
    """Index of the articles in an output folder, and the place where new ones are written."""

    def __init__(self, out: Path, known: list[Known]) -> None:
        self.out = out
        self.slugs: set[str] = set()
        self.by_source: dict[tuple[str, str], Known] = {}
        self.by_fingerprint: dict[str, Known] = {}
        self.by_title: dict[str, Known] = {}
        for entry in known:
            self._remember(entry)

    @classmethod
    def scan(cls, out: Path, report: RunReport) -> Archive:
        """Index every article file under ``out/articles``; invalid files are reported."""
        known = []
        for path in sorted((out / ARTICLES).rglob("*.md")):
            try:
                text = path.read_text(encoding="utf-8")
                known.append(Known(path, frontmatter.load(text)))
            except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError) as exc:
                report.rejected.append(Rejection(str(path), f"existing article is invalid: {exc}"))
        return cls(out, known)

    def _remember(self, entry: Known) -> None:
        article = entry.article
        self.slugs.add(article.slug)
        if article.source_file:
            key = article.title if article.kind == "brief" else ""
            self.by_source[(article.source_file, _title_key(key))] = entry
        self.by_fingerprint.setdefault(article.fingerprint, entry)
        if article.kind == "article":
            self.by_title.setdefault(_title_key(article.title), entry)

    def ingested_dates(self) -> dict[str, datetime]:
        """Return source_file -> date for articles whose date was the day of first ingest."""
        return {
            src: known.article.date
            for (src, key), known in self.by_source.items()
            if key == "" and known.article.origin.get("date") == "ingested"
        }

    def place_all(self, entries: list[Entry], report: RunReport) -> None:
        """Place full articles, then each one's briefs, then write the articles with links."""
        placed: list[tuple[Article, Known | None]] = []
        for entry in entries:
            placed.append((entry.article, self._claim(entry.article, report)))
        for (article, claimed), entry in zip(placed, entries, strict=True):
            if claimed is None:
                continue
            links = {_title_key(b.title): self._place_brief(b, report) for b in entry.briefs}
            article = replace(claimed.article, read_next=_linked(article.read_next, links))
            self._write(Known(claimed.path, article), report, report_as=article.source_file)

    def _claim(self, article: Article, report: RunReport) -> Known | None:
        """Give an article its slug and path, or report it as a duplicate (None)."""
        source = article.source_file or ""
        previous = self.by_source.get((source, ""))
        if previous is None:
            twin = self.by_fingerprint.get(article.fingerprint)
            if twin is not None:
                where = twin.path.relative_to(self.out).as_posix()
                report.duplicates.append(f"{source}: duplicate of {where} (same title and body)")
                return None
            article = replace(article, slug=unique_slug(article.slug, self.slugs))
        else:
            article = replace(article, slug=previous.article.slug)
        claimed = Known(article_path(self.out, article), article)
        if previous is not None and previous.path != claimed.path:
            previous.path.unlink(missing_ok=True)  # the date changed: the file moves
        self._remember(claimed)
        return claimed

    def _place_brief(self, brief: Article, report: RunReport) -> str:
        """Return the slug a listing item links to: an archive article, a known or a new brief."""
        same_title = self.by_title.get(_title_key(brief.title))
        if same_title is not None:
            return same_title.article.slug
        previous = self.by_source.get((brief.source_file or "", _title_key(brief.title)))
        twin = previous or self.by_fingerprint.get(brief.fingerprint)
        if twin is not None:  # listed before (here or in another dump): keep the first entry
            return twin.article.slug
        brief = replace(brief, slug=unique_slug(brief.slug, self.slugs))
        entry = Known(article_path(self.out, brief), brief)
        self._remember(entry)
        report.briefs += 1
        self._write(entry, report, report_as=f"{brief.source_file} (brief: {brief.title})")
        return brief.slug

    def _write(self, entry: Known, report: RunReport, report_as: str | None) -> None:
        text = frontmatter.dump(entry.article)
        current = read_text(entry.path)
        label = report_as or entry.path.name
        if current == text:
            report.unchanged.append(label)
            return
        atomic_write(entry.path, text)
        (report.written if current is None else report.updated).append(label)


def _linked(items: tuple[SourceItem, ...], links: dict[str, str]) -> tuple[SourceItem, ...]:
    """Point each listing item at the archive entry made or found for it."""
    return tuple(
        replace(item, slug=links.get(_title_key(item.title or ""), item.slug)) for item in items
    )
