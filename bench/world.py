"""The fixed "world" the synthetic archive is written about: vocabulary, names, tags, categories.

Built from a constant seed, independent of the corpus seed, so every corpus (and every daily
update of it) draws from the same language.  Frequencies follow a Zipf-Mandelbrot law, as word,
name and tag frequencies do in real news archives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

WORLD_SEED = 20260227
TAIL_WORDS = 12_000  # pseudo-words after the real head: long tail like a news vocabulary
N_PEOPLE = 1_500
N_TAGS = 300
ZIPF_WORDS = 1.07  # word-frequency exponent of English news text
ZIPF_NAMES = 1.0
ZIPF_TAGS = 1.1  # steeper: a few tags on most articles, most tags on a handful

# The head of the vocabulary: real words, most frequent first (no Markdown punctuation, so
# escaping leaves the text unchanged and the raw dumps and Markdown bodies hold the same words).
_HEAD = """the of and to in a on for that with by is was as said at from has be it
its are were will which this an also have been not would their minister president government
country new year said more two state after meeting cooperation development between during
international national economic official one first three today week people number region
countries million percent since about over other under talks according noted further support
project companies energy ministry foreign relations partnership security sides issues process
agreement policy visit delegation level important trade investment growth market sector work
president's head deputy committee council parliament city capital south north west east
including well both many such several already still all new joint bilateral regional global
forum summit expected plans program report data increase decrease compared period last next
2023 2024 2025 2026 10 20 30 50 100 billion manat dollars oil gas power plant transport
railway port road water schools students health hospital children women youth culture
festival team match championship football wrestling chess result victory"""
HEAD = tuple(_HEAD.split())

CATEGORIES = (
    "Foreign policy", "Domestic policy", "Economy", "Energy", "Region", "Infrastructure",
    "Tourism", "Business", "Sports", "Culture", "Society", "ICT",
)  # fmt: skip
CATEGORY_WEIGHTS = (18, 12, 12, 9, 10, 6, 4, 7, 8, 5, 6, 3)

_PLACES = """Azerbaijan Baku Ganja Sumgayit Nakhchivan Shusha Karabakh Armenia Georgia Tbilisi
Iran Russia Moscow Kazakhstan Astana Uzbekistan Tashkent Turkmenistan Türkiye Ankara Istanbul
China Beijing Europe Brussels Germany Berlin France Paris Italy Rome Ukraine Kyiv Israel
Pakistan India Japan Korea Qatar Dubai Washington London Vienna Geneva"""
PLACES = tuple(_PLACES.split())

_SOUNDS = "b c d f g h j k l m n p r s t v z br dr gr kr st tr sh ch | a e i o u ai ea ou"
_ONSETS, _VOWELS = (part.split() for part in _SOUNDS.split("|"))
_AZ = "ba bə ca çə da də ğa xa hə qı kü lə mə nə öz pə rə sa şə tə ün və ya zə ıl"
_RU = "ба ве го да же за ки ло ми но по ра со ту фе ха це че ша щи ых ль ов ет ая"


@dataclass(frozen=True)
class World:
    """Every name and word a synthetic article may use, with its sampling weights."""

    words: tuple[str, ...]
    word_table: np.ndarray  # quantile table of Zipf weights over ``words`` (see ``sample``)
    title_table: np.ndarray  # the same without the function-word head, for headlines
    names: tuple[str, ...]  # people and places
    name_table: np.ndarray
    tags: tuple[str, ...]
    tag_table: np.ndarray
    category_table: np.ndarray  # over CATEGORIES
    az_words: tuple[str, ...]
    ru_words: tuple[str, ...]


TABLE_BITS = 20  # quantile-table resolution: weights under 2**-20 are rounded (far tail words)


def _table(weights: np.ndarray) -> np.ndarray:
    """Return a lookup table: a uniform index into it is a draw from ``weights``."""
    cdf = np.cumsum(weights)
    quantiles = (np.arange(1 << TABLE_BITS) + 0.5) / (1 << TABLE_BITS) * cdf[-1]
    table: np.ndarray = np.minimum(np.searchsorted(cdf, quantiles, side="right"), len(cdf) - 1)
    return table


def _zipf(size: int, exponent: float, skip: int = 0) -> np.ndarray:
    weights = 1.0 / (np.arange(size) + 2.7) ** exponent
    weights[:skip] = 0.0
    return _table(weights)


def sample(rng: np.random.Generator, table: np.ndarray, size: int | tuple[int, int]) -> np.ndarray:
    """Draw indices from the distribution a table of ``_table`` encodes."""
    drawn: np.ndarray = table[rng.integers(0, 1 << TABLE_BITS, size=size)]
    return drawn


def pseudo_words(
    rng: np.random.Generator, count: int, syllables: tuple[str, ...], parts: tuple[int, int]
) -> list[str]:
    """Return ``count`` distinct pronounceable words of ``parts`` syllables."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        lengths = rng.integers(parts[0], parts[1] + 1, size=count)
        picks = rng.integers(0, len(syllables), size=(count, parts[1])).tolist()
        for n, row in zip(lengths.tolist(), picks, strict=True):
            word = "".join(syllables[k] for k in row[:n])
            if word not in seen and len(out) < count:
                seen.add(word)
                out.append(word)
    return out


def _syllables() -> tuple[str, ...]:
    return tuple(o + v for o in _ONSETS for v in _VOWELS)


def person_names(rng: np.random.Generator, count: int) -> list[str]:
    """Return ``count`` invented two-word personal names ("Velmora Kastin")."""
    firsts = pseudo_words(rng, count, _syllables(), (2, 3))
    lasts = pseudo_words(rng, count, _syllables(), (2, 4))
    return [f"{a.capitalize()} {b.capitalize()}" for a, b in zip(firsts, lasts, strict=True)]


@cache
def world() -> World:
    """Return the (cached, immutable) world every corpus is written in."""
    rng = np.random.default_rng(WORLD_SEED)
    head = list(dict.fromkeys(HEAD))
    tail = [w for w in pseudo_words(rng, TAIL_WORDS, _syllables(), (2, 4)) if w not in head]
    words = tuple(head + tail)
    names = (*PLACES, *person_names(rng, N_PEOPLE))
    # Tags: the most-named people and places, then topic phrases of two mid-frequency words.
    mid = words[400:3000]
    phrases = {f"{mid[a]} {mid[b]}" for a, b in rng.integers(0, len(mid), size=(400, 2)).tolist()}
    tags = tuple(list(names[:120]) + sorted(phrases)[: N_TAGS - 120])
    return World(
        words=words,
        word_table=_zipf(len(words), ZIPF_WORDS),
        title_table=_zipf(len(words), ZIPF_WORDS, skip=40),
        names=names,
        name_table=_zipf(len(names), ZIPF_NAMES),
        tags=tags,
        tag_table=_zipf(len(tags), ZIPF_TAGS),
        category_table=_table(np.array(CATEGORY_WEIGHTS, dtype=float)),
        az_words=tuple(pseudo_words(rng, 3000, tuple(_AZ.split()), (2, 4))),
        ru_words=tuple(pseudo_words(rng, 3000, tuple(_RU.split()), (2, 4))),
    )
