"""Real news English for the search benchmarks: the Lee corpus that gensim ships.

``gensim/test/test_data/lee_background.cor`` holds 300 news articles of the Australian
Broadcasting Corporation (Lee, Pincombe and Welsh, 2005), one a line: real headlines' words,
names, numbers and a news vocabulary with its own frequencies, unlike the synthetic corpus's
invented words.  The benchmark keeps the synthetic archive's dates, categories, sources,
tags and (invented) translation titles and rewrites every title and body from these
articles: each body is a run of sentences from one Lee article with a few from others, each
title the opening words of one of its sentences.

gensim is a benchmark-only dependency (``pyproject.toml``, extra ``bench``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from briefing.markdown import paragraphs_to_markdown
from briefing.model import Article

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
SENTENCES = (5, 16)  # of the home article per body
FOREIGN = (0, 4)  # sentences from other articles per body
TITLE_WORDS = (5, 11)


class NewsTextMissingError(RuntimeError):
    """gensim (and so its test data) is not installed."""


def corpus_path() -> Path:
    """Return the Lee corpus file inside the installed gensim package."""
    spec = find_spec("gensim")
    if spec is None or spec.origin is None:
        raise NewsTextMissingError("the search benchmarks need gensim: pip install -e '.[bench]'")
    return Path(spec.origin).parent / "test" / "test_data" / "lee_background.cor"


@cache
def articles() -> tuple[tuple[str, ...], ...]:
    """Return the Lee corpus's articles, each as its sentences."""
    lines = corpus_path().read_text(encoding="latin-1").splitlines()
    return tuple(tuple(_SENTENCE_END.split(line.strip())) for line in lines if line.strip())


def _title(rng: random.Random, sentences: Sequence[str]) -> str:
    words = rng.choice(sentences).split()
    cut = words[: rng.randint(*TITLE_WORDS)]
    return " ".join(cut).strip(" ,;:.-\"'") or " ".join(words)


def _body(rng: random.Random, home: Sequence[str], docs: Sequence[Sequence[str]]) -> str:
    start = rng.randrange(len(home))
    count = rng.randint(*SENTENCES)
    picked = [home[(start + i) % len(home)] for i in range(min(count, len(home)))]
    for _ in range(rng.randint(*FOREIGN)):
        other = rng.choice(docs)
        picked.insert(rng.randint(0, len(picked)), rng.choice(other))
    paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3)]
    return paragraphs_to_markdown(paragraphs)


def rewrite(records: Sequence[Article], seed: int) -> list[Article]:
    """Return the records with titles and bodies from real news text (deterministic)."""
    docs = articles()
    out = []
    for index, record in enumerate(records):
        rng = random.Random(f"{seed}:{record.slug}")
        home = docs[index % len(docs)] if index < len(docs) else rng.choice(docs)
        body = _body(rng, home, docs)
        out.append(replace(record, title=_title(rng, home), body=body, summary=None))
    return out
