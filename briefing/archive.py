"""The archive on disk: which known article an input is, unique slugs and paths, writes.

Which article an input is follows the identity model of :mod:`briefing.identity`.  Placement is
sequential and deterministic (entries in input order), and each article is written as soon as it
is placed, so a failure later in the run keeps it.  Briefs made from listings are placed at the
end of the run (:meth:`Archive.finish`), after every full article, so a listing item links to
the full article of the same title wherever it comes in the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from briefing import frontmatter, identity
from briefing.manifest import Manifest
from briefing.model import Article, SourceItem
from briefing.normalise import fingerprint, text_fingerprint
from briefing.report import Rejection, RunReport
from briefing.slug import unique_slug
from briefing.writer import atomic_write, read_text

ARTICLES = "articles"


@dataclass(frozen=True)
class Entry:
    """One article found in an input, with the briefs made from its listing."""

    article: Article
    briefs: tuple[Article, ...] = ()
    fetched_at: datetime | None = None  # from the input's sidecar: when this version was seen


@dataclass(frozen=True)
class Known:
    """An article already in the archive (or placed earlier in this run)."""

    path: Path
    article: Article
    replaces: Path | None = None  # the file of the same article before its date moved


def article_path(out: Path, article: Article) -> Path:
    """Return ``out/articles/YYYY/MM/<slug>.md`` for an article."""
    return out / ARTICLES / f"{article.date:%Y}" / f"{article.date:%m}" / f"{article.slug}.md"


def _stale(article: Article) -> tuple[str, str]:
    """The fingerprints an article may carry from before its own text was the key."""
    return ("", fingerprint(article.title, article.body))


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


class Archive:
    """Index of the articles in a content folder, and the place where new ones are written."""

    def __init__(
        self,
        out: Path,
        known: list[Known],
        now: datetime,
        taken: set[str],
        manifest: Manifest | None = None,
    ) -> None:
        self.out = out
        self.now = now
        self.slugs: set[str] = set(taken)  # every slug and file name in use, valid or not
        self.by_identity: dict[str, Known] = {}  # the first holder of each identity
        self.by_version: dict[str, Known] = {}  # any version's fingerprint -> its article
        self.by_title: dict[str, Known] = {}  # full articles, for listing links
        self.written_by: dict[Path, str] = {}  # files written in this run -> the input
        self.pending: list[tuple[Known, Entry]] = []  # articles whose listing waits for finish()
        self.on_disk: dict[Path, Article] = {e.path: e.article for e in known}  # what files hold
        self.manifest = manifest  # told about every file written
        for entry in known:
            self._remember(entry)

    @classmethod
    def scan(
        cls, out: Path, report: RunReport, now: datetime, manifest: Manifest | None = None
    ) -> Archive:
        """Index every article file under ``out/articles``; invalid files are reported, kept.

        With a manifest, files unchanged since they were last read are not parsed again.
        """
        known, taken = [], set()
        stored = manifest.stored_files() if manifest else {}
        for path in sorted((out / ARTICLES).rglob("*.md")):
            taken.add(path.stem)
            article = manifest.current(path, stored.pop(str(path), None)) if manifest else None
            if article is None:
                try:
                    article = frontmatter.load(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError) as exc:
                    reason = f"existing article is invalid: {exc}"
                    report.rejected.append(Rejection(str(path), reason))
                    continue
                if manifest:
                    manifest.remember_file(path, article)
            known.append(Known(path, article))
        if manifest:
            manifest.forget_files(stored)
        return cls(out, known, now, taken, manifest)

    def _remember(self, entry: Known) -> None:
        article = entry.article
        own = text_fingerprint(article)
        # Written by hand (no fingerprint), or written when the fingerprint covered a headline
        # derived from the lede: known by its own text, as a new input of it would be.
        if article.fingerprint != own and article.fingerprint in _stale(article):
            article = replace(article, fingerprint=own)
            entry = replace(entry, article=article)
        self.slugs.add(article.slug)
        self.by_identity.setdefault(identity.identity(article), entry)
        for version in identity.versions(article):
            self.by_version.setdefault(version, entry)
        if article.kind == "article":
            self.by_title.setdefault(_title_key(article.title), entry)

    def _forget(self, entry: Known) -> None:
        article = entry.article
        keys = [
            (self.by_identity, identity.identity(article)),
            (self.by_title, _title_key(article.title)),
            *((self.by_version, v) for v in identity.versions(article)),
        ]
        for index, key in keys:
            if index.get(key) is entry:
                del index[key]

    def place(self, entry: Entry, report: RunReport) -> None:
        """Place one input's article (new, the same, an update or a conflict) and write it."""
        placed = self._claim(entry, report)
        if placed is None:
            return
        links = {_title_key(b.title): self._link(b) for b in entry.briefs}
        article = replace(placed.article, read_next=_linked(placed.article.read_next, links))
        written = replace(placed, article=article)
        self._write(written, report, entry.article.source_file)
        if entry.briefs:
            self.pending.append((written, entry))

    def finish(self, report: RunReport) -> None:
        """Place the briefs of every listing, then link each article's items to them."""
        for written, entry in self.pending:
            links = {_title_key(b.title): self._place_brief(b, report) for b in entry.briefs}
            current = written.article
            article = replace(current, read_next=_linked(current.read_next, links))
            if article != current:
                self._store(written.path, article)
        self.pending.clear()

    def _claim(self, entry: Entry, report: RunReport) -> Known | None:
        """Decide which article ``entry`` is; return where and what to write (None: nothing)."""
        article, label = entry.article, entry.article.source_file or ""
        key = identity.identity(article)
        same = self.by_version.get(article.fingerprint)
        if same is not None:
            return self._again(same, article, key, label, report)
        holder = self.by_identity.get(key)
        if holder is not None and identity.same_story(holder.article, article):
            return self._update(holder, entry, report)
        if holder is not None:
            where = self._rel(holder.path)
            report.conflicts.append(
                f"{label}: claims the URL of {where} with another story; both kept"
            )
        fresh = replace(identity.stamp(article), slug=unique_slug(article.slug, self.slugs))
        return self._settle(None, Known(article_path(self.out, fresh), fresh))

    def _again(
        self, same: Known, article: Article, key: str, label: str, report: RunReport
    ) -> Known | None:
        """An input whose text the archive holds: the same article, or a duplicate of one."""
        if identity.identity(same.article) != key:
            where = self._rel(same.path)
            report.duplicates.append(f"{label}: duplicate of {where} (same title and body)")
            return None
        if self.written_by.get(same.path, label) != label:
            where = self._rel(same.path)
            report.duplicates.append(f"{label}: duplicate of {where} (same article, another input)")
            return None
        if article.fingerprint != same.article.fingerprint:
            report.unchanged.append(f"{label} (an earlier version of {self._rel(same.path)})")
            return None
        merged = identity.merge(same.article, article)
        return self._settle(same, Known(article_path(self.out, merged), merged))

    def _update(self, holder: Known, entry: Entry, report: RunReport) -> Known | None:
        """The source changed the article's text: keep the earlier version in the article."""
        known, new = holder.article, entry.article
        label = new.source_file or ""
        if new.modified and known.modified and new.modified < known.modified:
            report.unchanged.append(f"{label} (an earlier version of {self._rel(holder.path)})")
            return None
        when, how = (entry.fetched_at, "fetched") if entry.fetched_at else (self.now, "ingested")
        updated = identity.update(known, new, when, how)
        return self._settle(holder, Known(article_path(self.out, updated), updated))

    def _settle(self, previous: Known | None, placed: Known) -> Known:
        """Make ``placed`` the archive's entry for the article ``previous`` held."""
        if previous is not None:
            self._forget(previous)
            if previous.path != placed.path:
                placed = replace(placed, replaces=previous.path)
        self._remember(placed)
        return placed

    def _link(self, brief: Article) -> str | None:
        """The slug a listing item links to when its entry is known already (else None)."""
        article = self.by_title.get(_title_key(brief.title))
        known = article or self.by_version.get(brief.fingerprint)
        return known.article.slug if known is not None else None

    def _place_brief(self, brief: Article, report: RunReport) -> str:
        """Return the slug a listing item links to: an archive article, a known or a new brief."""
        slug = self._link(brief)
        if slug is not None:  # listed before (here or in another dump): keep the first entry
            return slug
        brief = replace(identity.stamp(brief), slug=unique_slug(brief.slug, self.slugs))
        entry = Known(article_path(self.out, brief), brief)
        self._remember(entry)
        report.briefs += 1
        self._write(entry, report, f"{brief.source_file} (brief: {brief.title})")
        return brief.slug

    def _write(self, entry: Known, report: RunReport, label: str | None) -> None:
        """Write an article file (unless its bytes are already there); move it if its date moved."""
        label = label or entry.path.name
        self.written_by[entry.path] = label
        if self.on_disk.get(entry.path) == entry.article:  # the file holds it already
            report.unchanged.append(label)
            return
        current = read_text(entry.path)
        if current == frontmatter.dump(entry.article):
            report.unchanged.append(label)
            self.on_disk[entry.path] = entry.article
        else:
            self._store(entry.path, entry.article)
            new = current is None and entry.replaces is None
            (report.written if new else report.updated).append(label)
            report.sections.append((entry.article.category, entry.article.source))
        if entry.replaces is not None:  # the date changed: the file moved (new one written first)
            entry.replaces.unlink(missing_ok=True)

    def _store(self, path: Path, article: Article) -> None:
        """Write an article's file atomically, and tell the manifest what it now holds."""
        atomic_write(path, frontmatter.dump(article))
        self.on_disk[path] = article
        if self.manifest:
            self.manifest.remember_file(path, article)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()


def _linked(
    items: tuple[SourceItem, ...], links: Mapping[str, str | None]
) -> tuple[SourceItem, ...]:
    """Point each listing item at the archive entry made or found for it."""
    if not links:
        return items
    out = []
    for item in items:
        slug = links.get(_title_key(item.title or "")) or item.slug
        out.append(item if slug == item.slug else replace(item, slug=slug))
    return tuple(out)
