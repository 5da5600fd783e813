"""BibTeX out of the graph and back in through the importer: titles, authors, venue, year,
DOI, URL, pages and arXiv ids survive the round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

import bibtexparser
from rdflib import Graph

from sysml_graph.corpus.read import load_corpus
from sysml_graph.corpus.records import Corpus
from sysml_graph.exports.bibtex import export_bibtex
from sysml_graph.importers.entries.bibliography import read_bibtex
from sysml_graph.importers.run import import_bibtex
from sysml_graph.importers.write import write_imported

from .conftest import Invoke


def test_export_is_valid_bibtex_with_one_entry_per_work(graph: Graph, corpus: Corpus) -> None:
    text = export_bibtex(graph)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(p.id for p in corpus.papers)
    types = {e.key: e.entry_type for e in library.entries}
    assert types["eie"] == "inproceedings"
    assert types["computer-architecture-a-quantitative-approach"] == "book"
    assert export_bibtex(graph) == text  # deterministic


def test_round_trip_through_the_importer(
    graph: Graph, corpus: Corpus, curated_dir: Path, tmp_path: Path
) -> None:
    bib = tmp_path / "seed.bib"
    bib.write_text(export_bibtex(graph), encoding="utf-8")
    # A data folder with the taxonomies and venues, but no papers or people yet.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(curated_dir / "taxonomies", data / "taxonomies")
    shutil.copy(curated_dir / "venues.yaml", data / "venues.yaml")
    (data / "people.yaml").write_text("[]\n", encoding="utf-8")
    _, files = import_bibtex([bib], data)
    write_imported(files, data)
    back = load_corpus(data)
    people = {p.id: p.name for p in back.people}
    names = {p.id: p.name for p in corpus.people}
    editions = {e.id: e.series for e in corpus.editions}
    by_title = {p.title: p for p in back.papers}
    assert len(by_title) == len(corpus.papers)
    for original in corpus.papers:
        again = by_title[original.title]
        assert [people[a] for a in again.authors] == [names[a] for a in original.authors]
        assert again.year == original.year
        assert (
            editions.get(again.venue or ""),
            again.doi,
            again.url,
            again.pages,
            again.arxiv,
        ) == (
            editions.get(original.venue or ""),
            original.doi,
            original.url,
            original.pages,
            original.arxiv,
        ), original.id
    assert all(s.line > 0 and s.file == "seed.bib" for p in back.papers for s in p.sources)


def test_export_command(run_curated: Invoke, tmp_path: Path, graph: Graph) -> None:
    out = tmp_path / "all.bib"
    result = run_curated("export", "--format", "bibtex", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == export_bibtex(graph)


def test_broken_bibtex_is_reported_by_line(run: Invoke, tmp_path: Path, curated_dir: Path) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text(
        "@article{ok, title = {Fine Title Here}, year = {2019}}\n\n"
        "@article{bad, title = {Unclosed\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    shutil.copytree(curated_dir, data)
    result = run("import", "bibtex", str(bib), "--data", str(data))
    assert result.exit_code == 1
    assert f"{bib}:3: cannot read this BibTeX block" in result.stderr
    assert not (data / "imported").exists()


def test_names_in_last_first_form_and_others() -> None:
    entries, failed = read_bibtex(
        "@inproceedings{k, title={{TVM}: A Compiler}, author={Chen, Tianqi and Moreau, "
        "Thierry and others}, booktitle={13th {USENIX} Symposium on Operating Systems Design "
        "and Implementation ({OSDI} 18)}, year={2018}, pages={578--594}}"
    )
    assert not failed
    (e,) = entries
    assert (e.title, e.authors, e.et_al, e.pages) == (
        "TVM: A Compiler",
        ["Tianqi Chen", "Thierry Moreau"],
        True,
        "578-594",
    )
    assert e.venue is not None and e.venue.id == "osdi" and e.year == 2018


def test_complete_only_fills_what_drafts_lack_and_adds_nothing(run: Invoke, tmp_path: Path) -> None:
    """`import bibtex --complete-only`: a matching draft gets the authors and DOI it lacked
    (the entry joins its sources), its title and year stay (a different year is a conflict
    in the report), an entry that matches no paper adds nothing; running it again changes
    nothing."""
    from .conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = {p.id: p for p in load_corpus(data).papers}
    # A draft of a NeurIPS edition without authors or DOI (the data has hundreds).
    paper = next(
        p
        for p in sorted(before.values(), key=lambda p: p.id)
        if p.status == "imported"
        and not p.authors
        and not p.doi
        and (p.venue or "").startswith("neurips-20")
        and p.year
        and p.year != 2021
    )
    target = paper.id
    bib = tmp_path / "completions.bib"
    bib.write_text(
        "@inproceedings{x,\n"
        f"  title = {{{paper.title.lower()}}},\n"
        "  author = {Tester, Ada and Bob Example},\n"
        "  booktitle = {Advances in Neural Information Processing Systems},\n"
        "  year = {2021},\n"
        "  doi = {10.5555/test.12345},\n"
        "}\n\n"
        "@inproceedings{y,\n"
        "  title = {A Paper That Is Not In The Graph At All},\n"
        "  author = {Carol Nobody},\n"
        "  year = {2020},\n"
        "}\n",
        encoding="utf-8",
    )
    papers_before = sorted(p.name for p in (data / "imported" / "papers").iterdir())
    result = run("import", "bibtex", str(bib), "--complete-only", "--data", str(data))
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "not in the graph (complete-only: nothing added) 1" in out
    assert f"year 2021 differs from {before[target].year} in {target} (kept)" in out
    after = {p.id: p for p in load_corpus(data).papers}
    paper = after[target]
    assert paper.authors == ["ada-tester", "bob-example"]
    assert paper.doi == "10.5555/test.12345"
    assert (paper.title, paper.year, paper.venue) == (
        before[target].title,
        before[target].year,
        before[target].venue,
    )
    assert any(s.file == "completions.bib" and s.line == 1 for s in paper.sources)
    assert sorted(p.name for p in (data / "imported" / "papers").iterdir()) == papers_before
    assert len(after) == len(before)
    files = {p: p.read_bytes() for p in sorted((data / "imported").rglob("*.yaml"))}
    again = run("import", "bibtex", str(bib), "--complete-only", "--data", str(data))
    assert again.exit_code == 0, again.output
    assert {p: p.read_bytes() for p in sorted((data / "imported").rglob("*.yaml"))} == files
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0
