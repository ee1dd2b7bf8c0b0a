"""Seeded synthetic news archive: the benchmark corpus (written to a temp folder, never committed).

Deterministic: the same ``(n, seed)`` gives the same articles, byte for byte.  10k articles take
about 2 s in memory and 100k about 20 s on the 2-core machine; writing them is separate
(``frontmatter.dump`` costs ~0.6 ms an article, so ``write_markdown`` can use several processes).

API::

    from bench import synth, dumps

    corpus = synth.generate(10_000, seed=1)   # -> Corpus
    corpus.articles        # tuple[briefing.model.Article, ...], sorted by date, unique slugs
    corpus.stories         # dict[slug, story_id]: members of planted stories only
    corpus.members()       # dict[story_id, list[slug]] (3-8 slugs each, date order)
    corpus.by_slug()       # dict[slug, Article]
    synth.write_markdown(corpus.articles, content_dir, jobs=2)
        # content_dir/articles/YYYY/MM/<slug>.md through briefing.frontmatter.dump
    dumps.write_raw(corpus.articles, raw_dir)
        # the same articles as raw .txt page dumps in the two seed layouts (see bench/dumps.py)
    newer = synth.extend(corpus, 20)          # the daily update: 20 articles after the last one
    newer.articles[len(corpus.articles):]     # just the new ones

    python -m bench.synth 1000 /tmp/arch --seed 1   # writes /tmp/arch/content and /tmp/arch/raw

What the archive looks like: 12 categories (skewed), 300 tags with a long tail (0-4 per
article), dates over three years in +04:00, English bodies of 150-900 words drawn from a Zipf
vocabulary with names of people and places mixed in, az/ru translation titles, and planted
*stories*: about 30% of articles belong to a group of 3-8 articles about one event that share
two invented names, a place, ten story words and one or two tags, are dated within four days
of each other, and are each worded independently.  ``stories`` is the ground truth for the
read-next quality measure.  No field names an article's story, but a ``FEED_SOURCE`` article's
own "Read next" list (``read_next``) starts with up to three other members of its story, as a
news site's list would: a measure that must not see the answer should ignore ``read_next``.

Each article has a layout: ``source == REPORT_SOURCE`` (60%) is written as a report.az page
dump whose "Latest News" list is ``read_next`` (title/time/category/photo); the others
(``FEED_SOURCE``) as the second seed's layout, whose "Read next" list is ``read_next``
(summary/time/optional label).  ``source_file`` names the article's raw dump.
"""

from __future__ import annotations

import argparse
import hashlib
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from bench import text
from bench.world import CATEGORIES, World, person_names, sample, world
from briefing import frontmatter
from briefing.model import Article, SourceItem
from briefing.slug import slugify, unique_slug

TZ = timezone(timedelta(hours=4))
START = datetime(2023, 3, 1, 8, 0, tzinfo=TZ)
SPAN_MINUTES = 3 * 365 * 24 * 60
STORY_SHARE = 0.3
STORY_DAYS = 4
REPORT_SHARE = 0.6
REPORT_SOURCE = "report.az"
FEED_SOURCE = "news-b.example"  # the second seed's site (no title or date in its dumps)
LATEST_NEWS = 9  # items in a report.az "Latest News" list, as in the seed page
READ_NEXT = 5  # items in a "Read next" list, as in the second seed page


@dataclass(frozen=True)
class Story:
    """One planted event: what its member articles share."""

    ident: int
    category: str
    topic: text.Topic  # its names and words, as token ids
    tags: tuple[str, ...]
    start: int  # minutes after START


@dataclass(frozen=True)
class Corpus:
    """A generated archive and its ground truth."""

    articles: tuple[Article, ...]
    stories: dict[str, int]
    seed: int

    def members(self) -> dict[int, list[str]]:
        """Return each story's member slugs in date order."""
        out: dict[int, list[str]] = {}
        for article in self.articles:
            if article.slug in self.stories:
                out.setdefault(self.stories[article.slug], []).append(article.slug)
        return out

    def by_slug(self) -> dict[str, Article]:
        """Return the articles keyed by slug."""
        return {a.slug: a for a in self.articles}


def generate(n: int, seed: int = 0) -> Corpus:
    """Return a deterministic archive of ``n`` articles."""
    rng = np.random.default_rng(seed)
    w = world()
    lex = text.Lexicon(w)
    plan = _plan(rng, w, lex, n)
    stubs = _drafts(rng, w, lex, plan, set())
    stories = {a.slug: s.ident for a, (_, s) in zip(stubs, plan, strict=True) if s is not None}
    return Corpus(tuple(_finish(stubs, 0, stories)), stories, seed)


def extend(corpus: Corpus, k: int = 20) -> Corpus:
    """Return the corpus with ``k`` new articles dated within a day after its last one."""
    rng = np.random.default_rng([corpus.seed, len(corpus.articles), k])
    last = corpus.articles[-1].date
    minutes = sorted(rng.integers(10, 24 * 60, size=k).tolist())
    plan: list[tuple[datetime, Story | None]] = [
        (last + timedelta(minutes=m), None) for m in minutes
    ]
    taken = {a.slug for a in corpus.articles}
    stubs = list(corpus.articles) + _drafts(rng, world(), text.Lexicon(world()), plan, taken)
    return replace(corpus, articles=tuple(_finish(stubs, len(corpus.articles), corpus.stories)))


def _clock(minute: int) -> datetime:
    """Map a minute of the span to a newsroom hour: days stay, times fall in 07:00-23:59."""
    day, rest = divmod(minute, 24 * 60)
    return START.replace(hour=7) + timedelta(days=day, minutes=rest * 17 // 24)


def _plan(
    rng: np.random.Generator, w: World, lex: text.Lexicon, n: int
) -> list[tuple[datetime, Story | None]]:
    """Return (date, story) for every article, in date order."""
    plan: list[tuple[int, Story | None]] = []
    target = int(n * STORY_SHARE)
    ident = 0
    while len(plan) < target:
        size = min(int(rng.integers(3, 9)), target - len(plan))
        story = _story(rng, w, lex, ident)
        offsets = rng.integers(0, STORY_DAYS * 24 * 60, size=size)
        plan += [(story.start + int(o), story) for o in offsets.tolist()]
        ident += 1
    minutes = rng.integers(0, SPAN_MINUTES, size=n - len(plan)).tolist()
    plan += [(m, None) for m in minutes]
    plan.sort(key=lambda p: p[0])
    return [(_clock(m), story) for m, story in plan]


def _story(rng: np.random.Generator, w: World, lex: text.Lexicon, ident: int) -> Story:
    place = lex.names_at + int(sample(rng, w.name_table, 1)[0])
    people = tuple(lex.add(name) for name in person_names(rng, 2))
    words = rng.choice(len(w.words) - 300, size=10, replace=False) + 300
    tags = dict.fromkeys(w.tags[i] for i in sample(rng, w.tag_table, int(rng.integers(1, 3))))
    return Story(
        ident=ident,
        category=CATEGORIES[int(sample(rng, w.category_table, 1)[0])],
        topic=text.Topic(word_ids=tuple(words.tolist()), name_ids=(*people, place)),
        tags=tuple(tags),
        start=int(rng.integers(0, SPAN_MINUTES - STORY_DAYS * 24 * 60)),
    )


def _drafts(
    rng: np.random.Generator,
    w: World,
    lex: text.Lexicon,
    plan: Sequence[tuple[datetime, Story | None]],
    taken: set[str],
) -> list[Article]:
    """Return the planned articles without their layout-dependent fields (read_next...)."""
    n = len(plan)
    topics = [story.topic if story else None for _, story in plan]
    headlines = text.titles(rng, w, lex, topics)
    bodies = text.bodies(rng, w, lex, topics)
    translated = text.translations(rng, w, headlines)
    report = (rng.random(n) < REPORT_SHARE).tolist()
    more = (rng.random(n) < 0.15).tolist()  # feed articles that list translations too
    own_category = (rng.random(n) < 0.8).tolist()
    categories = sample(rng, w.category_table, n).tolist()
    tag_counts = rng.integers(0, 5, size=n).tolist()
    tag_ids = sample(rng, w.tag_table, (n, 4)).tolist()
    out = []
    for i, (when, story) in enumerate(plan):
        slug = unique_slug(slugify(headlines[i]), taken)
        taken.add(slug)
        count = max(tag_counts[i], 1 if report[i] else 0)
        own = list(story.tags) if story else []
        tags = list(dict.fromkeys(own + [w.tags[t] for t in tag_ids[i][:count]]))
        category = CATEGORIES[categories[i]]
        out.append(
            Article(
                title=headlines[i],
                slug=slug,
                date=when,
                category=story.category if story and own_category[i] else category,
                body=bodies[i],
                tags=tuple(tags[: max(count, len(own))]),
                source=REPORT_SOURCE if report[i] else FEED_SOURCE,
                lang="en",
                translations=translated[i] if report[i] or more[i] else (),
            )
        )
    return out


def _finish(stubs: list[Article], first: int, stories: dict[str, int]) -> list[Article]:
    """Fill ``source_file`` and ``read_next`` of ``stubs[first:]`` from their neighbours."""
    members: dict[int, list[int]] = {}
    for i, stub in enumerate(stubs):
        if stub.slug in stories:
            members.setdefault(stories[stub.slug], []).append(i)
    out = stubs[:first]
    made: dict[int, SourceItem] = {}
    summaries: dict[int, SourceItem] = {}
    for i in range(first, len(stubs)):
        stub = stubs[i]
        if stub.source == REPORT_SOURCE:
            items = _latest_news(stubs, i, made)
        else:
            related = [j for j in members.get(stories.get(stub.slug, -1), []) if j != i][:3]
            items = _read_next(stubs, i, related, summaries)
        name = f"{i:06d}_{hashlib.sha1(stub.slug.encode()).hexdigest()[:16]}.txt"
        out.append(replace(stub, source_file=name, read_next=items))
    return out


def _hhmm(article: Article) -> str:
    return f"{article.date.hour:02d}:{article.date.minute:02d}"


def has_photo(slug: str) -> bool:
    """Say whether listings show a "Photo" mark for this article (a quarter of them do)."""
    return zlib.crc32(slug.encode()) % 4 == 0


def _latest_news(
    stubs: Sequence[Article], i: int, made: dict[int, SourceItem]
) -> tuple[SourceItem, ...]:
    lo = max(0, min(i - LATEST_NEWS // 2, len(stubs) - LATEST_NEWS))
    for j in range(lo, lo + LATEST_NEWS):  # each item is listed by ~9 neighbours: make it once
        if j not in made:
            a = stubs[j]
            made[j] = SourceItem(
                title=a.title,
                time=_hhmm(a),
                category=a.category,
                photo=has_photo(a.slug),
                slug=a.slug,
            )
    return tuple(made[j] for j in range(lo + LATEST_NEWS - 1, lo - 1, -1))


def _read_next(
    stubs: Sequence[Article], i: int, related: list[int], made: dict[int, SourceItem]
) -> tuple[SourceItem, ...]:
    recent = [j for j in range(i - 1, max(-1, i - 40), -1) if j not in related]
    picks = (related + recent)[:READ_NEXT]
    for j in picks:  # each article is listed by ~5 others: make its item once
        if j not in made:
            made[j] = _summary_item(stubs[j])
    return tuple(made[j] for j in picks)


def _summary_item(article: Article) -> SourceItem:
    first = article.body.split("\n\n", 1)[0]
    cut = first.find(". ", 80)
    summary = first if cut < 0 else first[: cut + 1]
    mark = zlib.crc32(article.title.encode()) % 4
    label = (None, article.category, article.tags[0] if article.tags else None, None)[mark]
    if label and mark == 2:
        label = label.upper()
    return SourceItem(summary=summary, time=_hhmm(article), category=label, slug=article.slug)


def markdown_path(content_dir: Path, article: Article) -> Path:
    """Return where an article's Markdown file goes: articles/YYYY/MM/<slug>.md."""
    return (
        content_dir
        / "articles"
        / f"{article.date:%Y}"
        / f"{article.date:%m}"
        / (f"{article.slug}.md")
    )


def _write_chunk(job: tuple[Path, Sequence[Article]]) -> int:
    content_dir, articles = job
    for article in articles:
        path = markdown_path(content_dir, article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frontmatter.dump(article), encoding="utf-8")
    return len(articles)


def write_markdown(articles: Sequence[Article], content_dir: Path, jobs: int = 1) -> int:
    """Write articles as the normalised archive under ``content_dir``; return the count."""
    if jobs <= 1 or len(articles) < 2000:
        return _write_chunk((content_dir, articles))
    size = -(-len(articles) // (jobs * 4))
    chunks = [(content_dir, articles[k : k + size]) for k in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return sum(pool.map(_write_chunk, chunks))


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic archive (Markdown and raw dumps) for inspection or manual runs."""
    from bench.dumps import write_raw

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles, e.g. 1000")
    parser.add_argument("out", type=Path, help="folder for content/ and raw/, e.g. /tmp/arch")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = generate(args.n, args.seed)
    write_markdown(corpus.articles, args.out / "content", args.jobs)
    write_raw(corpus.articles, args.out / "raw")
    print(f"{len(corpus.articles)} articles, {len(set(corpus.stories.values()))} stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
