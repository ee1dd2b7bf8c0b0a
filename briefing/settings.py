"""One loader for every settings dict (``READ_NEXT = {...}``, ``PAGEFIND = {...}``, ...).

Each plugin describes its settings as a frozen dataclass whose defaults are the documented
values; :func:`load` merges the user's dict over them.  The same rules hold for every setting:

- an unknown key is an error that names it (a typo never silently does nothing);
- each value must have its default's type (an int is accepted for a float, a list of strings
  for a tuple of strings, ``None`` where the field allows it), numbers may not be negative;
- a field whose default is itself a dataclass takes a nested dict, merged the same way.

Every error is a :class:`SettingsError` naming the setting and the key, so a build fails with
one clear line.  Pure: no Pelican import (the plugins call it with Pelican's settings).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar, get_args, get_origin

T = TypeVar("T")


class SettingsError(ValueError):
    """A settings dict has an unknown key, or a value of the wrong type or range."""


def load(name: str, cls: type[T], raw: Mapping[str, Any] | None) -> T:
    """Return ``cls``'s defaults with the dict ``raw`` (the setting ``name``) merged over."""
    if raw is not None and not isinstance(raw, Mapping):
        raise SettingsError(f"{name} must be a dict, got {type(raw).__name__}")
    return _merge(name, cls(), raw or {})


def _merge(name: str, default: T, raw: Mapping[str, Any]) -> T:
    cls = type(default)
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(str(k) for k in set(raw) - known)
    if unknown:
        raise SettingsError(f"{name}: unknown key(s) {', '.join(unknown)}")
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        current = getattr(default, key)
        where = f"{name}[{key!r}]"
        if dataclasses.is_dataclass(current):
            if not isinstance(value, Mapping):
                raise SettingsError(f"{where} must be a dict, got {value!r}")
            changes[key] = _merge(where, current, value)
        else:
            changes[key] = _typed(where, value, hints[key])
    return dataclasses.replace(default, **changes)  # type: ignore[type-var]


def _typed(where: str, value: Any, hint: Any) -> Any:
    """Return ``value`` as the type ``hint`` asks for, or raise naming the key."""
    options = get_args(hint) if get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if value is None and type(None) in options:
        return None
    for option in (o for o in options if o is not type(None)):
        ok, converted = _as(value, option)
        if not ok:
            continue
        number = isinstance(converted, int | float) and not isinstance(converted, bool)
        if number and converted < 0:
            raise SettingsError(f"{where} must not be negative, got {value!r}")
        return converted
    wanted = " or ".join(_label(o) for o in options)
    raise SettingsError(f"{where} must be {wanted}, got {value!r}")


def _as(value: Any, option: Any) -> tuple[bool, Any]:
    """Say whether ``value`` fits the type ``option``, and return it in that type."""
    if option is bool or isinstance(value, bool):
        return option is bool and isinstance(value, bool), value
    if option is float:
        return isinstance(value, int | float), float(value) if isinstance(value, int | float) else 0
    if get_origin(option) is tuple:
        (item,) = (a for a in get_args(option) if a is not Ellipsis)
        fits = isinstance(value, list | tuple) and all(isinstance(v, item) for v in value)
        return fits, tuple(value) if fits else ()
    return isinstance(value, option), value


_LABELS = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


def _label(option: Any) -> str:
    if get_origin(option) is tuple:
        return "a list of " + _label(get_args(option)[0]).removeprefix("a ") + "s"
    if option is type(None):
        return "None"
    return _LABELS.get(option) or "a " + getattr(option, "__name__", str(option))
