"""`sysml-graph stats`: numbers that agree with SPARQL, and charts that are stable files.

Set SYSML_GRAPH_UPDATE_SCREENSHOTS=1 to refresh docs/gap-map.png (the README's picture)."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

import pytest
from click.testing import Result
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from sysml_graph.corpus.records import Corpus, PaperKind
from sysml_graph.network.projection import project
from sysml_graph.rdf.namespaces import BASE
from sysml_graph.stats.analysis import compute

from .conftest import REPO, Invoke


@pytest.fixture
def run(run_curated: Invoke) -> Invoke:
    """This file's commands read the curated seed, whose answers are checked by hand."""
    return run_curated


def _csv(run: Invoke, *args: str) -> list[list[str]]:
    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))[1:]


@pytest.mark.parametrize("links", ["all", "curated"])
def test_gap_map_agrees_with_the_named_queries(shipped: tuple[Graph, Corpus], links: str) -> None:
    """On the shipped data, for both kinds of count: the gap map's open cells and their
    expected counts are the untried-pairs query's rows, its untried cells those of
    min_expected=0."""
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    def run_shipped(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    stats = compute(project(shipped[0]), links=links)
    gaps = stats.gaps
    opened = {
        (t, p): gaps.expected(i, j)
        for i, t in enumerate(gaps.techniques)
        for j, p in enumerate(gaps.platforms)
        if gaps.is_open(i, j)
    }
    query = _csv(run_shipped, "query", "untried-pairs", "--links", links)
    assert {(t, p): float(e) for t, p, e in query} == opened
    every = _csv(
        run_shipped, "query", "untried-pairs", "--links", links, "--bind", "min_expected=0"
    )
    assert {(t, p) for t, p, _ in every} == {
        (t, p)
        for i, t in enumerate(gaps.techniques)
        for j, p in enumerate(gaps.platforms)
        if gaps.counts[i][j] == 0 and gaps.rows[i] and gaps.columns[j]
    }
    if links == "curated":
        assert gaps.counts == gaps.curated
    else:
        assert sum(map(sum, gaps.counts)) > sum(map(sum, gaps.curated)) > 0


def test_papers_per_year_is_one_number(shipped: tuple[Graph, Corpus]) -> None:
    """`stats` and `query papers-per-year` count the same papers on the shipped data (drafts
    included: the query's `complete` column says how many records are complete)."""
    from sysml_graph.sparql.named import resolve
    from sysml_graph.sparql.run import run as run_sparql

    graph, corpus = shipped
    stats = compute(project(graph))
    answer = run_sparql(graph, resolve("papers-per-year").text)
    rows = {int(r[0].value): (int(r[1].value), int(r[2].value)) for r in answer.rows}
    assert {y: n for y, (n, _) in rows.items()} == stats.per_year
    every = Counter(p.year for p in corpus.papers if p.kind is not PaperKind.BOOK and p.year)
    assert stats.per_year == dict(every)
    drafts = Counter(
        p.year for p in corpus.papers if p.kind is not PaperKind.BOOK and not p.complete and p.year
    )
    assert {y: n - c for y, (n, c) in rows.items() if n - c} == dict(drafts)


def test_gap_map_rows_and_columns_are_the_top_concepts(graph: Graph) -> None:
    stats = compute(project(graph))
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
    opened = _csv(run, "query", "untried-pairs")
    stats = compute(project(graph))
    cells = len(stats.gaps.techniques) * len(stats.gaps.platforms)
    untried = len(stats.gaps.untried_cells)
    assert (
        f"15 papers, 62 people, 13 venues (technique and platform counts: curated and "
        f"proposed links); {untried} of {cells} top-level technique × platform pairs have no "
        f"paper yet, {len(opened)} of them open"
    ) in " ".join(result.stdout.split())
    assert "Open technique × platform pairs" in result.stdout
    run("stats", "--out", str(second))
    names = sorted(p.name for p in first.iterdir())
    assert names == [
        "gap-map.csv",
        "gap-map.png",
        "gap-map.svg",
        "papers-per-year.png",
        "papers-per-year.svg",
        "technique-families.png",
        "technique-families.svg",
    ]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "gap-map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (first / "gap-map.svg").read_text(encoding="utf-8")
    assert "open" in svg and "<dc:date>" not in svg


def test_readme_pictures_show_the_shipped_data(tmp_path: Path) -> None:
    """docs/gap-map.png and docs/technique-families.png (the README's pictures) are what
    `stats` draws from the shipped data: their cells, docs/gap-map.csv, are checked here.
    SYSML_GRAPH_UPDATE_SCREENSHOTS=1 refreshes all three."""
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    result = CliRunner().invoke(cli, ["stats", "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = ("gap-map.png", "technique-families.png", "gap-map.csv")
    if os.environ.get("SYSML_GRAPH_UPDATE_SCREENSHOTS"):
        for name in names:
            (REPO / "docs" / name).write_bytes((tmp_path / name).read_bytes())
    cells = (tmp_path / "gap-map.csv").read_text(encoding="utf-8")
    assert (REPO / "docs" / "gap-map.csv").read_text(encoding="utf-8") == cells, (
        "the README's gap map is out of date: run the tests with SYSML_GRAPH_UPDATE_SCREENSHOTS=1"
    )
    header, *rows = [line.split(",") for line in cells.splitlines()]
    assert header[:7] == [
        "technique",
        "platform",
        "papers",
        "curated",
        "proposed",
        "expected",
        "status",
    ]
    assert {r[6] for r in rows} == {"tried", "open", "untried"}
    assert all(int(r[2]) == int(r[3]) + int(r[4]) for r in rows)
    assert all(len(r[7].split()) == int(r[2]) for r in rows)


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
