"""The normaliser's import graph has no cycle: read from the source of every ``briefing`` module.

Every import counts, wherever it stands (top level, ``if TYPE_CHECKING:``, inside a function),
so a cycle cannot hide behind a late or type-only import.  Importing ``a.b.c`` runs ``a`` and
``a.b`` too, so those are edges as well, except a module's own packages: they are initialised
before it, and importing from them is no cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "briefing"
Graph = Mapping[str, set[str]]


def module_files(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Return every module of ``package`` by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _ancestors(name: str) -> Iterator[str]:
    parts = name.split(".")
    for n in range(1, len(parts)):
        yield ".".join(parts[:n])


def _base(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The absolute module a ``from ... import`` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    here = name.split(".") if is_package else name.split(".")[:-1]
    here = here[: len(here) - node.level + 1]
    return ".".join([*here, node.module] if node.module else here)


def imports_of(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """Return the known modules that importing ``name`` runs (its own packages left out)."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(node, name, path.name == "__init__.py")
            targets.add(base)
            targets.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)
    targets |= {a for t in targets for a in _ancestors(t)}
    own = {name, *_ancestors(name)}
    return {t for t in targets if t in known and t not in own}


def import_graph(known: Mapping[str, Path]) -> dict[str, set[str]]:
    """Return each module's edges to the modules importing it runs."""
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: Graph) -> list[list[str]]:
    """Return the graph's strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


GRAPH = import_graph(module_files())


def test_the_normaliser_has_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        pytest.param("briefing.extract", "briefing.generic", id="dispatcher-to-extractors"),
        pytest.param("briefing.extract", "briefing.profiles", id="dispatcher-to-profiles"),
        pytest.param("briefing.generic.dump", "briefing.extraction", id="extractor-to-types"),
        pytest.param("briefing.generic.dump", "briefing.generic.dates", id="sibling-module"),
        pytest.param("briefing.ingest", "briefing.extract", id="ingest-to-dispatcher"),
        pytest.param("briefing.profiles.layouts", "briefing.extraction", id="type-only-import"),
    ],
)
def test_the_graph_holds_the_imports_the_source_makes(importer: str, imported: str) -> None:
    assert imported in GRAPH[importer]


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        pytest.param({"a": {"b"}, "b": {"a"}}, [["a", "b"]], id="two-modules"),
        pytest.param(
            {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]], id="ring"
        ),
        pytest.param({"a": {"b", "c"}, "b": {"c"}, "c": set()}, [], id="diamond"),
    ],
)
def test_cycles_are_found(graph: Graph, expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_a_late_import_back_is_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.a import x\n")
    graph = import_graph(module_files(tmp_path, "pkg"))
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
