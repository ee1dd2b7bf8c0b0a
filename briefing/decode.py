"""Bytes of a raw file to clean text: encodings, BOMs, line endings, binary detection."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import CharsetMatch, from_bytes


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the reason shown to the user."""


def decode(data: bytes) -> str:
    """Return the text of ``data`` with LF line endings, NFC, no BOM; raise DecodeError."""
    for bom, codec in _UTF_BOMS:
        if data.startswith(bom):
            try:
                return _clean(data[len(bom) :].decode(codec))
            except UnicodeDecodeError:
                raise DecodeError(f"not valid {codec} text after its byte-order mark") from None
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not a text page dump")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess(data)
    return _clean(text)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# UTF-32 first: its little-endian BOM starts with UTF-16's.
_UTF_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# When charset-normalizer scores several encodings equally (short texts often do: French in
# latin-1 decodes without "chaos" as cp1250 too), prefer the ones most common on news sites.
PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2")
TIE = 0.01  # chaos/coherence differences below this are noise for texts of a few hundred bytes


def _guess(data: bytes) -> str:
    """Decode non-UTF-8 text (cp1251, latin-1...) with charset-normalizer's best guess."""
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("not readable as text in any known encoding")
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m for m in matches if m.chaos - best.chaos < TIE and best.coherence - m.coherence < TIE]

    def rank(match: CharsetMatch) -> int:
        enc = match.encoding
        return PREFERRED.index(enc) if enc in PREFERRED else len(PREFERRED)

    return str(min(tied, key=rank))
