"""Import graph of sysml_graph modules, module-level vs function-level imports."""

import ast
import collections
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/main/src/sysml_graph")
pkg = "sysml_graph"
mods = {p.stem: p for p in sorted(root.glob("*.py"))}
edges = collections.defaultdict(dict)  # src -> {dst: [(line, level)]}
ext = collections.defaultdict(lambda: collections.defaultdict(list))


def resolve(node, cur):
    out = []
    if isinstance(node, ast.Import):
        for a in node.names:
            n = a.name
            if n.startswith(pkg + "."):
                out.append(("int", n.split(".")[1]))
            else:
                out.append(("ext", n.split(".")[0]))
    else:
        if node.level == 1:
            if node.module:
                out.append(("int", node.module.split(".")[0]))
            else:
                out += [("int", a.name) for a in node.names]
        elif node.module and node.module.startswith(pkg):
            parts = node.module.split(".")
            if len(parts) > 1:
                out.append(("int", parts[1]))
            else:
                out += [("int", a.name) for a in node.names]
        elif node.module:
            out.append(("ext", node.module.split(".")[0]))
    return out


for name, path in mods.items():
    tree = ast.parse(path.read_text())

    def walk(node, depth, tc=False):
        for ch in ast.iter_child_nodes(node):
            d = depth + isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            t = tc or (isinstance(ch, ast.If) and "TYPE_CHECKING" in ast.unparse(ch.test))
            if isinstance(ch, (ast.Import, ast.ImportFrom)):
                kind = "type" if t else ("fn" if depth else "top")
                for k, tgt in resolve(ch, name):
                    if k == "int":
                        edges[name].setdefault(tgt, []).append((ch.lineno, kind))
                    else:
                        ext[name][tgt].append((ch.lineno, kind))
            walk(ch, d, t)

    walk(tree, 0)
print("## module -> internal imports  (L=line; fn = inside a function; type = TYPE_CHECKING only)")
for name in mods:
    items = []
    for tgt, occ in sorted(edges[name].items()):
        kinds = sorted({k for _, k in occ})
        lines = ",".join(str(l) for l, _ in occ)
        tag = "" if kinds == ["top"] else " [" + "/".join(kinds) + "]"
        items.append(f"{tgt}{tag}@{lines}")
    print(f"| {name} | {'; '.join(items) or '-'} |")
print()
print("## module -> third-party imports")
stdlib = set(sys.stdlib_module_names)
for name in mods:
    items = []
    for tgt, occ in sorted(ext[name].items()):
        if tgt in stdlib or tgt == "__future__":
            continue
        kinds = sorted({k for _, k in occ})
        lines = ",".join(str(l) for l, _ in occ)
        tag = "" if kinds == ["top"] else " [" + "/".join(kinds) + "]"
        items.append(f"{tgt}{tag}@{lines}")
    print(f"| {name} | {'; '.join(items) or '-'} |")


# cycles: strongly connected components
def scc(graph, nodes):
    idx, low, st, on, res, c = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def sc(v):
        idx[v] = low[v] = c[0]
        c[0] += 1
        st.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in idx:
                sc(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], idx[w])
        if low[v] == idx[v]:
            comp = []
            while True:
                w = st.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            res.append(comp)

    for v in nodes:
        if v not in idx:
            sc(v)
    return [sorted(x) for x in res if len(x) > 1 or v in graph.get(x[0], ())]


allg = {s: [t for t in d if t in mods and t != s] for s, d in edges.items()}
topg = {
    s: [t for t, occ in d.items() if t in mods and t != s and any(k == "top" for _, k in occ)]
    for s, d in edges.items()
}
print()
print("## strongly connected components (cycles), all imports incl. function-level")
for comp in scc(allg, list(mods)):
    if len(comp) > 1:
        print("-", ", ".join(comp))
print("## strongly connected components, module-level imports only")
for comp in scc(topg, list(mods)):
    if len(comp) > 1:
        print("-", ", ".join(comp))
print()
print("## 2-cycles (A imports B and B imports A)")
seen = set()
for a in mods:
    for b in allg.get(a, []):
        if a in allg.get(b, []) and (b, a) not in seen:
            seen.add((a, b))
            la = ",".join(f"{l}:{k}" for l, k in edges[a][b])
            lb = ",".join(f"{l}:{k}" for l, k in edges[b][a])
            print(f"- {a} -> {b} (L{la});  {b} -> {a} (L{lb})")
