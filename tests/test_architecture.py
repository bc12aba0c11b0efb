"""The plan of the house (docs/architecture.md), checked on the source.

Imports point down the pipeline, with no cycle at module or package level
(function-local and TYPE_CHECKING imports included); SQL stays in
``litmap/store/``; Click only in ``cli.py``; ``import litmap.cli`` pulls in no
heavy library.  Each check fails on a single offending line.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "litmap"

#: Rank of each top-level part of litmap: a module may import its own part or a lower rank.
#: Parts of one rank above 0 are siblings and may not import each other.
RANK = {
    "litmap": 0, "models": 0, "errors": 0, "progress": 0, "util": 0,
    "read": 1, "parse": 2, "corpus": 3, "store": 4,
    "analyse": 5, "batch": 5, "export": 6, "report": 7,
    "pipeline": 8, "project": 8, "display": 8, "cli": 9, "__main__": 10,
}


def _modules() -> dict[str, Path]:
    mods = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """litmap modules that ``name`` imports, anywhere in its source."""
    is_pkg = path.name == "__init__.py"
    package = name.split(".") if is_pkg else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            if base.split(".")[0] == "litmap":
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names if a.name.split(".")[0] == "litmap"]
        for t in targets:
            while t not in MODULES and "." in t:
                t = t.rsplit(".", 1)[0]
            if t in MODULES and t != name:
                out.add(t)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "litmap"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_part_has_a_rank():
    assert {_part(m) for m in MODULES} - {"data"} <= set(RANK)


def test_no_import_cycle_between_modules():
    assert _cycles(GRAPH) == []


def test_no_import_cycle_between_subpackages():
    def unit(m: str) -> str:  # litmap.analyse.networks.build -> litmap.analyse.networks
        path = MODULES[m]
        return m if path.name == "__init__.py" or m.count(".") < 2 else m.rsplit(".", 1)[0]

    graph: dict[str, set[str]] = {}
    for a, targets in GRAPH.items():
        graph.setdefault(unit(a), set()).update(unit(b) for b in targets if unit(b) != unit(a))
    assert _cycles(graph) == []


def test_imports_point_down_the_pipeline():
    upward = sorted(
        f"{a} imports {b}" for a, targets in GRAPH.items() for b in targets
        if _part(a) != _part(b) and (RANK[_part(b)] > RANK[_part(a)] or (
            RANK[_part(b)] == RANK[_part(a)] > 0))
    )
    assert upward == []


_SQL_CALL = re.compile(r"\.(execute|executemany|executescript)\(")
_SQL_TEXT = re.compile(r"""["'](\s*)(SELECT|INSERT|UPDATE|DELETE|CREATE\s+(TABLE|INDEX|VIEW)|PRAGMA|WITH)\s""")


def test_all_sql_is_in_the_store():
    outside = sorted(
        f"{path.relative_to(ROOT)}:{i}" for name, path in MODULES.items() if _part(name) != "store"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _SQL_CALL.search(line) or _SQL_TEXT.search(line)
    )
    assert outside == []


def test_only_the_cli_imports_click():
    users = sorted(
        name for name, path in MODULES.items()
        if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "click" in
               ([a.name.split(".")[0] for a in n.names] if isinstance(n, ast.Import) else [(n.module or "").split(".")[0]])
               for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    )
    assert users == ["litmap.cli"]


@pytest.mark.parametrize("heavy", ["torch", "bertopic", "pdfplumber", "pypdfium2", "plotly", "numpy", "sklearn",
                                   "matplotlib", "networkx", "rich"])
def test_cli_start_up_imports_nothing_heavy(heavy):
    code = f"import sys, litmap.cli; print(any(m == {heavy!r} or m.startswith({heavy!r} + '.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
