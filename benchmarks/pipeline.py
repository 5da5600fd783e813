"""Measure every step of the pipeline on synthetic data (benchmarks/generate.py), each in
its own process, beside the same work done directly in pyoxigraph on the same triples.

    python benchmarks/pipeline.py            # 1,000 and 10,000 papers
    python benchmarks/pipeline.py 100000     # any sizes

Prints wall time and peak RSS per step, and the ratio to pyoxigraph where one exists
(issue #6 asks for build ≤ 2× and queries ≤ 1.5×). A `query` step includes building the
graph from YAML, as the command does today.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from generate import generate  # noqa: E402

from sysml_graph.sparql import bind, missing_prefixes, named_queries  # noqa: E402

QUERIES = ("papers-by-technique", "technique-platform-counts", "paper-authors")


def timed(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command run in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-500:]}")
    if process.stderr:
        process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def oxigraph_reference(nt: Path) -> dict[str, float]:
    import pyoxigraph as ox

    out: dict[str, float] = {}
    start = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    out["build"] = time.perf_counter() - start
    start = time.perf_counter()
    store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    out["build"] += time.perf_counter() - start
    for name in QUERIES:
        text = bind(named_queries()[name], {})
        start = time.perf_counter()
        list(store.query(missing_prefixes(text) + text))
        out[f"query {name}"] = time.perf_counter() - start
    return out


def main(sizes: list[int]) -> None:
    sg = [sys.executable, "-m", "sysml_graph"]
    print(f"{'papers':>7} {'step':<36} {'seconds':>8} {'peak MB':>8} {'× oxigraph':>10}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data, dist = Path(tmp) / "data", Path(tmp) / "dist"
            generate(n, data)
            steps: dict[str, list[str]] = {
                "--help": [*sg, "--help"],
                "validate": [*sg, "validate", "--data", str(data)],
                "build": [*sg, "build", "--data", str(data), "--out", str(dist)],
            }
            steps |= {
                f"query {q}": [*sg, "query", q, "--graph", str(dist / "sysml-graph.ttl")]
                for q in QUERIES
            }
            steps |= {
                "export nt (from ttl)": [
                    *sg,
                    "export",
                    "--graph",
                    str(dist / "sysml-graph.ttl"),
                    "--format",
                    "nt",
                    "-o",
                    str(dist / "x.nt"),
                ],
                "stats": [
                    *sg,
                    "stats",
                    "--graph",
                    str(dist / "sysml-graph.ttl"),
                    "--out",
                    str(dist),
                ],
            }
            results = {}
            for name, cmd in steps.items():
                results[name] = timed(cmd)
                if name == "build":
                    reference = oxigraph_reference(dist / "sysml-graph.nt")
            for name, (seconds, mb) in results.items():
                ref = reference.get(name)
                ratio = f"{seconds / ref:>10.1f}" if ref else f"{'':>10}"
                print(f"{n:>7} {name:<36} {seconds:>8.2f} {mb:>8.0f} {ratio}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
