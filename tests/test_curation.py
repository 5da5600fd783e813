"""The tagger's evidence and the curator's loop: `sysml-graph tag`, `curate export|apply`."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from sysml_graph.cli.main import cli
from sysml_graph.corpus.read import load_corpus
from sysml_graph.importers.tagger import Tagger

from .conftest import DATA, copy_curated


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_curated(tmp_path / "data")


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_corpus(DATA).schemes)


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Accelerating Deep Learning Inference", []),  # no stemming across parts of speech
        ("Deep Gradient Compression", ["gradient-compression"]),  # not model compression
        (
            "A Cache Hierarchy for DNN Accelerators",
            ["hardware-acceleration", "hardware-accelerator"],
        ),  # not caching
        ("Large-Batch Training of Convolutional Networks", ["data-parallelism"]),  # not batching
        ("Sparse Matrix Multiplication on GPUs", ["gpu"]),  # not sparsification
        ("Network Pruning on Mobile GPUs", ["pruning", "mobile-gpu"]),
        ("Scheduling on a GPU Cluster", ["gpu-cluster", "scheduling"]),  # not GPU as well
        ("Edge Intelligence: On-Demand Inference at the Edge", ["edge"]),
        ("A Cutting-Edge Benchmark", ["profiling"]),  # "cutting-edge" is not the edge
        # Words name a technique and a platform at once: each scheme reads them.
        ("Dynamic GPU Memory Management for Training", ["memory-optimization", "gpu"]),
    ],
)
def test_title_matches_whole_words_in_their_sense(
    tagger: Tagger, title: str, expected: list[str]
) -> None:
    assert [p.concept for p in tagger.propose(title, [])] == expected


def test_headings_the_taxonomy_maps_are_evidence(tagger: Tagger) -> None:
    found = tagger.propose("A Study", ["Papers [Knowledge Distillation (KD)]"])
    assert [(p.concept, p.evidence, p.text) for p in found] == [
        ("knowledge-distillation", "heading", "Papers [Knowledge Distillation (KD)]")
    ]
    assert tagger.propose("A Title", ["Papers > SysML > Hardware"]) == []  # not one concept


def test_curated_tags_win_and_rejections_stay_rejected(tagger: Tagger) -> None:
    title = "Channel Pruning for Mobile GPUs"
    assert [p.concept for p in tagger.propose(title, [], curated=["pruning"])] == ["mobile-gpu"]
    assert [p.concept for p in tagger.propose(title, [], rejected=["mobile-gpu"])] == ["pruning"]


def test_every_proposal_is_audited_by_one_query(data: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("build", "--data", str(data), "--out", str(tmp_path / "dist"))
    assert code == 0, out
    store = pyoxigraph.Store()
    store.load(
        path=str(tmp_path / "dist" / "sysml-graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    rows = list(
        store.query(
            """PREFIX sg: <https://w3id.org/sysml-graph/ns#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?concept ?evidence ?text WHERE {
              ?e sg:proposedFor <https://w3id.org/sysml-graph/paper/clipper> ;
                 sg:proposedConcept ?concept ; sg:evidence ?evidence ; prov:value ?text }"""
        )
    )
    assert [(r["concept"].value, r["evidence"].value, r["text"].value) for r in rows] == [
        (
            "https://w3id.org/sysml-graph/technique/model-serving",
            "title",
            "Prediction Serving System",
        )
    ]
    subject = "<http://purl.org/dc/terms/subject>"
    serving = "<https://w3id.org/sysml-graph/technique/model-serving>"
    nt = (tmp_path / "dist" / "sysml-graph.nt").read_text(encoding="utf-8")
    assert f"<https://w3id.org/sysml-graph/paper/clipper> {subject} {serving} ." not in nt


def _decide(table: Path, decisions: dict[tuple[str, str], tuple[str, str]]) -> None:
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["decision"], row["why"] = decisions.get((row["paper"], row["concept"]), ("", ""))
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_accept_and_reject_through_a_table(data: Path, tmp_path: Path) -> None:
    table = tmp_path / "proposals.csv"
    code, out, _ = invoke("curate", "export", "--data", str(data), "-o", str(table))
    assert code == 0 and out.endswith("proposals written to " + str(table) + "\n")
    proposed = {(p.id, x.concept) for p in load_corpus(data).papers for x in p.proposed}
    assert ("clipper", "model-serving") in proposed
    other = sorted(proposed - {("clipper", "model-serving")})[0]
    _decide(
        table,
        {
            ("clipper", "model-serving"): ("accept", "the paper's subject"),
            other: ("reject", "a different sense"),
        },
    )
    code, out, err = invoke(
        "curate", "apply", str(table), "--data", str(data), "--by", "Ada", "--date", "2026-12-01"
    )
    assert (code, out) == (0, "1 accepted, 1 rejected, 0 added\n"), err
    papers = {p.id: p for p in load_corpus(data).papers}
    clipper = papers["clipper"]
    assert (
        "model-serving" in clipper.techniques and "model-serving" not in clipper.inferred_techniques
    )
    assert [(d.concept, d.decision, d.by, d.date, d.why) for d in clipper.decisions] == [
        ("model-serving", "accepted", "Ada", "2026-12-01", "the paper's subject")
    ]
    rejected = papers[other[0]]
    assert other[1] not in {x.concept for x in rejected.proposed}
    # Proposing again (after a taxonomy edit) never brings a rejected concept back.
    assert invoke("tag", "--data", str(data))[0] == 0
    again = {p.id: p for p in load_corpus(data).papers}[other[0]]
    assert other[1] not in {x.concept for x in again.proposed}
    assert [d.decision for d in again.decisions] == ["rejected"]
    assert invoke("validate", "--data", str(data), "--no-shacl")[0] == 0


def test_a_bad_table_changes_nothing(data: Path, tmp_path: Path) -> None:
    table = tmp_path / "proposals.csv"
    invoke("curate", "export", "--data", str(data), "-o", str(table))
    _decide(table, {("clipper", "model-serving"): ("maybe", "")})
    with table.open("a", encoding="utf-8") as f:
        f.write("no-such-paper,T,techniques,pruning,title: x,accept,\n")
    before = {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    code, _, err = invoke("curate", "apply", str(table), "--data", str(data), "--by", "Ada")
    assert code == 1
    lines = err.splitlines()
    assert any("decision 'maybe' must be accept, reject, add or empty" in line for line in lines)
    assert any("unknown paper 'no-such-paper'" in line for line in lines)
    assert all(line.startswith(f"{table}:") for line in lines[:-1]), lines
    assert {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))} == before


def test_a_curator_adds_what_the_tagger_missed(data: Path, tmp_path: Path) -> None:
    """An `add` row (written by the curator, no proposal behind it) makes a curated tag and
    keeps the page read as why; a concept that does not exist or is tagged already is one
    line each, and nothing is written."""
    table = tmp_path / "added.csv"
    header = "paper,title,scheme,concept,evidence,decision,why\n"
    table.write_text(
        header
        + "ray,,techniques,no-such-technique,,add,x\n"
        + "tvm,,techniques,auto-tuning,,add,x\n",
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    code, _, err = invoke("curate", "apply", str(table), "--data", str(data), "--by", "Ada")
    assert code == 1 and {p: p.read_bytes() for p in sorted(data.rglob("*.yaml"))} == before
    assert f"{table}:2: no concept 'no-such-technique' in the techniques scheme" in err
    assert f"{table}:3: 'auto-tuning' is already a curated tag of 'tvm'" in err
    why = "abstract at https://example.org/ray: a framework for reinforcement learning"
    table.write_text(header + f"ray,,techniques,model-serving,,add,{why}\n")
    code, out, err = invoke(
        "curate", "apply", str(table), "--data", str(data), "--by", "Ada", "--date", "2026-12-01"
    )
    assert (code, out) == (0, "0 accepted, 0 rejected, 1 added\n"), err
    ray = {p.id: p for p in load_corpus(data).papers}["ray"]
    assert "model-serving" in ray.techniques
    assert [(d.concept, d.decision, d.why) for d in ray.decisions][-1] == (
        "model-serving",
        "added",
        why,
    )
    assert invoke("validate", "--data", str(data), "--no-shacl")[0] == 0


def test_a_curators_tags_on_a_draft_outlive_importing_its_list_again(tmp_path: Path) -> None:
    """`import` writes drafts anew from their lists; what `curate apply` wrote into one (tags,
    decisions) is carried over to the draft made again from the same entry."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    corpus = load_corpus(data)
    # A draft its lists alone make (a completion file's fields come back only when the
    # completions are imported again too).
    completions = {lst.repository for lst in corpus.source_lists if lst.complete_only}
    draft = next(
        p
        for p in corpus.papers
        if p.status == "imported" and p.proposed and not {s.list for s in p.sources} & completions
    )
    proposal = draft.proposed[0]
    table = tmp_path / "t.csv"
    table.write_text(
        "paper,title,scheme,concept,evidence,decision,why\n"
        f"{draft.id},,{proposal.scheme},{proposal.concept},,accept,read the abstract\n",
        encoding="utf-8",
    )
    assert invoke("curate", "apply", str(table), "--data", str(data), "--by", "Ada")[0] == 0
    path = data / draft.where.file
    curated = path.read_bytes()
    lists = sorted(str(p) for p in (DATA.parent / "sources" / "awesome-lists").iterdir())
    assert invoke("import", "awesome", *lists, "--data", str(data))[0] == 0
    assert path.read_bytes() == curated
    again = {p.id: p for p in load_corpus(data).papers}[draft.id]
    assert proposal.concept in getattr(again, proposal.scheme)


def test_what_is_missing_per_source() -> None:
    """`curate missing` on the shipped data: every work of a list counted once under it, the
    lacks recounted here from the records; the command prints the table."""
    from collections import Counter

    from sysml_graph.corpus.records import PaperKind, Status
    from sysml_graph.importers.curation import missing_by_source

    rows = {r.source: r for r in missing_by_source(DATA)}
    corpus = load_corpus(DATA)
    titles = {lst.repository: lst.title for lst in corpus.source_lists}
    works: Counter[str] = Counter()
    no_authors: Counter[str] = Counter()
    for p in corpus.papers:
        if p.kind is PaperKind.BOOK or p.status is Status.CURATED:
            continue
        for name in {titles[s.list] for s in p.sources}:
            works[name] += 1
            no_authors[name] += not p.authors
    for name, n in works.items():
        assert (rows[name].works, rows[name].no_authors) == (n, no_authors[name]), name
    assert rows["curated records (data/papers)"].complete == 15
    ordered = list(rows.values())
    assert [r.no_authors for r in ordered] == sorted((r.no_authors for r in ordered), reverse=True)
    code, out, _ = invoke("curate", "missing")
    assert code == 0 and "What is missing, per source" in out and "Efficient-Deep-Learning" in out
