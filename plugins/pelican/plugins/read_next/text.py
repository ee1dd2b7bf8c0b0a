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


# Plain dicts, not Counters: a kept Counter is rebuilt through Counter.update when unpickled,
# a dict in C (loading the tokens of 10k articles: about half the time).
Tokens = tuple[dict[str, int], dict[str, int], dict[tuple[str, ...], int]]


def tokens(text: str) -> Tokens:
    """Return a text's token counts, sentence openers and capitalised runs (what index.py reads)."""
    return dict(word_counts(text)), dict(initial_words(text)), dict(capitalised_runs(text))


def word_counts(text: str) -> Counter[str]:
    """Count the tokens of a text, case kept (the index drops those that are not words)."""
    return Counter(text.translate(_SEPARATE).split())


# Words that are capitalised but name no entity a reader would follow: days, months and
# relative days (English, German, French, Spanish, Portuguese, Italian), and the credits of news
# agencies and photo services that end wire copy ("(AP)", "Photo: Getty Images").
_CALENDAR = """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow tonight
    montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli
    oktober dezember lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre lunes martes miércoles
    jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre segunda terça quarta quinta sexta janeiro fevereiro março
    maio junho julho setembro outubro dezembro lunedì martedì mercoledì giovedì venerdì sabato
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
"""
_CREDITS = """
    ap afp reuters dpa upi pti ians ani xinhua tass efe ansa yonhap kyodo anadolu bernama
    getty images shutterstock istock photo photos file credit copyright advertisement
"""
CALENDAR_WORDS = frozenset(_CALENDAR.split())
CREDIT_WORDS = frozenset(_CREDITS.split())
# A capitalised token: a letter first (any script with case), then letters, digits, inner
# dots, apostrophes, ampersands and hyphens ("U.S.", "O'Neill", "AT&T", "Baden-Württemberg").
_TOKEN = re.compile(r"[^\W\d_][\w.'’&-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# Where a run of capitalised words must stop: punctuation between clauses, a sentence end.
_CLAUSE = re.compile(r"[,;:!?()\[\]\"“”«»„|/–—…]|\.(?:\s|$)|\s-\s")


def not_a_name(word: str) -> bool:
    """Return True for a calendar word or a credit line's word ('Tuesday', 'AP', 'Getty')."""
    key = word.lower().strip(".")
    return key in CALENDAR_WORDS or key in CREDIT_WORDS


def capitalised_runs(text: str) -> Counter[tuple[str, ...]]:
    """Count the runs of consecutive capitalised words in a text ("San Francisco").

    Runs stop at clause punctuation and sentence ends, and are split at calendar and credit
    words, so "Tuesday (AP) San Francisco" gives ("San", "Francisco") alone.
    """
    runs: Counter[tuple[str, ...]] = Counter()
    for clause in _CLAUSE.split(text):
        run: list[str] = []
        for token in clause.split():
            word = _POSSESSIVE.sub("", token.rstrip(".'’-"))
            if _TOKEN.fullmatch(word) and word[0].isupper() and not not_a_name(word):
                run.append(word)
                continue
            if run:
                runs[tuple(run)] += 1
            run = []
        if run:
            runs[tuple(run)] += 1
    return runs
