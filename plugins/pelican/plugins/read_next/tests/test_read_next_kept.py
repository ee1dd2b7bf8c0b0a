"""The last build's counts (kept.KeptWords) give the features and blocks of a count from scratch.

An archive (bench/synth.py, planted stories) is counted and its counts kept; then articles are
added, edited and deleted, and the next count, which tokenises only the texts it has no row
for, must give the same matrix (entry for entry, dtypes included), spellings, sentence openers,
runs and blocks as index.words over the whole archive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from pelican.plugins.read_next import index, kept
from pelican.plugins.read_next.kept import KeptWords
from pelican.plugins.read_next.scoring import recommend
from pelican.plugins.read_next.settings import load
from pelican.plugins.read_next.text import Tokens, tokens

from bench import synth
from briefing.model import Article

SETTINGS = load({})
CORPUS = synth.generate(300, seed=5)
LATER = synth.extend(CORPUS, 20).articles  # the 300, then a day's 20


class Counting:
    """text.tokens that counts its calls: the texts the kept counts did not have."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> Tokens:
        self.calls += 1
        return tokens(text)


def _edited(article: Article) -> Article:
    # New words and a new name: the vocabulary and the names change, not only the counts.
    return dataclasses.replace(article, body=article.body + "\n\nZanzibar Ferries said a quokka.")


def _added(old: Sequence[Article]) -> list[Article]:
    return list(LATER)


def _edit(old: Sequence[Article]) -> list[Article]:
    return [*old[:7], _edited(old[7]), *old[8:]]


def _delete(old: Sequence[Article]) -> list[Article]:
    return [a for k, a in enumerate(old) if k not in (0, 150)]  # the first word's article too


def _all(old: Sequence[Article]) -> list[Article]:
    later = list(LATER)
    return [*later[1:7], _edited(later[7]), *later[8:]]


CHANGES: dict[str, tuple[Callable[[Sequence[Article]], list[Article]], int]] = {
    # change -> (the archive after it, texts tokenised again)
    "a day's additions": (_added, 20),
    "an edit": (_edit, 1),
    "a deletion": (_delete, 0),
    "all three": (_all, 21),
}


def _kept(tmp_path: Path, tokenise: Callable[[str], Tokens]) -> KeptWords:
    return KeptWords(tmp_path / "words.pickle", "salt", tokenise)


def _sorted(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: a.slug)


def _counted(tmp_path: Path, articles: Sequence[Article]) -> None:
    """Count an archive and save its rows: the last build's counts of the next."""
    first = _kept(tmp_path, tokens)
    first(index._texts(_sorted(articles)))
    first.save()


def _assert_same_words(got: index.Words, want: index.Words) -> None:
    matrix, expected = got[0], want[0]
    assert matrix.shape == expected.shape
    for name in ("data", "indices", "indptr"):
        assert getattr(matrix, name).dtype == getattr(expected, name).dtype
        assert np.array_equal(getattr(matrix, name), getattr(expected, name))
    assert got[1] == want[1]  # the spellings, in column order
    assert got[2] == want[2]  # sentence openers over the archive
    assert [list(r) for r in got[3]] == [list(r) for r in want[3]]  # runs, in each text's order


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_kept_counts_equal_counts_from_scratch(tmp_path: Path, change: str) -> None:
    first = _kept(tmp_path, tokens)
    recommend(CORPUS.articles, SETTINGS, tokens, first)
    first.save()
    changed, retokenised = CHANGES[change]
    archive = changed(CORPUS.articles)

    tokenise = Counting()
    later = _kept(tmp_path, tokenise)
    got = later(index._texts(_sorted(archive)))
    assert tokenise.calls == retokenised
    assert later.kept == len(archive) - retokenised
    _assert_same_words(got, index._words(index._texts(_sorted(archive)), tokens))


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_blocks_with_kept_counts_equal_blocks_from_scratch(tmp_path: Path, change: str) -> None:
    first = _kept(tmp_path, tokens)
    recommend(CORPUS.articles, SETTINGS, tokens, first)
    first.save()
    archive = CHANGES[change][0](CORPUS.articles)
    with_kept = recommend(archive, SETTINGS, tokens, _kept(tmp_path, tokens))
    assert with_kept == recommend(archive, SETTINGS)
    assert sum(len(b.picks) for b in with_kept.values()) > len(archive)  # blocks are not empty


def test_a_second_day_keeps_the_first_days_rows(tmp_path: Path) -> None:
    _counted(tmp_path, CORPUS.articles)
    _counted(tmp_path, LATER)
    tokenise = Counting()
    again = _kept(tmp_path, tokenise)
    got = again(index._texts(_sorted(_all(CORPUS.articles))))
    assert tokenise.calls == 1  # the edited article only: the day's 20 were kept by the last save
    _assert_same_words(got, index._words(index._texts(_sorted(_all(CORPUS.articles))), tokens))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."], ids=str)
def test_an_unreadable_or_foreign_file_means_tokenising_every_text(
    tmp_path: Path, damage: bytes
) -> None:
    (tmp_path / "words.pickle").write_bytes(damage)
    tokenise = Counting()
    got = _kept(tmp_path, tokenise)(index._texts(_sorted(CORPUS.articles)))
    assert tokenise.calls == len(CORPUS.articles)
    _assert_same_words(got, index._words(index._texts(_sorted(CORPUS.articles)), tokens))


def test_another_tokeniser_keeps_nothing(tmp_path: Path) -> None:
    _counted(tmp_path, CORPUS.articles)
    tokenise = Counting()
    other = KeptWords(tmp_path / "words.pickle", "another salt", tokenise)
    other(index._texts(_sorted(CORPUS.articles)))
    assert (tokenise.calls, other.kept) == (len(CORPUS.articles), 0)


@pytest.mark.parametrize("gather", [1, 97, 5000], ids=lambda g: f"gather={g}")
def test_rows_gathered_in_parts_equal_counts_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gather: int
) -> None:
    # Parts of one row (1), of a few rows, and of many: the cuts fall everywhere, also between
    # the kept rows and the new ones.
    _counted(tmp_path, CORPUS.articles)
    monkeypatch.setattr(kept, "GATHER", gather)
    archive = _sorted(_all(CORPUS.articles))
    got = _kept(tmp_path, tokens)(index._texts(archive))
    _assert_same_words(got, index._words(index._texts(archive), tokens))


def test_a_build_that_fails_after_counting_keeps_the_last_rows(tmp_path: Path) -> None:
    _counted(tmp_path, CORPUS.articles)
    failed = _kept(tmp_path, tokens)
    failed(index._texts(_sorted(LATER)))
    failed.discard()  # read next failed after counting: plugin._blocks discards
    assert [p.name for p in tmp_path.iterdir()] == ["words.pickle"]  # nothing left beside it
    tokenise = Counting()
    _kept(tmp_path, tokenise)(index._texts(_sorted(LATER)))
    assert tokenise.calls == 20  # the last saved rows: the failed build's were not kept
