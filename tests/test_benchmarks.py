"""The benchmarks' synthetic data is valid project data (so what they measure is real)."""

from __future__ import annotations

import sys
from pathlib import Path

from sysml_graph.api import graph_from_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate


def test_generated_data_validates_and_is_seeded(tmp_path: Path) -> None:
    generate(60, tmp_path / "a", seed=3)
    generate(60, tmp_path / "b", seed=3)
    _graph, corpus = graph_from_data(tmp_path / "a")
    assert len(corpus.papers) == 60
    assert all(1 <= len(p.authors) <= 6 and p.techniques and p.platforms for p in corpus.papers)
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in a)


def test_pipeline_benchmark_measures_every_step(tmp_path: Path) -> None:
    """The benchmark itself runs: every step, every named query and export, no failures."""
    import os
    import subprocess

    from sysml_graph.sparql.named import named_queries

    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "pipeline.py"
    env = dict(os.environ, SYSML_GRAPH_BENCH_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(bench), "40"], capture_output=True, text=True, env=env, check=True
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    steps = {row.split(" | ")[0].removeprefix("| ") for row in rows[1:]}
    assert {"validate", "build (no cache)", "rebuild after one file changed"} <= steps
    assert {f"query {name} (in process)" for name in named_queries()} <= steps
    assert {f"export {fmt}" for fmt in ("turtle", "rdfxml", "trig", "bibtex", "graphml")} <= steps
    assert "failed" not in done.stdout and "| — |" not in done.stdout
