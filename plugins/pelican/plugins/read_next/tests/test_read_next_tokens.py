"""Read next over a day's new articles: kept tokens, the same blocks as a computation from scratch.

A daily build keeps each article's tokens (text.tokens: the Python-heavy part of read next) in a
store keyed on the text; every block is then scored again over the whole archive, so the
result cannot differ from a full computation.  Here an archive (bench/synth.py, planted
stories) is scored, a day's articles are added and one article is edited, and the blocks with
the kept tokens must equal those computed from scratch, block for block.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pelican.plugins.read_next.plugin import _Tokens
from pelican.plugins.read_next.scoring import recommend
from pelican.plugins.read_next.settings import load

from bench import synth

SETTINGS = load({})


def test_blocks_with_kept_tokens_equal_blocks_from_scratch(tmp_path: Path) -> None:
    corpus = synth.generate(300, seed=4)
    first = _Tokens(str(tmp_path))
    recommend(corpus.articles, SETTINGS, first)
    first.store.save()
    later = synth.extend(corpus, 20).articles
    edited = dataclasses.replace(later[5], body=later[5].body + "\n\nA correction was added.")
    archive = [*later[:5], edited, *later[6:]]

    kept = _Tokens(str(tmp_path))
    with_kept = recommend(archive, SETTINGS, kept)
    assert kept.store.hits == len(archive) - 21  # all but the 20 new and the edited one
    assert with_kept == recommend(archive, SETTINGS)
    assert sum(len(b.picks) for b in with_kept.values()) > len(archive)  # blocks are not empty
