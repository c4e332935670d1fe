"""The layout's rules (README, "Layout"), checked on the source: which package may import which, and no circles.

Imports are read with `ast`, including those inside functions (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "storage", "flows")
# What storage may use of extractors: the record types and the shared lexicons (knowledge base, word lists).
STORAGE_MAY_USE = {"extractors.records", "extractors.kb", "extractors.config", "extractors.lexicon",
                   "extractors.accents", "extractors.calendar_words", "extractors.tariff_vocabulary"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """The project modules `name` imports (a `from package import module` counts as the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for target in targets:
            # the longest project module the import names ("extractors.records.Article" -> extractors.records)
            parts = target.split(".")
            for end in range(len(parts), 0, -1):
                candidate = ".".join(parts[:end])
                if candidate in MODULES:
                    if candidate != name:
                        found.add(candidate)
                    break
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def test_the_modules_are_found():
    assert {"extractors.pipeline", "extractors.quotes.component", "storage.linking.linker", "flows.cli"} <= set(GRAPH)


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if n.startswith("extractors")))
def test_extractors_know_no_database_and_no_flow(name):
    assert not {m for m in GRAPH[name] if m.split(".")[0] in ("storage", "flows")}


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if n.startswith("storage")))
def test_storage_uses_only_record_types_and_shared_lexicons(name):
    used = {m for m in GRAPH[name] if m.startswith("extractors")}
    assert used <= STORAGE_MAY_USE, f"{name} imports {sorted(used - STORAGE_MAY_USE)}"
    assert not {m for m in GRAPH[name] if m.startswith("flows")}


def test_nothing_imports_flows_from_outside():
    assert not {(n, m) for n, ms in GRAPH.items() for m in ms if m.startswith("flows") and not n.startswith("flows")}


def test_no_import_circle():
    """Depth-first search for a cycle among project modules (an `__init__` importing its own insides and
    being imported by them would count, so none does)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for dep in sorted(GRAPH[name]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state:
                cycle = visit(dep)
                if cycle:
                    return cycle
        state[name] = 2
        path.pop()
        return None

    for name in sorted(GRAPH):
        if name not in state:
            cycle = visit(name)
            assert cycle is None, " -> ".join(cycle)

