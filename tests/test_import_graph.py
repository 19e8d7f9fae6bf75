"""The package's import graph has no cycles, and every module imports on its own.

Edges come from every ``import`` statement in the source (module level and inside
functions alike), parsed with :mod:`ast`; ``from . import x`` counts as an import
of the submodule ``x`` when there is one, else of the package itself.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import framing

ROOT = Path(framing.__file__).parent


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports."""
    known = modules()
    graph: dict[str, set[str]] = {m: set() for m in known}
    for module, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, path, node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            for target in targets:
                while target and target not in known:  # `import framing.x.y` names framing.x.y
                    target = target.rpartition(".")[0]
                if target and target != module:
                    graph[module].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None (iterative DFS, sorted: deterministic)."""
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return None


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
])
def test_find_cycle_finds_cycles(graph, cycle):
    assert find_cycle(graph) == cycle


def test_package_import_graph_has_no_cycles():
    graph = import_graph()
    assert len(graph) > 30 and "framing.compare.core" in graph["framing.compare"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_library_never_imports_the_cli():
    graph = import_graph()
    offenders = sorted(m for m, deps in graph.items()
                       if not m.startswith("framing.cli") and m not in ("framing.__main__",)
                       and any(d == "framing.cli" or d.startswith("framing.cli.") for d in deps))
    assert offenders == []


@pytest.mark.slow
def test_every_module_imports_alone_in_a_fresh_interpreter():
    names = sorted(modules())
    runs = [[n] for n in names] + [names, names[::-1]]  # each alone, then all in both orders
    failures = []
    for run in runs:
        proc = subprocess.run([sys.executable, "-c", "import importlib, sys\n"
                               "for n in sys.argv[1:]: importlib.import_module(n)", *run],
                              capture_output=True, text=True)
        if proc.returncode:
            failures.append(f"{run[0] if len(run) == 1 else 'all'}: {proc.stderr.strip().splitlines()[-1]}")
    assert failures == []
