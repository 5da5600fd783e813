"""Drafts the importer writes always pass `validate` (issue 17.3): hostile BibTeX and
markdown, the audit's cases, titles of one series kept apart, and a merge step whose work
grows linearly with the list."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysml_graph.corpus.read import load_corpus
from sysml_graph.importers.awesome import read_list
from sysml_graph.importers.drafts import (
    CANDIDATES,
    LOOKALIKE_CANDIDATES,
    Importer,
    TitleIndex,
    numbering,
)
from sysml_graph.importers.run import import_bibtex, import_lists
from sysml_graph.importers.sources import list_info
from sysml_graph.importers.write import write_imported
from sysml_graph.problems import InvalidInput

from .conftest import REPO, Invoke, copy_curated

sys.path.insert(0, str(REPO / "benchmarks"))

from importer import synthetic_list


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_curated(tmp_path_factory.mktemp("checks") / "data")


def _fresh(curated: Path, tmp: Path) -> Path:
    """The curated folder without drafts from an earlier example."""
    shutil.rmtree(curated / "imported", ignore_errors=True)
    return curated


def _validates(data: Path) -> None:
    """The loader and every cross-record rule accept the folder (no SHACL: its shapes
    check what the loader's rules already guarantee, at ten times the cost)."""
    from sysml_graph.corpus.read import read_corpus
    from sysml_graph.corpus.rules import check_corpus

    corpus, problems = read_corpus(data)
    check_corpus(corpus, problems)  # raises InvalidInput, whose message lists file:line


# --- hostile input, property-based --------------------------------------------------------

HOSTILE = st.sampled_from(
    [
        "javascript:alert(1)",
        "https://example.org/a b",
        "https://exa mple.org/x",
        "https://example.org/a>b",
        "https://example.org/a\\b",
        "http://[::1/x",
        "https://user:pw@example.org/",
        "https://example.org:99999/",
        "<https://example.org/>",
        "10.1145/ABC def",
        "not a doi",
        "12--xx",
        "20l7",
        "2999",
        "1949",
        "\x00\x1b\u2028\ufffe",
        " padded ",
        'A & B {\\"o} $x^2$ \\url{y}',
        "OSDI",
        "Proceedings of the IEEE",
        "Ann Smith and Bob Jones and others",
        "Smith, Ann and \x07Jones, Bob",
        "张三 and 李四",
        "}",
        "{",
        "@",
    ]
)
VALUE = st.one_of(HOSTILE, st.text(max_size=30), st.text(alphabet='{}\\"@%#&$ \n', max_size=8))
BIB_FIELDS = ("title", "author", "booktitle", "journal", "year", "url", "doi", "pages", "eprint")


def _bib_value(text: str) -> str:
    # Braces balanced, so that each generated entry is one BibTeX block whatever it holds.
    depth = 0
    out = []
    for c in text:
        if c == "}" and depth == 0:
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        out.append(c)
    return "".join(out) + "}" * depth


@st.composite
def bibtex_files(draw: st.DrawFn) -> str:
    entries = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["inproceedings", "article", "misc", "book"]))
        fields = draw(st.dictionaries(st.sampled_from(BIB_FIELDS), VALUE, max_size=9))
        fields.setdefault("title", draw(st.sampled_from(["A Paper on Pruning", "X"])) + f" {i}")
        body = ",\n".join(f"  {k} = {{{_bib_value(v)}}}" for k, v in fields.items())
        entries.append(f"@{kind}{{key{i},\n{body}\n}}\n")
    return "\n".join(entries)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=bibtex_files())
def test_drafts_from_hostile_bibtex_always_validate(
    text: str, curated: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("bib")
    data = _fresh(curated, tmp)
    bib = tmp / "refs.bib"
    bib.write_text(text, encoding="utf-8")
    try:
        importer, files = import_bibtex([bib], data)
    except InvalidInput as err:  # a block bibtexparser cannot read: one line each, by line
        assert all(p.file == str(bib) and p.line >= 1 for p in err.problems)
        return
    write_imported(files, data)
    _validates(data)
    for line in importer.report.refused:
        assert line.startswith("refs.bib:") and "\n" not in line


MD_FRAGMENTS = st.sampled_from(
    [
        "- ",
        "1. ",
        "### OSDI\n",
        "#### 2019\n",
        "## Pruning\n",
        "[A Paper About Pruning Things](",
        "https://arxiv.org/abs/1234.5678",
        "javascript:alert(1)",
        "https://example.org/a b",
        ")",
        " [OSDI '19]",
        " [NeurIPS '21, MIT]",
        " [Conf\x1b '19]",
        "2016-ICLR-[",
        "\n",
        "\n\n\tCode: ",
        "<https://github.com/x/y>",
        "https://github.com/x/y\\z",
        "https://github.com/x/y>.",
        "\n\n\t*Ann Smith, Bob Jones*\n",
        "\x00",
        "\u2028",
        "\ufffe",
        "'39",
        "2035",
        "**Bold Title of a Paper** OSDI 2018",
        "| Title | Venue | Year |\n|---|---|---|\n| A Row Paper Title | OSDI | 2020 |\n",
    ]
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.one_of(MD_FRAGMENTS, st.text(max_size=15)), min_size=1, max_size=40))
def test_drafts_from_hostile_markdown_always_validate(
    parts: list[str], curated: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("md")
    data = _fresh(curated, tmp)
    folder = tmp / "list"
    folder.mkdir()
    (folder / "README.md").write_text("".join(parts), encoding="utf-8")
    importer, files = import_lists([folder], data, source_url="https://github.com/e/list")
    write_imported(files, data)
    _validates(data)
    assert all(line.startswith("list/README.md:") for line in importer.report.refused)


# --- the audit's cases --------------------------------------------------------------------

AUDIT_BIB = """@inproceedings{a,
  title = {A Javascript Link Paper About Pruning},
  author = {Ann Smith and Bob Jones},
  booktitle = {OSDI},
  year = {2020},
  url = {javascript:alert(1)},
}
@inproceedings{b,
  title = {A Spaced Link Paper About Pruning},
  booktitle = {OSDI},
  year = {2020},
  url = {https://example.org/a b},
  doi = {not a doi},
  pages = {12--xx},
}
@article{c,
  title = {A Paper Whose Link Has No Host},
  journal = {IEEE Transactions on Computers},
  year = {2020},
  url = {https://exa mple.org:99999/x},
}
"""


def test_the_audits_bibtex_imports_and_validates(run: Invoke, tmp_path: Path) -> None:
    data = copy_curated(tmp_path / "data")
    bib = tmp_path / "evil.bib"
    bib.write_text(AUDIT_BIB, encoding="utf-8")
    result = run("import", "bibtex", str(bib), "--data", str(data))
    assert result.exit_code == 0, result.output
    refused = [line for line in result.stderr.splitlines() if line.startswith("evil.bib:")]
    assert refused == [
        "evil.bib:1: 'url' must be an http(s) link like 'https://example.org/paper', got "
        "'javascript:alert(1)' (left out of the draft)",
        "evil.bib:8: 'doi' must look like '10.1145/3081333.3081360', got 'not a doi' "
        "(left out of the draft)",
        "evil.bib:8: 'pages' must look like '578-594', got '12-xx' (left out of the draft)",
        "evil.bib:16: 'url' must name a host like 'example.org' after '//' (letters, digits, "
        "'-' and '.'; an IPv6 address in brackets), got 'https://exa mple.org:99999/x' "
        "(left out of the draft)",
    ]
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0
    papers = {p.title: p for p in load_corpus(data).papers if p.status == "imported"}
    assert len(papers) == 3  # every paper kept, with its good fields
    spaced = papers["A Spaced Link Paper About Pruning"]
    assert (spaced.url, spaced.doi, spaced.pages) == ("https://example.org/a%20b", None, None)
    assert spaced.venue == "osdi-2020" and spaced.year == 2020
    assert papers["A Javascript Link Paper About Pruning"].authors == ["ann-smith", "bob-jones"]


def test_a_code_line_keeps_no_bracket_or_backslash(curated: Path, tmp_path: Path) -> None:
    data = _fresh(curated, tmp_path)
    folder = tmp_path / "l"
    folder.mkdir()
    (folder / "README.md").write_text(
        "### OSDI\n#### 2018\n"
        "1. **A Paper With an Autolinked Code Line** OSDI 2018\n\n\tCode: <https://github.com/x/y>.\n\n"
        "2. **A Paper With a Backslash in Its Code** OSDI 2018\n\n\tCode: https://github.com/x\\y\n",
        encoding="utf-8",
    )
    importer, files = import_lists([folder], data, source_url="https://github.com/e/l")
    write_imported(files, data)
    _validates(data)
    codes = {p.title: p.code for p in load_corpus(data).papers if p.status == "imported"}
    assert codes == {
        "A Paper With an Autolinked Code Line": "https://github.com/x/y",
        "A Paper With a Backslash in Its Code": None,
    }
    (line,) = importer.report.refused
    assert line.startswith("l/README.md:7: 'code' must not contain '\\'")


def test_a_bad_title_skips_the_entry_and_bad_names_drop_the_authors(
    curated: Path, tmp_path: Path
) -> None:
    data = _fresh(curated, tmp_path)
    bib = tmp_path / "t.bib"
    bib.write_text(
        "@misc{a, title = {A Title With a \x1b Control Character}, year = {2019}}\n"
        "@misc{b, title = {Authors With a Bell Inside}, author = {Ann \x07Smith and Bob Jones},"
        " year = {2019}}\n"
        "@misc{c, title = {A Year Beyond Any Camera-Ready}, year = {2039}}\n",
        encoding="utf-8",
    )
    importer, files = import_bibtex([bib], data)
    write_imported(files, data)
    _validates(data)
    papers = {p.title: p for p in load_corpus(data).papers if p.status == "imported"}
    assert set(papers) == {"Authors With a Bell Inside", "A Year Beyond Any Camera-Ready"}
    assert papers["Authors With a Bell Inside"].authors == []
    assert papers["A Year Beyond Any Camera-Ready"].year is None
    assert [line.rsplit("(", 1)[-1] for line in importer.report.refused] == [
        "entry skipped)",
        "authors left out of the draft)",
        "left out of the draft)",
    ]
    assert importer.report.skipped["title refused by validate"] == 1


def test_people_with_one_slug_stay_apart(curated: Path, tmp_path: Path) -> None:
    data = _fresh(curated, tmp_path)
    bib = tmp_path / "p.bib"
    bib.write_text(
        "@misc{a, title = {A Paper by Two Authors}, author = {张三 and 李四}, year = {2019}}\n",
        encoding="utf-8",
    )
    _, files = import_bibtex([bib], data)
    write_imported(files, data)
    _validates(data)
    (paper,) = [p for p in load_corpus(data).papers if p.status == "imported"]
    people = {p.id: p.name for p in load_corpus(data).people}
    assert [people[a] for a in paper.authors] == ["张三", "李四"]


def test_a_bad_commit_option_is_one_line(tmp_path: Path) -> None:
    md = tmp_path / "list.md"
    md.write_text("- x\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        list_info(md, None, "main")
    (problem,) = err.value.problems
    assert problem.file == str(md) and problem.message.startswith("--commit: 'commit' must")


# --- merging ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "Efficient Inference on Mobile GPUs, Part 1",
            "Efficient Inference on Mobile GPUs, Part 2",
        ),
        ("Efficient Inference on Mobile GPUs Part I", "Efficient Inference on Mobile GPUs Part II"),
        ("A Benchmark Suite for Model Serving v0.5", "A Benchmark Suite for Model Serving v1.0"),
        ("Scaling Sparse Transformers to 1024 GPUs", "Scaling Sparse Transformers to 2048 GPUs"),
        ("Learned Index Structures, Volume Two", "Learned Index Structures, Volume Three"),
    ],
)
def test_titles_differing_by_a_number_are_not_merged(a: str, b: str) -> None:
    index: TitleIndex[str] = TitleIndex()
    index.add(_norm(a), a)
    assert index.similar(_norm(b)) is None
    assert numbering(_norm(a)) != numbering(_norm(b))


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "Towards Resource-Efficient Neural Networks for Embedded Systems",
            "Towards Resourceefficient Neural Networks for Embedded Systems",
        ),
        (
            "Learning both Weights and Connections for Efficient Neural Network",
            "Learning both Weights and Connections for Efficient Neural Networks",
        ),
        (
            "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
            "MobileNetV2 - Inverted Residuals and Linear Bottleneck",
        ),
        (
            "Efficient Inference on Mobile GPUs Part II",
            "Efficient Inference on Mobile GPUs, Part 2",
        ),
    ],
)
def test_true_duplicates_still_merge(a: str, b: str) -> None:
    index: TitleIndex[str] = TitleIndex()
    index.add(_norm(a), a)
    assert index.similar(_norm(b)) == a


def _norm(title: str) -> str:
    from sysml_graph.corpus.rules import normalise_title

    return normalise_title(title)


def test_a_hundred_parts_stay_a_hundred_drafts(curated: Path, tmp_path: Path) -> None:
    data = _fresh(curated, tmp_path)
    md = tmp_path / "parts.md"
    md.write_text(
        "".join(
            f"- 2019-ICLR-[A Study of Efficient Deep Learning Systems Part {i}](https://x.org/{i})\n"
            for i in range(100)
        )
        + "- 2019-ICLR-[A study of efficient deep learning systems, part 7](https://x.org/b)\n",
        encoding="utf-8",
    )
    importer, _ = import_lists([md], data, source_url="https://github.com/e/parts")
    assert importer.report.imported == 100
    (merge,) = importer.report.merged
    where, into = merge.split(" → ")
    assert where == "parts/parts.md:101"
    (kept,) = [d for d in importer.drafts if d.data["id"] == into]
    assert kept.data["title"].endswith("Part 7")


def test_the_merge_steps_work_grows_linearly() -> None:
    """Counted, not timed: titles compared per entry stay bounded as the list grows
    (benchmarks/importer.py --merge 100000 gives the time)."""
    from sysml_graph.corpus.records import Corpus

    for n in (1_000, 6_000):
        entries = read_list(synthetic_list(n), Path("list.md"))
        importer = Importer(Corpus([], [], [], [], []))
        info = list_info(Path("list.md"), "https://github.com/e/synthetic", None)
        for entry in entries:
            importer.add(entry, info, "list.md")
        assert importer.report.imported + len(importer.report.merged) == n
        assert importer.report.merged  # the generated duplicates are found
        # A scan of every title with the same first word (six first words) would compare
        # about n / 12 titles per entry: 500 at 6,000, four times the bound.
        assert importer.comparisons <= (CANDIDATES + LOOKALIKE_CANDIDATES) * n


def test_surnames_are_read_as_the_list_gives_them_and_make_no_person(
    curated: Path, tmp_path: Path
) -> None:
    """ "| Title | Venue | Authors |" with "Malkov et al.": the reading keeps the surname (as
    the list says it), the draft keeps no person of one word, and the report says why."""
    data = _fresh(curated, tmp_path)
    folder = tmp_path / "l"
    folder.mkdir()
    (folder / "README.md").write_text(
        "| Title | Venue | Authors |\n|--|--|--|\n"
        "| [Efficient and Robust Approximate Nearest Neighbor Search](https://x.org/hnsw.pdf) "
        "| TPAMI2018 | Malkov et al. |\n",
        encoding="utf-8",
    )
    (entry,) = read_list((folder / "README.md").read_text(encoding="utf-8"))
    assert (entry.authors, entry.et_al) == (["Malkov"], True)
    importer, files = import_lists([folder], data, source_url="https://github.com/e/l")
    write_imported(files, data)
    _validates(data)
    (paper,) = [p for p in load_corpus(data).papers if p.title.startswith("Efficient and Robust")]
    assert (paper.authors, paper.year) == ([], 2018)
    assert importer.report.refused == [
        "l/README.md:3: authors: surnames only (Malkov et al.) (authors left out of the draft)"
    ]
