"""An independent SPARQL engine (pyoxigraph) reads the shipped graph's Turtle and, using
only the contract's standard terms, finds what a user of this field would ask for. Subjects
(dcterms:subject) are curated only — the seed's and those curators added from abstracts — so
topic answers are recomputed from the records' curated tags; the tagger's proposals live in
sg:inferredTechnique / sg:inferredPlatform."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sysml_graph.corpus.records import Corpus

PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX pro: <http://purl.org/spar/pro/>
"""

# The seed list's papers as published: title, venue acronym, year, first author.
SEED_PAPERS = [
    (
        "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
        "OSDI",
        2018,
        "Tianqi Chen",
    ),
    ("Clipper: A Low-Latency Online Prediction Serving System", "NSDI", 2017, "Daniel Crankshaw"),
    ("Ray: A Distributed Framework for Emerging AI Applications", "OSDI", 2018, "Philipp Moritz"),
    (
        "DeepMon: Mobile GPU-based Deep Learning Framework for Continuous Vision Applications",
        "MobiSys",
        2017,
        "Loc N. Huynh",
    ),
    (
        "DeepEye: Resource Efficient Local Execution of Multiple Deep Vision Models using Wearable "
        "Commodity Hardware",
        "MobiSys",
        2017,
        "Akhil Mathur",
    ),
    (
        "MobiRNN: Efficient Recurrent Neural Network Execution on Mobile GPU",
        "EMDL",
        2017,
        "Qingqing Cao",
    ),
    (
        "DeepSense: A GPU-based Deep Convolutional Neural Network Framework on Commodity Mobile "
        "Devices",
        "WearSys",
        2016,
        "Loc N. Huynh",
    ),
    (
        "DeepX: A Software Accelerator for Low-Power Deep Learning Inference on Mobile Devices",
        "IPSN",
        2016,
        "Nicholas D. Lane",
    ),
    ("EIE: Efficient Inference Engine on Compressed Deep Neural Network", "ISCA", 2016, "Song Han"),
    (
        "MCDNN: An Approximation-Based Execution Framework for Deep Stream Processing Under "
        "Resource Constraints",
        "MobiSys",
        2016,
        "Seungyeop Han",
    ),
    (
        "DXTK: Enabling Resource-efficient Deep Learning on Mobile and Embedded Devices with the "
        "DeepX Toolkit",
        "MobiCASE",
        2016,
        "Nicholas D. Lane",
    ),
    (
        "Sparsification and Separation of Deep Learning Layers for Constrained Resource Inference "
        "on Wearables",
        "SenSys",
        2016,
        "Sourav Bhattacharya",
    ),
    (
        "An Early Resource Characterization of Deep Learning on Wearables, Smartphones and "
        "Internet-of-Things Devices",
        "IoT-App",
        2015,
        "Nicholas D. Lane",
    ),
    (
        "CNNdroid: GPU-Accelerated Execution of Trained Deep Convolutional Neural Networks on "
        "Android",
        "ACM MM",
        2016,
        "Seyyed Salar Latifi Oskouei",
    ),
    (
        "fpgaConvNet: A Toolflow for Mapping Diverse Convolutional Neural Networks on Embedded "
        "FPGAs",
        "MLPCD",
        2017,
        "Stylianos I. Venieris",
    ),
]


@pytest.fixture(scope="module")
def store(shipped_turtle: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(shipped_turtle), format=ox.RdfFormat.TURTLE)
    return s


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    return [tuple(term.value if term is not None else "" for term in row) for row in result]


@pytest.mark.parametrize(
    "title,acronym,year,first", SEED_PAPERS, ids=[t[0][:20] for t in SEED_PAPERS]
)
def test_seed_paper_facts(store: ox.Store, title: str, acronym: str, year: int, first: str) -> None:
    rows = select(
        store,
        f"""SELECT ?acronym ?year ?first WHERE {{
          ?paper a schema:ScholarlyArticle ; dcterms:title {ox.Literal(title)} ;
                 dcterms:issued ?issued ; bibo:presentedAt|dcterms:isPartOf ?edition .
          ?edition schema:superEvent ?series . ?series skos:prefLabel ?acronym .
          ?a pro:relatesToDocument ?paper ; pro:isHeldBy ?p ; schema:position 1 .
          ?p foaf:name ?first .
          BIND (STR(?issued) AS ?year)
        }}""",
    )
    assert rows == [(acronym, str(year), first)]


def test_the_book_is_a_book_with_its_authors(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?name WHERE {
          ?b a schema:Book ; dcterms:title "Computer Architecture: A Quantitative Approach" .
          ?a pro:relatesToDocument ?b ; pro:isHeldBy/foaf:name ?name ; schema:position ?pos .
        } ORDER BY ?pos""",
    )
    assert rows == [("John L. Hennessy",), ("David A. Patterson",)]


def test_papers_by_an_author(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?title WHERE {
          ?paper dcterms:creator/foaf:name "Sourav Bhattacharya" ; dcterms:title ?title .
        } ORDER BY ?title""",
    )
    assert [r[0].split(":")[0] for r in rows] == [
        "An Early Resource Characterization of Deep Learning on Wearables, Smartphones and "
        "Internet-of-Things Devices",
        "DXTK",
        "DeepEye",
        "DeepX",
        "Sparsification and Separation of Deep Learning Layers for Constrained Resource "
        "Inference on Wearables",
    ]


def curated_under(corpus: Corpus, concept: str) -> list[str]:
    """Titles of the papers with a curated tag that is ``concept`` or narrower."""
    parents = {c.id: c.broader for s in corpus.schemes for c in s.concepts}

    def up(cid: str) -> set[str]:
        return {cid}.union(*(up(b) for b in parents[cid]))

    return sorted(
        p.title
        for p in corpus.papers
        if any(concept in up(t) for t in [*p.techniques, *p.platforms])
    )


def test_papers_on_fpgas(store: ox.Store, shipped: tuple[object, Corpus]) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?title WHERE {
          ?paper dcterms:subject/skos:broader* ?c ; dcterms:title ?title .
          ?c skos:prefLabel "FPGA"@en .
        } ORDER BY ?title""",
    )
    titles = [r[0] for r in rows]
    assert sorted(titles) == curated_under(shipped[1], "fpga")
    assert {"TVM", "fpgaConvNet"} <= {t.split(":")[0] for t in titles}  # the seed's


def test_papers_on_compression_or_anything_narrower(
    store: ox.Store, shipped: tuple[object, Corpus]
) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?title WHERE {
          ?paper dcterms:subject/skos:broader* ?t ; dcterms:title ?title .
          ?t skos:prefLabel "compression"@en .
        } ORDER BY ?title""",
    )
    titles = [r[0] for r in rows]
    assert sorted(titles) == curated_under(shipped[1], "compression")
    assert {"DXTK", "DeepEye", "DeepMon", "DeepX", "EIE"} <= {t.split(":")[0] for t in titles}


def test_synonyms_find_concepts(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?pref WHERE { ?c skos:altLabel "quantisation"@en ; skos:prefLabel ?pref }""",
    )
    assert rows == [("quantization",)]


def test_code_repositories_are_software_nodes(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?title ?repo WHERE {
          ?paper dcterms:title ?title ; schema:workExample ?sw .
          ?sw a schema:SoftwareSourceCode ; schema:codeRepository ?repo .
        } ORDER BY ?repo""",
    )
    repos = {r[1] for r in rows}
    assert {
        "https://github.com/ENCP/CNNdroid",
        "https://github.com/apache/tvm",
        "https://github.com/csarron/MobiRnn",
        "https://github.com/ray-project/ray",
        "https://github.com/ucbrise/clipper",
    } <= repos
    assert all(r.startswith(("https://github.com/", "https://gitlab.com/")) for r in repos)
    # The seed's "GitHub" link for Ray was a USENIX page: it is Ray's page, not its code.
    page = select(
        store,
        """SELECT ?u WHERE { ?p dcterms:title ?t ; schema:url ?u
                             FILTER STRSTARTS(?t, "Ray:") }""",
    )
    assert page == [("https://www.usenix.org/conference/osdi18/presentation/moritz",)]


def test_dxtk_extends_deepx(store: ox.Store) -> None:
    rows = select(
        store,
        """PREFIX cito: <http://purl.org/spar/cito/>
        SELECT ?a ?b WHERE { ?x cito:extends ?y . ?x dcterms:title ?a . ?y dcterms:title ?b }""",
    )
    assert [(a.split(":")[0], b.split(":")[0]) for a, b in rows] == [("DXTK", "DeepX")]


def test_imported_papers_say_where_they_came_from(store: ox.Store) -> None:
    rows = select(
        store,
        """PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX sg: <https://w3id.org/sysml-graph/ns#>
        SELECT ?src WHERE {
          ?p dcterms:title ?title ; sg:curationStatus sg:Imported ; prov:wasDerivedFrom ?src .
          FILTER (STRSTARTS(?title, "PipeSwitch: Fast Pipelined Context Switching"))
        } ORDER BY ?src""",
    )
    lines = [r[0] for r in rows if "#L" in r[0]]
    assert lines and all("/blob/" in line for line in lines)
    assert any(
        line.startswith(
            "https://github.com/Hsword/Awesome-Machine-Learning-System-Papers/blob/"
            "878cb5f40b365f42e818270f5221dc10202214bb/README.md#L"
        )
        for line in lines
    )


def test_every_source_list_is_credited_with_its_licence(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?list ?licence WHERE {
          <https://w3id.org/sysml-graph/dataset> dcterms:source ?list .
          ?list dcterms:license ?licence } ORDER BY ?list""",
    )
    assert dict(rows) == {
        "https://github.com/Hsword/Awesome-Machine-Learning-System-Papers": "https://spdx.org/licenses/Apache-2.0",
        "https://github.com/HuaizhengZhang/Awesome-System-for-Machine-Learning": "https://spdx.org/licenses/MIT",
        "https://github.com/HuaizhengZhang/Awesome-System-for-Machine-Learning/blob/"
        "4175f1dcf6ec440b29c02a46efdf5aec521083ad/README.md": "https://spdx.org/licenses/MIT",
        "https://github.com/MingSun-Tse/Efficient-Deep-Learning": "https://spdx.org/licenses/MIT",
        "https://github.com/csarron/awesome-emdl": "https://spdx.org/licenses/MIT",
        "https://github.com/MPSLab-ASU/ML-Accelerators": "https://spdx.org/licenses/Apache-2.0",
        "https://github.com/NVIDIA/cutlass": "https://spdx.org/licenses/BSD-3-Clause",
        "https://github.com/dkozlov/awesome-knowledge-distillation": "https://spdx.org/licenses/Apache-2.0",
        "https://github.com/zwang4/awesome-machine-learning-in-compilers": "https://spdx.org/licenses/CC0-1.0",
        "https://w3id.org/sysml-graph/sources/completions": "https://spdx.org/licenses/CC-BY-4.0",
    }
