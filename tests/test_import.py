"""Importing awesome lists: accuracy on hand-checked samples, every entry style, venue
normalisation, deduplication, provenance, the report, and hostile markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sysml_graph.corpus.read import load_corpus
from sysml_graph.corpus.yamlio import dump_canonical
from sysml_graph.importers.awesome import read_list
from sysml_graph.importers.drafts import CURATOR_KEYS
from sysml_graph.importers.entries import Entry
from sysml_graph.importers.run import import_bibtex, import_lists
from sysml_graph.importers.venues import match_venue
from sysml_graph.importers.write import write_imported

from .conftest import DATA, REPO, Invoke, copy_curated
from .import_eval import LISTS, evaluate

LISTS_DIR = REPO / "sources" / "awesome-lists"


@pytest.mark.parametrize("key", list(LISTS))
def test_precision_and_recall_on_hand_checked_samples(key: str) -> None:
    report = evaluate(key, LISTS_DIR)
    assert report.n >= 50
    for name, (precision, recall) in report.scores.items():
        assert precision >= 0.95 and recall >= 0.95, (
            f"{key} {name}: precision {precision:.1%}, recall {recall:.1%}\n"
            + "\n".join(report.misses)
        )


def _without_curation(text: str) -> str:
    """A draft file without what `curate apply` writes into it (tags, decisions, and the
    proposals those change)."""
    data = yaml.safe_load(text)
    return dump_canonical({k: v for k, v in data.items() if k not in (*CURATOR_KEYS, "proposed")})


def test_shipped_drafts_are_exactly_what_the_importer_writes(tmp_path: Path) -> None:
    """data/imported is reproducible from sources/ (the lists, then the completions read with
    --complete-only): fixes go into the importer, not by hand. Only a curator's decisions
    (`curate apply`) are not in the lists; a re-import keeps them (test_curation)."""
    data = copy_curated(tmp_path / "data")
    _, written = import_lists(sorted(LISTS_DIR.iterdir()), data)
    # Then the curators' completions: only fields the drafts lack, from the page read.
    write_imported(written, data)
    completions = sorted((REPO / "sources" / "completions").glob("*.bib"))
    _, written = import_bibtex(completions, data, complete_only=True)
    shipped = {
        p.relative_to(DATA / "imported").as_posix(): p.read_text(encoding="utf-8")
        for p in (DATA / "imported").rglob("*.yaml")
    }
    curated = {name for name, text in shipped.items() if "\ndecisions:\n" in text}
    assert len(curated) > 100  # the drafts curators tagged from their abstracts (docs/tagging.md)
    for name in curated:
        shipped[name] = _without_curation(shipped[name])
    files = {
        name: _without_curation(text) if name in curated else text for name, text in written.items()
    }
    assert set(files) == set(shipped)
    differ = [name for name in files if files[name] != shipped[name]]
    assert not differ, (
        "re-run `sysml-graph import awesome sources/awesome-lists/*` and `sysml-graph import "
        f"bibtex --complete-only sources/completions/*.bib`: {differ[:5]}"
    )


def papers(text: str, file: str = "README.md") -> list[Entry]:
    return [e for e in read_list(text, Path(file)) if e.kind == "paper"]


def fields(e: Entry) -> tuple[str, str | None, int | None]:
    return e.title, e.venue.acronym if e.venue else None, e.year


STYLES = {
    "heading with a venue tag": (
        "#### DeepX: A Software Accelerator for Low-Power Deep Learning [IPSN '16]\n",
        ("DeepX: A Software Accelerator for Low-Power Deep Learning", "IPSN", 2016),
    ),
    "numbered citation with braces": (
        '2. Moritz, Philipp, et al. "Ray: A Distributed Framework for Emerging {AI} '
        'Applications." 13th {USENIX} Symposium on Operating Systems Design and '
        "Implementation ({OSDI} 18). 2018.\n[GitHub](https://www.usenix.org/x)\n",
        ("Ray: A Distributed Framework for Emerging AI Applications", "OSDI", 2018),
    ),
    "link then venue tag with organisation": (
        "1. [MCUNet: Tiny Deep Learning on IoT Devices](https://arxiv.org/abs/2007.10319)"
        " [NeurIPS '20, MIT]\n",
        ("MCUNet: Tiny Deep Learning on IoT Devices", "NeurIPS", 2020),
    ),
    "year-venue prefix with code": (
        "- 2016-ICLR-[Deep Compression: Compressing Deep Neural Networks](https://arxiv.org/"
        "abs/1510.00149) [[Code](https://github.com/songhan/Deep-Compression-AlexNet)]\n",
        ("Deep Compression: Compressing Deep Neural Networks", "ICLR", 2016),
    ),
    "venue and year headings, bold title, italic authors": (
        "### OSDI\n\n#### 2018\n\n1. **Gandiva: Introspective Cluster Scheduling** OSDI 2018\n"
        "\n\t*Wencong Xiao, Romil Bhardwaj*\n",
        ("Gandiva: Introspective Cluster Scheduling", "OSDI", 2018),
    ),
    "paper and github link pair with sub-bullets": (
        "- Pollux: Co-adaptive Cluster Scheduling [[Paper]](https://arxiv.org/pdf/2008.12260)"
        " [[GitHub]](https://github.com/petuum/adaptdl)\n  - Qiao, Aurick, et al. (*OSDI 2021*)\n",
        ("Pollux: Co-adaptive Cluster Scheduling", "OSDI", 2021),
    ),
    "venue first": (
        "- [OSDI'22] [Orca: A Distributed Serving System](https://www.usenix.org/x)\n",
        ("Orca: A Distributed Serving System", "OSDI", 2022),
    ),
    "venue and year only in a heading": (
        "### ATC 2020 [[Program]](https://www.usenix.org/conference/atc20)\n\n"
        "- HetPipe: Enabling Large DNN Training [[Paper]](https://www.usenix.org/p)\n",
        ("HetPipe: Enabling Large DNN Training", "ATC", 2020),
    ),
    "markdown table": (
        "| Title | Venue | Year |\n|---|---|---|\n| [Orca: A Serving System](https://x.org/a) "
        "| OSDI | 2022 |\n",
        ("Orca: A Serving System", "OSDI", 2022),
    ),
    "no link at all": (
        "## Papers\n\n- Swing: Swarm Computing for Mobile Sensing (*ICDCS 2018*)\n",
        ("Swing: Swarm Computing for Mobile Sensing", "ICDCS", 2018),
    ),
}


@pytest.mark.parametrize("style", list(STYLES))
def test_entry_styles(style: str) -> None:
    text, expected = STYLES[style]
    found = papers(text)
    assert [fields(e) for e in found] == [expected]


def test_authors_links_and_et_al() -> None:
    (e,) = papers(STYLES["venue and year headings, bold title, italic authors"][0])
    assert e.authors == ["Wencong Xiao", "Romil Bhardwaj"]
    (e,) = papers(STYLES["paper and github link pair with sub-bullets"][0])
    assert (e.authors, e.et_al) == (["Aurick Qiao"], True)
    assert (e.url, e.code) == (
        "https://arxiv.org/pdf/2008.12260",
        "https://github.com/petuum/adaptdl",
    )
    (e,) = papers(STYLES["numbered citation with braces"][0])
    assert (
        e.url == "https://www.usenix.org/x" and e.code is None
    )  # a "GitHub" label on a paper page


@pytest.mark.parametrize(
    "text,reason",
    [
        (
            "## Course\n\n- [CS294: AI for Systems](https://ucbrise.github.io/cs294-ai-sys-sp19/)\n",
            "not a paper (book, repo, talk or tutorial)",  # a course's number
        ),
        ("## Video\n\n- ScaledML 2019: David Patterson [[YouTube]](https://youtube.com/x)\n", None),
        ("- [TVM](https://github.com/apache/tvm)\n", "software project (code link only)"),
        ("1. [Awesome ML Model Compression](https://github.com/x/awesome) [Repo]\n", None),
        ("- [MLOps for TinyML](https://x.org/slides.pdf) [TinyML Talks '22]\n", None),
        ("- 2019-Book-[Efficient Processing of DNNs](https://x.org/book)\n", None),
        ("- Video Tutorials [YouTube](https://youtube.com/x) [bilibili](https://b.tv/x)\n", None),
        ("- We are preparing a new website [Lets Go](https://x.org) for this repo!!!\n", None),
        ("- [SIGCOMM 2020 Topic Preview: Video + ML](https://x.org/v) [SIGCOMM'20]\n", None),
    ],
)
def test_not_papers_are_skipped(text: str, reason: str | None) -> None:
    entries = [e for e in read_list(text) if e.kind != "skip" or e.reason != "heading"]
    assert all(e.kind != "paper" for e in entries), [(e.title, e.reason) for e in entries]
    if reason:
        assert reason in {e.reason for e in entries}


@pytest.mark.parametrize(
    "raw,acronym,workshop",
    [
        ("NIPS", "NeurIPS", False),
        ("NeurIPS '21, MIT", "NeurIPS", False),
        ("{USENIX} Annual Technical Conference", "ATC", False),
        ("ICLRw", "ICLR", True),
        ("SysML", "MLSys", False),
        ("Proceedings of the Tenth European Conference on Computer Systems", "EuroSys", False),
    ],
)
def test_venue_normalisation(raw: str, acronym: str, workshop: bool) -> None:
    m = match_venue(raw)
    assert m is not None and m.known and (m.acronym, m.workshop) == (acronym, workshop)


def test_year_forms() -> None:
    from sysml_graph.importers.entries import year_in

    assert [year_in(t) for t in ("'17", "2017", "'2017", "’16", "NIPS 18")] == [
        2017,
        2017,
        2017,
        2016,
        2018,
    ]


def _import(tmp_path: Path, lists: dict[str, str]) -> tuple[Path, object]:
    data = copy_curated(tmp_path / "data")
    inputs = []
    for name, text in lists.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "README.md").write_text(text, encoding="utf-8")
        (folder / "SOURCE.txt").write_text(
            f"repository:   https://github.com/example/{name}\ncommit:       {'ab' * 20}\n"
            "licence:      MIT\n",
            encoding="utf-8",
        )
        inputs.append(folder)
    importer, files = import_lists(inputs, data)
    write_imported(files, data)
    return data, importer


def test_same_paper_from_two_lists_is_one_record(tmp_path: Path) -> None:
    data, importer = _import(
        tmp_path,
        {
            "one": "### OSDI\n#### 2020\n1. **KungFu: Making Training in Distributed Machine "
            "Learning Adaptive** OSDI 2020\n\n\t*Luo Mai, Guo Li*\n",
            "two": "- KungFu: making training in distributed machine learning adaptive. "
            "[[Paper]](https://www.usenix.org/kungfu) [OSDI'20]\n",
        },
    )
    corpus = load_corpus(data)
    imported = [p for p in corpus.papers if p.status == "imported"]
    assert len(imported) == 1
    (p,) = imported
    assert p.title == "KungFu: Making Training in Distributed Machine Learning Adaptive"
    assert p.authors == ["luo-mai", "guo-li"] and p.url == "https://www.usenix.org/kungfu"
    assert [(s.list.rsplit("/", 1)[-1], s.line) for s in p.sources] == [("one", 3), ("two", 1)]
    assert all(s.commit == "ab" * 20 for s in p.sources)
    assert len(importer.report.merged) == 1  # type: ignore[attr-defined]


def test_look_alike_titles_are_one_work_or_linked_versions(tmp_path: Path, run: Invoke) -> None:
    """Titles compared as word sets, with no first-word block: the same venue makes one
    record; a preprint and its conference paper stay two, linked by dcterms:isVersionOf."""
    data, importer = _import(
        tmp_path,
        {
            "one": "- [Salus: Fine-Grained GPU Sharing Primitives for Deep Learning "
            "Applications](https://example.org/salus) [MLSys'20]\n"
            "- [Sparsely Aggregated Convolutional Networks](https://example.org/sp) [ECCV'18]\n",
            "two": "- [Fine-Grained GPU Sharing Primitives for Deep Learning Applications]"
            "(https://arxiv.org/abs/1902.04610) [arXiv'19]\n"
            "- [SparseNet-Sparsely Aggregated Convolutional Networks](https://example.org/sn) "
            "[ECCV'18]\n",
        },
    )
    papers = {p.id: p for p in load_corpus(data).papers if p.status == "imported"}
    assert sorted(papers) == [
        "fine-grained-gpu-sharing-primitives-for-deep-learning-applic",
        "salus-fine-grained-gpu-sharing-primitives-for-deep-learning",
        "sparsely-aggregated-convolutional-networks",
    ]
    preprint = papers["fine-grained-gpu-sharing-primitives-for-deep-learning-applic"]
    assert preprint.version_of == "salus-fine-grained-gpu-sharing-primitives-for-deep-learning"
    assert len(papers["sparsely-aggregated-convolutional-networks"].sources) == 2
    assert len(importer.report.versions) == 1  # type: ignore[attr-defined]
    out = tmp_path / "dist"
    assert run("build", "--data", str(data), "--out", str(out)).exit_code == 0
    nt = (out / "sysml-graph.nt").read_text(encoding="utf-8")
    paper = "<https://w3id.org/sysml-graph/paper/"
    assert (
        f"{paper}{preprint.id}> <http://purl.org/dc/terms/isVersionOf> "
        f"{paper}{preprint.version_of}> ."
    ) in nt
    assert f"<http://purl.org/dc/terms/hasVersion> {paper}{preprint.id}> ." in nt


def test_a_citation_fragment_is_no_author(tmp_path: Path, run: Invoke) -> None:
    """A venue glued to the last author ("Su. PLDI, 2019") is split off; a name that is a
    venue ("In IEEE INFOCOM") is refused with its line, and the draft keeps no author."""
    data, importer = _import(
        tmp_path,
        {
            "one": "- [Learning to Tune Loops Well](https://x.org/a) - Alan Smith, "
            "Zhendong Su. PLDI, 2019\n"
            "- **Edge Offloading of Neural Networks at Scale** In IEEE INFOCOM, 2019\n\n"
            "  *In IEEE INFOCOM*\n",
        },
    )
    papers = {p.title: p for p in load_corpus(data).papers if p.status == "imported"}
    loops = papers["Learning to Tune Loops Well"]
    assert loops.authors == ["alan-smith", "zhendong-su"] and loops.year == 2019
    edge = papers["Edge Offloading of Neural Networks at Scale"]
    assert edge.authors == []
    refused = importer.report.refused  # type: ignore[attr-defined]
    assert any("'In IEEE INFOCOM' is not a person's name" in line for line in refused), refused
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0


def test_validate_names_two_records_of_one_work(tmp_path: Path, run: Invoke) -> None:
    """Two records whose titles look alike, neither a version of the other: one line, naming
    both and the two ways out; written as versions, they pass."""
    data = copy_curated(tmp_path / "data")
    record = "id: {id}\ntype: article\nstatus: imported\ntitle: '{title}'\nsources:\n" + (
        "- list: https://github.com/example/x\n  file: README.md\n  line: {line}\n"
    )
    folder = data / "imported" / "papers"
    folder.mkdir(parents=True)
    a, b = "fine-grained-gpu-sharing", "salus"
    title = "Fine-Grained GPU Sharing Primitives for Deep Learning Applications"
    (folder / f"{a}.yaml").write_text(record.format(id=a, title=title, line=1))
    (folder / f"{b}.yaml").write_text(record.format(id=b, title=f"Salus: {title}", line=2))
    result = run("validate", "--data", str(data), "--no-shacl")
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if "looks like" in x]
    assert len(lines) == 1, result.stderr
    assert f"title looks like that of '{a}'" in lines[0] and f"version_of: {a}" in lines[0]
    with (folder / f"{b}.yaml").open("a") as f:
        f.write(f"version_of: {a}\n")
    assert run("validate", "--data", str(data), "--no-shacl").exit_code == 0


def test_curated_fields_always_win(tmp_path: Path) -> None:
    data, importer = _import(
        tmp_path,
        {
            "seedlike": "1. [EIE: Efficient Inference Engine on Compressed Deep Neural Network]"
            "(https://arxiv.org/abs/1602.01528) [ISCA '17]\n",
        },
    )
    corpus = load_corpus(data)
    assert not [p for p in corpus.papers if p.status == "imported"]
    eie = next(p for p in corpus.papers if p.id == "eie")
    assert eie.year == 2016  # not the list's '17
    assert "curated eie" in importer.report.merged[0]  # type: ignore[attr-defined]


def test_inferred_tags_stay_apart_from_curated_ones(tmp_path: Path) -> None:
    data, _ = _import(
        tmp_path,
        {
            "tags": "## Pruning\n\n- 2019-ICLR-[Rethinking the Value of Network Pruning on "
            "Mobile GPUs](https://arxiv.org/abs/1810.05270)\n",
        },
    )
    (path,) = (data / "imported" / "papers").glob("*.yaml")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["status"] == "imported"
    assert record["proposed"] == [
        {
            "concept": "pruning",
            "scheme": "techniques",
            "evidence": "title",
            "text": "Network Pruning",
        },
        {
            "concept": "mobile-gpu",
            "scheme": "platforms",
            "evidence": "title",
            "text": "Mobile GPUs",
        },
        {"concept": "pruning", "scheme": "techniques", "evidence": "heading", "text": "Pruning"},
    ]
    assert "techniques" not in record and "platforms" not in record
    assert record["topics"] == ["Pruning"]


def test_unknown_venues_become_draft_venues(tmp_path: Path) -> None:
    data, importer = _import(
        tmp_path,
        {
            "odd": "1. [A Paper at a Rare Venue](https://x.org/p.pdf) [RareConf '19]\n",
        },
    )
    venues = yaml.safe_load((data / "imported" / "venues.yaml").read_text(encoding="utf-8"))
    assert venues == [
        {
            "id": "rareconf",
            "acronym": "RareConf",
            "name": "RareConf",
            "kind": "conference",
            "editions": [{"year": 2019, "name": "RareConf 2019"}],
        }
    ]
    assert importer.report.unknown_venues == {"RareConf": 1}  # type: ignore[attr-defined]


def test_import_command_reports_and_dry_run_writes_nothing(run: Invoke, tmp_path: Path) -> None:
    data = copy_curated(tmp_path / "data")
    lst = LISTS_DIR / "csarron__awesome-emdl"
    result = run("import", "awesome", str(lst), "--data", str(data), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "entries seen" in result.stdout and "Skipped" in result.stdout
    assert not (data / "imported").exists()
    result = run("import", "awesome", str(lst), "--data", str(data))
    assert result.exit_code == 0
    assert run("validate", "--data", str(data)).exit_code == 0
    missing = run("import", "awesome", str(tmp_path / "nope.md"), "--data", str(data))
    assert missing.exit_code == 2  # click: the path does not exist


def test_a_failed_write_keeps_the_previous_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = _import(tmp_path, {"a": "1. [A First Paper Title](https://x.org/a) [OSDI '20]\n"})
    before = {p.name: p.read_bytes() for p in (data / "imported").rglob("*.yaml")}
    calls = {"n": 0}
    real = Path.write_text

    def flaky(self: Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError("disk full")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", flaky)
    with pytest.raises(OSError):
        write_imported(
            {"papers/x.yaml": "id: x\n", "papers/y.yaml": "", "people.yaml": "[]\n"}, data
        )
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in (data / "imported").rglob("*.yaml")}
    assert after == before
    assert [p.name for p in data.iterdir() if p.name.startswith(".imported")] == []


# --- hostile markdown -------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "- ",
        "1. ",
        "#### ",
        "### OSDI\n",
        "#### 2019\n",
        "[",
        "]",
        "(",
        ")",
        "[[Paper]](",
        "https://arxiv.org/abs/1234.5678",
        "**",
        "*",
        "`",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "| a | b |\n|---|---|\n| c | d |\n",
        "\n",
        "\n\n",
        "  - ",
        "'17",
        "[NeurIPS '21, MIT]",
        "2016-ICLR-[",
        "😀🚀",
        "深度学习系统",
        "{AI}",
        '"',
        "“",
        "Crankshaw, Daniel, et al. ",
        "\t*A B, C D*\n",
        "](",
        "![](https://img.shields.io/badge/A-b)",
        "Smith, A. ",
        " <br> ",
        "\n  - Authors: ",
        ":fire:",
        "[**SOSP 2023**] ",
        "## [A Linked Heading Title](https://x.org), 2019/09\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=60))
def test_hostile_markdown_never_crashes(parts: list[str]) -> None:
    for entry in read_list("".join(parts)):
        assert entry.kind in ("paper", "software", "skip")
        if entry.kind == "paper":
            assert entry.title and "\n" not in entry.title
            assert entry.year is None or 1950 <= entry.year <= 2040


@pytest.mark.parametrize(
    "line",
    [
        "Smith, A. " * 1500 + "2023",  # initials: once exponential in the length
        "Kwon, W., " * 1000 + "& Stoica, I. (2023). Title. In SOSP",
        "Title Words Here. " + "Ann Lee, " * 1500 + "SOSP 2023.",  # once quadratic
        "Word Word, " * 2000,
        "“when to sample” " * 2000,
        "[Some Title Here](https://x.org) (" + "A" * 30000 + "!)",  # once quadratic
        "“" * 30000,  # a quote never closed: once quadratic
        ("[a]" * 10000)[:-1],
        "[2016-" + "Ab-" * 10000,
        "Title (" + "ab 2019 " * 4000,
    ],
)
def test_a_long_line_of_repeated_citation_parts_is_read_at_once(line: str) -> None:
    """Lines of 10,000-30,000 characters built to make a regular expression try every split:
    read in well under a second each (`benchmarks/importer.py --hostile`), here read at all."""
    (entry,) = read_list(f"- {line}\n")
    assert entry.kind in ("paper", "skip")


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join("<table>\n<tr><td>x</td></tr>" for _ in range(1000)),  # once cubic
        "x\n" + "--- ---\n" * 8000,  # rule lines of simple tables: once quadratic
    ],
)
def test_a_document_of_unclosed_tables_or_rule_lines_is_read_at_once(text: str) -> None:
    """Read in tens of milliseconds (`benchmarks/importer.py --hostile`), here read at all,
    with no paper made of them."""
    assert not [e for e in read_list(text) if e.kind == "paper"]


def test_a_ten_thousand_line_list(tmp_path: Path) -> None:
    lines = [
        f"- 2019-ICLR-[A Synthetic Paper About Pruning Number {i}](https://arxiv.org/abs/"
        f"1901.{i:05d}) [[Code](https://github.com/x/y{i})]"
        for i in range(10_000)
    ]
    entries = read_list("# Big\n\n" + "\n".join(lines) + "\n")
    assert sum(1 for e in entries if e.kind == "paper") == 10_000


def test_import_of_a_copied_list_folder_reads_source_txt(tmp_path: Path) -> None:
    folder = tmp_path / "emdl"
    shutil.copytree(LISTS_DIR / "csarron__awesome-emdl", folder)
    data = copy_curated(tmp_path / "data")
    _importer, files = import_lists([folder], data)
    sources = yaml.safe_load(files["sources.yaml"])
    assert sources == [
        {
            "id": "csarron-awesome-emdl",
            "repository": "https://github.com/csarron/awesome-emdl",
            "title": "awesome-emdl",
            "commit": "5827c5083d6ff0817f09376e7f09dcf2af6d171e",
            "licence": "MIT",
        }
    ]


def test_importing_again_changes_nothing(tmp_path: Path) -> None:
    data = copy_curated(tmp_path / "data")
    lists = [
        LISTS_DIR / "csarron__awesome-emdl",
        LISTS_DIR / "MingSun-Tse__Efficient-Deep-Learning",
    ]
    _, first = import_lists(lists, data)
    write_imported(first, data)
    _, second = import_lists(lists, data)
    assert second == first
