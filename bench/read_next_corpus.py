"""Synthetic archives with planted stories, for the read-next benchmark and its quality gate.

usage: python -m bench.read_next_corpus N [--seed S]   (prints a summary of one corpus)

Stands in for ``bench/synth.py`` (issue #3) until it lands.  A *story* is a group of articles
about one event: they share 3-5 invented names and a story vocabulary, their dates lie within
days of each other, and each member words it differently (its own subset of the story words,
its own background text).  About 15% of articles belong to no story.  Some story members are
re-published (near-duplicates with a few words changed, from another source), some are briefs
(headline only), and some carry source "Read next" items pointing at archive articles.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

VOCAB_SIZE = 40_000
N_NAMES = 4_000
N_TAGS = 300
CATEGORIES = (
    "Politics",
    "Economy",
    "Energy",
    "World",
    "Region",
    "Society",
    "Culture",
    "Sport",
    "Science",
    "Business",
    "Health",
    "Opinion",
)
SOURCES = ("Caspian Wire", "Baku Daily", "Trend Desk", "Region Post", "News Hour")
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_DAYS = 3 * 365
_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "gr",
    "kr",
    "st",
    "tr",
    "sh",
    "ch",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]


@dataclass(frozen=True)
class SynthItem:
    """A source "Read next" item: the archive slug it points to (if any) and its text."""

    summary: str
    target: str | None  # ground truth: the archive slug this item is about
    slug: str | None  # what the source gave (set for some items only)


@dataclass(frozen=True)
class SynthDoc:
    """One synthetic article; satisfies the read-next ``Doc`` protocol."""

    title: str
    slug: str
    date: datetime
    category: str
    body: str
    kind: str
    tags: tuple[str, ...]
    source: str | None
    story: int  # -1: belongs to no story
    dup_of: str | None
    items: tuple[SynthItem, ...]
    read_next_pins: tuple[str, ...] = ()
    origin: dict[str, str] = field(default_factory=dict)  # every synthetic date is stated


def _words(rng: np.random.Generator, count: int, syllables: tuple[int, int]) -> list[str]:
    """Return ``count`` distinct pronounceable pseudo-words."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        batch = 2 * (count - len(out)) + 16
        lengths = rng.integers(syllables[0], syllables[1] + 1, size=batch)
        onsets = rng.integers(0, len(_ONSETS), size=(batch, syllables[1]))
        vowels = rng.integers(0, len(_VOWELS), size=(batch, syllables[1]))
        for n, ons, vow in zip(lengths.tolist(), onsets.tolist(), vowels.tolist(), strict=True):
            word = "".join(_ONSETS[o] + _VOWELS[v] for o, v in zip(ons[:n], vow[:n], strict=True))
            if word not in seen and len(out) < count:
                seen.add(word)
                out.append(word)
    return out


def _zipf(size: int, exponent: float) -> np.ndarray:
    weights = 1.0 / (np.arange(size) + 2.7) ** exponent
    return np.asarray(weights / weights.sum(), dtype=np.float64)


class _Lexicon:
    """Background vocabulary, names, tags and their Zipf frequencies."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.words = np.array(_words(rng, VOCAB_SIZE, (2, 4)), dtype=object)
        self.p_words = _zipf(VOCAB_SIZE, 1.07)
        raw_names = _words(rng, N_NAMES, (2, 3))
        self.names = np.array([n.capitalize() for n in raw_names], dtype=object)
        self.p_names = _zipf(N_NAMES, 1.0)
        self.tags = np.array([f"topic {w}" for w in _words(rng, N_TAGS, (2, 3))], dtype=object)
        self.p_tags = _zipf(N_TAGS, 1.1)
        self._cdf = np.cumsum(self.p_words)

    def sample_words(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Return ``size`` background word indices drawn from the Zipf distribution."""
        found = np.searchsorted(self._cdf, rng.random(size) * self._cdf[-1])
        return np.asarray(np.minimum(found, VOCAB_SIZE - 1), dtype=np.int64)


def _sentences(rng: np.random.Generator, tokens: list[str]) -> str:
    """Cut tokens into capitalised sentences and paragraphs."""
    out: list[str] = []
    paragraph: list[str] = []
    i = 0
    while i < len(tokens):
        n = int(rng.integers(8, 21))
        words = tokens[i : i + n]
        i += n
        paragraph.append(words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:]) + ".")
        if len(paragraph) >= int(rng.integers(3, 7)):
            out.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out)


@dataclass(frozen=True)
class _Story:
    ident: int
    category: str
    names: tuple[str, ...]
    words: tuple[str, ...]
    tags: tuple[str, ...]
    center: datetime


def _make_story(rng: np.random.Generator, lex: _Lexicon, ident: int) -> _Story:
    n_names = int(rng.integers(3, 6))
    # Invented two-word names ("Velmora Kastin") and acronyms: unique to the story.
    first = rng.choice(lex.names, size=n_names)
    last = _words(rng, n_names, (2, 3))
    names = tuple(
        f"{a} {b.capitalize()}" if k % 2 == 0 else str(a)
        for k, (a, b) in enumerate(zip(first, last, strict=True))
    )
    words = tuple(str(w) for w in rng.choice(lex.words[1500:], size=25, replace=False))
    n_tags = int(rng.integers(1, 4))
    tags = tuple(str(t) for t in rng.choice(lex.tags, size=n_tags, replace=False, p=lex.p_tags))
    center = START + timedelta(days=float(rng.uniform(0, SPAN_DAYS)))
    category = str(rng.choice(CATEGORIES))
    return _Story(ident, category, names, words, tags, center)


def _body(rng: np.random.Generator, lex: _Lexicon, story: _Story | None, length: int) -> str:
    tokens = lex.words[lex.sample_words(rng, length)]
    names = [str(n) for n in rng.choice(lex.names, size=int(rng.integers(1, 4)), p=lex.p_names)]
    if story is not None:
        own = np.array(story.words, dtype=object)[rng.permutation(len(story.words))[:15]]
        positions = rng.choice(length, size=max(3, length // 8), replace=False)
        tokens[positions] = own[rng.integers(0, len(own), size=len(positions))]
        names += [str(n) for n in rng.choice(story.names, size=int(rng.integers(2, 4)))]
    spots = names * int(rng.integers(2, 5))
    tokens[rng.integers(0, length, size=len(spots))] = np.array(spots, dtype=object)
    return _sentences(rng, tokens.tolist())


def _title(rng: np.random.Generator, lex: _Lexicon, story: _Story | None) -> str:
    words = [str(w) for w in lex.words[rng.integers(0, 5000, size=int(rng.integers(4, 8)))]]
    if story is not None:
        words[0] = str(rng.choice(story.names))
        words += [str(w) for w in rng.choice(story.words, size=2, replace=False)]
    return " ".join(words).capitalize()


def _republish(rng: np.random.Generator, doc: SynthDoc, slug: str) -> SynthDoc:
    """A near-duplicate: the same text from another source, a few words changed."""
    words = doc.body.split(" ")
    for pos in rng.choice(len(words), size=max(1, len(words) // 25), replace=False):
        words[int(pos)] = "reportedly"
    source = SOURCES[(SOURCES.index(doc.source or SOURCES[0]) + 1) % len(SOURCES)]
    date = doc.date + timedelta(hours=float(rng.uniform(1, 30)))
    return SynthDoc(
        doc.title + " (update)",
        slug,
        date,
        doc.category,
        " ".join(words),
        "article",
        doc.tags,
        source,
        doc.story,
        doc.slug,
        (),
    )


def generate(n: int, seed: int = 7) -> list[SynthDoc]:
    """Return ``n`` synthetic articles with planted stories, sorted by slug."""
    rng = np.random.default_rng(seed)
    lex = _Lexicon(rng)
    docs: list[SynthDoc] = []
    ident = 0
    while len(docs) < n:
        single = rng.random() < 0.15 / (0.15 + 0.85 / 9)  # 15% of articles are singletons
        story = None if single else _make_story(rng, lex, ident)
        size = 1 if story is None else int(rng.integers(6, 13))
        for _ in range(min(size, n - len(docs))):
            docs.append(_member(rng, lex, story, len(docs)))
            if story is not None and rng.random() < 0.03 and len(docs) < n and docs[-1].body:
                docs.append(_republish(rng, docs[-1], f"a{len(docs):07d}"))
        ident += 1
    docs = _add_items(rng, docs[:n])
    return sorted(docs, key=lambda d: d.slug)


def _member(rng: np.random.Generator, lex: _Lexicon, story: _Story | None, k: int) -> SynthDoc:
    brief = story is not None and rng.random() < 0.05
    length = int(rng.integers(150, 901))
    body = "" if brief else _body(rng, lex, story, length)
    if story is None:
        date = START + timedelta(days=float(rng.uniform(0, SPAN_DAYS)))
        category = str(rng.choice(CATEGORIES))
        tags: tuple[str, ...] = ()
    else:
        date = story.center + timedelta(days=float(rng.normal(0, 2)))
        category = story.category if rng.random() < 0.9 else str(rng.choice(CATEGORIES))
        tags = story.tags[: int(rng.integers(1, len(story.tags) + 1))]
    tags += tuple(str(t) for t in rng.choice(lex.tags, size=int(rng.integers(0, 3)), p=lex.p_tags))
    return SynthDoc(
        title=_title(rng, lex, story),
        slug=f"a{k:07d}",
        date=date,
        category=category,
        body=body,
        kind="brief" if brief else "article",
        tags=tuple(dict.fromkeys(tags)),
        source=str(rng.choice(SOURCES)),
        story=-1 if story is None else story.ident,
        dup_of=None,
        items=(),
    )


def _add_items(rng: np.random.Generator, docs: list[SynthDoc]) -> list[SynthDoc]:
    """Give one article in ten a source "Read next" list: archive leads, slugs, strangers."""
    out = []
    for doc in docs:
        if rng.random() >= 0.1 or doc.kind == "brief":
            out.append(doc)
            continue
        items = []
        for _ in range(int(rng.integers(2, 6))):
            target = docs[int(rng.integers(0, len(docs)))]
            roll = rng.random()
            if roll < 0.25 or not target.body:  # not in the archive: another article's lead
                stranger = docs[int(rng.integers(0, len(docs)))].body.split(".")[1:3]
                items.append(SynthItem(".".join(stranger).strip() + ".", None, None))
            else:
                lead = target.body.split(".")[0] + "."
                slug = target.slug if roll > 0.8 else None
                items.append(SynthItem(lead, target.slug, slug))
        out.append(_with_items(doc, tuple(items)))
    return out


def _with_items(doc: SynthDoc, items: tuple[SynthItem, ...]) -> SynthDoc:
    return SynthDoc(
        doc.title,
        doc.slug,
        doc.date,
        doc.category,
        doc.body,
        doc.kind,
        doc.tags,
        doc.source,
        doc.story,
        doc.dup_of,
        items,
    )


def main() -> None:
    """Print a short summary of one generated corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    docs = generate(args.n, args.seed)
    stories = {d.story for d in docs if d.story >= 0}
    words = sum(len(d.body.split()) for d in docs)
    print(f"{len(docs)} docs, {len(stories)} stories, {words} words")
    print(docs[0].title, "|", docs[0].body[:300])


if __name__ == "__main__":
    main()
