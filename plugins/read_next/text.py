"""Words from an article's text: the raw material of the similarity features.

Words keep their case here; the index folds them to lower case per *distinct* word (much
cheaper than per occurrence) and learns from the spellings which words are names.
"""

from __future__ import annotations

import re
import string
from collections import Counter

# A word: three or more word characters (two-letter words carry no topic; numbers such as
# years count).  Texts are split on whitespace after punctuation became spaces, which is 1.35x
# faster than re.findall(WORD_RE) on the benchmark corpus; the index then keeps only the
# distinct tokens that are words (checked once per distinct token, not per occurrence).
WORD_RE = re.compile(r"\w{3,}")
_PUNCTUATION = string.punctuation.replace("_", "") + "“”‘’«»„‹›—–…·•¡¿"
_SEPARATE = str.maketrans(dict.fromkeys(_PUNCTUATION, " "))
# Links and their targets in Markdown: "https", "www" and host names are not topic words.
_URL_RE = re.compile(r"\]\([^)]*\)|https?://\S+")


def plain(title: str, body: str) -> str:
    """Return the text scored for an article: the title (counted twice) and the body."""
    if "://" in body:
        body = _URL_RE.sub(" ", body)
    return f"{title}\n{title}\n{body}"


# The first word of a line or sentence: capitalised by grammar, not because it is a name.
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’»)]?\s+)([^\W\d_]\w*)", re.MULTILINE)


def initial_words(text: str) -> Counter[str]:
    """Count the words that open a line or a sentence (no evidence that a word is a name)."""
    return Counter(_SENTENCE_START.findall(text))


def word_counts(text: str) -> Counter[str]:
    """Count the tokens of a text, case kept (the index drops those that are not words)."""
    return Counter(text.translate(_SEPARATE).split())
