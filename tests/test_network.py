"""The networkx projection reads the RDF graph (not the YAML), and the HTML is safe and
self-contained before any browser sees it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from sysml_graph.corpus.records import Corpus
from sysml_graph.network.page import PHYSICS_MAX_NODES, STYLE, network_data, render_html
from sysml_graph.network.projection import project
from sysml_graph.network.views import UnknownNode, coauthor_view, resolve_node, view

from .conftest import Invoke


@pytest.fixture
def run(run_curated: Invoke) -> Invoke:
    """This file's commands read the curated seed, whose answers are checked by hand."""
    return run_curated


@pytest.fixture(scope="module")
def full(graph: Graph) -> nx.Graph:
    return project(graph)


def test_projection_has_every_entity_typed(full: nx.Graph, corpus: Corpus) -> None:
    kinds: dict[str, int] = {}
    for _, d in full.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert kinds == {
        "paper": 15,
        "book": 1,
        "person": len(corpus.people),
        "venue": len(corpus.series),
        "technique": 57,
        "platform": 31,
        "software": 5,
    }
    assert set(kinds) <= set(STYLE)


def test_paper_node_details_come_from_rdf(full: nx.Graph) -> None:
    tvm = full.nodes["paper:tvm"]
    assert tvm["authors"][:2] == ["Tianqi Chen", "Thierry Moreau"]
    assert tvm["authors"][-1] == "Arvind Krishnamurthy"
    assert (tvm["venue"], tvm["year"], tvm["code"]) == (
        "OSDI",
        2018,
        "https://github.com/apache/tvm",
    )
    assert "FPGA" in tvm["platforms"] and "operator fusion" in tvm["techniques"]


def test_projection_of_a_turtle_file_is_the_same(full: nx.Graph, turtle_file: Path) -> None:
    other = project(Graph().parse(turtle_file))
    assert nx.utils.graphs_equal(other, full)


def test_coauthor_view_weights(full: nx.Graph, corpus: Corpus) -> None:
    co = coauthor_view(full)
    assert all(d["kind"] == "person" for _, d in co.nodes(data=True))
    shared = sum(
        1 for p in corpus.papers if {"nicholas-d-lane", "sourav-bhattacharya"} <= set(p.authors)
    )
    assert co.edges["person:nicholas-d-lane", "person:sourav-bhattacharya"]["weight"] == shared == 5


def test_focus_view_and_resolution(full: nx.Graph) -> None:
    around = view(full, "full", "deepx", depth=1)
    assert "paper:deepx" in around and "person:lorena-qendro" in around
    assert "paper:tvm" not in around
    assert resolve_node(full, "Nicholas D. Lane") == "person:nicholas-d-lane"
    with pytest.raises(UnknownNode, match="did you mean"):
        resolve_node(full, "deep")


def test_json_in_the_page_cannot_break_out_of_its_script(full: nx.Graph) -> None:
    g = full.copy()
    g.nodes["paper:eie"]["title"] = "</script><script>alert(1)</script><!--"
    html = render_html(g, full=g)
    payload = re.search(
        r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S
    )
    assert payload is not None
    assert "<" not in payload.group(1)
    data = json.loads(payload.group(1))
    titles = [n["details"]["fields"].get("title") for n in data["nodes"]]
    assert "</script><script>alert(1)</script><!--" in titles


def test_page_is_self_contained(full: nx.Graph) -> None:
    html = render_html(full, full=full)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(link|img|iframe)\b", html)
    assert not re.search(r"<script[^>]+src=", html)


def test_physics_only_below_the_threshold() -> None:
    small = nx.path_graph(10)
    big = nx.path_graph(PHYSICS_MAX_NODES + 1)
    for g in (small, big):
        nx.set_node_attributes(g, "person", "kind")
        nx.relabel_nodes(g, {n: f"person:p{n}" for n in g}, copy=False)
    assert network_data(small)["physics"] is True
    data = network_data(big)
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_render_command(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "tvm.html"
    result = run("render", "--focus", "tvm", "--depth", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: ")
    assert "<title>sysml-graph — full around tvm</title>" in out.read_text(encoding="utf-8")
    bad = run("render", "--focus", "no-such-node", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code == 2 and "no node named 'no-such-node'" in bad.stderr
    assert not (tmp_path / "x.html").exists()


def test_a_reduced_page_shows_no_author_without_a_paper() -> None:
    """Prolific authors outrank every paper by degree; taken by degree alone they filled
    the page with no paper beside them. Each shown author must have a shown paper."""
    from sysml_graph.network.budget import reduce_to_budget

    g = nx.Graph()
    g.add_node("technique:t", kind="technique")
    for i in range(400):
        paper = f"paper:p{i:03}"
        g.add_node(paper, kind="paper")
        g.add_edge(paper, "technique:t")
        for a in (i % 50, (i * 7 + 1) % 50):  # 50 authors with ~16 papers each
            g.add_node(f"person:a{a:02}", kind="person")
            g.add_edge(paper, f"person:a{a:02}")
    people = [n for n in g if n.startswith("person:")]
    assert min(g.degree(p) for p in people) > max(g.degree(n) for n in g if n.startswith("paper:"))
    page = reduce_to_budget(g, budget=60)
    assert page.number_of_nodes() == 60
    assert [n for n in page if page.degree(n) == 0] == []
    shown_people = [n for n in page if n.startswith("person:")]
    assert shown_people and all(
        any(m.startswith("paper:") for m in page.adj[p]) for p in shown_people
    )


def _page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_proposed_links_are_dashed_and_links_curated_drops_them(
    shipped: tuple[Graph, Corpus], tmp_path: Path
) -> None:
    """On the shipped data around DeepX: the tagger's links are drawn dashed (and said so in
    the legend); --links curated draws only a curator's links, and filters by them too."""
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    pages = {}
    for links in ("all", "curated"):
        out = tmp_path / f"{links}.html"
        args = ["render", "--focus", "deepx", "--depth", "2", "--links", links, "-o", str(out)]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        pages[links] = out.read_text(encoding="utf-8")
    every, curated = _page_data(pages["all"]), _page_data(pages["curated"])
    full = project(shipped[0])
    dashed = {(e["from"], e["to"]) for e in every["edges"] if e.get("dashes")}
    assert dashed and all(full.edges[e]["rel"] == "inferred" for e in dashed)
    assert 'id="proposed-note"' in pages["all"]
    assert not any(e.get("dashes") for e in curated["edges"])
    assert 'id="proposed-note"' not in pages["curated"]
    assert len(curated["nodes"]) < len(every["nodes"])
    # The technique filter reads each paper's tags: a curator's only with --links curated.
    tagged = {n["id"]: set(n["tags"]) for n in every["nodes"] if n["kind"] == "paper"}
    kept = {n["id"]: set(n["tags"]) for n in curated["nodes"] if n["kind"] == "paper"}
    assert len(kept) < len(tagged)
    assert any(tagged[p] - kept[p] for p in kept)  # a proposal seen in one, not the other
    for paper, tags in kept.items():
        curated = {
            n for n in full[paper] if full.edges[paper, n]["rel"] in ("technique", "platform")
        }
        assert curated <= tags <= tagged[paper]
