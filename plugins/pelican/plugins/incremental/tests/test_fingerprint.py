"""The digest of what a page shows: different values differ, equal values agree."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

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
    # Inside a container the leaves are pickled together (fingerprint._leaves): the same cases.
    pytest.param([dt.date(2026, 1, 2), "a"], ["2026-01-02", "a"], id="leaves-date-or-its-text"),
    pytest.param([(b"date", "2026-01-02")], [dt.date(2026, 1, 2)], id="leaves-date-or-its-marker"),
    pytest.param([True, "a"], [1, "a"], id="leaves-bool-or-int"),
    pytest.param([1.0, "a"], [1, "a"], id="leaves-float-or-int"),
    pytest.param(["a", None], [None, "a"], id="leaves-order"),
    pytest.param(["a", b""], ["a", ""], id="leaves-bytes-or-string"),
    pytest.param(["x", Markup("y")], ["x", "y"], id="leaves-string-or-markup"),
    pytest.param([ZoneInfo("UTC"), "a"], [ZoneInfo("Asia/Baku"), "a"], id="leaves-time-zone"),
    pytest.param({"a": "x", "b": ["y"]}, {"a": ["x"], "b": "y"}, id="leaves-or-items-by-name"),
]
SAME = [
    pytest.param("".join(["bo", "dy"]), "body", id="string-built-apart"),
    pytest.param(("a", 1), ["a", 1], id="tuple-as-list"),
    pytest.param({"b": 1, "a": [2]}, {"a": [2], "b": 1}, id="mapping-order"),
    pytest.param([("a", 1), "b"], [["a", 1], "b"], id="nested-tuple-as-list"),
]


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_values_differ(one: object, other: object) -> None:
    assert Fingerprint().digest(one) != Fingerprint().digest(other)


@pytest.mark.parametrize(("one", "other"), SAME)
def test_equal_values_agree(one: object, other: object) -> None:
    assert Fingerprint().digest(one) == Fingerprint().digest(other)
