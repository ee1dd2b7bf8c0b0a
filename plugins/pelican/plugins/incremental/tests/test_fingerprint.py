"""The digest of what a page shows: different values differ, equal values agree."""

from __future__ import annotations

import datetime as dt

import pytest
from markupsafe import Markup
from pelican.plugins.incremental.fingerprint import Fingerprint

DIFFERENT = [
    pytest.param(["ab", "c"], ["a", "bc"], id="where-strings-split"),
    pytest.param("1", 1, id="string-or-number"),
    pytest.param("x", Markup("x"), id="string-or-markup"),
    pytest.param("é", "e\u0301", id="composed-or-not"),
    pytest.param(["a", ["b"]], [["a"], "b"], id="nesting"),
    pytest.param({"title": "a b"}, {"title": "a", "b": ""}, id="mapping"),
    pytest.param("\ud800", "\ufffd", id="lone-surrogate"),
    pytest.param(dt.date(2026, 1, 2), "2026-01-02", id="date-or-its-text"),
]
SAME = [
    pytest.param("".join(["bo", "dy"]), "body", id="string-built-apart"),
    pytest.param(("a", 1), ["a", 1], id="tuple-as-list"),
    pytest.param({"b": 1, "a": [2]}, {"a": [2], "b": 1}, id="mapping-order"),
]


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_values_differ(one: object, other: object) -> None:
    assert Fingerprint().digest(one) != Fingerprint().digest(other)


@pytest.mark.parametrize(("one", "other"), SAME)
def test_equal_values_agree(one: object, other: object) -> None:
    assert Fingerprint().digest(one) == Fingerprint().digest(other)
