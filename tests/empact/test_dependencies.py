"""The import graph of the top-level packages, built from the source: dependencies go one way.

``empact`` (the project package: the gate, the API base, audit, the clock) serves the apps and
imports none of them; each business app imports only the apps below it; ``workspace`` (pages
showing several apps' data) and ``demo`` sit on top. Every ``import`` counts, also one inside a
function; migrations and tests do not. Strings (settings, ``include()``, ``apps.get_model``) are
not imports: that is how the project package names the apps it runs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED = {"tests", "migrations"}

# From the bottom up; a package may import only packages of a lower rank.
LAYERS: list[set[str]] = [
    {"empact"},
    {"actors"},
    {"cycles"},
    {"priorities"},
    {"oaps"},
    {"discussion"},
    {"reviews"},
    {"funding"},
    {"assessments"},
    {"revisions"},
    {"reminders"},
    {"workspace", "demo"},
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}
BUSINESS_APPS = set(RANK) - {"empact"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing top-level package
    target: str  # the imported top-level package
    where: str  # file:line

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def top_level_packages() -> set[str]:
    return {
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").is_file() and path.name not in EXCLUDED
    }


def imported_modules(tree: ast.AST):
    """(module name, line) of every absolute import, at any depth of the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno


def cross_package_imports() -> list[Import]:
    packages = top_level_packages()
    found = []
    for package in sorted(packages):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if EXCLUDED & set(relative.parts):
                continue
            tree = ast.parse(path.read_text(), filename=str(relative))
            for module, line in imported_modules(tree):
                target = module.split(".")[0]
                if target in packages and target != package:
                    found.append(Import(package, target, f"{relative}:{line}"))
    return found


def cycles(edges: list[Import]) -> list[list[str]]:
    """The cycles of the package graph, each as the packages along it."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                loop = path[path.index(nxt) :]
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    found.append([*loop, nxt])
            else:
                walk(nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_the_graph_is_read_from_the_source_including_imports_inside_functions():
    tree = ast.parse("import empact.clock\n\ndef f():\n    from oaps.models import Kpi\n")
    assert list(imported_modules(tree)) == [("empact.clock", 1), ("oaps.models", 4)]
    edges = cross_package_imports()
    assert any(e.source == "actors" and e.target == "empact" for e in edges)
    assert any(e.source == "workspace" and e.target == "oaps" for e in edges)


def test_every_top_level_package_has_its_place_in_the_layers():
    assert top_level_packages() == set(RANK), (
        "A new top-level package must be placed in LAYERS (and in README's diagram)."
    )


def test_there_is_no_import_cycle_between_top_level_packages():
    edges = cross_package_imports()
    loops = cycles(edges)
    report = []
    for loop in loops:
        report.append(" -> ".join(loop))
        for source, target in pairwise(loop):
            pair = [edge for edge in edges if (edge.source, edge.target) == (source, target)]
            report += [f"  {edge}" for edge in pair[:3]]
            if len(pair) > 3:
                report.append(f"  ... and {len(pair) - 3} more imports of {target} in {source}")
    assert not loops, "Import cycles:\n" + "\n".join(report)


def test_the_project_package_imports_no_business_app():
    offending = [
        str(edge)
        for edge in cross_package_imports()
        if edge.source == "empact" and edge.target in BUSINESS_APPS
    ]
    assert not offending, "empact/ imports a business app:\n" + "\n".join(offending)


def test_each_app_imports_only_the_apps_below_it():
    offending = [
        str(edge)
        for edge in cross_package_imports()
        if edge.source in RANK and edge.target in RANK and RANK[edge.target] >= RANK[edge.source]
    ]
    order = " < ".join("/".join(sorted(layer)) for layer in LAYERS)
    assert not offending, f"Imports against the order {order}:\n" + "\n".join(offending)
