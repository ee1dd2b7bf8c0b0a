"""Batch text generation for synthetic articles: headlines, bodies and translation titles.

Every random draw for a batch of articles is made with a few numpy calls over the whole batch
(per-article numpy calls cost more than the text itself at 100k articles); the per-article
loops only index lists and join strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import numpy as np

from bench.world import World, sample
from briefing.markdown import paragraphs_to_markdown
from briefing.model import Translation

NAME_RATE = 1 / 40  # share of body words that are names of people or places
STORY_WORD_RATE = 1 / 12  # share of a story member's words taken from the story's own words
STORY_NAME_RATE = 1 / 60
SENTENCE = (8, 26)  # words per sentence, [low, high)
PARAGRAPH_SENTENCES = 3  # on average
BODY_WORDS = (150, 901)
TITLE_WORDS = (4, 10)
COLON_TITLES = 0.35  # "Amy Carlon: US seeking to elevate relations..."
PLAIN, CAPITAL, COMMA, STOP = range(4)


@dataclass(frozen=True)
class Topic:
    """What the members of one story share, as token ids of a :class:`Lexicon`."""

    word_ids: tuple[int, ...]
    name_ids: tuple[int, ...]


class Lexicon:
    """Token strings by id: the world's words, its names, then names invented for stories.

    ``variants`` holds four strings per id (plain, capitalised, with a comma, with a stop), each
    checked to come out of ``paragraphs_to_markdown`` unchanged.  Escaping works per line on
    single characters and line starts, so a body joined from such tokens (one blank line
    between paragraphs, each starting with a capitalised token) is its own Markdown: the bodies
    go through paragraphs_to_markdown token by token, once, not once per article.
    """

    def __init__(self, w: World) -> None:
        self.tokens: list[str] = [*w.words, *w.names]
        self.names_at = len(w.words)
        self.variants: list[str] = list(_base_variants(w.words + w.names))

    def add(self, token: str) -> int:
        """Add a token (an invented name) and return its id."""
        self.tokens.append(token)
        self.variants += _variants(token)
        return len(self.tokens) - 1


@cache
def _base_variants(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for token in tokens for v in _variants(token))


def _variants(token: str) -> tuple[str, str, str, str]:
    out = (token, token[0].upper() + token[1:], token + ",", token + ".")
    # Only a capitalised token starts a line; the others are checked where they occur: mid-line.
    for text in (f"A {out[PLAIN]}", out[CAPITAL], f"A {out[COMMA]}", f"A {out[STOP]}"):
        if paragraphs_to_markdown([text]) != text:
            raise ValueError(f"synthetic text {text!r} would need Markdown escaping")
    return out


def bodies(
    rng: np.random.Generator, w: World, lex: Lexicon, topics: Sequence[Topic | None]
) -> list[str]:
    """Return one Markdown body per topic slot (None: an article about no story)."""
    n = len(topics)
    lengths = rng.integers(*BODY_WORDS, size=n)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    total = int(ends[-1]) if n else 0
    ids = sample(rng, w.word_table, total)
    named = np.flatnonzero(rng.random(total) < NAME_RATE)
    ids[named] = lex.names_at + sample(rng, w.name_table, len(named))
    for i, topic in enumerate(topics):
        if topic is not None:
            _plant(rng, ids[starts[i] : ends[i]], topic)
    marks, paragraph_ends = _sentences(rng, starts, ends)
    strings = itemgetter(*(ids * 4 + marks).tolist())(lex.variants) if total else ()
    out = []
    for start, cuts in zip(starts.tolist(), paragraph_ends, strict=True):
        paragraphs = [" ".join(strings[a:b]) for a, b in zip([start, *cuts], cuts, strict=False)]
        out.append("\n\n".join(paragraphs))  # already Markdown: see Lexicon
    return out


def _plant(rng: np.random.Generator, ids: np.ndarray, topic: Topic) -> None:
    """Replace some of a member's words with its story's words and names (in place)."""
    size = len(ids)
    words = np.array(topic.word_ids)[rng.integers(0, len(topic.word_ids), size // 12)]
    names = np.array(topic.name_ids)[rng.integers(0, len(topic.name_ids), max(3, size // 60))]
    planted = np.concatenate([words, names])
    ids[rng.integers(0, size, size=len(planted))] = planted


def _sentences(
    rng: np.random.Generator, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, list[list[int]]]:
    """Return each word's mark (PLAIN...STOP) and each body's paragraph end offsets.

    Vectorised over the whole batch: sentence cuts are drawn over the concatenated word stream,
    cuts that would leave a sentence shorter than the minimum next to an article boundary are
    dropped, and every article end is a cut.
    """
    total = int(ends[-1]) if len(ends) else 0
    cuts = np.cumsum(rng.integers(*SENTENCE, size=total // SENTENCE[0] + 1))
    cuts = cuts[cuts < total]
    article = np.searchsorted(ends, cuts, side="right")
    keep = (cuts - starts[article] >= SENTENCE[0]) & (ends[article] - cuts >= SENTENCE[0])
    bounds = np.sort(np.concatenate([cuts[keep], ends]))  # sentence ends (exclusive), disjoint
    firsts = np.concatenate([[0], bounds[:-1]])
    marks = np.zeros(total, dtype=np.int64)
    marks[firsts] = CAPITAL
    long = bounds - firsts > 14
    marks[(firsts + (bounds - firsts) // 2)[long]] = COMMA
    marks[bounds - 1] = STOP
    # A paragraph ends after a sentence with probability 1/3 (three sentences on average).
    is_end = np.zeros(total + 1, dtype=bool)
    is_end[ends] = True
    breaks = bounds[(rng.random(len(bounds)) < 1 / PARAGRAPH_SENTENCES) | is_end[bounds]]
    groups = np.searchsorted(breaks, ends, side="right")
    listed = breaks.tolist()
    lows = [0, *groups[:-1].tolist()]
    return marks, [listed[lo:hi] for lo, hi in zip(lows, groups.tolist(), strict=True)]


def titles(
    rng: np.random.Generator, w: World, lex: Lexicon, topics: Sequence[Topic | None]
) -> list[str]:
    """Return one headline per topic slot; story members name the story and use its words."""
    n = len(topics)
    lengths = rng.integers(*TITLE_WORDS, size=n).tolist()
    words = sample(rng, w.title_table, (n, TITLE_WORDS[1])).tolist()
    names = (lex.names_at + sample(rng, w.name_table, n)).tolist()
    picks = rng.integers(0, 1 << 16, size=(n, 4)).tolist()
    colon = (rng.random(n) < COLON_TITLES).tolist()
    out = []
    for i, topic in enumerate(topics):
        row, pick = words[i][: lengths[i]], picks[i]
        name = names[i]
        if topic is not None:
            row[pick[0] % len(row)] = topic.word_ids[pick[1] % len(topic.word_ids)]
            name = topic.name_ids[pick[2] % len(topic.name_ids)]
        tokens = [lex.tokens[t] for t in row]
        if colon[i]:
            out.append(f"{lex.tokens[name]}: {' '.join(tokens)}")
            continue
        tokens.insert(pick[3] % (len(tokens) + 1), lex.tokens[name])
        text = " ".join(tokens)
        out.append(text[0].upper() + text[1:])
    return out


def translations(
    rng: np.random.Generator, w: World, headlines: Sequence[str]
) -> list[tuple[Translation, Translation]]:
    """Return az and ru translation titles (same length, same "Name:" lead) per headline."""
    n = len(headlines)
    az = rng.integers(0, len(w.az_words), size=(n, TITLE_WORDS[1] + 8)).tolist()
    ru = rng.integers(0, len(w.ru_words), size=(n, TITLE_WORDS[1] + 8)).tolist()
    out = []
    for i, headline in enumerate(headlines):
        lead, _, rest = headline.rpartition(": ")
        size = len((rest or headline).split())
        pair = tuple(
            Translation(lang=lang, title=_translated(lang, lead, [pool[k] for k in row[:size]]))
            for lang, pool, row in (("az", w.az_words, az[i]), ("ru", w.ru_words, ru[i]))
        )
        out.append((pair[0], pair[1]))
    return out


AZ_MARK = re.compile("[ƏəĞğİıŞş]")  # letters only Azerbaijani Latin has: readers tell it by them


def _translated(lang: str, lead: str, words: list[str]) -> str:
    if lang == "az" and not AZ_MARK.search(" ".join(words)):
        words = ["Azərbaycan", *words[1:]]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return f"{lead}: {text}" if lead else text
