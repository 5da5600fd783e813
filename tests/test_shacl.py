"""The SHACL shapes pass the shipped data and catch what a curator (or another tool) gets
wrong: each mutation of a good graph is reported, located in YAML where possible."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO, XSD

from sysml_graph.corpus.records import Corpus
from sysml_graph.rdf.locations import locations
from sysml_graph.rdf.rdflib_api import SG, iri
from sysml_graph.shacl.validate import shacl_problems

from .conftest import Invoke

EIE = iri("paper", "eie")


def copy(graph: Graph) -> Graph:
    out = Graph()
    for t in graph:
        out.add(t)
    return out


def no_title(g: Graph) -> None:
    g.remove((EIE, DCTERMS.title, None))


def no_year(g: Graph) -> None:
    g.remove((EIE, DCTERMS.issued, None))


def old_year(g: Graph) -> None:
    g.set((EIE, DCTERMS.issued, Literal("1949", datatype=XSD.gYear)))


def future_year(g: Graph) -> None:
    g.set((EIE, DCTERMS.issued, Literal("2999", datatype=XSD.gYear)))


def no_author(g: Graph) -> None:
    g.remove((EIE, DCTERMS.creator, None))


def platform_from_wrong_scheme(g: Graph) -> None:
    g.add((EIE, SG.platform, iri("technique", "pruning")))


def technique_not_a_concept(g: Graph) -> None:
    g.add((EIE, SG.technique, URIRef("https://example.org/not-a-concept")))


def javascript_link(g: Graph) -> None:
    g.set((EIE, SDO.url, URIRef("javascript:alert(1)")))


def literal_repository(g: Graph) -> None:
    g.set((iri("software", "tvm"), SDO.codeRepository, Literal("github.com/apache/tvm")))


def zero_position(g: Graph) -> None:
    g.set((iri("authorship", "eie-1"), SDO.position, Literal(0)))


MUTATIONS: dict[str, tuple[Callable[[Graph], None], str]] = {
    "missing title": (no_title, "title"),
    "missing year": (no_year, "one year"),
    "year before 1950": (old_year, "between 1950 and next year"),
    "year after next year": (future_year, "between 1950 and next year"),
    "no author": (no_author, "at least one author"),
    "tag from the wrong scheme": (platform_from_wrong_scheme, "platforms scheme"),
    "tag that is not a concept": (technique_not_a_concept, "techniques scheme"),
    "non-http link": (javascript_link, "http(s) IRI"),
    "code repository as text": (literal_repository, "code repository must be an http(s) IRI"),
    "author position 0": (zero_position, "1-based"),
}


def test_shipped_data_conforms(graph: Graph) -> None:
    assert shacl_problems(graph) == []
    assert shacl_problems(graph, engine="pyshacl") == []


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_shapes_catch(name: str, graph: Graph, corpus: Corpus) -> None:
    mutate, phrase = MUTATIONS[name]
    g = copy(graph)
    mutate(g)
    problems = shacl_problems(g, locations(corpus))
    # The reference engine finds exactly the same problems, worded the same.
    assert problems == shacl_problems(g, locations(corpus), engine="pyshacl")
    assert problems, f"SHACL did not notice: {name}"
    assert any(phrase in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file != "graph" for p in problems), "problems are located in the YAML files"


def test_validate_reports_shacl_problems_of_a_foreign_graph(
    graph: Graph, tmp_path: Path, run: Invoke
) -> None:
    """`validate --graph` checks any Turtle file, located by node IRI."""
    g = copy(graph)
    no_title(g)
    path = tmp_path / "foreign.ttl"
    g.serialize(path, format="turtle")
    result = run("validate", "--graph", str(path))
    assert result.exit_code == 1
    assert f"{path}:0: <{EIE}>: a paper needs exactly one title" in result.stderr


def test_the_reference_engine_without_its_extra_says_how_to_get_it(
    run: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyshacl is an optional extra: without it, one line saying which (exit 2, usage)."""
    import sys

    monkeypatch.setitem(sys.modules, "pyshacl", None)  # as if it were not installed
    result = run("validate", "--engine", "pyshacl")
    assert result.exit_code == 2
    assert "pip install 'sysml-graph[pyshacl]'" in result.stderr
    assert "Traceback" not in result.output
