"""The route table: which parts hold words starting with a given prefix.

A query word is looked up before any Pagefind bundle is fetched, so a rare word only loads
the few parts that contain it and a first query's download does not grow with the archive.
The table is a superset: it is built from every word of a page's text (unstemmed, with and
without diacritics, hyphenated words also joined as Pagefind indexes them); the browser
looks up the query word minus its last letter (stemming may change that letter), capped at
``route_prefix`` letters, and searches the union of the matching parts.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_BODY_MARK = "data-pagefind-body"
# Blocks the theme keeps out of the index (read next, neighbours, derived notes): their words
# belong to other articles, and routing by them would send queries to parts that cannot match.
# The theme never nests one such element inside another of the same name.
_IGNORED = re.compile(
    r"<(aside|nav|p|div|section|ul)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
ALL = "*"  # a key found in every part


def page_words(markup: str) -> set[str]:
    """Return the lowercased words of a page's text from its indexed body onwards."""
    start = markup.find(_BODY_MARK)
    if start > 0:
        markup = markup[start:]
    markup = _IGNORED.sub(" ", _SCRIPT_STYLE.sub(" ", markup))
    text = html.unescape(_TAG.sub(" ", markup))
    return text_words(text)


def text_words(text: str) -> set[str]:
    """Return the word forms Pagefind may match in ``text`` (runs, joined runs, unaccented)."""
    words: set[str] = set()
    for chunk in text.lower().split():
        runs = _WORD.findall(chunk)
        words.update(runs)
        if len(runs) > 1:
            words.add("".join(runs))
    return words | {_strip_marks(w) for w in words}


def _strip_marks(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_keys(words: Iterable[str], prefix: int) -> list[str]:
    """Return the sorted distinct route keys (word prefixes) of a set of words."""
    return sorted({w[:prefix] for w in words if w})


def shard_name(key: str, shard_prefix: int) -> str:
    """Return the file stem of the shard holding ``key`` (hex of its first UTF-8 letters)."""
    return key[:shard_prefix].encode("utf-8").hex()


def build_shards(
    part_keys: Sequence[Iterable[str]], shard_prefix: int, all_share: float = 1.0
) -> dict[str, dict[str, list[int] | str]]:
    """Map shard name -> {key: part indices, or ALL when ``all_share`` of the parts hold it}."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(part_keys):
        for key in keys:
            holders[key].append(index)
    common = max(1, all_share * len(part_keys))
    shards: dict[str, dict[str, list[int] | str]] = defaultdict(dict)
    for key in sorted(holders):
        parts = holders[key]
        shards[shard_name(key, shard_prefix)][key] = ALL if len(parts) >= common else parts
    return dict(shards)


def write_shards(folder: Path, shards: Mapping[str, Mapping[str, list[int] | str]]) -> None:
    """Write one compact JSON file per shard."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in shards.items():
        text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
