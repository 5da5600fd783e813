"""Exports cannot be injected (issue 17.4): whatever text a graph holds, the BibTeX, CSV and
GraphML writers give files that strict readers read back with exactly the entries, fields,
rows and nodes that were written, no TeX command left to run and no spreadsheet formula.

The strict readers: bibtexparser 2 and bibtool (BibTeX; bibtool counts braces as BibTeX
does, where bibtexparser forgives ``\\}``), the csv module, and expat through
xml.etree (GraphML)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import bibtexparser
import networkx as nx
import pyoxigraph as ox
import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import DCTERMS, FOAF, RDF, SDO

from sysml_graph.exports.bibtex import escape, escape_name, escape_verbatim, export_bibtex
from sysml_graph.exports.graphml import graphml
from sysml_graph.exports.tables import table
from sysml_graph.rdf.namespaces import BASE
from sysml_graph.rdf.rdflib_api import BIBO, PRO, SG

from .conftest import Invoke

# What an attacker would write, mixed into arbitrary text by the strategies below.
NASTY = [
    "}",
    "{",
    "}, url = {https://evil.example/x",
    "\\input{/etc/passwd}",
    "\\write18{rm -rf ~}",
    "\\immediate\\write18{id}",
    "\\csname input\\endcsname",
    "^^5cinput{x}",
    "\\",
    "\\{",
    "\\}",
    "\\'",
    '\\"',
    "\\c}",
    "\n@misc{evil, title={x}}\n",
    " and ",
    " AND ",
    ", Jr",
    "others",
    "%",
    "#",
    "&",
    "$",
    "_",
    "~",
    "^",
    '"',
    "@",
    "=",
    '=HYPERLINK("https://evil.example","x")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t",
    "\r",
    "\r\n",
    "\x00",
    "\x0b",
    "\u2028",
    "\ufeff",
    "{TVM}",
    "{\\'e}",
]
TEXT = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(NASTY)), max_size=6).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Control sequences a value may hold: accents, non-ASCII letters, escaped specials, and the
# text commands that stand for a character. Written out here rather than imported, so the
# test does not just agree with the code.
SAFE = {
    *"'\"`^~=.&%$#_",
    *"uvHcdbtrk",
    *("o", "O", "ss", "ae", "AE", "oe", "OE", "aa", "AA", "l", "L", "i", "j"),
    *("textbackslash", "textbraceleft", "textbraceright", "textasciicircum", "textasciitilde"),
}
CONTROL = re.compile(r"\\([A-Za-z]+|.?)", re.DOTALL)


def normal(text: str) -> str:
    """Text as a BibTeX value keeps it: whitespace and control characters one space."""
    return re.sub(r"[\s\x00-\x1f\x7f-\x9f]+", " ", text).strip()


def tex_is_inert(value: str) -> None:
    """Only safe control sequences; balanced braces; no TeX special left raw."""
    names = CONTROL.findall(value)
    assert set(names) <= SAFE, f"active TeX command in {value!r}: {set(names) - SAFE}"
    rest = CONTROL.sub("", value)
    assert not set(rest) & set("\\^%#&$_~"), f"raw TeX special in {value!r}"
    depth = 0
    for char in rest:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, f"a brace closes the field early in {value!r}"
    assert depth == 0, f"unbalanced braces in {value!r}"


DECODE = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    **{f"\\{c}": c for c in "&%$#_"},
}


def decode(value: str) -> str:
    pattern = "|".join(re.escape(k) for k in sorted(DECODE, key=len, reverse=True))
    return re.sub(pattern, lambda m: DECODE[m.group(0)], value)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_escape_keeps_the_text_and_runs_nothing(text: str) -> None:
    value = escape(text)
    tex_is_inert(value)
    if "\\" not in text:  # no TeX of its own: what a reader sees is exactly the text
        assert decode(value) == normal(text)


def test_ordinary_titles_read_as_before() -> None:
    for kept in ["{TVM}: a compiler", "Schr\\\"odinger's {\\'e}t\\'e", 'Na\\"ive {BERT}']:
        assert escape(kept) == kept
    assert escape("R&D at 100% of #1_x") == r"R\&D at 100\% of \#1\_x"
    assert escape("VF^2Boost ~ 2x") == r"VF\textasciicircum{}2Boost \textasciitilde{} 2x"
    assert escape("\\input{x}") == r"\textbackslash{}input{x}"
    assert escape("a } b { c") == r"a \textbraceright{} b \textbraceleft{} c"


# --- BibTeX through bibtexparser and bibtool ---------------------------------------------

WORK = st.fixed_dictionaries(
    {
        "id": TEXT,
        "kind": st.sampled_from(["inproceedings", "article", "book"]),
        "title": TEXT,
        "authors": st.lists(TEXT, max_size=3),
        "issued": TEXT,
        "venue": TEXT,
        "doi": TEXT,
        "pages": TEXT,
        "eprint": TEXT,
        "url": TEXT,
    }
)


def store_of(works: list[dict[str, Any]]) -> ox.Store:
    store = ox.Store()

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o))

    for n, work in enumerate(works):
        iri = f"{BASE}paper/{urllib.parse.quote(str(work['id']), safe='')}-{n}"
        kind = work["kind"]
        add(
            iri,
            str(RDF.type),
            ox.NamedNode(str(SDO.Book if kind == "book" else SDO.ScholarlyArticle)),
        )
        add(iri, str(DCTERMS.title), ox.Literal(str(work["title"])))
        add(iri, str(DCTERMS.issued), ox.Literal(str(work["issued"])))
        venue = f"{BASE}venue/v{n}"
        if kind == "book":
            add(iri, str(DCTERMS.publisher), ox.Literal(str(work["venue"])))
        else:
            link = BIBO.presentedAt if kind == "inproceedings" else DCTERMS.isPartOf
            add(iri, str(link), ox.NamedNode(venue))
            add(venue, str(SDO.name), ox.Literal(str(work["venue"])))
        for prop, key in ((BIBO.doi, "doi"), (BIBO.pages, "pages"), (SG.arxiv, "eprint")):
            add(iri, str(prop), ox.Literal(str(work[key])))
        add(iri, str(SDO.url), ox.Literal(str(work["url"])))
        for pos, name in enumerate(work["authors"], 1):
            role, person = f"{BASE}authorship/a{n}-{pos}", f"{BASE}person/p{n}-{pos}"
            add(role, str(PRO.relatesToDocument), ox.NamedNode(iri))
            add(role, str(SDO.position), ox.Literal(str(pos), datatype=ox.NamedNode(str(XSD_INT))))
            add(role, str(PRO.isHeldBy), ox.NamedNode(person))
            add(person, str(FOAF.name), ox.Literal(str(name)))
    return store


XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"


def expected_fields(work: dict[str, Any]) -> dict[str, str]:
    """The fields an entry must have, and nothing else: computed from the inputs."""
    fields = {"title": escape(str(work["title"])), "year": escape(str(work["issued"])[:4])}
    names = [escape_name(str(a)) for a in work["authors"] if normal(str(a))]
    if names:
        fields["author"] = " and ".join(names)
    venue = str(work["venue"])
    if work["kind"] == "book":
        if venue:
            fields["publisher"] = escape(venue)
    else:
        fields["booktitle" if work["kind"] == "inproceedings" else "journal"] = escape(venue)
    if work["pages"]:
        fields["pages"] = escape(str(work["pages"]).replace("-", "--"))
    for key in ("doi", "eprint", "url"):
        if work[key]:
            fields[key] = escape_verbatim(str(work[key]))
    if work["eprint"]:
        fields["archiveprefix"] = "arXiv"
    return fields


def entries(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.raw for b in library.failed_blocks]
    assert len(library.blocks) == len(library.entries), "a block that is not an entry"
    out: dict[str, dict[str, str]] = {}
    for entry in library.entries:
        assert entry.key not in out, f"duplicate key {entry.key}"
        out[entry.key] = {f.key.lower(): str(f.value) for f in entry.fields}
    return out


BIBTOOL = shutil.which("bibtool")


@given(st.lists(WORK, min_size=1, max_size=3))
@SETTINGS
def test_bibtex_fields_cannot_be_injected(works: list[dict[str, Any]]) -> None:
    text = export_bibtex(store_of(works))
    read = entries(text)
    assert len(read) == len(works)
    for key in read:
        assert re.fullmatch(r"[A-Za-z0-9_.:+/-]+", key), key
    # Keys follow the works' order (sorted IRIs); match each entry to its work by the IRI.
    order = sorted(
        range(len(works)), key=lambda n: f"{urllib.parse.quote(str(works[n]['id']), safe='')}-{n}"
    )
    for n, (key, fields) in zip(order, read.items(), strict=True):
        assert fields == expected_fields(works[n]), key
        for name, value in fields.items():
            if name in ("doi", "url", "eprint"):
                assert not re.search(r"[\\{}^\s]", value), value
                if "%" not in str(works[n][name]):
                    assert urllib.parse.unquote(value) == normal(
                        str(works[n][name])
                    ) or value == escape_verbatim(str(works[n][name]))
            else:
                tex_is_inert(value)
        if "author" in fields:
            people = [normal(str(a)) for a in works[n]["authors"] if normal(str(a))]
            assert len(split_multiple_persons_names(fields["author"])) == len(people)
    if BIBTOOL is not None:
        done = subprocess.run(
            [BIBTOOL, "--", "print.line.length=100000"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        assert done.stderr == "", done.stderr
        again = entries(done.stdout)
        # bibtool writes keys in lower case and may re-space values; nothing else changes.
        assert {k.lower(): {f: normal(v) for f, v in d.items()} for k, d in again.items()} == {
            k.lower(): {f: normal(v) for f, v in d.items()} for k, d in read.items()
        }


def test_bibtool_is_there_to_check() -> None:
    """bibtool (Debian's `bibtool`) reads braces as BibTeX does; without it the property
    above checks with bibtexparser only, which forgives an escaped brace."""
    if BIBTOOL is None:
        pytest.fail("bibtool is missing: scripts/test installs it (apt-get install bibtool)")
    bad = "@misc{k,\n  title = {a \\} b},\n  note = {n}\n}\n"
    done = subprocess.run([BIBTOOL], input=bad, capture_output=True, text=True, timeout=30)
    assert "ERROR" in done.stderr  # the strictness the property relies on


# --- CSV and GraphML ---------------------------------------------------------------------

FORMULA = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def csv_text(value: str) -> str:
    """What a cell must hold: the text with line ends as LF and NUL replaced, marked as text
    with a leading ' when a spreadsheet would read it as a formula."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return "'" + text if text.startswith(FORMULA) else text


NODE = st.fixed_dictionaries(
    {
        "id": TEXT,
        "title": TEXT,
        "authors": st.lists(TEXT, max_size=2),
        "doi": TEXT,
        "url": TEXT,
        "techniques": st.lists(TEXT, max_size=2),
        "label": TEXT,
        "name": TEXT,
    }
)


def network_of(nodes: list[dict[str, Any]]) -> nx.Graph:
    g = nx.Graph()
    for n, d in enumerate(nodes):
        paper, person, venue = f"paper:{d['id']}{n}", f"person:{d['id']}{n}", f"venue:{d['id']}{n}"
        g.add_node(
            paper,
            kind="paper",
            title=d["title"],
            authors=d["authors"],
            doi=d["doi"],
            url=d["url"],
            techniques=d["techniques"],
            year=2000 + n,
        )
        g.add_node(person, kind="person", label=d["label"])
        g.add_node(venue, kind="venue", label=d["label"], name=d["name"])
        g.add_edge(paper, person, kind="author")
        g.add_edge(paper, venue, kind="venue")
    return g


@given(st.lists(NODE, min_size=1, max_size=4))
@SETTINGS
def test_csv_cells_are_text_and_rows_stay_rows(nodes: list[dict[str, Any]]) -> None:
    g = network_of(nodes)
    for name, kind in (("papers", "paper"), ("people", "person"), ("venues", "venue")):
        rows = list(csv.reader(io.StringIO(table(g, name), newline="")))
        assert len(rows) == 1 + len(nodes), name
        assert all(len(row) == len(rows[0]) for row in rows), name
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA), f"a formula cell: {cell!r}"
        for n, row in zip(
            sorted(range(len(nodes)), key=lambda n: f"{kind}:{nodes[n]['id']}{n}"),
            rows[1:],
            strict=True,
        ):
            d = nodes[n]
            assert row[0] == csv_text(f"{d['id']}{n}")
            if name == "papers":
                assert row[3] == csv_text(str(d["title"]))
                assert row[4] == csv_text("; ".join(d["authors"]))
                assert row[7:9] == [csv_text(str(d["doi"])), csv_text(str(d["url"]))]
            elif name == "people":
                assert row[1:] == [csv_text(str(d["label"])), "1"]
            else:
                assert row[1:] == [csv_text(str(d["label"])), csv_text(str(d["name"])), "1"]


def xml_text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)


@given(st.lists(NODE, min_size=1, max_size=4))
@SETTINGS
def test_graphml_reads_back_as_written(nodes: list[dict[str, Any]]) -> None:
    g = network_of(nodes)
    data = graphml(g)
    root = ET.fromstring(data)  # expat: refuses anything that is not well-formed XML 1.0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == 3 * len(nodes)
    assert len(root.findall("g:graph/g:edge", ns)) == 2 * len(nodes)
    back = nx.read_graphml(io.BytesIO(data))
    for n, d in enumerate(nodes):
        paper = xml_text(f"paper:{d['id']}{n}")
        assert back.nodes[paper].get("title", "") == xml_text(str(d["title"]))
        assert back.nodes[paper].get("doi", "") == xml_text(str(d["doi"]))
        assert back.nodes[xml_text(f"venue:{d['id']}{n}")].get("name", "") == xml_text(
            str(d["name"])
        )


# --- the attack as found, through the command ----------------------------------------------


def test_the_found_attack_through_export(run: Invoke, data_copy: Path, tmp_path: Path) -> None:
    paper = data_copy / "papers" / "eie.yaml"
    evil = '=HYPERLINK("https://evil.example","x")}, url = {https://evil.example/} \\write18{id}'
    text = paper.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", lambda _: "title: " + yaml_quote(evil), text, count=1)
    paper.write_text(text, encoding="utf-8")
    outputs = {}
    for fmt in ("bibtex", "csv", "graphml"):
        out = tmp_path / f"out.{fmt}"
        result = run("export", "--format", fmt, "--data", str(data_copy), "-o", str(out))
        assert result.exit_code == 0, result.output
        outputs[fmt] = out.read_text(encoding="utf-8")
    eie = entries(outputs["bibtex"])["eie"]
    assert eie["url"] != "https://evil.example/" and "evil.example" in eie["title"]
    tex_is_inert(eie["title"])
    rows = {row[0]: row for row in csv.reader(io.StringIO(outputs["csv"], newline=""))}
    assert rows["eie"][3] == "'" + evil
    node = nx.read_graphml(io.StringIO(outputs["graphml"])).nodes["paper:eie"]
    assert node["title"] == evil


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_a_name_that_starts_with_an_escape_stays_one_name() -> None:
    """Found by the property above: authors ['0', '&'] were written ``0 and \\&``, which
    bibtexparser reads as one name (it drops an escape that starts a name after ``and``)."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    from sysml_graph.exports.bibtex import escape_name

    field = " and ".join(escape_name(a) for a in ["0", "&", "&B"])
    assert split_multiple_persons_names(field) == ["0", "{\\&}", "{\\&B}"]
