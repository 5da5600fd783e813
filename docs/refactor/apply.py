"""Move every top-level definition of the flat package into its package folder (issue 16).

One-shot tool, kept for the record of how the layout was made: ``python apply.py REPO``.
It reads the mapping below (old module → default new module, plus per-name moves), writes
each new module from the definitions placed in it (with their leading comments), copies the
old module's imports into each of its successors (``ruff --fix`` then drops the unused ones),
rewrites every ``from .old import names`` (at any depth) to the new homes, and rewrites
``from sysml_graph.old import names`` in tests and benchmarks.
"""

from __future__ import annotations

import ast
import collections
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(sys.argv[1])
SRC = REPO / "src" / "sysml_graph"

DEFAULT = {
    "__init__": "__init__",
    "__main__": "__main__",
    "problems": "problems",
    "resources": "resources",
    "gcpause": "gcpause",
    "records": "corpus.records",
    "yamlio": "corpus.yamlio",
    "iri": "corpus.iri",
    "check": "corpus.rules",
    "load": "corpus.fields",
    "namespaces": "rdf.namespaces",
    "vocab": "rdf.rdflib_api",
    "to_rdf": "rdf.mapping",
    "kgraph": "rdf.store",
    "export": "rdf.serialise",
    "shacl": "shacl.validate",
    "shacl_sparql": "shacl.sparql_engine",
    "sparql": "sparql.safety",
    "offline": "sparql.offline",
    "remote": "sparql.remote",
    "server": "sparql.server",
    "query_worker": "sparql.worker",
    "network": "network.projection",
    "render": "network.page",
    "igraph_import": "network.layout",
    "analysis": "stats.analysis",
    "plots": "stats.plots",
    "tables": "exports.tables",
    "bibtex": "exports.bibtex",
    "markdown_list": "importers.markdown_list",
    "entries": "importers.entries",
    "awesome": "importers.awesome",
    "venues": "importers.venues",
    "tagger": "importers.tagger",
    "importer": "importers.drafts",
    "report": "cli.report",
    "pipeline": "builder.pipeline",
    "build_index": "builder.outputs",
    "cache": "builder.cache",
    "rebuild": "builder.rebuild",
    "build_lock": "builder.lock",
    "output_set": "builder.publish",
    "cli": "cli.main",
}
MOVE: dict[tuple[str, str], str] = {}


def move(old: str, new: str, *names: str) -> None:
    for n in names:
        MOVE[(old, n)] = new


move(
    "load",
    "corpus.parse",
    "parse_paper",
    "_sources",
    "parse_people",
    "parse_venues",
    "_edition",
    "parse_source_lists",
    "parse_editions",
    "parse_scheme",
    "Parsed",
    "parse_file",
    "parse_files",
)
move("load", "corpus.files", "rel", "paper_names", "paper_files", "IMPORTED", "file_groups")
move("load", "corpus.files", "iter_files")
move("load", "corpus.read", "load_corpus", "read_corpus")
move(
    "load",
    "builder.parse_cache",
    "ParseCache",
    "_PAYLOADS",
    "_encode_entries",
    "_decode_entries",
    "_cache_version",
)
move("importer", "corpus.paper_yaml", "PAPER_KEYS", "_paper_yaml")
move("rebuild", "corpus.files", "is_paper_file", "_order", "PAPER_FOLDERS")
# rdf
move("to_rdf", "rdf.namespaces", "_ns", "_u", "_Terms", "RDF_TYPE", "RDFS_LABEL")
move("to_rdf", "rdf.namespaces", "XSD_GYEAR", "XSD_INTEGER", "XSD_BOOLEAN", "SG", "SKOS")
move("to_rdf", "rdf.namespaces", "DCTERMS", "SDO", "BIBO", "FABIO", "PRO", "CITO", "PROV")
move("to_rdf", "rdf.namespaces", "FOAF", "VOID", "_FABIO")
move("to_rdf", "rdf.ntriples", "_NEEDS_ESCAPE", "_ECHAR", "_escape", "lit", "en", "typed")
move("to_rdf", "rdf.ntriples", "integer", "node", "link", "is_link", "origin_link")
move("to_rdf", "rdf.rdflib_api", "new_graph", "build_graph")
move("kgraph", "rdf.rdflib_api", "_to_rdflib")
move("export", "rdf.namespaces", "ENTITY_KINDS", "WRITE_PREFIXES")
move("export", "atomic", "staged", "write_atomic", "copy_atomic")
move("network", "rdf.namespaces", "short_id", "_iri_id")
move("sparql", "rdf.namespaces", "QUERY_PREFIXES", "XSD_STRING")
move("shacl", "rdf.namespaces", "SGS", "SH", "_curie")
move("shacl", "rdf.locations", "locations")
move("shacl", "shacl.pyshacl_engine", "_pyshacl_results")
move("shacl", "shacl.shapes", "year_pattern", "_Result")
move("shacl", "shacl.sparql_engine", "_checks", "_sparql_results")
# sparql
move("sparql", "sparql.errors", "QueryError")
move("sparql", "sparql.named", "ENTITY_PARAMS", "PARAM_KINDS", "_PARAM", "Param", "NamedQuery")
move("sparql", "sparql.named", "parse_named", "named_queries", "resolve")
move("sparql", "sparql.params", "term_for", "_ID", "close_ids", "check_bindings", "bind")
move("sparql", "sparql.params", "_blank_comments")
move("sparql", "sparql.run", "Answer", "run")
move("sparql", "sparql.results", "_is_iri", "_from_rdflib", "answer_of", "json_term")
move("sparql", "sparql.results", "format_result", "_table", "_short")
# network
move("network", "network.views", "VIEWS", "UnknownNode", "coauthor_view", "induced_subgraph")
move("network", "network.views", "topics_view", "resolve_node", "view")
move("analysis", "network.concepts", "ancestors")
move("render", "network.layout", "layout")
move("render", "network.budget", "NODE_BUDGET", "EDGE_BUDGET", "ALWAYS_SHOWN", "degrees")
move("render", "network.budget", "reduce_to_budget", "_in_rank_order", "_kept")
move("tables", "exports.graphml", "_scalar", "graphml")
# importers
move("bibtex", "importers.bibtex", "_name", "read_bibtex")
move("importer", "importers.sources", "ListInfo", "read_source_txt", "list_info", "markdown_files")
move("importer", "importers.write", "write_imported")
move("importer", "importers.run", "import_bibtex", "import_lists")
# builder
move("pipeline", "api", "graph_from_data", "graph_from_file")
move("build_index", "builder.parse_cache", "parse_cache_file")
move("build_index", "builder.fingerprint", "code_key", "fingerprint", "scan")
move("build_index", "builder.network_cache", "NETWORK", "NETWORK_KIND", "stage_network")
move("build_index", "builder.network_cache", "encode_network", "decode_network")
move("build_index", "builder.reuse", "built_graph", "_make_index")
move("build_index", "builder.network_reuse", "built_network")
move("rebuild", "builder.outputs", "HTML", "_output")
move("rebuild", "rdf.namespaces", "RDF_TYPE", "PROV_ENTITY")
move("rebuild", "builder.cache", "_silent")
move("rebuild", "builder.rebuild_state", "STATE", "STATE_KIND", "State", "_paper_keys")
move("rebuild", "builder.rebuild_state", "draft_state", "forget_state", "_encode_state")
move("rebuild", "builder.rebuild_state", "_decode_state", "save_state", "_load_state")
move("rebuild", "builder.rebuild_state", "_outputs_untouched", "_network_untouched")
move("rebuild", "builder.rebuild_state", "_deltas_untouched", "_untouched", "_stat")
move("rebuild", "builder.rebuild_state", "NotIncremental")
move("rebuild", "builder.splice", "SPLICED", "_dump", "_turtle_prelude", "run_of", "head_of")
move("rebuild", "builder.splice", "_marker", "_header_lines", "_find_in_order")
move("rebuild", "builder.splice", "_reversed_lines", "_plan", "_Splice", "_copy")
move("rebuild", "builder.network_deltas", "Delta", "DELTAS", "DELTAS_KIND", "_read_network")
move("rebuild", "builder.network_deltas", "apply_delta", "_read_deltas", "_decode_deltas")
move("rebuild", "builder.network_reuse", "patched_network", "built_network")
move("rebuild", "builder.page_worker", "_page_worker", "PageWorker")
move("cli", "builder.full", "_build")
move("cli", "builder.reuse", "_load_graph", "_owners")
move("cli", "builder.network_reuse", "_load_network")
# cli
move("cli", "cli.options", "DATA_OPTION", "graph_option", "import_options", "_data", "KG", "F")
move("cli", "cli.options", "remote_options")
move("cli", "cli.exit", "reports_problems", "_KEPT", "_keep_until_exit")
move("cli", "cli.output", "_progress")
for _cmd, _mod in [
    ("validate", "validate"),
    ("build", "build"),
    ("query", "query"),
    ("_echo_answer", "query"),
    ("export", "export"),
    ("render", "render"),
    ("stats", "stats"),
    ("serve", "serve"),
    ("push", "push"),
    ("import_", "imports"),
    ("awesome", "imports"),
    ("bibtex", "imports"),
    ("_finish_import", "imports"),
]:
    MOVE[("cli", _cmd)] = "cli." + _mod
COMMANDS = ["validate", "build", "query", "export", "render", "stats", "serve", "push", "import_"]
SUBCOMMANDS = ["awesome", "bibtex"]


def target(mod: str, name: str) -> str:
    return MOVE.get((mod, name), DEFAULT[mod])


def rel(frm: str, to: str) -> str:
    """The relative module path ``from`` uses to import ``to`` (both dotted, no package)."""
    fp = frm.split(".")[:-1]
    tp = to.split(".")
    if fp and tp[:-1] == fp:
        return "." + tp[-1]
    dots = "." * (len(fp) + 1)
    return dots + ".".join(tp)


def defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def rewrite_import(node: ast.ImportFrom, here: str | None, indent: str) -> str:
    """The statement(s) replacing ``node`` in new module ``here`` (None: absolute)."""
    if here is not None:
        assert node.level == 1, ast.unparse(node)
        old = node.module
    else:
        old = (node.module or "").removeprefix("sysml_graph").lstrip(".") or None
    groups: dict[str, list[str]] = collections.defaultdict(list)
    lines = []
    for a in node.names:
        text = a.name + (f" as {a.asname}" if a.asname else "")
        if old is None:
            if a.name == "__version__":
                groups["__init__"].append(text)
            elif a.name in DEFAULT:  # a module
                new = DEFAULT[a.name]
                pkg, _, leaf = new.rpartition(".")
                alias = f" as {a.asname}" if a.asname and a.asname != leaf else ""
                if a.asname is None and leaf != a.name:
                    alias = f" as {a.name}"
                if here is None:
                    base = f"sysml_graph.{pkg}" if pkg else "sysml_graph"
                elif pkg == here.rpartition(".")[0]:
                    base = "."
                elif not pkg:
                    base = "." * len(here.split("."))
                else:
                    base = rel(here, pkg + ".x").rsplit(".", 1)[0]
                lines.append(f"{indent}from {base} import {leaf}{alias}")
            else:
                raise SystemExit(f"cannot place {a.name} imported from the package")
            continue
        groups[target(old, a.name)].append(text)
    for new, names in groups.items():
        if new == "__init__":
            mod = ("." * len(here.split("."))) if here else "sysml_graph"
        else:
            mod = rel(here, new) if here else f"sysml_graph.{new}"
        if here is not None and new == here:
            continue  # now defined in this module
        lines.append(f"{indent}from {mod} import {', '.join(names)}")
    return "\n".join(lines)


def rewrite_imports(text: str, here: str | None) -> str:
    """Every package import in ``text`` (a module or a segment) rewritten for ``here``."""
    tree = ast.parse(text)
    lines = text.split("\n")
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if here is not None and node.level == 1:
                pass
            elif here is None and (node.module or "").split(".")[0] == "sysml_graph":
                pass
            else:
                continue
            start, end = node.lineno - 1, node.end_lineno
            indent = re.match(r"\s*", lines[start]).group(0)
            tail = lines[end - 1]
            comment = tail[tail.index("#") :] if "#" in tail and ")" not in tail[tail.index("#"):] else ""
            new = rewrite_import(node, here, indent)
            if comment and new:
                new = new + "  " + comment
            edits.append((start, end, new if new else f"{indent}pass"))
    for start, end, new in sorted(edits, reverse=True):
        lines[start:end] = new.split("\n") if new else []
    return "\n".join(lines)


def segments(path: Path):
    text = path.read_text()
    tree = ast.parse(text)
    lines = text.split("\n")
    doc = ast.get_docstring(tree, clean=False)
    if doc is not None:
        first = tree.body[0]
        doc = "\n".join(lines[first.lineno - 1 : first.end_lineno])
    header: list[str] = []  # imports and TYPE_CHECKING blocks
    segs = []  # (names, text)
    body = tree.body
    if doc is not None:
        body = body[1:]
    for node in body:
        start = node.lineno - 1
        decos = getattr(node, "decorator_list", [])
        if decos:
            start = min(d.lineno for d in decos) - 1
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        chunk = "\n".join(lines[start : node.end_lineno])
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            header.append(chunk)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            header.append(chunk)
        else:
            segs.append((defined_names(node), node, chunk))
    return doc, header, segs


def main() -> None:
    mods = {p.stem: p for p in sorted(SRC.glob("*.py"))}
    unknown = [m for m in mods if m not in DEFAULT]
    if unknown:
        raise SystemExit(f"unmapped: {unknown}")
    out: dict[str, dict] = collections.defaultdict(
        lambda: {"doc": None, "headers": [], "segs": [], "needs": collections.defaultdict(set), "from": []}
    )
    for mod, path in mods.items():
        doc, header, segs = segments(path)
        own = {n: target(mod, n) for names, _, _ in segs for n in names}
        main_target = DEFAULT[mod]
        out[main_target]["doc"] = doc
        used_targets = set()
        for names, node, chunk in segs:
            tgt = target(mod, names[0]) if names else main_target
            used_targets.add(tgt)
            if mod == "cli" and isinstance(node, ast.FunctionDef):
                chunk = re.sub(r"@cli\.(command|group)\(", r"@click.\1(", chunk)
            out[tgt]["segs"].append((mod, rewrite_imports(chunk, tgt)))
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and n.id in own and own[n.id] != tgt and n.id not in names:
                    out[tgt]["needs"][own[n.id]].add(n.id)
        for tgt in used_targets | {main_target}:
            out[tgt]["headers"].append((mod, [rewrite_imports(h, tgt) for h in header]))
            out[tgt]["from"].append(mod)
    # cli.main registers the commands
    reg = ["", ""] + [f"cli.add_command({c})" for c in COMMANDS]
    for c in COMMANDS:
        out["cli.main"]["needs"][target("cli", c)].add(c)
    # git mv the module each default target comes from, then write everything
    for mod, path in mods.items():
        new = DEFAULT[mod]
        dest = SRC / (new.replace(".", "/") + ".py")
        if dest != path:
            dest.parent.mkdir(exist_ok=True)
            subprocess.run(["git", "mv", str(path), str(dest)], cwd=REPO, check=True)
    for new, parts in out.items():
        dest = SRC / (new.replace(".", "/") + ".py")
        dest.parent.mkdir(exist_ok=True)
        init = dest.parent / "__init__.py"
        if dest.parent != SRC and not init.exists():
            init.write_text(f'"""{dest.parent.name}: TODO."""\n')
        doc = parts["doc"] if parts["doc"] is not None else '"""TODO."""'
        text = [doc, "", "from __future__ import annotations", ""]
        plain: list[str] = []
        checking: list[str] = []
        for mod, header in parts["headers"]:
            for h in header:
                tree = ast.parse(h)
                node = tree.body[0]
                if isinstance(node, ast.If):
                    for line in "\n".join(
                        ast.unparse(x) for x in node.body
                    ).split("\n"):
                        if line.strip() != "pass" and line not in checking:
                            checking.append(line)
                else:
                    for line in ast.unparse(tree).split("\n"):
                        if line.strip() != "pass" and line not in plain:
                            plain.append(line)
        text += plain
        if checking:
            text += ["from typing import TYPE_CHECKING", "", "if TYPE_CHECKING:"]
            text += ["    " + line for line in checking]
        for src_mod, names in sorted(parts["needs"].items()):
            names = sorted(names)
            if src_mod == new:
                continue
            text.append(f"from {rel(new, src_mod)} import {', '.join(names)}")
        text.append("")
        for mod, chunk in parts["segs"]:
            text += ["", chunk]
        if new == "cli.main":
            text += reg
        body = "\n".join(text) + "\n"
        if new == "__main__":
            body = "\n".join(text[:1]) + "\n\n" + "\n".join(h for _, hs in parts["headers"] for h in hs) + "\n\n" + "\n".join(c for _, c in parts["segs"]) + "\n"
        # rewrite imports copied from the old module (relative to the new place)
        dest.write_text(body)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--outside":
        for p in sys.argv[3:]:
            f = Path(p)
            f.write_text(rewrite_imports(f.read_text(), None))
    else:
        main()
