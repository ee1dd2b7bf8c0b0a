"""The ``READ_NEXT = {...}`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings
from briefing.settings import SettingsError


@dataclass(frozen=True)
class Weights:
    """How much each signal counts.

    ``text``, ``entities`` and ``tags`` add up to the relevance of a pair (each a cosine in
    [0, 1]).  ``category`` and ``recency`` only modulate it, so a shared category or a close
    date never makes an unrelated article relevant: relevance is multiplied by
    ``1 + category`` when the categories match and by ``(1 - recency) + recency * decay``,
    where ``decay = 0.5 ** (days apart / half_life_days)``.
    """

    # Tuned on bench/read_next_corpus.py (5k articles, min_score swept 0.06-0.2): recency 0.3
    # gave precision@5 0.89 at min_score 0.08, recency 0.7 with text 0.7 / entities 0.2 gives
    # 0.98 with the same full-block share (0.84): news readers want the same week's articles.
    text: float = 0.7
    entities: float = 0.2
    tags: float = 0.1
    category: float = 0.1
    recency: float = 0.7


@dataclass(frozen=True)
class ReadNextSettings:
    """Everything the scorer needs: these defaults, with pelicanconf's READ_NEXT merged over."""

    count: int = 5
    weights: Weights = Weights()
    half_life_days: float = 30.0
    # Swept 0.08-0.30 on bench/synth.py at 30k articles (min_score 0, then cut): precision@5
    # 0.79 at 0.08, 0.94 at 0.10, 0.995 at 0.14, 1.000 at 0.20; story recall 0.985 throughout
    # until 0.25.  0.15 keeps a margin as the archive grows (more chance near-misses).
    min_score: float = 0.15
    # An article with no candidate at min_score (few words in common with anything, as in a
    # small archive) still gets the candidates at or above ``fallback_score`` that share at
    # least ``fallback_names`` names with it: "related", never "same story".  Only blocks that
    # would be empty are filled, so articles of a planted story keep their blocks: on
    # bench/synth.py (1k) precision@5 over story articles stays 1.000, while story-less
    # articles now show 4.1 links each (0 before; 3.8 with two names required).  On the
    # sample archive every article but one headline-only brief gets a block; the two seed
    # articles (US-Azerbaijan relations, text cosine 0.10) find each other.  An article
    # sharing only a stock sentence gets none (sentence openers are not names).
    # Judged on real text (issue #16: the 242 dev-aeb and dev-fundus pages, names as whole
    # entities): at 0.02 with one name, 255 of 269 "also about" links were fallbacks and most
    # were chance (a stabbing beside a power cut for "San Francisco"); below a score of 0.07
    # nearly all were.  At 0.07 with two names 43 remain, all but one of them a relation a
    # reader sees (Hong Kong, Google Stadia, the Democratic debate).  Fewer links, not chance.
    fallback_score: float = 0.07
    fallback_names: int = 2
    # Cosine of the kept words at or above which two articles are the same text (a re-publish,
    # the same wire copy from another source): grouped as "also reported by", never read
    # next.  On bench/read_next_corpus.py (4k) planted re-publishes (4% of words changed)
    # score >= 0.92, distinct members of one story <= 0.68, other pairs <= 0.17.
    duplicate_threshold: float = 0.8
    # Pruning (see index.py): stop words are in more than ``max_df_share`` of the archive;
    # pairs are scored on each article's ``max_terms`` heaviest words; candidates are found
    # through each word's, name's and tag's ``max_postings`` heaviest articles.  0 (1.0 for
    # the share) turns each off; all off is the exact, quadratic method.  10 index terms and
    # 30 postings (down from 20 and 50) left precision@5 and story recall unchanged at 10k,
    # 30k and 100k on bench/synth.py and saved 7% of the time at 100k.
    max_terms: int = 40
    index_terms: int = 10  # of the max_terms, how many find candidates
    max_postings: int = 30
    max_df_share: float = 0.05
    # rapidfuzz WRatio (0-100) at or above which a source "Read next" item is the archive
    # article.  Measured on bench/synth.py (5k, seed 3; 6,000 items with their slugs removed,
    # 30% of targets held out of the archive): true matches score >= 90, the best wrong
    # candidate of a held-out item <= 85.5; at 88 precision is 1.000 and recall 0.998
    # (85: precision 0.75; 92: recall 0.74).  ``python -m bench.bench_read_next`` re-measures.
    source_match_threshold: float = 88.0


def load(settings: Mapping[str, Any]) -> ReadNextSettings:
    """Return ``READ_NEXT`` over the defaults (briefing.settings); count and half-life checked."""
    options = briefing_settings.load("READ_NEXT", ReadNextSettings, settings.get("READ_NEXT"))
    if options.count < 1:
        raise SettingsError("READ_NEXT['count'] must be at least 1")
    if options.half_life_days <= 0:
        raise SettingsError("READ_NEXT['half_life_days'] must be positive")
    return options
