"""The one settings loader (briefing/settings.py), on a settings class of the test's own."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from briefing.settings import SettingsError, load


@dataclass(frozen=True)
class Inner:
    share: float = 0.5


@dataclass(frozen=True)
class Options:
    count: int = 3
    ratio: float = 1.5
    on: bool = True
    name: str = "x"
    path: str | None = None
    names: tuple[str, ...] = ()
    inner: Inner = field(default_factory=Inner)


def test_no_dict_gives_the_defaults() -> None:
    assert load("OPTS", Options, None) == Options()
    assert load("OPTS", Options, {}) == Options()


def test_values_are_merged_over_the_defaults_in_their_types() -> None:
    got = load(
        "OPTS",
        Options,
        {"count": 7, "ratio": 2, "path": "a/b", "names": ["p", "q"], "inner": {"share": 1}},
    )
    assert got == Options(count=7, ratio=2.0, path="a/b", names=("p", "q"), inner=Inner(1.0))
    assert isinstance(got.ratio, float) and isinstance(got.inner.share, float)
    assert load("OPTS", Options, {"path": None}).path is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"cuont": 1}, r"^OPTS: unknown key\(s\) cuont$"),
        ({"inner": {"shar": 1}}, r"^OPTS\['inner'\]: unknown key\(s\) shar$"),
        ({"count": "3"}, r"^OPTS\['count'\] must be an integer, got '3'$"),
        ({"count": True}, r"OPTS\['count'\] must be an integer"),  # a bool is not a number
        ({"on": 1}, r"OPTS\['on'\] must be true or false"),
        ({"ratio": -0.1}, r"OPTS\['ratio'\] must not be negative"),
        ({"names": "pq"}, r"OPTS\['names'\] must be a list of strings"),
        ({"names": ["p", 1]}, r"OPTS\['names'\] must be a list of strings"),
        ({"path": 3}, r"OPTS\['path'\] must be a string or None"),
        ({"inner": 0.5}, r"OPTS\['inner'\] must be a dict"),
    ],
    ids=[
        "typo",
        "nested-typo",
        "str-for-int",
        "bool-for-int",
        "int-for-bool",
        "negative",
        "str-for-list",
        "list-of-mixed",
        "int-for-optional",
        "number-for-dict",
    ],
)
def test_bad_values_name_the_setting_and_the_key(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load("OPTS", Options, raw)


def test_a_setting_that_is_no_dict_is_refused() -> None:
    with pytest.raises(SettingsError, match="OPTS must be a dict, got list"):
        load("OPTS", Options, [("count", 1)])  # type: ignore[arg-type]
