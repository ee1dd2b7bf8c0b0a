"""Language of a text, offline, with py3langid."""

from __future__ import annotations

import py3langid

MIN_CHARS = 40  # below this langid guesses; better no language than a wrong one
SAMPLE_CHARS = 3000  # langid's accuracy saturates well before this; longer only costs time


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or None when there is too little."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
