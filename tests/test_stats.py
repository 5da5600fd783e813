"""`sysml-graph stats`: numbers that agree with SPARQL, and charts that are stable files.

Set SYSML_GRAPH_UPDATE_SCREENSHOTS=1 to refresh docs/gap-map.png (the README's picture)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from sysml_graph.network.projection import project
from sysml_graph.rdf.namespaces import BASE
from sysml_graph.stats.analysis import compute

from .conftest import REPO, Invoke


@pytest.fixture
def run(run_curated: Invoke) -> Invoke:
    """This file's commands read the curated seed, whose answers are checked by hand."""
    return run_curated


def test_gap_map_agrees_with_the_untried_pairs_query(graph: Graph, run: Invoke) -> None:
    stats = compute(project(graph))
    result = run("query", "untried-pairs", "--format", "csv")
    untried = {tuple(r) for r in list(csv.reader(io.StringIO(result.stdout)))[1:]}
    assert set(stats.gaps.open_cells) == untried
    # Rows and columns: every top-level concept of the taxonomies.
    tops = {
        kind: sum(1 for _ in graph.subjects(SKOS.topConceptOf, URIRef(f"{BASE}scheme/{kind}")))
        for kind in ("techniques", "platforms")
    }
    assert len(stats.gaps.techniques) == tops["techniques"] > 10
    assert len(stats.gaps.platforms) == tops["platforms"] > 5


def test_rolled_up_counts(graph: Graph) -> None:
    stats = compute(project(graph))
    techniques = dict(stats.per_technique)
    # DeepX, DXTK, SparseSep, DeepEye and DeepMon factorise; EIE prunes: 6 compress.
    assert techniques["compression"] == 6 and techniques["low-rank factorization"] == 5
    assert dict(stats.per_platform)["mobile device"] == 11
    assert stats.per_year == {2015: 1, 2016: 7, 2017: 5, 2018: 2}
    assert stats.per_venue[0] == ("MobiSys", 3)
    assert stats.central_people[0][0] == "Ion Stoica"  # bridges Clipper and Ray
    lane = next(c for c in stats.communities if "Nicholas D. Lane" in c)
    assert {"Sourav Bhattacharya", "Fahim Kawsar"} <= set(lane)


def test_stats_command_writes_stable_charts(run: Invoke, graph: Graph, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    result = run("stats", "--out", str(first), "--top", "3")
    assert result.exit_code == 0, result.output
    untried = list(csv.reader(io.StringIO(run("query", "untried-pairs", "--format", "csv").stdout)))
    stats = compute(project(graph))
    cells = len(stats.gaps.techniques) * len(stats.gaps.platforms)
    assert f"15 papers, 62 people, 13 venues; {len(untried) - 1} of {cells}" in result.stdout
    assert "Open technique × platform pairs" in result.stdout
    run("stats", "--out", str(second))
    names = sorted(p.name for p in first.iterdir())
    assert names == ["gap-map.png", "gap-map.svg", "papers-per-year.png", "papers-per-year.svg"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "gap-map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (first / "gap-map.svg").read_text(encoding="utf-8")
    assert "open" in svg and "<dc:date>" not in svg
    if os.environ.get("SYSML_GRAPH_UPDATE_SCREENSHOTS"):
        (REPO / "docs").mkdir(exist_ok=True)
        (REPO / "docs" / "gap-map.png").write_bytes((first / "gap-map.png").read_bytes())


def test_betweenness_is_networkx_exactly_or_a_seeded_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import networkx as nx

    from sysml_graph.stats import analysis

    g = nx.relabel_nodes(nx.gnm_random_graph(300, 900, seed=4), lambda i: f"person:{i}")
    exact = nx.betweenness_centrality(g)
    ours = analysis.betweenness(g)
    assert max(abs(exact[n] - ours[n]) for n in g) < 1e-12
    # The sampled estimate with every node as a source is the exact value, and with a
    # sample it ranks the most central people the same, every run.
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_MAX", 10)
    monkeypatch.setattr(analysis, "SAMPLED_SOURCES", 300)
    assert max(abs(exact[n] - v) for n, v in analysis.betweenness(g).items()) < 1e-12
    monkeypatch.setattr(analysis, "SAMPLED_SOURCES", 150)
    sampled = analysis.betweenness(g)
    assert sampled == analysis.betweenness(g)
    top = sorted(g, key=lambda n: -exact[n])[:3]
    assert set(top) <= set(sorted(g, key=lambda n: -sampled[n])[:10])


def test_a_hostile_title_reaches_the_terminal_escaped(
    run: Invoke, turtle_file: Path, tmp_path: Path
) -> None:
    """A Turtle file from elsewhere can hold any text: ESC (a terminal title rewritten) and
    rich markup in a title come out as written characters, not as effects."""
    text = turtle_file.read_text(encoding="utf-8")
    assert text.count('"DeepX') == 1
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(text.replace('"DeepX', '"DeepX\\u001b]0;owned\\u0007 [bold]x[/bold]'))
    # Every paper listed (--top 15), so that the hostile one is printed wherever it ranks.
    result = run("stats", "--graph", str(hostile), "--top", "15", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "DeepX\\x1b]0;owned\\x07 [bold]x[/bold]" in result.stdout
