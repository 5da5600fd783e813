"""Tests of the curated data itself, one rule per test, in the Bioregistry's style: each
failure names the entry and says how to fix it."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from sysml_graph.corpus.files import iter_files
from sysml_graph.corpus.paper_yaml import PAPER_KEYS, paper_yaml
from sysml_graph.corpus.parse import parse_paper
from sysml_graph.corpus.records import Corpus, PaperKind, Status
from sysml_graph.corpus.rules import PAPER_RULES, RULES, SHARED_RULES, normalise_title
from sysml_graph.corpus.yamlio import dump_canonical, parse_text, read_yaml
from sysml_graph.problems import Problem

from .conftest import DATA

SEED = Path(__file__).parent / "seed" / "awesome-system-optimization-for-ml.md"


@pytest.fixture(scope="module")
def corpus(shipped: tuple[Graph, Corpus]) -> Corpus:
    """This file checks the shipped data: curated seed and imported drafts."""
    return shipped[1]


@pytest.mark.parametrize("rule", list(RULES))
def test_check_rule_holds_on_shipped_data(rule: str, corpus: Corpus) -> None:
    problems = RULES[rule](corpus)
    assert not problems, f"rule '{rule}' is broken:\n" + "\n".join(map(str, problems))


def test_yaml_is_in_canonical_form() -> None:
    wrong = [
        path.relative_to(DATA).as_posix()
        for path in iter_files(DATA)
        if path.read_text(encoding="utf-8") != dump_canonical(read_yaml(path).plain())
    ]
    assert not wrong, (
        f"not in canonical form: {wrong[:10]}; rewrite them with "
        "sysml_graph.corpus.yamlio.dump_canonical "
        "(block style, no wrapping, quotes only where needed)"
    )


def test_list_files_are_sorted_by_id() -> None:
    for name in ("people.yaml", "venues.yaml", "imported/people.yaml", "imported/venues.yaml"):
        ids = [entry["id"] for entry in read_yaml(DATA / name).plain()]
        assert ids == sorted(ids), f"{name}: keep the entries sorted by id"


def test_paper_fields_are_in_schema_order(corpus: Corpus) -> None:
    order = list(PAPER_KEYS)
    for paper in corpus.papers:
        keys = list(read_yaml(DATA / paper.where.file).plain())
        assert keys == [k for k in order if k in keys], (
            f"{paper.where.file}: write the fields in this order: {', '.join(order)}"
        )


def test_every_curated_paper_has_a_page(corpus: Corpus) -> None:
    missing = [
        p.id
        for p in corpus.papers
        if p.kind is not PaperKind.BOOK and not p.url and p.status is Status.CURATED
    ]
    assert not missing, f"add a 'url' (the paper's landing page) to: {missing}"


def test_the_shipped_graph_holds_the_field(shipped: tuple[Graph, Corpus]) -> None:
    """At least 1,200 distinct papers; no two share a normalised title (a data rule above
    checks that too); the seed's sixteen are curated."""
    _graph, corpus = shipped
    papers = [p for p in corpus.papers if p.kind is not PaperKind.BOOK]
    assert len(papers) >= 1200
    assert len({normalise_title(p.title) for p in papers}) == len(papers)
    assert sum(1 for p in corpus.papers if p.status is Status.CURATED) == 16


def test_curated_seed_facts_are_intact_in_the_shipped_graph(
    shipped: tuple[Graph, Corpus], built: tuple[Graph, Corpus]
) -> None:
    """Importing changed nothing the curators wrote: every triple about a seed paper in the
    curated graph is in the shipped graph."""
    shipped_graph, _ = shipped
    curated_graph, curated = built
    from sysml_graph.rdf.rdflib_api import iri

    for paper in curated.papers:
        node = iri("paper", paper.id)
        mine = set(curated_graph.triples((node, None, None)))
        assert mine <= set(shipped_graph.triples((node, None, None))), paper.id


def test_code_links_point_at_code_hosts(corpus: Corpus) -> None:
    """A link labelled code must be a repository, not a paper page (the seed's Ray trap)."""
    hosts = ("https://github.com/", "https://gitlab.com/", "https://bitbucket.org/")
    wrong = [(p.id, p.code) for p in corpus.papers if p.code and not p.code.startswith(hosts)]
    assert not wrong, f"'code' must be a repository on a code host; move these to 'url': {wrong}"


def test_every_person_authors_something(corpus: Corpus) -> None:
    used = {a for p in corpus.papers for a in p.authors}
    orphans = [p.id for p in corpus.people if p.id not in used]
    assert not orphans, f"people.yaml lists people with no paper; remove them: {orphans}"


def test_every_edition_has_a_paper_or_a_colocated_workshop(corpus: Corpus) -> None:
    used = {p.venue for p in corpus.papers} | {e.colocated_with for e in corpus.editions}
    unused = [e.id for e in corpus.editions if e.id not in used]
    assert not unused, f"venues.yaml has editions nothing refers to; remove them: {unused}"


def test_concept_labels_are_unambiguous(corpus: Corpus) -> None:
    """A label or synonym names one concept only, so the tagger can trust it."""
    for scheme in corpus.schemes:
        labels = Counter(
            label.casefold() for c in scheme.concepts for label in [c.label, *c.alt_labels]
        )
        clashes = [label for label, n in labels.items() if n > 1]
        assert not clashes, f"taxonomies/{scheme.id}.yaml: labels used twice: {clashes}"


def test_taxonomies_are_deep_and_broad_enough(corpus: Corpus) -> None:
    schemes = {s.id: s for s in corpus.schemes}
    assert len(schemes["techniques"].concepts) >= 30
    assert len(schemes["platforms"].concepts) >= 20
    for scheme in schemes.values():
        broader = {c.id: c.broader for c in scheme.concepts}

        def depth(cid: str, broader: dict[str, list[str]] = broader) -> int:
            return 1 + max((depth(b) for b in broader[cid]), default=0)

        assert max(depth(c.id) for c in scheme.concepts) >= 3, f"{scheme.id} needs 3 levels"


def seed_titles() -> list[str]:
    """Titles of the seed list: `#### Title [Venue]`, numbered citations, the book."""
    text = SEED.read_text(encoding="utf-8")
    titles = [re.sub(r"\s*\[[^\]]*\]\s*$", "", m) for m in re.findall(r"^#### (.+)$", text, re.M)]
    titles += re.findall(r'^\d+\. .*?"(.+?)\.?"', text, re.M)
    return [t for t in titles if t.strip()]


def test_seed_list_is_read_in_full() -> None:
    assert len(seed_titles()) == 16


@pytest.mark.parametrize("title", seed_titles())
def test_every_seed_entry_is_one_curated_paper(title: str, corpus: Corpus) -> None:
    matches = [p for p in corpus.papers if normalise_title(p.title) == normalise_title(title)]
    assert len(matches) == 1, f"seed entry '{title}' needs exactly one paper file in data/papers/"
    assert matches[0].status is Status.CURATED


def test_every_rule_says_whether_rebuilds_run_it() -> None:
    """A rebuild runs the rules that read papers; a rule in neither list would be skipped by
    every rebuild."""
    assert sorted(PAPER_RULES + SHARED_RULES) == sorted(RULES), (
        "add the new rule to PAPER_RULES (it reads papers) or SHARED_RULES (it reads only "
        "people, venues and taxonomies) in sysml_graph/corpus/rules.py"
    )
    assert not set(PAPER_RULES) & set(SHARED_RULES)


def test_the_writer_and_the_loader_share_one_paper_schema(corpus: Corpus) -> None:
    """What ``paper_yaml`` writes of every shipped paper, ``parse_paper`` reads back as the
    same record: the importer's writer and the loader derive from the one schema."""
    wrong = []
    for paper in corpus.papers:
        data = {k: v for k, v in paper_yaml(paper).items() if v not in (None, [], "")}
        found: list[Problem] = []
        back = parse_paper(
            parse_text(dump_canonical(data), paper.where.file), paper.where.file, found
        )
        if found or back is None:
            wrong.append(f"{paper.where.file}: {found}")
        elif dataclasses.replace(back, where=paper.where, lines={}) != dataclasses.replace(
            paper, lines={}
        ):
            wrong.append(f"{paper.where.file}: read back differently")
    assert not wrong, "\n".join(wrong[:10])
