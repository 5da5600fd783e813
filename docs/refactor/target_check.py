"""Map every top-level definition of src/sysml_graph/*.py to its proposed module, derive the
proposed import graph from what each definition references, and check it has no cycle
(module level and package level). Usage: python target_check.py SRC_DIR"""

import ast
import collections
import pathlib
import sys

SRC = pathlib.Path(sys.argv[1])
# old module -> default new module; then (old module, name) -> new module overrides.
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
    "cli": "cli.main",
}
MOVE = {}


def move(old, new, *names):
    for n in names:
        MOVE[(old, n)] = new


# corpus
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
move(
    "load",
    "corpus.files",
    "rel",
    "paper_names",
    "paper_files",
    "IMPORTED",
    "file_groups",
    "iter_files",
)
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
move(
    "to_rdf",
    "rdf.namespaces",
    "_ns",
    "_u",
    "_Terms",
    "RDF_TYPE",
    "RDFS_LABEL",
    "XSD_GYEAR",
    "XSD_INTEGER",
    "XSD_BOOLEAN",
    "SG",
    "SKOS",
    "DCTERMS",
    "SDO",
    "BIBO",
    "FABIO",
    "PRO",
    "CITO",
    "PROV",
    "FOAF",
    "VOID",
    "_FABIO",
)
move(
    "to_rdf",
    "rdf.ntriples",
    "_NEEDS_ESCAPE",
    "_ECHAR",
    "_escape",
    "lit",
    "en",
    "typed",
    "integer",
    "node",
    "link",
    "is_link",
    "origin_link",
)
move("to_rdf", "rdf.rdflib_api", "new_graph", "build_graph")
move("kgraph", "rdf.rdflib_api", "_to_rdflib", "KnowledgeGraph.rdflib")
move("export", "rdf.namespaces", "ENTITY_KINDS", "WRITE_PREFIXES")
move("export", "atomic", "staged", "write_atomic", "copy_atomic")
move("network", "rdf.namespaces", "short_id", "_iri_id")
move("sparql", "rdf.namespaces", "QUERY_PREFIXES", "XSD_STRING", "_short")
move("shacl", "rdf.namespaces", "SGS", "SH", "_curie")
move("shacl", "rdf.locations", "locations")
move("shacl", "shacl.pyshacl_engine", "_pyshacl_results")
move("cli", "rdf.provenance", "_owners")  # its SPARQL half; the YAML half goes to builder.reuse
# sparql
move("sparql", "sparql.errors", "QueryError")
move(
    "sparql",
    "sparql.named",
    "ENTITY_PARAMS",
    "PARAM_KINDS",
    "_PARAM",
    "Param",
    "NamedQuery",
    "parse_named",
    "named_queries",
    "resolve",
)
move(
    "sparql",
    "sparql.params",
    "term_for",
    "_ID",
    "close_ids",
    "check_bindings",
    "bind",
    "_blank_comments",
)
move("sparql", "sparql.run", "Answer", "run")
move(
    "sparql",
    "sparql.results",
    "_is_iri",
    "_from_rdflib",
    "answer_of",
    "_json_term",
    "format_result",
    "_table",
)
# network
move(
    "network",
    "network.views",
    "VIEWS",
    "UnknownNode",
    "coauthor_view",
    "induced_subgraph",
    "topics_view",
    "resolve_node",
    "view",
)
move("analysis", "network.concepts", "ancestors")
move("render", "network.layout", "import_igraph", "layout")
move(
    "render",
    "network.budget",
    "NODE_BUDGET",
    "EDGE_BUDGET",
    "ALWAYS_SHOWN",
    "degrees",
    "reduce_to_budget",
    "_in_rank_order",
    "_kept",
)
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
move(
    "build_index",
    "builder.network_cache",
    "NETWORK",
    "NETWORK_KIND",
    "stage_network",
    "encode_network",
    "decode_network",
)
move("build_index", "builder.reuse", "built_graph", "_make_index")
move("build_index", "builder.network_reuse", "built_network")
move("rebuild", "builder.outputs", "HTML", "_output")
move("rebuild", "rdf.namespaces", "RDF_TYPE", "PROV_ENTITY")
move("rebuild", "builder.cache", "_silent")
move(
    "rebuild",
    "builder.rebuild_state",
    "STATE",
    "STATE_KIND",
    "State",
    "_paper_keys",
    "draft_state",
    "forget_state",
    "_encode_state",
    "_decode_state",
    "save_state",
    "_load_state",
    "_outputs_untouched",
    "_network_untouched",
    "_deltas_untouched",
    "_untouched",
    "_stat",
)
move(
    "rebuild",
    "builder.splice",
    "SPLICED",
    "_dump",
    "_turtle_prelude",
    "run_of",
    "head_of",
    "_marker",
    "_header_lines",
    "_find_in_order",
    "_reversed_lines",
    "_plan",
    "_Splice",
    "_copy",
)
move(
    "rebuild",
    "builder.network_deltas",
    "Delta",
    "DELTAS",
    "DELTAS_KIND",
    "patched_network",
    "_read_network",
    "apply_delta",
    "_read_deltas",
    "_decode_deltas",
)
move("rebuild", "builder.page_worker", "_page_worker", "PageWorker")
move("cli", "builder.full", "_build")
move("cli", "builder.reuse", "_load_graph")
move("cli", "builder.network_reuse", "_load_network")
# fixes found by the first run of this script
move(
    "sparql", "sparql.results", "_short"
)  # keeps the term test, calls rdf.namespaces.short_id(text)
move("shacl", "shacl.shapes", "year_pattern", "_Result")
move("shacl", "shacl.sparql_engine", "_checks", "_sparql_results")
move("rebuild", "builder.network_reuse", "patched_network")
move("rebuild", "builder.rebuild_state", "NotIncremental")
move("cli", "builder.reuse", "_owners")  # YAML half; the SPARQL text goes to rdf.provenance
# cli
move("cli", "cli.options", "DATA_OPTION", "graph_option", "import_options", "_data", "KG", "F")
move("cli", "cli.exit", "reports_problems", "_KEPT", "_keep_until_exit")
move("cli", "cli.output", "_progress")
for cmd, mod in [
    ("validate", "validate"),
    ("build", "build"),
    ("query", "query"),
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
    MOVE[("cli", cmd)] = "cli." + mod
# decorators @cli.command / @import_.command become main.add_command(...): not an import of main.
IGNORE_REFS = {("cli", "cli"), ("cli", "import_")}
# references that do not survive the move: re-exports of vocab (use rdf.namespaces), local
# variables named like a cli command, cli concerns the builder gets as arguments (a resolved
# data folder, a step callback, keep-alive stays in cli), and read_corpus's annotation of its
# cache (a Protocol in corpus.read that builder.parse_cache satisfies).
REEXPORT = {("vocab", "BASE"): "rdf.namespaces", ("vocab", "concept_kind"): "rdf.namespaces"}
ARTEFACT = {
    ("cli._owners", "cli.query"),
    ("cli._build", "cli.stats"),
    ("cli._owners", "cli._data"),
    ("cli._load_graph", "cli._data"),
    ("cli._load_network", "cli._data"),
    ("cli._load_graph", "cli._keep_until_exit"),
    ("cli._load_network", "cli._keep_until_exit"),
    ("cli._build", "cli._keep_until_exit"),
    ("cli._build", "cli._progress"),
    ("load.read_corpus", "load.ParseCache"),
    ("load.read_corpus", "cache.parse"),
}


def defs_and_refs(mod, path):
    tree = ast.parse(path.read_text())
    imported = {}  # local name -> (module, name or None for a module)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (
            node.level == 1 or (node.module or "").startswith("sysml_graph")
        ):
            base = (
                node.module.split(".")[-1] if node.module and node.module != "sysml_graph" else None
            )
            for a in node.names:
                local = a.asname or a.name
                imported[local] = (
                    (base, a.name)
                    if base
                    else (
                        a.name if a.name != "__version__" else "__init__",
                        None if a.name != "__version__" else "__version__",
                    )
                )
    defs = {}

    def names_in(node):
        out = set()
        for n in ast.walk(node):
            if isinstance(n, ast.Name):
                out.add((n.id, None))
            elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
                out.add((n.value.id, n.attr))
        return out

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs[node.name] = names_in(node)
        elif isinstance(node, ast.ClassDef):
            head = set()
            for d in node.decorator_list + node.bases:
                head |= names_in(d)
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    defs[f"{node.name}.{item.name}"] = names_in(item)
                else:
                    head |= names_in(item)
            defs[node.name] = head
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        defs[n.id] = names_in(node.value) if node.value else set()
    local_defs = set(defs) | {d.split(".")[0] for d in defs}
    refs = collections.defaultdict(set)
    for d, names in defs.items():
        for base, attr in names:
            if base in imported:
                m, n = imported[base]
                if n is None:  # a module: module.attr
                    if attr:
                        refs[d].add((m, attr))
                else:
                    refs[d].add((m, n))
            elif base in local_defs and base != d.split(".")[0]:
                refs[d].add((mod, base))
    return defs, refs


def target(mod, name):
    if (mod, name) in MOVE:
        return MOVE[(mod, name)]
    if "." in name:
        cls = name.split(".")[0]
        return MOVE.get((mod, cls), DEFAULT[mod])
    return DEFAULT[mod]


mods = {p.stem: p for p in sorted(SRC.glob("*.py"))}
placed = collections.defaultdict(list)
edges = collections.defaultdict(lambda: collections.defaultdict(set))
unknown = [m for m in mods if m not in DEFAULT]
for mod, path in mods.items():
    defs, refs = defs_and_refs(mod, path)
    for d in defs:
        if "." not in d or target(mod, d) != target(mod, d.split(".")[0]):
            placed[target(mod, d)].append(f"{mod}.{d}")
    for d, rs in refs.items():
        src = target(mod, d)
        for m, n in rs:
            if (mod, n) in IGNORE_REFS and m == mod:
                continue
            if m not in DEFAULT:
                continue
            if (f"{mod}.{d}", f"{m}.{n}") in ARTEFACT:
                continue
            dst = REEXPORT.get((m, n)) or (target(m, n) if n != "__version__" else "__init__")
            if dst != src:
                edges[src][dst].add(f"{mod}.{d}->{m}.{n}")
stale = [k for k in MOVE if k[0] in mods and k[1] not in defs_and_refs(k[0], mods[k[0]])[0]]
print("unmapped modules:", unknown or "none", "| moves naming nothing:", stale or "none")
print()
print("## Proposed modules and what goes in them (old_module.name)")
for new in sorted(placed):
    print(f"- **{new}** ← " + ", ".join(sorted(placed[new])))
print()
print("## Proposed import graph (module → modules it imports)")
for src in sorted(set(placed) | set(edges)):
    print(f"| {src} | {', '.join(sorted(edges[src])) or '-'} |")


def sccs(graph, nodes):
    index, low, stack, on, out, c = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = c[0]
        c[0] += 1
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
            out.append(comp)

    for v in nodes:
        if v not in index:
            visit(v)
    return [c for c in out if len(c) > 1]


nodes = sorted(set(placed) | set(edges) | {d for s in edges.values() for d in s})
g = {s: set(d) for s, d in edges.items()}
cyc = sccs(g, nodes)
print()
print("module-level cycles in the proposed layout:", cyc or "none")
for comp in cyc:
    for s in comp:
        for d in g.get(s, ()):
            if d in comp:
                print("   ", s, "->", d, sorted(edges[s][d])[:4])


def pkg(m):
    if "." in m:
        return m.split(".")[0]
    return {"api": "api", "__main__": "__main__"}.get(
        m, "(base: problems, resources, atomic, gcpause, __init__)"
    )


pg = collections.defaultdict(set)
for s, ds in g.items():
    for d in ds:
        if pkg(s) != pkg(d):
            pg[pkg(s)].add(pkg(d))
pc = sccs(pg, sorted({pkg(n) for n in nodes}))
print("package-level cycles:", pc or "none")
for comp in pc:
    for s in comp:
        for d in pg.get(s, ()):
            if d in comp:
                why = [
                    w
                    for a, ds in edges.items()
                    if pkg(a) == s
                    for b, ws in ds.items()
                    if pkg(b) == d
                    for w in ws
                ]
                print("   ", s, "->", d, sorted(why)[:6])
print()
print("## Package dependencies")
for s in sorted(pg):
    print(f"- {s} → {', '.join(sorted(pg[s]))}")
