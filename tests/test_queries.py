"""Every named query answers its question on the shipped data; no query reaches out.

Expected answers are hand-checked rows from the papers themselves, and where a whole table
is expected it is recomputed from the YAML records in plain Python (a path that shares
nothing with SPARQL)."""

from __future__ import annotations

import contextlib
import csv
import io
import socket
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from rdflib import Graph

from sysml_graph.corpus.records import Corpus, Paper, PaperKind
from sysml_graph.sparql.errors import QueryError
from sysml_graph.sparql.named import named_queries, resolve
from sysml_graph.sparql.params import bind
from sysml_graph.sparql.run import run as run_sparql
from sysml_graph.sparql.safety import check, missing_prefixes

from .conftest import Invoke

BASE = "https://w3id.org/sysml-graph/"


@pytest.fixture
def run(run_curated: Invoke) -> Invoke:
    """This file's commands read the curated seed, whose answers are checked by hand."""
    return run_curated


def rows(run_cli: Invoke, *args: str) -> list[list[str]]:
    result = run_cli("query", *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))[1:]


def short(rows_: list[list[str]]) -> list[list[str]]:
    return [[v.removeprefix(BASE) for v in row] for row in rows_]


def broader_closure(corpus: Corpus, scheme: str) -> dict[str, set[str]]:
    concepts = {c.id: c for s in corpus.schemes if s.id == scheme for c in s.concepts}

    def up(cid: str) -> set[str]:
        out = {cid}
        for b in concepts[cid].broader:
            out |= up(b)
        return out

    return {cid: up(cid) for cid in concepts}


def label(corpus: Corpus, cid: str) -> str:
    return next(c.label for s in corpus.schemes for c in s.concepts if c.id == cid)


# --- one test per named query ------------------------------------------------------------


def test_papers_by_venue(run: Invoke) -> None:
    assert short(rows(run, "papers-by-venue", "--bind", "venue=mobisys")) == [
        [
            "paper/mcdnn",
            "2016",
            "MCDNN: An Approximation-Based Execution Framework for Deep "
            "Stream Processing Under Resource Constraints",
            "MobiSys 2016",
        ],
        [
            "paper/deepeye",
            "2017",
            "DeepEye: Resource Efficient Local Execution of Multiple Deep "
            "Vision Models using Wearable Commodity Hardware",
            "MobiSys 2017",
        ],
        [
            "paper/deepmon",
            "2017",
            "DeepMon: Mobile GPU-based Deep Learning Framework for Continuous Vision Applications",
            "MobiSys 2017",
        ],
    ]
    osdi = rows(run, "papers-by-venue", "--bind", "venue=osdi", "--bind", "year=2018")
    assert sorted(r[0].removeprefix(BASE) for r in osdi) == ["paper/ray", "paper/tvm"]
    assert rows(run, "papers-by-venue", "--bind", "venue=osdi", "--bind", "year=2017") == []


def test_papers_by_technique_include_narrower(run: Invoke, corpus: Corpus) -> None:
    got = {r[0].removeprefix(BASE + "paper/") for r in rows(run, "papers-by-technique")}
    up = broader_closure(corpus, "techniques")
    expected = {p.id for p in corpus.papers if any("compression" in up[t] for t in p.techniques)}
    assert got == expected == {"deepeye", "deepmon", "deepx", "dxtk", "eie", "sparsesep"}
    pruning = rows(run, "papers-by-technique", "--bind", "technique=pruning")
    assert [(r[0].removeprefix(BASE), r[3]) for r in pruning] == [("paper/eie", "pruning")]


def test_papers_by_platform_include_narrower(run: Invoke, corpus: Corpus) -> None:
    got = {
        r[0].removeprefix(BASE + "paper/")
        for r in rows(run, "papers-by-platform", "--bind", "platform=fpga")
    }
    assert got == {"tvm", "fpgaconvnet-embedded"}  # TVM on FPGA, fpgaConvNet on embedded FPGA
    up = broader_closure(corpus, "platforms")
    soc = {r[0].removeprefix(BASE + "paper/") for r in rows(run, "papers-by-platform")}
    assert soc == {p.id for p in corpus.papers if any("mobile-soc" in up[x] for x in p.platforms)}


def _links(p: Paper, scheme: str, links: str) -> list[str]:
    curated = list(getattr(p, scheme))
    return curated if links == "curated" else [*curated, *getattr(p, f"inferred_{scheme}")]


@pytest.mark.parametrize("links", ["all", "curated"])
def test_technique_platform_counts(run: Invoke, corpus: Corpus, links: str) -> None:
    """Papers per technique × platform, and of them those linked by a curator on both sides."""
    pairs = Counter[tuple[str, str]]()
    curated = Counter[tuple[str, str]]()
    for p in corpus.papers:
        for t in _links(p, "techniques", links):
            for pl in _links(p, "platforms", links):
                pair = (label(corpus, t), label(corpus, pl))
                pairs[pair] += 1
                curated[pair] += t in p.techniques and pl in p.platforms
    got = rows(run, "technique-platform-counts", "--links", links)
    assert {(t, pl): (int(n), int(c)) for t, pl, n, c in got} == {
        pair: (n, curated[pair]) for pair, n in pairs.items()
    }
    mobile = {(t, pl): (int(n), int(c)) for t, pl, n, c in got}[("GPU offload", "mobile GPU")]
    assert mobile == (4, 4)  # DeepMon, MobiRNN, DeepSense, CNNdroid: all curated
    if links == "curated":
        assert all(n == c for _, _, n, c in got)


def expected_open_pairs(corpus: Corpus, links: str, min_expected: int) -> list[tuple[str, str]]:
    """The untried-pairs answer recomputed from the YAML: a pair is listed when no paper has
    both and rows × columns ≥ min_expected × papers with both kinds of link."""
    tup, pup = broader_closure(corpus, "techniques"), broader_closure(corpus, "platforms")
    tops = {s.id: [c.id for c in s.concepts if not c.broader] for s in corpus.schemes}
    row, column, tried, both = Counter[str](), Counter[str](), set(), 0
    for p in corpus.papers:
        ts = {t for tag in _links(p, "techniques", links) for t in tup[tag]}
        ps = {pl for tag in _links(p, "platforms", links) for pl in pup[tag]}
        if ts and ps:
            both += 1
            row.update(ts)
            column.update(ps)
            tried |= {(t, pl) for t in ts for pl in ps}
    return sorted(
        (label(corpus, t), label(corpus, pl))
        for t in tops["techniques"]
        for pl in tops["platforms"]
        if (t, pl) not in tried
        and row[t]
        and column[pl]
        and row[t] * column[pl] >= min_expected * both
    )


@pytest.mark.parametrize(("links", "min_expected"), [("all", 3), ("all", 0), ("curated", 0)])
def test_untried_pairs(run: Invoke, corpus: Corpus, links: str, min_expected: int) -> None:
    got = rows(run, "untried-pairs", "--links", links, "--bind", f"min_expected={min_expected}")
    assert sorted((t, pl) for t, pl, _ in got) == expected_open_pairs(corpus, links, min_expected)
    expected = [float(e) for _, _, e in got]
    assert expected == sorted(expected, reverse=True)
    assert all(e >= min_expected for e in expected)
    if (links, min_expected) == ("all", 0):
        assert ("compression", "mobile device") not in [(t, pl) for t, pl, _ in got]
        assert len(got) > len(expected_open_pairs(corpus, links, 3))


def test_papers_on_a_technique_and_platform(run: Invoke, corpus: Corpus) -> None:
    """Both concepts followed down skos:broader*, curated links ranked above proposed."""
    got = rows(
        run, "papers-on", "--bind", "technique=compression", "--bind", "platform=mobile-device"
    )
    tup, pup = broader_closure(corpus, "techniques"), broader_closure(corpus, "platforms")

    def on(tags: list[str], up: dict[str, set[str]], top: str) -> bool:
        return any(top in up[t] for t in tags)

    expected = {
        p.id: "curated"
        if on(p.techniques, tup, "compression") and on(p.platforms, pup, "mobile-device")
        else "proposed"
        for p in corpus.papers
        if on([*p.techniques, *p.inferred_techniques], tup, "compression")
        and on([*p.platforms, *p.inferred_platforms], pup, "mobile-device")
    }
    assert {r[0].removeprefix(BASE + "paper/"): r[3] for r in got} == expected
    assert expected["deepx"] == "curated"  # low-rank factorisation on mobile CPU, GPU, DSP
    linked = [r[3] for r in got]
    assert linked == sorted(linked)  # every curated row before the first proposed one
    curated = rows(
        run,
        "papers-on",
        "--links",
        "curated",
        "--bind",
        "technique=compression",
        "--bind",
        "platform=mobile-device",
    )
    assert [r[0] for r in curated] == [r[0] for r in got if r[3] == "curated"]
    none = rows(
        run, "papers-on", "--bind", "technique=federated-learning", "--bind", "platform=tpu"
    )
    assert none == []


def test_links_is_checked_and_only_for_queries_that_take_it(run: Invoke) -> None:
    wrong = run("query", "papers-on", "--bind", "links=some")
    assert wrong.exit_code != 0 and "links is all or curated, not 'some'" in wrong.output
    unused = run("query", "coauthors", "--links", "curated")
    assert unused.exit_code != 0
    assert "coauthors takes no links parameter; these do: papers-by-platform" in unused.output


def test_coauthors(run: Invoke, corpus: Corpus) -> None:
    got = short(rows(run, "coauthors", "--bind", "person=nicholas-d-lane"))
    assert got[:3] == [
        ["person/sourav-bhattacharya", "Sourav Bhattacharya", "5"],
        ["person/claudio-forlivesi", "Claudio Forlivesi", "4"],
        ["person/fahim-kawsar", "Fahim Kawsar", "4"],
    ]
    lane = [p for p in corpus.papers if "nicholas-d-lane" in p.authors]
    expected = Counter(a for p in lane for a in p.authors if a != "nicholas-d-lane")
    assert {r[0].removeprefix("person/"): int(r[2]) for r in got} == dict(expected)


def test_prolific_authors(run: Invoke, corpus: Corpus) -> None:
    got = short(rows(run, "prolific-authors"))
    counts = Counter(a for p in corpus.papers if p.kind is not PaperKind.BOOK for a in p.authors)
    assert {r[0].removeprefix("person/"): int(r[2]) for r in got} == {
        a: n for a, n in counts.items() if n > 1
    }
    assert [r[1] for r in got[:2]] == ["Nicholas D. Lane", "Sourav Bhattacharya"]


def test_papers_with_code(run: Invoke) -> None:
    got = [(r[0].removeprefix(BASE + "paper/"), r[3]) for r in rows(run, "papers-with-code")]
    assert got == [
        ("cnndroid", "https://github.com/ENCP/CNNdroid"),
        ("clipper", "https://github.com/ucbrise/clipper"),
        ("mobirnn", "https://github.com/csarron/MobiRnn"),
        ("ray", "https://github.com/ray-project/ray"),
        ("tvm", "https://github.com/apache/tvm"),
    ]


def test_venues_ranked(run: Invoke) -> None:
    got = [(r[1], int(r[3])) for r in rows(run, "venues-ranked")]
    assert got[:2] == [("MobiSys", 3), ("OSDI", 2)]
    assert len(got) == 12 and sum(n for _, n in got) == 15  # every paper but the book


def test_paper_authors_in_order(run: Invoke) -> None:
    got = [(r[0], r[2]) for r in rows(run, "paper-authors", "--bind", "paper=eie")]
    assert got == [
        ("1", "Song Han"),
        ("2", "Xingyu Liu"),
        ("3", "Huizi Mao"),
        ("4", "Jing Pu"),
        ("5", "Ardavan Pedram"),
        ("6", "Mark A. Horowitz"),
        ("7", "William J. Dally"),
    ]


def test_papers_by_author(run: Invoke) -> None:
    got = [(r[0].removeprefix(BASE + "paper/"), r[2]) for r in rows(run, "papers-by-author")]
    assert got == [
        ("early-resource-characterization", "2"),
        ("dxtk", "2"),
        ("deepx", "2"),
        ("sparsesep", "1"),
        ("deepeye", "3"),
    ]


def test_papers_per_year(run: Invoke, corpus: Corpus) -> None:
    got = {r[0]: int(r[1]) for r in rows(run, "papers-per-year")}
    assert got == dict(Counter(str(p.year) for p in corpus.papers if p.kind is not PaperKind.BOOK))
    assert got == {"2015": 1, "2016": 7, "2017": 5, "2018": 2}


def test_find_concept_by_synonym(run: Invoke) -> None:
    assert short(rows(run, "find-concept", "--bind", "label=Quantisation")) == [
        ["technique/quantization", "quantization", "scheme/techniques", "compression"]
    ]
    assert short(rows(run, "find-concept", "--bind", "label=Zynq"))[0][1] == "embedded FPGA"


def test_builds_on(run: Invoke) -> None:
    got = short(rows(run, "builds-on"))
    assert [(r[0], r[2]) for r in got] == [("paper/dxtk", "paper/deepx")]


def test_every_named_query_has_a_test() -> None:
    tested = {
        name.removeprefix("test_").replace("_", "-")
        for name in globals()
        if name.startswith("test_")
    }
    for name in named_queries():
        assert any(name.startswith(t) or t.startswith(name) for t in tested), (
            f"named query '{name}' has no test_{name.replace('-', '_')}… in this file"
        )


def test_every_named_query_states_its_question() -> None:
    for name, q in named_queries().items():
        assert q.question.endswith("?"), f"{name}.rq must open with its question in a comment"
    assert len(named_queries()) >= 12


def test_named_queries_run_by_file_path(run: Invoke) -> None:
    from sysml_graph.resources import queries_dir

    path = queries_dir() / "papers-per-year.rq"
    assert rows(run, str(path)) == rows(run, "papers-per-year")


# --- parameters ----------------------------------------------------------------------------


def test_bind_puts_values_first_in_the_where_group() -> None:
    q = resolve("papers-by-venue")
    text = bind(q, {"venue": "osdi", "year": "2018"})
    assert (
        "WHERE { VALUES ?venue { <https://w3id.org/sysml-graph/venue/osdi> } "
        "VALUES ?year { 2018 }" in text
    )


@pytest.mark.parametrize(
    "args,message",
    [
        (["papers-by-venue", "--bind", "year=20l7"], "'20l7' is not a year; give all four digits"),
        (["papers-by-venue", "--bind", "colour=red"], "unknown parameter colour"),
        (["papers-by-venue", "--bind", "venue=<x> } } DROP"], "is not a venue id"),
        (["no-such-query"], "no query named 'no-such-query'"),
    ],
)
def test_bad_parameters_are_clear_errors(run: Invoke, args: list[str], message: str) -> None:
    result = run("query", *args)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_usage_errors_exit_2(run: Invoke) -> None:
    assert run("query").exit_code == 2
    assert run("query", "papers-per-year", "--bind", "novalue").exit_code == 2
    assert run("query", "papers-per-year", "--format", "xml").exit_code == 2


def test_formats(run: Invoke) -> None:
    table = run("query", "papers-per-year").stdout
    assert table.splitlines()[0].startswith("| year")
    assert table.rstrip().endswith("4 rows")
    tsv = run("query", "papers-per-year", "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "?year\t?papers\t?complete"
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert tsv[1] == f'"2015"\t"1"{integer}\t"1"{integer}'
    import json

    doc = json.loads(run("query", "papers-per-year", "--format", "json").stdout)
    assert doc["head"]["vars"] == ["year", "papers", "complete"]
    assert len(doc["results"]["bindings"]) == 4


def test_ask_and_construct(run: Invoke) -> None:
    assert run("query", "-e", "ASK { ?p a schema:Book }").stdout == "true\n"
    out = run("query", "-e", "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p dcterms:title ?t }")
    assert out.exit_code == 0 and "dcterms:title" in out.stdout


def test_query_a_turtle_file(run: Invoke, turtle_file: object) -> None:
    assert rows(run, "papers-per-year", "--graph", str(turtle_file)) == rows(run, "papers-per-year")


# --- safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,message",
    [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("LOAD <file:///etc/passwd>", "updates"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates"),
        ("DROP ALL", "updates"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * WHERE { ?s ?p ?o "
            "FILTER EXISTS { SERVICE SILENT <http://x.org/> { ?s ?p ?o } } }",
            "SERVICE",
        ),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://x.org/> { ?s ?p ?o } } } }",
            "SERVICE",
        ),
        ("SELECT * WHERE { ?s ?p }", "syntax error"),
        # The lexical scan that spares safe queries a full parse must not be fooled.
        ("# a comment\nselect * where {\n  service <http://x.org/> { ?s ?p ?o } }", "SERVICE"),
        (
            'SELECT * WHERE { ?s ?p "say \\" FROM" . SERVICE <http://x.org/> { ?a ?b ?c } }',
            "SERVICE",
        ),
        ("SELECT * WHERE { ?s ?p ?o . sErViCe <http://x.org/> { ?a ?b ?c } }", "SERVICE"),
        ("SELECT *\tfrom\t<file:///etc/passwd> { ?s ?p ?o }", "FROM"),
    ],
)
def test_unsafe_or_broken_queries_are_refused(run: Invoke, text: str, message: str) -> None:
    result = run("query", "-e", text)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A loopback TCP port that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join()
    server.close()


def test_service_never_connects(listener: tuple[int, list[object]], graph: Graph) -> None:
    port, seen = listener
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match="SERVICE"):
        run_sparql(graph, text)
    assert seen == []
    # The listener does notice a connection: rdflib's own engine, unguarded, makes one.
    with contextlib.suppress(Exception):
        list(Graph().query(text))
    assert len(seen) == 1


def test_named_queries_pass_the_safety_check() -> None:
    for q in named_queries().values():
        text = bind(q, {})
        assert check(missing_prefixes(text) + text) in ("SELECT", "ASK", "CONSTRUCT"), q.name


# --- helpful answers ---------------------------------------------------------------------


def test_the_prefixes_tables_print_work_in_queries(run: Invoke) -> None:
    """A table prints paper:tvm; the same name works in a query without a PREFIX line."""
    table = run("query", "paper-authors", "--bind", "paper=tvm").stdout
    assert "person:tianqi-chen" in table
    out = rows(run, "-e", "SELECT ?t WHERE { paper:tvm dcterms:title ?t }")
    assert out == [["TVM: An Automated End-to-End Optimizing Compiler for Deep Learning"]]
    who = rows(run, "-e", "SELECT ?p WHERE { ?p pro:isHeldBy person:tianqi-chen }")
    assert len(who) == 1


@pytest.mark.parametrize(
    "query,binding,message",
    [
        ("papers-by-technique", "technique=prunning", "no technique 'prunning' in the graph; "
         "did you mean 'pruning'?"),
        ("coauthors", "person=nic-lane", "no person 'nic-lane' in the graph; "
         "did you mean 'nicholas-d-lane'?"),
        ("papers-by-venue", "venue=MobiSys", "'MobiSys' is not a venue id; "
         "did you mean 'mobisys'?"),
        ("papers-by-venue", "year=17", "'17' is not a year; give all four digits, like 2017"),
        ("papers-by-venue", "year=1850", "no paper from 1850 in the graph; its papers run "
         "from 2015 to 2018"),
        ("papers-by-platform", "platform=quantum-annealer", "no platform 'quantum-annealer' "
         "in the graph; `query find-concept --bind label=WORD` finds a concept by any name"),
        ("paper-authors", "paper=tvm-2018", "no paper 'tvm-2018' in the graph; "
         "did you mean 'tvm'?"),
    ],
)  # fmt: skip
def test_an_unknown_id_gets_the_nearest_names(
    run: Invoke, query: str, binding: str, message: str
) -> None:
    result = run("query", query, "--bind", binding)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"error: {message}\n"
    assert result.stdout == ""


def test_a_known_id_is_answered_as_before(run: Invoke) -> None:
    assert len(rows(run, "papers-by-technique", "--bind", "technique=pruning")) >= 1
    assert len(rows(run, "papers-by-venue", "--bind", "venue=mobisys", "--bind", "year=2017"))


def test_an_undeclared_prefix_is_named_with_its_line(run: Invoke) -> None:
    result = run("query", "-e", "SELECT * WHERE {\n  ?s ?p ?o .\n  foo:bar ?p ?o }")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: unknown prefix 'foo:' at line 3; declare it with PREFIX foo: <…> "
        "or use a predeclared one: sg, bibo,"
    )
    assert len(result.stderr.splitlines()) == 1


def test_syntax_errors_point_at_the_users_own_line_and_column() -> None:
    """Through `query` and through the check `serve` and `query --endpoint` make after
    adding PREFIX lines: the position is in the text the user wrote."""
    text = "SELECT * WHERE {\n  ?s ?p\n}"
    header = missing_prefixes(text)
    assert header.count("\n") > 10
    for full, lines in ((text, 0), (header + text, header.count("\n"))):
        with pytest.raises(QueryError) as err:
            check(full, lines)
        assert str(err.value).startswith("SPARQL syntax error at line 3, column 2: "), err.value
