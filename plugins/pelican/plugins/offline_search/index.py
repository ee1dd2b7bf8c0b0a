"""Build the offline search index: classic ``<script>`` shards that work from file://.

Browsers block fetch, ES modules, WebAssembly and workers on file:// pages, but a classic
``<script src>`` still loads.  So every piece of the index is a small ``.js`` file whose only
statement is ``BriefingSearch.register(key, data)`` (JSONP-style), and the page loads just the
pieces a query needs:

``manifest.js``  first term of every term shard, facet names and counts, shard sizes
``t/N.js``       term shard N: ``{term: "title-ids|body-ids[|translation-title-ids]"}`` for a
                 sorted, contiguous term range,
                 so a prefix typed so far maps to one shard (rarely the next one too)
``m/N.js``       metadata of docs ``[N*META_DOCS, (N+1)*META_DOCS)``: url, title, date, facet
                 codes, and the translation titles when there are any
``x/N.js``       plain text of docs ``[N*TEXT_DOCS, ...)`` for excerpts
``f.js``         one facet code per doc and facet, loaded only when a filter is applied

Doc ids are assigned newest first, so "sort by date" is "sort by id" and needs no metadata.
The tokeniser must match ``tokens()`` in ``offline-search.js``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing import dating

FACETS = ("category", "source", "lang", "year")
# 64 symbols, each carrying 5 bits of a number plus a continuation bit: JSON-safe, no escaping.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_WORD = re.compile(r"[^\W_]+")
MAX_TERM_CHARS = 32  # longer "words" are URLs or run-together junk nobody types


@dataclass(frozen=True)
class IndexDoc:
    """One searchable page: what the offline index needs to know about it."""

    url: str  # relative to the site root, pointing at a file (``.../index.html``)
    title: str
    date: datetime
    text: str  # plain text of the body, for matching and excerpts
    category: str = ""
    source: str = ""
    lang: str = ""
    also: tuple[str, ...] = ()  # the titles of its translations: between headline and body
    dated: bool = True  # False: the source stated no date (``date`` is the ingest day)


@dataclass(frozen=True)
class IndexOptions:
    """Shard sizes; defaults were tuned on the synthetic 10k archive (bench/bench_offline.py)."""

    # Measured with bench/bench_offline.py on the synthetic 10k archive (bodies of 150-900
    # words): a first query reads ~0.55x what Pagefind downloads (~170 kB), first results in
    # ~150-190 ms, the whole index ~1.07x the Pagefind bundle (the bodies are most of it).
    term_shard_bytes: int = 16_000  # one small read per typed word; ~300 shards for 10k docs
    meta_docs: int = 32  # a result page of 10 reads at most 10 of these (~6 kB each)
    text_docs: int = 2  # excerpt shards hold whole bodies: a result page reads 10 of them
    # Whole bodies: a "quoted phrase" is checked against this text (the term shards have no
    # positions), so a cut would lose phrase matches past it.
    excerpt_chars: int = 200_000


@dataclass(frozen=True)
class Shard:
    """One file of the index: its path under the index folder and the data it registers."""

    path: str
    key: str
    data: object


def tokens(text: str) -> list[str]:
    """Split text into lower-case, accent-free search terms (the same rule as the JS side)."""
    folded = unicodedata.normalize("NFKD", text).lower()
    return [t for t in _WORD.findall(_without_marks(folded)) if len(t) <= MAX_TERM_CHARS]


def _without_marks(text: str) -> str:
    """Drop the combining marks (category M): one ``translate`` over the distinct characters'
    marks, not a test per character (tokenising 10k articles: 6.6 CPU s before)."""
    if text.isascii():
        return text
    marks = {ord(c): None for c in set(text) if unicodedata.category(c).startswith("M")}
    return text.translate(marks) if marks else text


def encode_ids(ids: Iterable[int]) -> str:
    """Encode increasing doc ids as gaps in a variable-length base-64 string."""
    out: list[str] = []
    previous = -1
    for doc_id in ids:
        gap = doc_id - previous - 1
        previous = doc_id
        while gap >= 32:
            out.append(ALPHABET[32 + (gap & 31)])
            gap >>= 5
        out.append(ALPHABET[gap])
    return "".join(out)


def decode_ids(text: str) -> list[int]:
    """Decode what :func:`encode_ids` wrote (used by tests; the browser has its own copy)."""
    ids: list[int] = []
    previous, gap, shift = -1, 0, 0
    for char in text:
        value = ALPHABET.index(char)
        gap |= (value & 31) << shift
        if value >= 32:
            shift += 5
            continue
        previous += gap + 1
        ids.append(previous)
        gap, shift = 0, 0
    return ids


def order_docs(docs: Iterable[IndexDoc]) -> list[IndexDoc]:
    """Return the docs newest first (ties by URL): the doc id is the position in this list."""
    return sorted(docs, key=lambda d: (-d.date.timestamp(), d.url))


Postings = tuple[list[int], list[int], list[int]]


def postings(docs: Sequence[IndexDoc]) -> dict[str, Postings]:
    """Map each term to (docs with it in the headline, only in a translation's title, only in
    the body): the three weights the hosted index gives them too (10, 5, 1)."""
    table: dict[str, Postings] = {}
    for doc_id, doc in enumerate(docs):
        in_title = set(tokens(doc.title))
        in_also = set(tokens(" ".join(doc.also))) - in_title
        for term in in_title:
            table.setdefault(term, ([], [], []))[0].append(doc_id)
        for term in in_also:
            table.setdefault(term, ([], [], []))[1].append(doc_id)
        for term in set(tokens(doc.text)) - in_title - in_also:
            table.setdefault(term, ([], [], []))[2].append(doc_id)
    return table


def term_shards(table: dict[str, Postings], limit: int) -> list[Shard]:
    """Cut the sorted vocabulary into contiguous shards of about ``limit`` bytes each.

    An entry is ``title|body`` or, when translation titles hold the term, ``title|body|also``.
    """
    shards: list[Shard] = []
    current: dict[str, str] = {}
    size = 0
    for term in sorted(table):
        title_ids, also_ids, body_ids = table[term]
        entry = f"{encode_ids(title_ids)}|{encode_ids(body_ids)}"
        if also_ids:
            entry += f"|{encode_ids(also_ids)}"
        if current and size + len(term) + len(entry) > limit:
            shards.append(_numbered("t", len(shards), current))
            current, size = {}, 0
        current[term] = entry
        size += len(term.encode()) + len(entry) + 6  # quotes, colon, comma
    if current:
        shards.append(_numbered("t", len(shards), current))
    return shards


def _numbered(folder: str, number: int, data: object) -> Shard:
    return Shard(path=f"{folder}/{number}.js", key=f"{folder}/{number}", data=data)


def facet_values(docs: Sequence[IndexDoc]) -> dict[str, list[str]]:
    """Return the sorted distinct values of each facet (codes index into these lists)."""
    values: dict[str, set[str]] = {facet: set() for facet in FACETS}
    for doc in docs:
        for facet, value in _facets_of(doc).items():
            values[facet].add(value)
    return {facet: sorted(found) for facet, found in values.items()}


def _facets_of(doc: IndexDoc) -> dict[str, str]:
    return {
        "category": doc.category,
        "source": doc.source,
        "lang": doc.lang,
        "year": dating.year_facet(doc.date, doc.dated),
    }


def build(docs: Iterable[IndexDoc], options: IndexOptions) -> list[Shard]:
    """Return every shard of the index for ``docs``, the manifest last."""
    ordered = order_docs(docs)
    values = facet_values(ordered)
    codes = {facet: {v: i for i, v in enumerate(vals)} for facet, vals in values.items()}
    terms = term_shards(postings(ordered), options.term_shard_bytes)
    shards = [*terms, *_meta_shards(ordered, codes, options), *_text_shards(ordered, options)]
    shards.append(Shard("f.js", "f", _facet_columns(ordered, codes)))
    counts = {f: [0] * len(values[f]) for f in FACETS}
    for doc in ordered:
        for facet, value in _facets_of(doc).items():
            counts[facet][codes[facet][value]] += 1
    manifest = {
        "version": 1,
        "docs": len(ordered),
        "terms": [min(shard.data) for shard in terms if isinstance(shard.data, dict)],
        "metaDocs": options.meta_docs,
        "textDocs": options.text_docs,
        "facets": {f: {"values": values[f], "counts": counts[f]} for f in FACETS},
    }
    shards.append(Shard("manifest.js", "manifest", manifest))
    return shards


def _meta_shards(
    docs: Sequence[IndexDoc], codes: dict[str, dict[str, int]], options: IndexOptions
) -> list[Shard]:
    rows = [
        [doc.url, doc.title, doc.date.strftime("%Y-%m-%d") if doc.dated else ""]
        + [codes[facet][value] for facet, value in _facets_of(doc).items()]
        + ([list(doc.also)] if doc.also else [])
        for doc in docs
    ]
    step = options.meta_docs
    return [_numbered("m", i // step, rows[i : i + step]) for i in range(0, len(rows), step)]


def _text_shards(docs: Sequence[IndexDoc], options: IndexOptions) -> list[Shard]:
    texts = [_excerpt_text(doc.text, options.excerpt_chars) for doc in docs]
    step = options.text_docs
    return [_numbered("x", i // step, texts[i : i + step]) for i in range(0, len(texts), step)]


def _excerpt_text(text: str, limit: int) -> str:
    """Cut at a word boundary: excerpts come from the start of long bodies."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _facet_columns(docs: Sequence[IndexDoc], codes: dict[str, dict[str, int]]) -> dict[str, str]:
    """One string per facet with ``width`` base-64 digits per doc: compact and O(1) to read."""
    columns: dict[str, str] = {}
    for facet in FACETS:
        width = 1 if len(codes[facet]) <= 64 else 2
        digits = []
        for doc in docs:
            code = codes[facet][_facets_of(doc)[facet]]
            digits.append(
                ALPHABET[code] if width == 1 else ALPHABET[code >> 6] + ALPHABET[code & 63]
            )
        columns[facet] = "".join(digits)
    return columns


def script(shard: Shard) -> str:
    """Return the JavaScript text of one shard file."""
    payload = json.dumps(shard.data, ensure_ascii=False, separators=(",", ":"))
    return f"BriefingSearch.register({json.dumps(shard.key)},{payload});\n"


def write(shards: Iterable[Shard], folder: Path) -> int:
    """Write every shard under ``folder``; return the total bytes written."""
    total = 0
    for shard in shards:
        path = folder / shard.path
        path.parent.mkdir(parents=True, exist_ok=True)
        data = script(shard).encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total
