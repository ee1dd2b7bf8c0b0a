"""Bytes of a raw file to clean text: encodings, BOMs, line endings, binary detection."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the reason shown to the user."""


def decode(data: bytes) -> str:
    """Return the text of ``data`` with LF line endings, NFC, no BOM; raise DecodeError."""
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not a text page dump")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _guess(data: bytes) -> str:
    """Decode non-UTF-8 text (cp1251, latin-1...) with charset-normalizer's best guess."""
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not readable as text in any known encoding")
    return str(best)
