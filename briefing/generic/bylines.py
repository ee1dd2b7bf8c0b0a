"""The authors of a text dump, from the byline in the block between headline and body.

A byline is a labelled line ("By A, B and C", "Von Anna Muster", "Autor: ...") or, where
the page writes no label, the first part of a dateline ("Jane Doe · CBC News · Posted: ...")
or a line of its own that is shaped like a name, next to the headline or the dateline.
Names are read one by one up to the first chunk that is not shaped like a name ("By TPN,
in News , Portugal" gives "TPN").
"""

from __future__ import annotations

import re

from briefing.generic.lines import Line
from briefing.generic.patterns import DATE_CUE, DATE_HINT, DATE_SEPARATORS, ROLE_WORDS

HEADER_LINES = 12  # the byline sits between the headline and the body, rarely further down
# A labelled byline above the headline, when none is below it ("By Jane Doe", the dateline, a
# photo, then the headline): this many lines up, no prose between.
ABOVE_LINES = 6
NEAR_LINES = 2  # an unlabelled name line sits this close to the headline or the dateline
MAX_NAME_WORDS = 5  # "Jan Michael Marchart", "María R. Sahuquillo"
MAX_AUTHORS = 6
_LABEL_WORDS = (
    r"(?:(?:written |reporting |text |words )?by|von|por|di|par|av|af|door|przez|от|"
    r"autor(?:in|es|en)?|authors?|text|texto|testo|texte|tekst)"
)
_LABEL = re.compile(rf"^{_LABEL_WORDS}\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_LABEL_ONLY = re.compile(rf"^{_LABEL_WORDS}\s*:?$", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:,|;|&|\+|\band\b|\bund\b|\by\b|\be\b|\bet\b|\bog\b|\boch\b|\bi\b)\s*")
# Trailers glued to a name: a comment count ("Rachel Brazil 0"), a reading time.
_TRAILER = re.compile(r"\s+(?:\d+\s*(?:min(?:ute)?s?|minuten)?\s*(?:read|lesezeit)?)$", re.I)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "do",
        "dos",
        "van",
        "von",
        "der",
        "den",
        "del",
        "della",
        "la",
        "le",
        "di",
        "du",
        "bin",
        "al",
        "ibn",
        "ter",
    ]
)
_CAPITAL = re.compile(r"^[^\W\d_]")
# After a name: the site it writes for ("Dolores Chang For Dailymail.Com", "Ann Lee,
# example.com": a host, and the short word that joins it) or the writer's role.
_SITE_TAIL = re.compile(r"(?:\s+\S{1,4})?\s+\w{2,}\.\w{2,}\S*$")
_ROLE_TAIL = re.compile(rf"\s+(?:{ROLE_WORDS})$", re.IGNORECASE)
# Not a word of a name: a label ("Foto:", "Photograph:"), an agency list ("SN/APA"), a host.
_NOT_NAME_WORD = re.compile(r":$|/|\w{2,}\.\w{2,}")


def find_authors(
    lines: list[Line], title: int | None, start: int, date: int | None
) -> tuple[str, ...]:
    """Return the byline's names from the header block (headline to body start)."""
    top = title + 1 if title is not None else max(0, start - HEADER_LINES)
    # Prose is skipped, not a stop: a lead paragraph often sits above the byline.
    header = [line for line in lines[top : top + HEADER_LINES] if line.text and not line.prose]
    for n, line in enumerate(header):
        for part in _parts(line.text):
            labelled = _LABEL.match(part)
            if labelled and (found := names(labelled["rest"], labelled=True)):
                return found
        below = header[n + 1].text if n + 1 < len(header) else ""
        if _LABEL_ONLY.match(line.text) and (found := names(below)):  # "By" alone, name below
            return found
    anchors = [i for i in (title, date) if i is not None]
    for line in header:
        if not any(abs(line.index - a) <= NEAR_LINES for a in anchors):
            continue
        first = _parts(line.text)[0]
        found = names(first)
        if found and (line.index == date or first == line.text) and _is_person(found[0]):
            return found
    return _labelled_above(lines, title)


def _labelled_above(lines: list[Line], title: int | None) -> tuple[str, ...]:
    """Return the names of a labelled byline a few lines above the headline ("By Jane Doe",
    the dateline and the headline below it), when none is below; else ()."""
    if title is None:
        return ()
    for line in reversed(lines[max(0, title - ABOVE_LINES) : title]):
        if line.prose:
            return ()
        labelled = _LABEL.match(_parts(line.text)[0]) if line.text else None
        if labelled and (found := names(labelled["rest"], labelled=True)):
            return found
    return ()


def is_byline(text: str) -> bool:
    """Return whether a line is a labelled byline ("By A, B and C", "Von Anna Muster")."""
    labelled = _LABEL.match(_parts(text)[0])
    return labelled is not None and bool(names(labelled["rest"], labelled=True))


def is_byline_label(text: str) -> bool:
    """Return whether a line is a byline label alone ("By", "Author:"): the name is below."""
    return _LABEL_ONLY.match(text) is not None


def unlabelled(text: str) -> str:
    """Return a byline's text without its label ("Autor Monika Bolliger" -> the name)."""
    labelled = _LABEL.match(text)
    return labelled["rest"] if labelled else text


def opens_with_label(text: str) -> bool:
    """Return whether a text opens with a byline label ("By ...", "Von ...", "Autor: ...")."""
    return _LABEL.match(text) is not None


def names(text: str, *, labelled: bool = False) -> tuple[str, ...]:
    """Return the names in a byline's text, up to the first chunk that is not a name.

    After a byline label ("By ...") a chunk may go on past the name ("Lance Ulanoff
    published 19 May 2026"): ``labelled`` keeps the name that opens it.
    """
    out: list[str] = []
    for chunk in _JOIN.split(_TRAILER.sub("", text.strip())):
        chunk = _bare_name(chunk.strip(" .:-–—|"))
        if not chunk:
            continue
        if not is_name(chunk):
            lead = _leading_name(chunk) if labelled else None
            out.extend([lead] if lead else [])
            break
        out.append(chunk)
    return tuple(dict.fromkeys(out))[:MAX_AUTHORS]


def _leading_name(chunk: str) -> str | None:
    """Return the person's name that opens a chunk the byline goes on after in lowercase or
    with a number ("Lance Ulanoff published 19 May 2026", "Marco Pizzorno 4 Febbraio")."""
    words = chunk.split()
    for k in range(min(MAX_NAME_WORDS, len(words) - 1), 1, -1):
        after = words[k]
        lead = words[:k]
        if after[0].isupper() or _is_cjk(after) or lead[-1].casefold() in _PARTICLES:
            continue
        if is_name(" ".join(lead)):
            return " ".join(lead)
    return None


def _bare_name(chunk: str) -> str:
    """Return a byline chunk without the site or role after the name, and once when the
    dump shows the name twice ("Martin Gramnæs Martin Gramnæs": a name and its link)."""
    chunk = _ROLE_TAIL.sub("", _SITE_TAIL.sub("", chunk))
    words = chunk.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return chunk


def is_name(text: str) -> bool:
    """Return whether ``text`` is shaped like a name: a few capitalised words, no digits."""
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or DATE_HINT.search(text) or DATE_CUE.search(text):
        return False
    if any(ch.isdigit() for ch in text) or not _CAPITAL.match(words[0]):
        return False
    if any(_NOT_NAME_WORD.search(w) for w in words):
        return False
    if not words[0][0].isupper() and not _is_cjk(text):
        return False
    return all(w[0].isupper() or w.casefold() in _PARTICLES or _is_cjk(w) for w in words)


def _is_person(name: str) -> bool:
    # An unlabelled line is a byline only when it reads as a person's name: two to four words
    # ("Tania Broughton") or a CJK name; one capitalised word is a section or a site name.
    return 2 <= len(name.split()) <= 4 or (_is_cjk(name) and len(name) <= 8)


def _parts(text: str) -> list[str]:
    return [p for p in DATE_SEPARATORS.split(text) if p.strip()] or [text]


def _is_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" for ch in text)
