"""Where tests/, benchmarks/, scripts/, notebooks/, README.md use sysml_graph module paths."""

import ast
import collections
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
uses = collections.defaultdict(list)  # module -> [(file:line, names)]


def scan_py(text, label, offset=0):
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return scan_text(text, label)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("sysml_graph")
        ):
            parts = node.module.split(".")
            if len(parts) == 1:
                for a in node.names:
                    uses[a.name].append((f"{label}:{node.lineno + offset}", "(module)"))
            else:
                uses[parts[1]].append(
                    (f"{label}:{node.lineno + offset}", ",".join(a.name for a in node.names))
                )
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("sysml_graph."):
                    uses[a.name.split(".")[1]].append(
                        (f"{label}:{node.lineno + offset}", "import " + a.name)
                    )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in re.finditer(r"sysml_graph\.([a-z_]+)", node.value):
                uses[m.group(1)].append(
                    (
                        f"{label}:{node.lineno + offset}",
                        "string: "
                        + node.value[max(0, m.start() - 10) : m.end() + 30].replace("\n", " "),
                    )
                )
            for m in re.finditer(r"sysml_graph/([a-z_]+)\.py", node.value):
                uses[m.group(1)].append((f"{label}:{node.lineno + offset}", "path string"))


def scan_text(text, label):
    for i, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"sysml_graph\.([a-z_]+)", line):
            uses[m.group(1)].append((f"{label}:{i}", line.strip()[:90]))
        for m in re.finditer(r"sysml_graph/([a-z_]+)\.py", line):
            uses[m.group(1)].append((f"{label}:{i}", "path: " + line.strip()[:90]))


for p in sorted(
    list(root.glob("tests/**/*.py"))
    + list(root.glob("benchmarks/*.py"))
    + list(root.glob("scripts/*"))
):
    if p.is_file():
        t = p.read_text(errors="replace")
        (scan_py if p.suffix == ".py" else scan_text)(t, str(p.relative_to(root)))
for p in root.glob("notebooks/*.ipynb"):
    nb = json.loads(p.read_text())
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"])
        if cell["cell_type"] == "code":
            scan_py(src, f"{p.relative_to(root)}#cell{i}")
        else:
            scan_text(src, f"{p.relative_to(root)}#cell{i}")
for p in [root / "README.md", root / "pyproject.toml"] + list(root.glob("docs/*.md")):
    scan_text(p.read_text(), p.name if p.parent == root else str(p.relative_to(root)))
for mod in sorted(uses):
    print(f"### {mod}")
    for where, what in uses[mod]:
        print(f"- {where}: {what}")
