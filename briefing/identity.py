"""The identity model: when two inputs are the same article, an update of it, or a conflict.

- **Identity.** An article is known by its source URL when one is known (from the page, the JSON
  record or a sidecar; normalised: scheme and host lowercased, fragment, default port,
  ``utm_*`` parameters and a trailing slash dropped), else by its source and fingerprint (the
  hash of its normalised title and body).  The raw file's path (``source_file``) is provenance
  only: a file name reused on another day or in another folder never replaces an article, and
  neither does the position of a record in a JSON file.
- **Same article.** Same identity and same fingerprint (or the fingerprint of one of its earlier
  versions): nothing changes, except that fields an editor changed in ``content/`` stay as the
  editor left them (see :func:`merge`).  From another input in the same run it is a duplicate.
- **Duplicate.** Another identity with the same fingerprint (a syndicated or re-saved copy):
  reported, written once.
- **Update.** Same URL, new text, and still the same story (same headline, or at least
  ``SAME_STORY_OVERLAP`` of the body's words in common): the article takes the new text, sets
  ``modified`` and keeps the earlier version in ``previous_versions``.
- **Conflict.** Same URL, a different story: both are kept (the second under its own slug) and
  the run reports the conflict.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from briefing.model import Article, Revision

# Fields an editor may change in content/; each one's digest as ingest wrote it is kept in
# ``as_ingested``, so a re-ingest can tell an editor's value from the source's.
EDITABLE = ("title", "category", "tags", "summary", "body", "read_next_pins")
# A corrected article keeps most of its words; two different stories share far fewer.  Measured
# on bench/synth.py's planted re-publishes with edits (0.7-0.95) against same-day articles of
# one category (under 0.2); 0.5 sits between them.
SAME_STORY_OVERLAP = 0.5
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+")


def normalise_url(url: str) -> str:
    """Return the form of ``url`` used as an identity (case, fragment, port, tracking, slash)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _tracking(key: str) -> bool:
    return key.lower().startswith("utm_") or key.lower() in ("fbclid", "gclid")


def identity(article: Article) -> str:
    """Return the key that says which article this is (URL, else source and fingerprint)."""
    if article.source_url:
        return "url " + normalise_url(article.source_url)
    return f"text {article.source or ''} {article.fingerprint}"


def versions(article: Article) -> set[str]:
    """The fingerprints of every version of the article the archive holds."""
    return {article.fingerprint, *(r.fingerprint for r in article.previous_versions)}


def same_story(known: Article, new: Article) -> bool:
    """True when ``new`` reads as a corrected version of ``known`` rather than another story."""
    if " ".join(known.title.casefold().split()) == " ".join(new.title.casefold().split()):
        return True
    a, b = _words(known.body), _words(new.body)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME_STORY_OVERLAP


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def digest(value: object) -> str:
    """Return a short, stable digest of a field's value."""
    if isinstance(value, str):
        return _text_digest(value)
    return _digest(value)


@lru_cache(maxsize=256)
def _text_digest(text: str) -> str:
    # A re-ingest digests each known article's fields and its new version's (equal strings,
    # read apart): a few recent answers make the second digest free.
    return _digest(text)


def _digest(value: object) -> str:
    data = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def as_ingested(article: Article) -> dict[str, str]:
    """Return the digests of the editable fields as the article stands (what ingest wrote)."""
    return {name: digest(getattr(article, name)) for name in EDITABLE}


def edited(article: Article) -> set[str]:
    """Return the editable fields whose value differs from what ingest wrote (an editor's)."""
    recorded = article.as_ingested
    return {
        name
        for name in EDITABLE
        if name in recorded and recorded[name] != digest(getattr(article, name))
    }


def stamp(article: Article) -> Article:
    """Record the editable fields' digests as written by ingest."""
    return replace(article, as_ingested=as_ingested(article))


def merge(known: Article, new: Article) -> Article:
    """Return ``new`` as the archive's next state of ``known``: its slug, and editors' values.

    Fields an editor changed keep the editor's value (and their ingest digest, so they stay
    the editor's).  A date derived on ingest never replaces a date the archive already had,
    and an input that states no modification time keeps the one the archive recorded.
    """
    merged = stamp(replace(new, slug=known.slug, previous_versions=known.previous_versions))
    kept = edited(known)
    if kept:
        digests = dict(merged.as_ingested)
        digests.update({name: known.as_ingested[name] for name in kept})
        values = {name: getattr(known, name) for name in kept}
        merged = replace(merged, as_ingested=digests, **values)
    if new.origin.get("date") == "ingested":
        origin = {k: v for k, v in merged.origin.items() if k != "date"}
        if "date" in known.origin:
            origin["date"] = known.origin["date"]
        merged = replace(merged, date=known.date, origin=origin)
    if new.modified is None and known.modified is not None:  # when an update was recorded
        origin = dict(merged.origin)
        if "modified" in known.origin:
            origin["modified"] = known.origin["modified"]
        merged = replace(merged, modified=known.modified, origin=origin)
    return merged


def update(known: Article, new: Article, when: datetime, how: str) -> Article:
    """Return the updated article: ``new``'s text, ``known`` kept as an earlier version.

    ``when`` is the source's stated modification time or, failing that, when the new version
    was fetched or ingested (``how`` says which, in ``origin``).
    """
    earlier = Revision(
        fingerprint=known.fingerprint,
        title=known.title,
        body=known.body,
        until=when,
        source_file=known.source_file,
    )
    merged = merge(known, new)
    origin = dict(merged.origin)
    if new.modified is None:
        origin["modified"] = how
    return replace(
        merged,
        modified=new.modified or when,
        previous_versions=(*known.previous_versions, earlier),
        origin=origin,
    )
