"""Issue 13: one record per person. Variants of a name (initials, a middle initial, a short
form, a nickname in parentheses, accents, hyphens) are merged only with corroboration — a
shared co-author, or a curator's ``alt_names`` — curated ids win, the other spellings stay
as ``alt_names`` (``schema:alternateName``), ``distinct_from`` keeps two records apart, and
``validate`` names look-alike records the data left apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SDO

from sysml_graph.corpus.names import resolve_people, variants
from sysml_graph.corpus.read import load_corpus
from sysml_graph.importers.run import import_lists
from sysml_graph.importers.write import write_imported

from .conftest import Invoke, copy_curated


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jeff Dean", "Jeffrey Dean", True),
        ("J. Dean", "Jeffrey Dean", True),
        ("William J. Dally", "William Dally", True),
        ("Piotr Dollár", "Piotr Dollar", True),
        ("Zhi-Gang Liu", "ZHIGANG LIU", True),
        ("Vijayalakshmi (Viji) Srinivasan", "Vijayalakshmi Srinivasan", True),
        ("H. T. Kung", "Hsiang-Tsung Kung", True),
        ("Yu Wang", "Yue Wang", False),  # another given name
        ("Yu Emma Wang", "Yu Wang", False),  # a full extra name may be another person
        ("Jeff Dean", "Jeff Dear", False),
        ("Michael I. Jordan", "Michael J. Jordan", False),  # different middle initials
    ],
)
def test_variants_of_a_name(a: str, b: str, same: bool) -> None:
    assert variants(a, b) is same and variants(b, a) is same


def test_a_variant_without_a_shared_coauthor_stays_apart() -> None:
    names = {"jd": "Jeff Dean", "jfd": "Jeffrey Dean", "x": "Sanjay Ghemawat", "y": "Other"}
    assert not resolve_people(names, [["jd", "x"], ["jfd", "y"]]).into
    assert resolve_people(names, [["jd", "x"], ["jfd", "x"]]).into == {"jd": "jfd"}


def test_a_short_name_between_two_people_is_doubtful_not_merged() -> None:
    names = {"y": "Y. Wang", "yu": "Yu Wang", "yue": "Yue Wang", "c": "Yuan Xie"}
    merges = resolve_people(names, [["y", "c"], ["yu", "c"], ["yue", "c"]])
    assert merges.into == {}
    assert merges.doubtful and "could be one of 3 people" in merges.doubtful[0][2]


def test_curated_ids_win_and_two_curated_records_are_never_merged() -> None:
    names = {"wd": "William Dally", "wjd": "William J. Dally", "c": "Brucek Khailany"}
    papers = [["wd", "c"], ["wjd", "c"]]
    assert resolve_people(names, papers, curated={"wd"}).into == {"wjd": "wd"}
    both = resolve_people(names, papers, curated={"wd", "wjd"})
    assert both.into == {} and "two curated records" in both.doubtful[0][2]
    assert resolve_people(names, papers, distinct=[("wd", "wjd")]).into == {}


LIST = (
    "- [Large Scale Distributed Deep Networks](https://example.org/1), Jeffrey Dean, Greg "
    "Corrado, Rajat Monga, 2012\n"
    "- [MapReduce Simplified Data Processing](https://example.org/2), Jeff Dean, Sanjay "
    "Ghemawat, 2004\n"
    "- [TensorFlow A System for Large-Scale Machine Learning](https://example.org/3), Martin "
    "Abadi, J. Dean, Greg Corrado, 2016\n"
    "- [Bigtable A Distributed Storage System](https://example.org/4), Fay Chang, Jeffrey "
    "Dean, Sanjay Ghemawat, 2006\n"
    "- [Another Dean Paper on Something Else](https://example.org/5), John Dean, Ann Other, "
    "2019\n"
)


def _import(tmp_path: Path, text: str, people_yaml: str | None = None) -> tuple[Path, list[str]]:
    data = copy_curated(tmp_path / "data")
    if people_yaml is not None:
        with (data / "people.yaml").open("a", encoding="utf-8") as f:
            f.write(people_yaml)
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / "README.md").write_text(text, encoding="utf-8")
    (folder / "SOURCE.txt").write_text(
        "repository:   https://github.com/example/list\nlicence:      MIT\n", encoding="utf-8"
    )
    importer, files = import_lists([folder], data)
    write_imported(files, data)
    return data, importer.report.people


def test_the_importer_merges_corroborated_variants_and_keeps_the_spellings(
    tmp_path: Path, run: Invoke
) -> None:
    data, report = _import(tmp_path, LIST)
    assert "'Jeff Dean' (jeff-dean) → jeffrey-dean, both wrote with Sanjay Ghemawat" in report
    corpus = load_corpus(data)
    people = {p.id: p for p in corpus.people}
    assert "jeff-dean" not in people and "j-dean" not in people
    assert people["jeffrey-dean"].alt_names == ["J. Dean", "Jeff Dean"]
    assert "john-dean" in people  # a variant in name only: no shared co-author
    by_title = {p.title: p for p in corpus.papers}
    assert "jeffrey-dean" in by_title["MapReduce Simplified Data Processing"].authors
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0
    # The other spellings are schema:alternateName of the person in the RDF.
    out = tmp_path / "g.ttl"
    assert run("export", "--data", str(data), "--format", "turtle", "-o", str(out)).exit_code == 0
    from rdflib import Graph

    g = Graph().parse(out)
    person = URIRef("https://w3id.org/sysml-graph/person/jeffrey-dean")
    assert set(g.objects(person, SDO.alternateName)) == {Literal("J. Dean"), Literal("Jeff Dean")}


def test_a_curators_alt_names_and_distinct_from_decide(tmp_path: Path) -> None:
    curated = (
        "- id: jeffrey-dean\n  name: Jeffrey Dean\n  alt_names:\n  - Jeff Dean\n"
        "- id: j-dean\n  name: J. Dean\n  distinct_from:\n  - jeffrey-dean\n"
    )
    data, _ = _import(tmp_path, LIST, curated)
    corpus = load_corpus(data)
    people = {p.id: p for p in corpus.people}
    by_title = {p.title: p for p in corpus.papers}
    # The curated spelling goes straight to the curated id; J. Dean stays J. Dean.
    assert "jeff-dean" not in people
    assert by_title["MapReduce Simplified Data Processing"].authors[0] == "jeffrey-dean"
    tensorflow = by_title["TensorFlow A System for Large-Scale Machine Learning"]
    assert "j-dean" in tensorflow.authors and "jeffrey-dean" not in tensorflow.authors


def test_validate_names_two_records_of_one_person(tmp_path: Path, run: Invoke) -> None:
    data = copy_curated(tmp_path / "data")
    with (data / "people.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: nic-lane\n  name: Nicholas Lane\n")
    folder = data / "imported" / "papers"
    folder.mkdir(parents=True)
    (folder / "other.yaml").write_text(
        "id: other\ntype: article\nstatus: imported\ntitle: Another Mobile Paper\nauthors:\n"
        "- nic-lane\n- petko-georgiev\nsources:\n- list: https://github.com/example/x\n"
        "  file: README.md\n  line: 1\n",
        encoding="utf-8",
    )
    result = run("validate", "--data", str(data), "--no-shacl")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "looks like" in x)
    assert line.startswith("people.yaml:") and "'Nicholas Lane' (nic-lane)" in line
    assert "Petko Georgiev" in line and "alt_names" in line and "distinct_from" in line
    with (data / "people.yaml").open("a", encoding="utf-8") as f:
        f.write("  distinct_from:\n  - nicholas-d-lane\n")
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0
