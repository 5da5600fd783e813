"""The built RDF: deterministic, readable by independent parsers, and keeps the contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sysml_graph.corpus.records import Corpus, PaperKind
from sysml_graph.rdf.serialise import FORMATS, serialize

from .conftest import Invoke

HERE = Path(__file__).parent


def build_in_process(out: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run(
        [sys.executable, "-m", "sysml_graph", "build", "--out", str(out), "--no-site"],
        env=env,
        check=True,
        capture_output=True,
    )
    # Hidden files are the build's own (its lock), not outputs.
    outputs = sorted(p for p in out.iterdir() if p.is_file() and not p.name.startswith("."))
    return {p.name: p.read_bytes() for p in outputs}


def test_build_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    first = build_in_process(tmp_path / "a", "1")
    second = build_in_process(tmp_path / "b", "4242")
    assert set(first) == {f"sysml-graph.{x}" for x in ("ttl", "nt", "jsonld", "html")}
    for name in first:
        assert first[name] == second[name], f"{name} differs between processes"


def test_rapper_reads_the_turtle(turtle_file: Path, graph: Graph) -> None:
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(turtle_file)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"returned {len(graph)} triples" in done.stderr


def test_serdi_reads_the_turtle(turtle_file: Path, graph: Graph) -> None:
    done = subprocess.run(
        ["serdi", "-i", "turtle", "-o", "ntriples", str(turtle_file)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len([line for line in done.stdout.splitlines() if line.strip()]) == len(graph)


def test_contract_check_passes(turtle_file: Path, corpus: Corpus) -> None:
    done = subprocess.run(
        [sys.executable, str(HERE / "contract_check.py"), str(turtle_file)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert "FAIL" not in done.stdout
    articles = sum(1 for p in corpus.papers if p.kind is not PaperKind.BOOK)
    assert f", {articles} schema:ScholarlyArticle nodes" in done.stdout.splitlines()[0]


def test_no_blank_nodes(graph: Graph) -> None:
    from rdflib import BNode

    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_reads_back_the_same_graph(fmt: str, graph: Graph, tmp_path: Path) -> None:
    data = serialize(graph, fmt)
    store = ox.Store()
    store.load(data, format=OX_FORMATS[fmt])
    assert len(store) == len(graph), f"pyoxigraph read {len(store)} of {len(graph)} triples"
    # And back through N-Triples into rdflib: the same triples, not just as many.
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert isomorphic(Graph().parse(data=nt, format="nt"), graph)


@pytest.mark.parametrize("fmt", ["rdfxml", "nt"])
def test_rapper_reads_other_exports(fmt: str, graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / f"g{FORMATS[fmt][1]}"
    path.write_bytes(serialize(graph, fmt))
    parser = {"rdfxml": "rdfxml", "nt": "ntriples"}[fmt]
    done = subprocess.run(["rapper", "-i", parser, "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"returned {len(graph)} triples" in done.stderr


def test_nt_export_has_each_triple_once_grouped_by_subject(graph: Graph) -> None:
    lines = serialize(graph, "nt").decode().splitlines()
    assert len(set(lines)) == len(lines) == len(graph)
    subjects = [line.split(" ", 1)[0] for line in lines]
    runs = [s for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s]
    assert len(runs) == len(set(subjects))  # each subject's triples are together


def test_export_command_writes_each_format(
    run_curated: Invoke, tmp_path: Path, graph: Graph
) -> None:
    for fmt in FORMATS:
        out = tmp_path / f"x{FORMATS[fmt][1]}"
        result = run_curated("export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        store = ox.Store()
        store.load(path=str(out), format=OX_FORMATS[fmt])
        nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        assert isomorphic(Graph().parse(data=nt, format="nt"), graph), fmt


def test_export_converts_a_turtle_file(run: Invoke, turtle_file: Path, graph: Graph) -> None:
    result = run("export", "--graph", str(turtle_file), "--format", "nt")
    assert result.exit_code == 0
    assert isomorphic(Graph().parse(data=result.stdout_bytes, format="nt"), graph)
    again = run("export", "--graph", str(turtle_file), "--format", "nt")
    assert again.stdout_bytes == result.stdout_bytes


def test_void_triple_count_is_true(graph: Graph) -> None:
    from rdflib.namespace import VOID

    from sysml_graph.rdf.rdflib_api import DATASET

    assert int(graph.value(DATASET, VOID.triples)) == len(graph)


def test_mapping_writes_canonical_n_triples(shipped: tuple[Graph, Corpus]) -> None:
    # The lines are written by hand-rolled encoders; pyoxigraph's canonical N-Triples
    # writer must give back exactly the same bytes, or a literal was escaped wrongly.
    from sysml_graph.rdf.mapping import corpus_lines, dataset_lines, ontology_lines

    lines = ontology_lines() + dataset_lines(shipped[1])
    lines += [line for chunk in corpus_lines(shipped[1]) for line in chunk]
    data = "".join(lines).encode()
    again = ox.serialize(
        ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES
    )
    assert again == data
    assert len(set(lines)) + 1 == len(shipped[0])  # + void:triples


@pytest.mark.parametrize(
    "text",
    ["plain", 'quote " and \\ backslash', "new\nline\ttab\r", "bell \x07 del \x7f", "ünï — 中"],
)
def test_literal_encoder_matches_pyoxigraph(text: str) -> None:
    from sysml_graph.rdf.ntriples import lit

    line = f"<http://x/s> <http://x/p> {lit(text)} .\n".encode()
    triple = next(iter(ox.parse(line, format=ox.RdfFormat.N_TRIPLES)))
    assert triple.object.value == text
    assert ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES) == line


def test_trig_keeps_literals_with_unicode_line_separators_whole() -> None:
    """N-Triples leaves U+2028 and U+0085 unescaped inside a literal; splitting the lines
    with str.splitlines() would cut the literal in two."""
    import pyoxigraph

    from sysml_graph.rdf.serialise import trig
    from sysml_graph.rdf.store import KnowledgeGraph

    x = "https://w3id.org/sysml-graph/paper/x"
    title = "a\u2028b\x85c\u2029d"
    kg = KnowledgeGraph.from_lines(
        [f'<{x}> <http://purl.org/dc/terms/title> "{title}" .\n', f"<{x}> <{x}> <{x}> .\n"]
    )
    data = trig(kg, {x: "papers/x.yaml"})
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == 2
    assert {q.object.value for q in quads if isinstance(q.object, pyoxigraph.Literal)} == {title}
    assert {q.graph_name.value for q in quads} == {
        "https://w3id.org/sysml-graph/source/papers/x.yaml"
    }


def test_a_concept_links_to_a_public_vocabulary_with_its_source(
    data_copy: Path, tmp_path: Path
) -> None:
    """`matches` in a taxonomy become skos:exactMatch / skos:closeMatch; a match without the
    page that confirms it, or of an unknown kind, is one located problem each."""
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    path = data_copy / "taxonomies" / "techniques.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "- id: pruning\n"
    assert anchor in text
    good = (
        "  matches:\n"
        "  - iri: http://www.wikidata.org/entity/Q1\n"
        "    kind: close\n"
        "    source: https://www.wikidata.org/wiki/Q1\n"
    )
    start = text.index(anchor)
    end = text.index("\n- id:", start + 1) + 1
    path.write_text(text[:end] + good + text[end:], encoding="utf-8")
    out = tmp_path / "dist"
    result = CliRunner().invoke(cli, ["build", "--data", str(data_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    nt = (out / "sysml-graph.nt").read_text(encoding="utf-8")
    assert (
        "<https://w3id.org/sysml-graph/technique/pruning> "
        "<http://www.w3.org/2004/02/skos/core#closeMatch> <http://www.wikidata.org/entity/Q1> ."
    ) in nt
    bad = good.replace("kind: close", "kind: same").replace(
        "    source: https://www.wikidata.org/wiki/Q1\n", ""
    )
    path.write_text(text[:end] + bad + text[end:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "techniques.yaml:" in line]
    assert len(lines) == 2, result.stderr
    assert any(
        "missing required field 'source'" in line and "never guess" in line for line in lines
    )
    assert any("'kind' must be one of exact, close; got 'same'" in line for line in lines)
