"""Measure every step of the pipeline on synthetic data (benchmarks/generate.py), each in
its own process, beside the same work done directly in pyoxigraph on the same triples, in
the same run.

    python benchmarks/pipeline.py                      # 1,000 and 10,000 papers
    python benchmarks/pipeline.py 1000 10000 100000 --write docs/performance.md

Prints, per size and step: wall time, peak RSS, and the ratio to pyoxigraph where the step
has a pyoxigraph equivalent. Issue #6's targets: build ≤ 2× pyoxigraph's load + Turtle
dump, every named query ≤ 1.5× the same query in pyoxigraph, selective queries ≤ 10 ms.
With --write, the tables also go to a markdown page (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from generate import generate  # noqa: E402

EXPORTS = ("turtle", "nt", "jsonld", "rdfxml", "trig", "bibtex", "csv", "graphml")
RDF_EXPORTS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
# Named queries that ask about one thing (a paper, a person): the ≤ 10 ms target.
SELECTIVE = ("paper-authors", "papers-by-author", "coauthors", "find-concept")
# person-000500 is a typical author (Zipf rank 501: ~50 papers at 100,000); a venue holds
# 1/40 of all papers, so papers-by-venue is a listing, not a lookup.
SYNTHETIC = {"paper": "paper-000001", "person": "person-000500", "venue": "venue-01"}


def timed(cmd: list[str], cwd: Path, output: list[str] | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command run in its own process (and the processes
    it waited for); its standard output goes to ``output`` if given."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err_file, tempfile.TemporaryFile() as out_file:
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out_file, stderr=err_file)
        timer = threading.Timer(STEP_LIMIT, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
        out_file.seek(0)
        if output is not None:
            output.append(out_file.read().decode(errors="replace"))
    if seconds >= STEP_LIMIT:
        raise RuntimeError(f"stopped after {STEP_LIMIT} s")
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} failed: {err.strip()[-300:]}")
    return seconds, usage.ru_maxrss / 1024


def child(mode: str, *args: str) -> dict[str, Any]:
    """Run one of this script's in-process measurements in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, f"--{mode}", *args], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


# --- in-process measurements (run in a child process each) --------------------------------


def best_of(fn: Any, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def build_parts(data: str) -> dict[str, Any]:
    """The build's graph-and-Turtle part beside pyoxigraph's own load + dump."""
    import pyoxigraph as ox

    from sysml_graph.corpus.read import read_corpus
    from sysml_graph.corpus.rules import check_corpus
    from sysml_graph.gcpause import no_gc_pauses
    from sysml_graph.rdf.mapping import knowledge_graph
    from sysml_graph.rdf.namespaces import WRITE_PREFIXES

    out: dict[str, Any] = {}
    with no_gc_pauses():
        start = time.perf_counter()
        corpus, problems = read_corpus(Path(data))
        check_corpus(corpus, problems)
        out["load and check the YAML"] = time.perf_counter() - start
        start = time.perf_counter()
        kg = knowledge_graph(corpus)
        out["map to RDF and load the store"] = time.perf_counter() - start
    start = time.perf_counter()
    turtle = kg.dump(ox.RdfFormat.TURTLE, WRITE_PREFIXES)
    out["write Turtle"] = time.perf_counter() - start
    nt = kg.nt()
    out["triples"] = len(kg)
    del kg, corpus
    start = time.perf_counter()
    store = ox.Store()
    store.load(nt, format=ox.RdfFormat.N_TRIPLES)
    out["pyoxigraph load"] = time.perf_counter() - start
    start = time.perf_counter()
    store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=WRITE_PREFIXES)
    out["pyoxigraph dump Turtle"] = time.perf_counter() - start
    out["turtle bytes"] = len(turtle)
    return out


def query_times(nt_file: str) -> dict[str, Any]:
    """Every named query through sysml_graph.sparql.run.run beside store.query on one store."""
    import pyoxigraph as ox

    from sysml_graph.rdf.namespaces import QUERY_PREFIXES
    from sysml_graph.sparql.named import named_queries
    from sysml_graph.sparql.params import bind
    from sysml_graph.sparql.run import run

    store = ox.Store()
    store.load(path=nt_file, format=ox.RdfFormat.N_TRIPLES)
    prefixes = dict(QUERY_PREFIXES)
    out: dict[str, Any] = {}
    for name, query in named_queries().items():
        # Selective parameters name an entity of the synthetic data, not of data/.
        text = bind(query, {p.name: SYNTHETIC[p.kind] for p in query.params if p.kind in SYNTHETIC})
        ours = best_of(lambda text=text: run(store, text))
        theirs = best_of(lambda text=text: list(store.query(text, prefixes=prefixes)))
        rows = len(run(store, text).rows)
        out[name] = {"ours": ours, "pyoxigraph": theirs, "rows": rows}
    return out


# Converting the built graph to a format with pyoxigraph alone, in its own process: load
# the build's N-Triples into memory and dump the format to a file.
EXPORT_REFERENCE = """
import sys, pyoxigraph as ox
store = ox.Store()
store.load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
store.dump(sys.argv[3], format=getattr(ox.RdfFormat, sys.argv[2]), from_graph=ox.DefaultGraph())
"""
# A step that runs longer than this is reported as such and the run goes on.
STEP_LIMIT = 900


# --- the run ------------------------------------------------------------------------------


def data_for(n: int, root: Path) -> Path:
    """Generated data for ``n`` papers, reused when an earlier run left it in ``root``."""
    data = root / f"data-{n}"
    marker = data / ".generated"
    if not marker.is_file():
        generate(n, data)
        marker.write_text(f"{n} papers, seed 1\n")
    return data


def measure(n: int, root: Path) -> list[tuple[str, float, float | None, float | None, str]]:
    """Rows of (step, seconds, peak MB, × pyoxigraph, note) for ``n`` papers."""
    sg = [sys.executable, "-m", "sysml_graph"]
    data = data_for(n, root)
    work = Path(tempfile.mkdtemp(dir=root, prefix=f"run-{n}-"))
    rows: list[tuple[str, float, float | None, float | None, str]] = []

    def step(name: str, cmd: list[str], ratio_to: float | None = None, note: str = "") -> float:
        output: list[str] = []
        try:
            seconds, mb = timed(cmd, work, output)
        except RuntimeError as err:
            rows.append((name, float("nan"), None, None, str(err)))
            return float("nan")
        if cmd[3:4] == ["build"]:  # say which kind of build it was
            how = "spliced" if "spliced into the last build" in output[0] else "full build"
            note = f"{how}; {note}" if note else how
        rows.append((name, seconds, mb, seconds / ratio_to if ratio_to else None, note))
        print(f"{n:>7} {name:<40} {seconds:>8.2f} s {mb:>7.0f} MB", file=sys.stderr)
        return seconds

    step("sysml-graph --help", [*sg, "--help"])
    step("validate", [*sg, "validate", "--data", str(data)])
    # Issue 16's target: the whole build command ≤ 2× what pyoxigraph alone needs to load
    # the same N-Triples and write them as Turtle, measured here, in the same run.
    parts = child("build-parts", str(data))
    graph_part = parts["map to RDF and load the store"] + parts["write Turtle"]
    reference = parts["pyoxigraph load"] + parts["pyoxigraph dump Turtle"]
    step(
        "build (no cache)",
        [*sg, "build", "--data", str(data)],
        reference,
        f"× pyoxigraph load + Turtle dump ({reference:.2f} s)",
    )
    nt = work / "dist" / "sysml-graph.nt"
    rows.append(
        (
            "build: map + store + Turtle (in process)",
            graph_part,
            None,
            graph_part / reference,
            f"pyoxigraph load + Turtle dump: {reference:.2f} s; "
            f"YAML load + check: {parts['load and check the YAML']:.2f} s; "
            f"{parts['triples']:,} triples",
        )
    )
    paper = data / "papers" / "paper-000000.yaml"
    original = paper.read_text(encoding="utf-8")
    paper.write_text(original.replace("Synthetic paper 0:", "Synthetic paper 0 (edited):"))
    try:
        step("rebuild after one file changed", [*sg, "build", "--data", str(data)])
        page = str(work / "g0.html")
        step(
            "render after it (the network patched)",
            [*sg, "render", "--data", str(data), "-o", page],
        )
    finally:
        paper.write_text(original, encoding="utf-8")
    step("rebuild, the file restored", [*sg, "build", "--data", str(data)])
    venues = data / "venues.yaml"
    os.utime(venues)  # not a paper file: a full build, all papers from the parse cache
    step("build, parse cache (venues.yaml touched)", [*sg, "build", "--data", str(data)])
    step("first command: index the build", [*sg, "query", "papers-per-year", "--data", str(data)])
    queries = child("query-times", str(nt))
    for name, q in queries.items():
        ratio = q["ours"] / q["pyoxigraph"] if q["pyoxigraph"] > 0 else None
        kind = "selective, " if name in SELECTIVE else ""
        rows.append(
            (
                f"query {name} (in process)",
                q["ours"],
                None,
                ratio,
                f"{kind}{q['rows']} rows; pyoxigraph {q['pyoxigraph'] * 1000:.1f} ms",
            )
        )
    step(
        "query paper-authors (whole command)", [*sg, "query", "paper-authors", "--data", str(data)]
    )
    for fmt in EXPORTS:
        out = work / f"export.{fmt}"
        reference_seconds = None
        if fmt in RDF_EXPORTS:
            ref = [sys.executable, "-c", EXPORT_REFERENCE, str(nt), RDF_EXPORTS[fmt], str(out)]
            reference_seconds = timed(ref, work)[0]
        cmd = [*sg, "export", "--format", fmt, "--data", str(data), "-o", str(out)]
        note = f"pyoxigraph process: {reference_seconds:.2f} s" if reference_seconds else ""
        step(f"export {fmt}", cmd, reference_seconds, note)
    step("render (full view)", [*sg, "render", "--data", str(data), "-o", str(work / "g.html")])
    step("stats", [*sg, "stats", "--data", str(data)])
    shutil.rmtree(work, ignore_errors=True)
    return rows


def table(n: int, rows: list[tuple[str, float, float | None, float | None, str]]) -> str:
    lines = [
        f"### {n:,} papers",
        "",
        "| step | seconds | peak RSS (MB) | × pyoxigraph | notes |",
        "|---|---:|---:|---:|---|",
    ]
    for name, seconds, mb, ratio, note in rows:
        secs = "—" if seconds != seconds else f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}"
        lines.append(
            f"| {name} | {secs} | {'' if mb is None else f'{mb:.0f}'} | "
            f"{'' if ratio is None else f'{ratio:.2f}'} | {note} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    write = None
    if "--write" in argv:
        i = argv.index("--write")
        write = Path(argv[i + 1])
        del argv[i : i + 2]
    sizes = [int(a) for a in argv] or [1000, 10000]
    root = Path(os.environ.get("SYSML_GRAPH_BENCH_DIR", tempfile.gettempdir())) / "sysml-bench"
    root.mkdir(parents=True, exist_ok=True)
    sections = []
    for n in sizes:
        section = table(n, measure(n, root))
        print(section)
        sections.append(section)
    if write is not None:
        import pyoxigraph

        head = write.read_text(encoding="utf-8").split(MARK)[0] if write.is_file() else ""
        machine = (
            f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
            f"by `python benchmarks/pipeline.py {' '.join(map(str, sizes))} --write {write}`.\n"
        )
        write.write_text(head + MARK + "\n\n" + machine + "\n" + "\n".join(sections))


MARK = "<!-- tables below are written by benchmarks/pipeline.py -->"

if __name__ == "__main__":
    modes = {
        "--build-parts": build_parts,
        "--query-times": query_times,
    }
    if len(sys.argv) > 1 and sys.argv[1] in modes:
        print(json.dumps(modes[sys.argv[1]](*sys.argv[2:])))
    else:
        main(sys.argv[1:])
