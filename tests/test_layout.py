"""The package layout keeps the data flow visible: one folder per step, no import cycle, the
command line imported by nobody, and package imports at the top of modules.

Read from the source with :mod:`ast` (no import runs), so a failure names the file and line.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "sysml_graph"

# The steps of the data flow, each a folder, in the order data goes through them; a step
# imports only steps before it (and the leaves at the package root).
STEPS = [
    "corpus",
    "rdf",
    "shacl",
    "sparql",
    "network",
    "stats",
    "exports",
    "site",
    "importers",
    "builder",
    "cli",
]
# The leaves at the package root, importing no step ...
LEAVES = {"__init__", "problems", "resources", "atomic", "gcpause"}
# ... and the two entry points above everything.
TOP = {"api", "__main__"}
# Steps that may import a step listed after them: none.
ALLOWED_BACKWARDS: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int, bool, bool]]:
    """(imported module, line, at top level, only for type checking) for each package
    import of module ``name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    checking: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking |= {id(n) for n in ast.walk(node)}
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = here[: len(here) - (node.level - 1)]
            mod = ".".join(base + ([node.module] if node.module else []))
        elif (node.module or "").split(".")[0] == "sysml_graph":
            mod = node.module or ""
        else:
            continue
        targets = [mod]
        if not node.module or (node.level and mod in {"sysml_graph", *MODULES}):
            # ``from . import x``: x may be a module
            targets = [
                f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names
            ]
        for target in targets:
            while target not in MODULES and "." in target:
                target = target.rsplit(".", 1)[0]
            out.append((target, node.lineno, id(node) in top, id(node) in checking))
    return out


def _step(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else parts[-1] if len(parts) == 2 else "__init__"


def test_every_module_is_in_a_step_or_a_leaf() -> None:
    stray = [m for m in MODULES if _step(m) not in {*STEPS, *LEAVES, *TOP}]
    assert not stray, f"modules outside the layout (put them in a step folder): {stray}"


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        for target, _, _, checking in _imports(name, path):
            if not checking and target != name:
                graph[name].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
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
                cycles.append(sorted(comp))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles (move what both need into a module below them): {cycles}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_steps_import_only_earlier_steps(name: str) -> None:
    mine = _step(name)
    wrong = []
    for target, line, _, _ in _imports(name, MODULES[name]):
        theirs = _step(target)
        if theirs == mine or theirs in LEAVES or mine in TOP:
            continue
        if mine in LEAVES:
            wrong.append(f"{MODULES[name]}:{line}: a leaf imports {target}")
        elif (theirs in TOP or STEPS.index(theirs) > STEPS.index(mine)) and (
            mine,
            theirs,
        ) not in ALLOWED_BACKWARDS:
            wrong.append(
                f"{MODULES[name]}:{line}: step {mine} imports {target} of the later step"
                f" {theirs}; the data flows {' → '.join(STEPS)}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(m for m in MODULES if _step(m) != "cli"))
def test_package_imports_at_the_top(name: str) -> None:
    """Only the command line imports the library inside functions (so that ``--help`` and
    each command load only what they use); elsewhere an import inside a function would hide
    a cycle."""
    inside = [
        f"{MODULES[name]}:{line}: import of {target} inside a function; move it to the top"
        for target, line, top, checking in _imports(name, MODULES[name])
        if not top and not checking
    ]
    assert not inside, "\n".join(inside)


# rdflib only where a user asks for an rdflib.Graph (and the SHACL extra, which runs on one),
# and the safety check, which reads a query with rdflib's SPARQL 1.1 grammar (pyoxigraph
# exposes no parse tree); everything else works on pyoxigraph.
RDFLIB_ALLOWED = {
    "sysml_graph.rdf.rdflib_api",
    "sysml_graph.api",
    "sysml_graph.shacl.pyshacl_engine",
    "sysml_graph.sparql.safety",
}


def _rdflib_imports(path: Path) -> list[int]:
    """Lines of ``path`` that import rdflib, wherever they sit (in a function, under
    ``TYPE_CHECKING``): ``import rdflib…``, ``from rdflib… import``, and
    ``importlib.import_module`` / ``__import__`` of a literal rdflib name."""

    def is_rdflib(name: str | None) -> bool:
        return (name or "").split(".")[0] == "rdflib"

    def names(node: ast.AST) -> list[str | None]:
        if isinstance(node, ast.Import):
            return [a.name for a in node.names]
        if isinstance(node, ast.ImportFrom):
            return [None if node.level else node.module]
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).split(".")[-1] in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            return [node.args[0].value]
        return []

    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = [n.lineno for n in ast.walk(tree) if any(is_rdflib(m) for m in names(n))]
    return sorted(lines)


def test_rdflib_only_where_a_user_asks_for_it() -> None:
    assert not RDFLIB_ALLOWED - set(MODULES), RDFLIB_ALLOWED - set(MODULES)
    wrong = [
        f"{path}:{line}: imports rdflib; work on pyoxigraph (rdflib only in "
        f"{', '.join(sorted(RDFLIB_ALLOWED))})"
        for name, path in MODULES.items()
        if name not in RDFLIB_ALLOWED
        for line in _rdflib_imports(path)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_rdflib_check_sees_every_spelling(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import rdflib.namespace as ns\n"
        "if TYPE_CHECKING:\n"
        "    from rdflib import Graph\n"
        "def f():\n"
        "    from rdflib.term import URIRef\n"
        "    import importlib\n"
        "    return importlib.import_module('rdflib.plugins')\n"
        "from . import rdflib_api\n"
        "import rdflibx\n",
        encoding="utf-8",
    )
    assert _rdflib_imports(source) == [2, 4, 6, 8]
