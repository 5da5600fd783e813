"""Issue 13: venues are venues (one home for preprints, journals typed as journals, no
publisher or talk as a venue), titles carry no list decoration, and citation tails that
used to lose their venue or last author read right. Each rule of `validate` is shown
failing on a record that breaks it, with the fix in its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysml_graph.importers.awesome import read_list
from sysml_graph.importers.entries import Entry
from sysml_graph.importers.venues import match_venue, unknown_venue_name

from .conftest import Invoke, copy_curated


def _papers(text: str) -> list[tuple[tuple[str, str | None, int | None], Entry]]:
    """The papers read from a list: (title, venue's acronym, year) and the entry."""
    return [
        ((e.title, e.venue.acronym if e.venue else None, e.year), e)
        for e in read_list(text)
        if e.kind == "paper"
    ]


def _one(line: str):  # type: ignore[no-untyped-def]
    entries = [e for e in read_list(line + "\n") if e.reason != "heading"]
    assert len(entries) == 1, entries
    return entries[0]


@pytest.mark.parametrize(
    ("line", "authors", "venue", "year"),
    [
        # A word before the year is a month only when it is one ("MLSys 2020" is no month).
        (
            "- [Autophase: Compiler phase-ordering](https://proceedings.mlsys.org/x.pdf). "
            "Ameer Haj-Ali, Qijing Huang, John Wawrzynek. MLSys 2020.",
            ["Ameer Haj-Ali", "Qijing Huang", "John Wawrzynek"],
            "mlsys",
            2020,
        ),
        (
            "- [Best of Both Worlds: Transferring Knowledge](http://papers.nips.cc/x.pdf), "
            "Jiasen Lu1, Devi Parikh, Dhruv Batra 2017",
            ["Jiasen Lu", "Devi Parikh", "Dhruv Batra"],
            None,
            2017,
        ),
        # A venue name with "and" in it stays whole.
        (
            '- ["MegaBlocks: Efficient Sparse Training"](https://arxiv.org/abs/2211.15841). '
            "Trevor Gale, Matei Zaharia. _Proceedings of the Sixth Machine Learning and "
            "Systems_, May 2023.",
            ["Trevor Gale", "Matei Zaharia"],
            "mlsys",
            2023,
        ),
        (
            '- ["Dynamic N:M Fine-Grained Structured Sparse Attention"](https://dl.acm.org/x). '
            "Zhaodong Chen, Yuan Xie. _Proceedings of the 28th ACM SIGPLAN Annual Symposium "
            "on Principles and Practice of Parallel Programming_, February 2023.",
            ["Zhaodong Chen", "Yuan Xie"],
            "ppopp",
            2023,
        ),
        # A space before the full stop, and LaTeX in a name.
        (
            "- [MISIM: Code Similarity](https://arxiv.org/pdf/2006.05265.pdf) - Thomas "
            "K{\\oe}hler, Vivek Sarkar and Justin Gottschlich . arXiv 2020.",
            ["Thomas Kœhler", "Vivek Sarkar", "Justin Gottschlich"],
            "arxiv",
            2020,
        ),
        # Particles of names ("ul"); a thesis is no venue.
        (
            "- [A Generalized Meta-loss function](https://arxiv.org/abs/1811.06885), Amina "
            "Asif, Fayyaz ul Amir Afsar Minhas, 2018",
            ["Amina Asif", "Fayyaz ul Amir Afsar Minhas"],
            None,
            2018,
        ),
        (
            '- ["GPU Load Balancing"](https://arxiv.org/abs/2212.08964). Muhammad Osama. '
            "_Doctoral dissertation, University of California, Davis_, December 2022.",
            ["Muhammad Osama"],
            None,
            2022,
        ),
        # Authors in italics right after a bold linked title (October2001's style).
        (
            "1. [**Ada-KV: Optimizing KV Cache Eviction.**](https://arxiv.org/abs/2407.11550) "
            "*Yuan Feng, Xike Xie, S. Kevin Zhou.* Arxiv 2024. [![stars](https://img.shields.io/"
            "x)](https://github.com/FFY0/AdaKV)",
            ["Yuan Feng", "Xike Xie", "S. Kevin Zhou"],
            "arxiv",
            2024,
        ),
        (
            "1. [**LaCache: Ladder-Shaped KV Caching.**](https://arxiv.org/abs/2507.14204) "
            "*Pavlo Molchanov, Yingyan (Celine)Lin.* ICML 2025.",
            ["Pavlo Molchanov", "Yingyan (Celine)Lin"],
            "icml",
            2025,
        ),
        # A venue after the link labels, the authors on the next line (codecaution's style).
        (
            "+\t**Taming Sparsely Activated Transformer** [[pdf]](https://arxiv.org/abs/2110.04260)"
            " ICLR 2022\n\n\t*Simiao Zuo, Diego de las Casas, Jianfeng Gao*",
            ["Simiao Zuo", "Diego de las Casas", "Jianfeng Gao"],
            "iclr",
            2022,
        ),
        # A bold tag before a plain title, the authors in italics on the next line.
        (
            "- **[MobiCom'24]** Mobile Foundation Model as Firmware\n"
            "  <br>*Jinliang Yuan, Chen Yang, Dongqi Cai*\n"
            "  <br>[![arXiv](https://img.shields.io/badge/arXiv-Paper-b31b1b)](https://arxiv.org/abs/2308.14363)",
            ["Jinliang Yuan", "Chen Yang", "Dongqi Cai"],
            "mobicom",
            2024,
        ),
        # A bold escaped tag before a linked title; the italics are an affiliation, no author.
        (
            "- **\\[Arxiv'25\\]** [Taming the Titans: A Survey of Efficient LLM Inference "
            "Serving.](https://arxiv.org/abs/2504.19720) *Soochow University & Huawei*",
            [],
            "arxiv",
            2025,
        ),
        # The authors before a linked title, a GB/T 7714 tail ("[J]. Journal, 2019, 15: …").
        (
            "- Zhao L, Wang Q, Zou Q, et al. [Privacy-preserving collaborative deep learning]"
            "(https://arxiv.org/pdf/1812.10113)[J]. ACM Computing Surveys (CSUR), 2019, 15: 1-9.",
            ["Zhao L", "Wang Q", "Zou Q"],
            "csur",
            2019,
        ),
        # ... and a list's leading tags, one naming where the preprint appeared.
        (
            "- [ICLR][MA]Hongyi Wang, Mikhail Yurochkin, Yuekai Sun .[Federated Learning with "
            "Matched Averaging](https://arxiv.org/pdf/2002.06440) [J]. arXiv preprint "
            "arXiv:2002.06440.<br>[code:[IBM/FedMA](https://github.com/IBM/FedMA)]",
            ["Hongyi Wang", "Mikhail Yurochkin", "Yuekai Sun"],
            "iclr",
            None,
        ),
        # A bold title, italic authors ending in ".", a date, and a badge naming the venue.
        (
            "- **Accelerating Large Language Model Decoding**  \n"
            "  *Charlie Chen, Sebastian Borgeaud, John Jumper.* [[pdf](http://arxiv.org/abs/"
            "2302.01318)], 2023.02. ![](https://img.shields.io/badge/ICML2024--findings-orange)",
            ["Charlie Chen", "Sebastian Borgeaud", "John Jumper"],
            "icml",
            2024,
        ),
    ],
)
def test_citation_tails_keep_every_author_and_the_venue(
    line: str, authors: list[str], venue: str | None, year: int | None
) -> None:
    entry = _one(line)
    assert entry.kind == "paper", entry.reason
    assert entry.authors == authors
    assert (entry.venue.id if entry.venue else None) == venue
    assert entry.year == year


def test_a_keynote_is_no_paper_and_a_publisher_is_no_venue() -> None:
    talk = _one(
        '- Jeff Dean: "Achieving Rapid Response Times in Large Online Services" Keynote - '
        "Velocity 2014 [[YouTube]](https://www.youtube.com/watch?v=1)"
    )
    assert talk.kind == "skip" and "talk" in talk.reason
    tiny = _one("1. [TinyML Benchmark: Fully Connected Networks](https://x.org/1) [IEEE '21]")
    assert tiny.kind == "paper" and tiny.venue is None and tiny.year == 2021


VLLM = "Efficient Memory Management for Large Language Model Serving"
PAGE = "https://arxiv.org/abs/2309.06180"
KWON_LI = ["Woosuk Kwon", "Zhuohan Li"]


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (
            f"- {VLLM}. Woosuk Kwon, Zhuohan Li. SOSP 2023. [[paper]]({PAGE})",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (
            f"- **{VLLM}**, Woosuk Kwon, Zhuohan Li, SOSP 2023 [[pdf]]({PAGE})",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (
            f"* [{VLLM}]({PAGE}) - Woosuk Kwon, Zhuohan Li (SOSP 2023)",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (
            f"- {VLLM} [[paper]]({PAGE})  \n  Woosuk Kwon, Zhuohan Li. SOSP, 2023.",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (f"- *{VLLM}*, Woosuk Kwon, Zhuohan Li. SOSP 2023.", ["Woosuk Kwon", "Zhuohan Li"]),
        (
            f"- [SOSP 2023] {VLLM}. Woosuk Kwon, Zhuohan Li. [pdf]({PAGE})",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (
            f"- Kwon, W., Li, Z., & Stoica, I. (2023). {VLLM}. In SOSP (pp. 611-626).",
            ["W. Kwon", "Z. Li", "I. Stoica"],
        ),
        (
            f"| Title | Authors | Venue | Year |\n|---|---|---|---|\n"
            f"| [{VLLM}]({PAGE}) | Woosuk Kwon, Zhuohan Li | SOSP | 2023 |",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (f"- (SOSP 2023) {VLLM} [[paper]]({PAGE})", []),
        (f"- `SOSP 2023` [{VLLM}]({PAGE})", []),
        (f"- {VLLM} (SOSP'23) [paper]({PAGE})", []),
        (
            f"* {VLLM} ([SOSP 2023](notes/sosp.md)) \\[[Personal Notes](notes/v.md)] "
            f"\\[[Paper]({PAGE})]\n  * UC Berkeley",
            [],
        ),
        (f"- [{VLLM}]({PAGE}) | SOSP 2023 | [code](https://github.com/vllm-project/vllm)", []),
        (f"- {VLLM}, *SOSP 2023*, [[paper]]({PAGE})", []),
        # a surname as the list gives it (the writer makes no person of it)
        (f"- [{VLLM}]({PAGE}), Kwon et al., SOSP 2023", ["Kwon"]),
        (f"- **vLLM**: [{VLLM}]({PAGE}) (SOSP 2023)", []),
        (f"1. {VLLM}, Woosuk Kwon, Zhuohan Li, SOSP, 2023. [[PDF]]({PAGE})", KWON_LI),
        (f"- {VLLM} — Woosuk Kwon, Zhuohan Li — SOSP 2023", KWON_LI),
        (f"- [**{VLLM}**]({PAGE}) <br> *Woosuk Kwon, Zhuohan Li* <br> **SOSP 2023**", KWON_LI),
        (f"- 📄 [{VLLM}]({PAGE}) - *SOSP 2023*", []),
        (f"- {VLLM}. *SOSP*, 2023. [link]({PAGE})", []),
        (f"- {VLLM} [SOSP 2023] [[paper]]({PAGE})", []),
        (f"### 2023\n\n- [{VLLM}]({PAGE}) (SOSP)", []),
        (f"- **SOSP 2023** [{VLLM}]({PAGE})", []),
        (f"- SOSP 2023: [{VLLM}]({PAGE})", []),
        (f"- SOSP'23 - {VLLM} [[pdf]]({PAGE})", []),
        (f"| Year | Venue | Paper |\n|---|---|---|\n| 2023 | SOSP | [{VLLM}]({PAGE}) |", []),
        (f"- {VLLM} <br> SOSP 2023 [[Paper]]({PAGE}) [[Code]](https://github.com/x/y)", []),
        (f"+ [2023/09/12] [{VLLM}]({PAGE}) (Woosuk Kwon & Zhuohan Li et al., SOSP 2023)", KWON_LI),
        (f"- {VLLM}\n  <br>*Woosuk Kwon, Zhuohan Li*\n  <br>SOSP 2023 [[Paper]]({PAGE})", KWON_LI),
        # Forms of the tuning lists of 2026-12-02 (docs/importing.md, round 9)
        (f"### 2023 SOSP\n\n- **{VLLM}.** (UC Berkeley)", []),
        (f"### 2023\n\n| Title | Venue |\n|---|---|\n| [{VLLM}]({PAGE}) | SOSP |", []),
        (
            "| Paper | Code |\n|---|---|\n| [![Publish](https://img.shields.io/badge/"
            f"Conference-SOSP_2023-blue)]() <br> {VLLM} [[Link]]({PAGE}) <br> "
            "*Woosuk Kwon, Zhuohan Li* | - |",
            KWON_LI,
        ),
        (f"- [{VLLM}]({PAGE}) by Woosuk Kwon et al., SOSP 2023", ["Woosuk Kwon"]),
        (
            f"  - [{VLLM}]({PAGE}) **SOSP 2023**. [Github Page](https://github.com/x/y). "
            "Woosuk Kwon, Zhuohan Li. _UC Berkeley_.",
            KWON_LI,
        ),
        (f"1. {VLLM}. Kwon, Woosuk et al. SOSP 2023", ["Woosuk Kwon"]),
        (
            f"Our list:\n\n[SOSP'23] [{VLLM}]({PAGE}) </br>\n[OSDI'22] [Orca](https://x.org) </br>",
            [],
        ),
        (f"<details><summary><b>2023</b></summary>\n\n- [{VLLM}]({PAGE}) (SOSP)\n</details>", []),
        (f"**2023**\n\n- [{VLLM}]({PAGE}) (SOSP)", []),
        (
            f'- Kwon, Woosuk, et al. "{VLLM}." arXiv preprint arXiv:2309.06180 (2023). (SOSP 2023)',
            ["Woosuk Kwon"],
        ),
        (f"* {VLLM} （SOSP 2023）", []),
        (f'<div markdown="1">\n* [{VLLM} [SOSP’23]]({PAGE})\n</div>', []),
        (f"- [{VLLM}]|[`[pdf]`]({PAGE}) (SOSP 2023)", []),
        (f"- [ ] [{VLLM}]({PAGE}): a note on paging, accepted by SOSP'23", []),
        (f"- code [{VLLM} SOSP'23](https://github.com/x/y)\n\n  paper [{VLLM}]({PAGE})", []),
        (f"1. **{VLLM}.** `SOSP`  \n   *Woosuk Kwon, Zhuohan Li.* [[PDF]]({PAGE}), 2023", KWON_LI),
        (
            f"Kwon, Woosuk, and Zhuohan Li. 2023. “{VLLM}.” In _SOSP_, 611–26. ACM.",
            ["Woosuk Kwon", "Zhuohan Li"],
        ),
        (f"- {VLLM} [[paper]]({PAGE})\n  - Woosuk Kwon, Zhuohan Li. SOSP, 2023.", KWON_LI),
        (
            f"| Title | Pub. & Date |\n|---|---|\n| {VLLM} [![arXiv](https://img.shields.io/"
            f"badge/arXiv-b31b1b.svg)]({PAGE}) | SOSP'23 |",
            [],
        ),
        (f"1. [{VLLM}]({PAGE}) [![Publish](https://img.shields.io/badge/2023-SOSP-9370DB)]", []),
        (f"- Woosuk Kwon, Zhuohan Li: {VLLM}. SOSP 2023: 611-626", KWON_LI),
        (f"- 2023 SOSP [{VLLM}]({PAGE})", []),
        (
            f"| Date | Title | Authors | PDF |\n|---|---|---|---|\n| **2023-09-12** | **{VLLM}** "
            f"| Woosuk Kwon et.al. | [2309.06180_(SOSP)]({PAGE}) |",
            ["Woosuk Kwon"],
        ),
        (f"### SOSP 2023\n\n- {VLLM}, {PAGE}", []),
        (f'* **vLLM**: "{VLLM}", SOSP, 2023 (*UC Berkeley*). [[Paper]]({PAGE})', []),
        (f"- \\[SOSP'23\\] {VLLM} - \\[[PDF]({PAGE})\\]", []),
        (f"1. [{VLLM}]({PAGE}) [SOSP 23]", []),
        (f"2. Woosuk Kwon and Zhuohan Li. 2023. {VLLM}. SOSP (2023).", KWON_LI),
        (f"- {VLLM}, [[SOSP 2023]]({PAGE}), 2023-09-12", []),
        (f"### Papers\n2023\n- {VLLM} [[✏️SOSP]]({PAGE})[⭐[github](https://github.com/x/y)]", []),
        (f"3. _Woosuk Kwon, and Zhuohan Li._ **{VLLM}** SOSP 2023. [[pdf]]({PAGE})", KWON_LI),
        (
            "### SOSP\n\n  Year  Author                      Title  Note\n"
            "------  --------------------------  -----  ----\n"
            f"  2023  Woosuk Kwon, Zhuohan Li     [{VLLM}]({PAGE})\n",
            KWON_LI,
        ),
        (f"- Kwon W, Li Z, et al. {VLLM}[C]//SOSP. ACM, 2023: 611-626.", ["Kwon W", "Li Z"]),
        (f"- **Kwon, W., & Li, Z. (2023). {VLLM}. In SOSP.**", ["W. Kwon", "Z. Li"]),
        (f"+ [{VLLM}]({PAGE}) (Woosuk Kwon et al., SOSP 2023 Oral)", ["Woosuk Kwon"]),
        (
            "<table>\n<tr><td>Years</td><td>Title</td></tr>\n<tr><td rowspan=2><a href='x'>"
            f"SOSP 2023</a></td>\n<td><a href='{PAGE}'>{VLLM}</a></td></tr>\n</table>",
            [],
        ),
    ],
)
def test_title_venue_year_and_authors_in_the_common_citation_forms(
    text: str, authors: list[str]
) -> None:
    """One paper written the ways lists write it: the title alone, SOSP 2023, the authors
    where given (a note under the entry naming an institution is none)."""
    entry = next(e for e in read_list(text + "\n") if e.reason != "heading")
    assert entry.kind == "paper", entry.reason
    assert entry.title.casefold() == VLLM.casefold()
    assert entry.venue is not None and entry.venue.id == "sosp"
    assert entry.year == 2023
    assert entry.authors == authors


@pytest.mark.parametrize(
    ("text", "venue", "year", "authors"),
    [
        # labelled lines under the entry; a summary names no venue
        (
            f"- {VLLM}\n  - Authors: Woosuk Kwon, Zhuohan Li, etc.\n  - Link: {PAGE}\n"
            "  - Summary: This ICLR 2017 paper shows …\n  - 摘要\uff1a这篇 2017 年 ICLR 会议论文",
            None,
            None,
            KWON_LI,
        ),
        (
            f"- {VLLM}\n  - Author: Woosuk Kwon, and Zhuohan Li (UC Berkeley, CA, USA)\n"
            "  - Pub: SOSP 2023",
            "sosp",
            2023,
            KWON_LI,
        ),
        # a bold tag in brackets, the authors in italics on a quoted line with the link
        (
            f"* [**SOSP 2023**] {VLLM}. \n  >*Kwon W, Li Z, et al.* [[Paper]]({PAGE})",
            "sosp",
            2023,
            ["Kwon W", "Li Z"],
        ),
        # a quotation inside a title is no citation's title; GitHub's emoji go
        (f"- [**SOSP 2023**] {VLLM}: “paged” memory :fire:. [[PDF]]({PAGE})", "sosp", 2023, []),
    ],
)
def test_labelled_lines_quoted_lines_and_tags_under_and_before_an_entry(
    text: str, venue: str | None, year: int | None, authors: list[str]
) -> None:
    entry = next(e for e in read_list(text + "\n") if e.reason != "heading")
    assert entry.kind == "paper", entry.reason
    assert entry.title.startswith(VLLM) and ":fire" not in entry.title
    assert (entry.venue.id if entry.venue else None, entry.year) == (venue, year)
    assert entry.authors == authors
    assert entry.url == PAGE or venue is not None


@pytest.mark.parametrize(
    ("text", "kind", "authors"),
    [
        # a venue in a description makes no paper of a repository
        (
            "## Tools\n\n- [vLLM](https://github.com/vllm-project/vllm) - a server, SOSP 2023",
            "software",
            [],
        ),
        (
            "- [LLM Systems Reading List](https://github.com/x/y) - from OSDI 2023 and SOSP 2023",
            "software",
            [],
        ),
        ("- LLM 2024: [Serving Engines Overview](https://github.com/x/y)", "software", []),
        (
            "| Year | Title | Venue |\n|---|---|---|\n"
            "| 2022 | [xFormers - Toolbox for Transformers](https://github.com/f/x) | GitHub |",
            "software",
            [],
        ),
        # an organisation or a phrase is no author
        (
            "- A Survey on Efficient Inference. Large Language Models, Edge Devices. [[paper]](https://x.org/a.pdf)",
            "paper",
            [],
        ),
        (
            "- [Some Great Systems Paper](https://example.com/x.pdf) <br> Carnegie Mellon",
            "paper",
            [],
        ),
        (
            "| Title | Authors |\n|---|---|\n"
            "| [Serving LLMs Efficiently](https://x.org/a.pdf) | UC Berkeley |",
            "paper",
            [],
        ),
        # a linked heading to a repository or a video, or a paragraph further down, is none
        (
            "## [Efficient LLM Inference Papers](https://github.com/x/y) - updated 2024.05",
            "skip",
            [],
        ),
        (
            "## [Tutorial on Efficient Deep Learning Systems](https://youtu.be/a), 2020",
            "skip",
            [],
        ),
        (
            "## [Efficient Deep Learning Systems](https://x.org/p.pdf)\n\n- item\n\nIon Stoica",
            "skip",
            [],
        ),
    ],
)
def test_descriptions_notes_and_sections_make_no_paper_or_author(
    text: str, kind: str, authors: list[str]
) -> None:
    line = 3 if text.startswith(("## Tools", "|")) else 1  # the entry, not a heading
    entry = next(e for e in read_list(text + "\n") if e.line == line)
    assert (entry.kind, entry.authors) == (kind, authors), entry


def test_a_linked_heading_with_a_date_and_an_author_line_is_a_paper() -> None:
    """``## [Title](url), 2019/09``, the authors on the next line, an abstract below; a
    section heading linking to a folder of the list, or a link into it, is none."""
    entries = read_list(
        "## Table of Contents\n- [Papers](https://github.com/o/list#papers)\n"
        "- [AutoML](https://github.com/o/list/tree/master/Papers/AutoML)\n\n"
        "### [Applications](https://github.com/o/list/tree/master/Papers/Applications)\n\n"
        f"## [{VLLM}]({PAGE}), 2023/09\nWoosuk Kwon, Zhuohan Li\n\nWe present a system …\n"
    )
    papers = [e for e in entries if e.kind == "paper"]
    assert [(e.title, e.year, e.authors, e.url) for e in papers] == [(VLLM, 2023, KWON_LI, PAGE)]


def test_badges_name_venues_only_when_they_are_no_button_and_videos_are_talks() -> None:
    """A plain badge is the list's tag ("ICML2024"); a badge inside a link is a button that
    says where the link goes ("arXiv-2507.13575"), not where the paper appeared; a badge
    never makes a paper of a tutorial; an entry whose page is a video is a talk."""
    entry = (
        "- **A Study of Things**  \n  *Ann Lee, Bo Chen.* [[pdf](https://x.org/a.pdf)], 2024.05."
    )
    tagged = _one(entry + " ![](https://img.shields.io/badge/NeurIPS2024-orange)")
    assert tagged.venue is not None and tagged.venue.id == "neurips" and tagged.year == 2024
    button = _one(entry + " [![arXiv](https://img.shields.io/badge/arXiv-2405.1-b31b1b)](u)")
    assert button.venue is None and button.year == 2024
    unknown_word = _one(entry + " ![](https://img.shields.io/badge/Technical_Report-orange)")
    assert unknown_word.venue is None
    (tutorial,) = [
        e
        for e in read_list(
            "## Tutorial\n\n- **Speculative Decoding for Efficient Inference**  \n  *Ann Lee.* "
            "[[slides](https://x.org/s)] ![](https://img.shields.io/badge/COLING2025-orange)\n"
        )
        if e.reason != "heading"
    ]
    assert tutorial.kind != "paper"
    talk = _one(
        "- Saman Amarasinghe, [Compiler 2.0: Using Machine Learning to Modernize Compilers]"
        "(https://www.youtube.com/watch?v=a1w_NKDVdkI). LCTES 2020."
    )
    assert talk.kind != "paper" and "video" in talk.reason


def test_preprints_have_one_home() -> None:
    """arXiv written any way is the arxiv venue; a bare "preprint" is arXiv only when the
    entry links there, else the venue stays empty."""
    for text in ("Arxiv.org", "Computing Research Repository", "arXiv preprint", "CoRR"):
        found = match_venue(text)
        assert found is not None and found.id == "arxiv", text
    # The detail line under the entry names it a preprint (a list of Awesome-System-for-ML).
    linked = read_list(
        "- [Horizon: Applied RL](https://arxiv.org/abs/1811.00260)\n  - preprint 2019\n"
    )[0]
    assert linked.venue is not None and linked.venue.id == "arxiv"
    bare = read_list("- [Horizon: Applied RL](https://example.org/h.pdf)\n  - preprint 2019\n")[0]
    assert bare.venue is None and bare.year == 2019


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In 2018 IEEE high performance extreme computing conference (HPEC)", "hpec"),
        ("Proceedings of the IEEE International Conference on Computer Vision", "iccv"),
        ("Proceedings of the IEEE 105, no. 12", "proc-ieee"),
        ("ACM Transactions on Architecture and Code Optimization (TACO) 17", "taco"),
        ("IEEE Micro 40", "ieee-micro"),
    ],
)
def test_known_venues_are_found_behind_years_volumes_and_longer_names(text: str, name: str) -> None:
    found = match_venue(text)
    assert found is not None and found.known and found.id == name


def test_unknown_venue_names_lose_volume_pages_and_leading_in() -> None:
    assert unknown_venue_name("Journal of Systems Architecture 104 (): 101689") == (
        "Journal of Systems Architecture"
    )
    assert unknown_venue_name("In  NASA Formal Methods Symposium") == (
        "NASA Formal Methods Symposium"
    )
    assert unknown_venue_name("ML") is None and unknown_venue_name("Keynote - Velocity") is None


def _record(folder: Path, pid: str, title: str, extra: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{pid}.yaml").write_text(
        f"id: {pid}\ntype: article\nstatus: imported\ntitle: '{title}'\n{extra}sources:\n"
        "- list: https://github.com/example/x\n  file: README.md\n  line: 1\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("title", "what"),
    [
        ("HyperSched: Dynamic Resource Reallocation (UC Berkerley)", "an affiliation"),
        ("BigDL: A Distributed Deep Learning Framework （Intel & Tencent)", "an affiliation"),
        ("🔥 DeepSpeed: Extreme-scale Model Training", "an emoji"),
        ("[AMC] AutoML for Model Compression", "a tag in brackets"),
        ("Clipper: A Low-Latency Online Prediction Serving System (NSDI 2017)", "a venue and"),
        ("Punica: Multi-Tenant LoRA Serving (arXiv 2310.18547)", "a venue and year"),
        ("Structured Generative Models - Chris Maddison and Daniel Tarlow", "its authors"),
    ],
)
def test_validate_names_a_decorated_title(
    tmp_path: Path, run: Invoke, title: str, what: str
) -> None:
    data = copy_curated(tmp_path / "data")
    _record(data / "imported" / "papers", "decorated", title)
    result = run("validate", "--data", str(data), "--no-shacl")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any(
        line.startswith("imported/papers/decorated.yaml:4: ") and what in line and "topics" in line
        for line in lines
    ), result.stderr


def test_the_importer_keeps_an_affiliation_as_a_topic_not_in_the_title() -> None:
    entry = _one(
        "- [HyperSched: Dynamic Resource Reallocation for Model Development on a Deadline "
        "(UC Berkerley)](https://dl.acm.org/doi/10.1145/3357223.3362719) [SoCC '19]"
    )
    assert (
        entry.title
        == "HyperSched: Dynamic Resource Reallocation for Model Development on a Deadline"
    )
    assert "UC Berkerley" in entry.topics


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ("- id: ieee\n  acronym: IEEE\n  name: IEEE\n  kind: journal\n", "'IEEE' is not a venue"),
        (  # a kind of venue, not one
            "- id: journal\n  acronym: journal\n  name: journal\n  kind: journal\n",
            "'journal' is not a venue",
        ),
        (
            "- id: acm-trans-graph\n  acronym: ACM Trans. Graph\n  name: ACM Trans. Graph\n"
            "  kind: conference\n",
            "'ACM Trans. Graph' is a journal by its name but has kind: conference; use kind: "
            "journal",
        ),
    ],
)
def test_validate_names_a_pseudo_venue_and_a_journal_typed_as_a_conference(
    tmp_path: Path, run: Invoke, series: str, message: str
) -> None:
    data = copy_curated(tmp_path / "data")
    (data / "imported").mkdir(exist_ok=True)
    (data / "imported" / "venues.yaml").write_text(series, encoding="utf-8")
    result = run("validate", "--data", str(data), "--no-shacl")
    assert result.exit_code == 1
    assert any(
        line.startswith("imported/venues.yaml:1: ") and message in line
        for line in result.stderr.splitlines()
    ), result.stderr


def test_a_link_that_begins_its_title_and_year_groups_below_headings() -> None:
    """ "[Punica](url): Multi-Tenant LoRA Serving | MLSys' 24" is one title; a <summary> or a
    bold line names the year of the papers under it, "Before 2024" none."""
    text = (
        "#### Serving\n\n<details>\n<summary><b>Before 2024</b></summary>\n\n"
        f"- [Orca](https://x.org/orca): A Distributed Serving System\n</details>\n\n"
        "<details>\n<summary><b>2024</b></summary>\n\n"
        f"- [Punica]({PAGE}): Multi-Tenant LoRA Serving | MLSys' 24\n"
        f"- [Gemini 1.5: Unlocking Multimodal Understanding]({PAGE}) – Google (Feb 2024)\n"
        "</details>\n\n**2026**\n\n"
        f"- [NEO]({PAGE}) : Saving GPU Memory Crisis with CPU Offloading| NVIDIA\n"
    )
    found = [paper for paper, _ in _papers(text)]
    assert found == [
        ("Orca: A Distributed Serving System", None, None),
        ("Punica: Multi-Tenant LoRA Serving", "MLSys", 2024),
        ("Gemini 1.5: Unlocking Multimodal Understanding", None, 2024),
        ("NEO: Saving GPU Memory Crisis with CPU Offloading", None, 2026),
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("* **Instructor**: [Joseph E. Gonzalez](https://eecs.berkeley.edu/~jegonzal)", "person"),
        ("[Our lab](https://x.org/lab) keeps this list of papers up to date.", "paragraph"),
        ("## Big Data Systems\n\n- Spark SQL: Relational Data Processing in Spark", "topic"),
        (
            "- [CS294: AI for Systems and Systems for AI](https://x.org/c) - UC Berkeley, 2019",
            "course",
        ),
    ],
)
def test_homepages_paragraph_lines_and_topic_headings_make_no_paper(text: str, why: str) -> None:
    """A name with a middle initial is a homepage, a paragraph's line with no venue or year is
    prose, and a heading of topics ("Big Data Systems") names no venue."""
    assert [e for e in read_list(text + "\n") if e.kind == "paper"] == [], why


def test_a_year_and_venue_heading_never_keeps_the_venue_before() -> None:
    text = "### 2018 ICCAD\n\n- **Title One Here.**\n\n### 2019 HotChips\n\n- **Title Two Here.**\n"
    found = [
        (e.venue.acronym if e.venue else None, e.year) for e in read_list(text) if e.kind == "paper"
    ]
    assert found == [("ICCAD", 2018), ("HotChips", 2019)]


def test_a_paper_written_as_a_heading_with_fields_and_a_bibtex_block() -> None:
    """ "#### Title", its fields ("tag:", "paper link:") and its BibTeX: one paper with the
    authors of the BibTeX; a heading with only a docs link and a @manual is none."""
    text = (
        f"#### {VLLM}\n\ntag: `vLLM` | `SOSP23` | `UC Berkeley`\n\npaper link: [here]({PAGE})\n\n"
        "citation:\n\n```bibtex\n@inproceedings{kwon2023,\n  title={Efficient Memory},\n"
        "  author={Woosuk Kwon and Zhuohan Li},\n  year={2023},\n  booktitle={SOSP},\n}\n```\n\n"
        "#### NVIDIA Megatron Distributed Checkpointing\n\ndocs link: [here](https://docs.x.com/a)\n\n"
        "```bibtex\n@manual{nv,\n  title={Distributed Checkpointing},\n  author={NVIDIA},\n"
        "  year={2024},\n}\n```\n"
    )
    found = [e for e in read_list(text) if e.kind == "paper"]
    assert [
        (e.title, e.venue.acronym if e.venue else None, e.year, e.authors, e.url) for e in found
    ] == [(VLLM, "SOSP", 2023, KWON_LI, PAGE)]


def test_citations_under_a_topic_are_entries_and_author_lines_stay_details() -> None:
    """ "* Serving" over "+ Kwon, W., … (2023). Title. In SOSP": the citation is a paper and the
    topic none; "- Title" over "- Kwon, Woosuk, and Zhuohan Li. (*SOSP 2023*)": the line
    under the title is its authors, not an entry."""
    text = f"* Serving\n  + Kwon, W., … Li, Z. (2023). {VLLM}. In SOSP (pp. 611–626).\n"
    found = [
        (e.title, e.venue.acronym if e.venue else None, e.year, e.authors, e.et_al)
        for e in read_list(text)
        if e.kind == "paper"
    ]
    assert found == [(VLLM, "SOSP", 2023, ["W. Kwon", "Z. Li"], True)]
    text = f"- {VLLM}\n  - Kwon, Woosuk, and Zhuohan Li. (*SOSP 2023*)\n"
    (paper,) = [e for e in read_list(text) if e.kind == "paper"]
    assert (paper.title, paper.authors) == (VLLM, ["Woosuk Kwon", "Zhuohan Li"])


def test_a_bare_address_is_a_link_and_a_name_with_a_dot_is_none() -> None:
    """ "Title, https://…" links the paper; "Ease.ml" or "ML.NET" in a title is no address."""
    (entry,) = read_list(f"- {VLLM}, {PAGE}\n")
    assert (entry.kind, entry.title, entry.url, entry.arxiv) == ("paper", VLLM, PAGE, "2309.06180")
    (entry,) = read_list("- Ease.ml: Towards Multi-tenant Resource Sharing for ML (SOSP 2019)\n")
    assert entry.url is None and entry.title.startswith("Ease.ml")


def test_an_arxiv_paper_under_a_tools_heading_is_a_paper() -> None:
    text = f"## Tools & Frameworks\n\n* [{VLLM}]({PAGE}) — Covers paging for serving\n"
    (entry,) = [e for e in read_list(text) if e.reason != "heading"]
    assert (entry.kind, entry.arxiv) == ("paper", "2309.06180")


def test_items_under_a_venue_and_year_item_take_them_and_bold_titles_like_them_are_papers() -> None:
    """ "- **DAC2022**" over "  - **Title**": the sub-items are papers of DAC 2022 (not details
    of the label), the label ends with its group; a bold title without a link elsewhere in a
    list that writes its papers so is a paper too; a note is not."""
    text = (
        "## Great design\n\n- **Loihi: A Neuromorphic Manycore Processor(Loihi)**\n"
        "- **to be update soon**\n\n## Conference\n\n- **DAC2022**\n"
        "  - **Unicorn: A Multicore Neuromorphic Processor**\n    - a note on it\n"
        "  - **SATO: Spiking Neural Network Acceleration**\n"
        "- **MICRO 2022**\n  - **Sparseloop: An Analytical Approach**\n"
        "- **Skipper: Enabling efficient SNN training**\n"
    )
    found = [paper for paper, _ in _papers(text)]
    assert found == [
        ("Loihi: A Neuromorphic Manycore Processor", None, None),
        ("Unicorn: A Multicore Neuromorphic Processor", "DAC", 2022),
        ("SATO: Spiking Neural Network Acceleration", "DAC", 2022),
        ("Sparseloop: An Analytical Approach", "MICRO", 2022),
        ("Skipper: Enabling efficient SNN training", None, None),
    ]
    # without papers of that form that show a venue or year, a bold line is not enough
    assert [e.kind for e in read_list("- **Loihi: A Neuromorphic Processor**\n")] == ["skip"]


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        # a row repeating its header is a placeholder
        ("| Year | Pub | Title |\n|--|--|--|\n| Year | Pub | Title1 |\n", "skip", "placeholder"),
        # a project's name linking to its repository is software, a year column or not
        (
            "| Year | Name | Comments |\n|--|--|--|\n"
            "| 2022 | [Alpa](https://github.com/alpa-projects/alpa) | mixed parallelism |\n",
            "software",
            "software",
        ),
        # a news item's date is no title
        ("* **2025/08/24**: Our survey paper was accepted in ACM TIST.\n", "skip", "not a paper"),
        ("- 2024/05/20 - add WWW 2024 papers\n", "skip", "not a paper"),
    ],
)
def test_placeholders_projects_and_news_in_tables_and_items_are_no_papers(
    text: str, kind: str, reason: str
) -> None:
    (entry,) = [e for e in read_list(text) if e.reason != "heading"]
    assert (entry.kind, reason in entry.reason) == (kind, True), entry


def test_a_year_closing_a_title_and_an_acronym_defined_in_a_note() -> None:
    """ "Title (2023)" is a paper of 2023; "a time switch coding (TSC)" in a note under a
    title defines a term and names no venue (TSC is also IEEE Trans. Services Computing)."""
    entry = _one("- **FSDP: Fully Sharded Data Parallel (2023)**")
    assert (entry.kind, entry.title, entry.year) == (
        "paper",
        "FSDP: Fully Sharded Data Parallel",
        2023,
    )
    text = (
        "- **Deep Spiking Neural Network: Energy Efficiency Through Time based Coding**\n"
        "  - A coding method called time switch coding (TSC) is designed\n"
        "  - Compared with TTFS, TSC has fewer synaptic operations to reduce energy\n"
    )
    assert next((e.kind, e.venue) for e in read_list(text)) == ("skip", None)
    cited = "In 2017 IEEE international symposium on high performance computer architecture (HPCA)"
    assert match_venue(cited).acronym == "HPCA"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "title", "venue", "year"),
    [
        (  # a tag with a year and its month after a bold title
            "- **GPipe: Efficient Training of Giant Neural Networks** [arxiv 2019.7] "
            "[paper](https://arxiv.org/abs/1811.06965)",
            "GPipe: Efficient Training of Giant Neural Networks",
            "arXiv",
            2019,
        ),
        (  # a linked tag before the title
            "- [[TACL](https://arxiv.org/abs/2002.11985)] "
            "Compressing Large-Scale Models: A Case Study",
            "Compressing Large-Scale Models: A Case Study",
            "TACL",
            None,
        ),
        (  # "In Venue'YY." inside the link's text
            "3. [Federated Optimization in Heterogeneous Networks. In MLSys'20.]"
            "(https://mlsys.org/Conferences/2020/x): they proposed FedProx.",
            "Federated Optimization in Heterogeneous Networks",
            "MLSys",
            2020,
        ),
        (  # "link to paper" is a link's label, not the title's end
            "- Chimera: Collaborative Preemption for Multitasking on a Shared GPU (ASPLOS'15) "
            "[link to paper](https://cccp.eecs.umich.edu/papers/jasonjk-asplos15.pdf)",
            "Chimera: Collaborative Preemption for Multitasking on a Shared GPU",
            "ASPLOS",
            2015,
        ),
        (  # "<ins>arXiv, 2024</ins>" after a comma
            "- I-LLM: Efficient Integer-Only Inference for Low-Bit LLMs, <ins>arXiv, 2024</ins> "
            "[[Paper](https://arxiv.org/abs/2405.17849)]",
            "I-LLM: Efficient Integer-Only Inference for Low-Bit LLMs",
            "arXiv",
            2024,
        ),
        (  # a known venue's long name after a comma, a remark after the links
            "* DeepEar: Sound Localization With Binaural Microphones, IEEE Transactions on Mobile "
            "Computing 2024 [[Paper]](https://ieeexplore.ieee.org/document/9954178) (DL)",
            "DeepEar: Sound Localization With Binaural Microphones",
            "TMC",
            2024,
        ),
        (  # a two-digit year; a comma inside the title is no author list
            "* Millimetro: mmWave Retro-Reflective Tags for Accurate, Long Range Localization, "
            "MobiCom 21 [[Paper]](https://x.org/millimetro.pdf) (No ML)",
            "Millimetro: mmWave Retro-Reflective Tags for Accurate, Long Range Localization",
            "MobiCom",
            2021,
        ),
        (
            "* 3D-OmniTrack: 3D Tracking with COTS RFID Systems, IPSN 19 "
            "[[Paper]](http://x.org/2019.4.pdf)",
            "3D-OmniTrack: 3D Tracking with COTS RFID Systems",
            "IPSN",
            2019,
        ),
    ],
)
def test_tags_labels_and_trailing_venues_of_more_lists(
    line: str, title: str, venue: str, year: int | None
) -> None:
    entry = _one(line)
    assert (entry.kind, entry.title, entry.venue.acronym if entry.venue else None, entry.year) == (
        "paper",
        title,
        venue,
        year,
    )
    assert entry.authors == []


def test_a_linked_tag_naming_an_event_is_no_venue() -> None:
    """ "[[FLSys'23](site)] …, Miami": an event's page, not a paper's; a workshop "CVPRW"."""
    (entry,) = read_list("- [[FLSys'23](https://flsys.github.io/)] Workshop @ MLSys 2023, Miami\n")
    assert entry.venue is None
    assert match_venue("CVPRW").workshop  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "title", "venue", "year"),
    [
        (  # a title only partly bold, a glued two-digit year in a tag
            "* **FedFast:** Going Beyond Average for Faster Training of Recommender Systems "
            "[KDD20]",
            "FedFast: Going Beyond Average for Faster Training of Recommender Systems",
            "KDD",
            2020,
        ),
        (
            "### KDD 2021\n\n* **Federated Adversarial Debiasing** for Fair and Transferable "
            "Representations\n",
            "Federated Adversarial Debiasing for Fair and Transferable Representations",
            "KDD",
            2021,
        ),
        (  # a link written wrong: its target is the title
            "* FPGA-Based Accelerator of Homomorphic Encryption [[Paper]](FPGA-Based Accelerator "
            "of Homomorphic Encryption) [IJCAI 2021 Workshop]",
            "FPGA-Based Accelerator of Homomorphic Encryption",
            "IJCAI",
            2021,
        ),
        (  # "(Abbr. …)" and "Code for paper:" are the list's words
            "| Title | Venue |\n|--|--|\n| [Fast Search with Reliable Distance Comparison "
            "(Abbr. ADSampling)](https://x.org/a.pdf) | SIGMOD2023 |\n",
            "Fast Search with Reliable Distance Comparison",
            "SIGMOD",
            2023,
        ),
        (
            "| Date | Title | Paper |\n|--|--|--|\n| 2024.06 | Code for paper: An Image is Worth "
            "1/2 Tokens After Layer 2 | [[pdf]](https://arxiv.org/abs/2403.06764) |\n",
            "An Image is Worth 1/2 Tokens After Layer 2",
            None,
            2024,
        ),
        (  # a survey under "General Resources" is a paper
            "## General Resources\n### Survey\n* Heterogeneous Federated Learning: State-of-the-art"
            " and Research Challenges [[Paper]](https://dl.acm.org/doi/10.1145/3625558)\n",
            "Heterogeneous Federated Learning: State-of-the-art and Research Challenges",
            None,
            None,
        ),
    ],
)
def test_titles_partly_bold_links_written_wrong_and_the_lists_own_words(
    text: str, title: str, venue: str | None, year: int | None
) -> None:
    (entry,) = [e for e in read_list(text + "\n") if e.reason != "heading"]
    assert (entry.kind, entry.title, entry.venue.acronym if entry.venue else None, entry.year) == (
        "paper",
        title,
        venue,
        year,
    )


@pytest.mark.parametrize(
    "text",
    [
        "| Conference | Year | Number of Papers |\n|--|--|--|\n| NeurIPS | 2021 | 32 |\n",
        "### AAAI 2021\n\n[Accepted Papers](https://aaai.org/AAAI-21_Accepted-Paper-List.pdf)\n",
    ],
)
def test_a_count_of_papers_and_a_list_of_accepted_papers_are_no_paper(text: str) -> None:
    assert [e.kind for e in read_list(text) if e.reason != "heading"] == ["skip"]


@pytest.mark.parametrize(
    ("text", "title", "venue", "year", "authors"),
    [
        (  # a stacked cell with a "Publish" badge, its paper link in another column
            "| Title & Authors | Links |\n|:--|:--:|\n| [![Publish](https://img.shields.io/badge/"
            "Conference-ICML'23-blue)]() <br> [SparseGPT: Massive Language Models Can Be Pruned]"
            "(https://github.com/IST-DASLab/sparsegpt) <br> Elias Frantar, Dan Alistarh | "
            "[Github](https://github.com/IST-DASLab/sparsegpt) "
            "[paper](https://arxiv.org/abs/2301.00774) |",
            "SparseGPT: Massive Language Models Can Be Pruned",
            "ICML",
            2023,
            ["Elias Frantar", "Dan Alistarh"],
        ),
        (  # the venue and year on the cell's first line
            "| Venue & Title & Authors | Code |\n|--|--|\n| NeurIPS 2024 <br /> [MagR: Weight "
            "Magnitude Reduction](https://arxiv.org/pdf/2406.00800) <br /> Aozhong Zhang, "
            "Naigang Wang | [Github](https://github.com/x/y) |",
            "MagR: Weight Magnitude Reduction",
            "NeurIPS",
            2024,
            ["Aozhong Zhang", "Naigang Wang"],
        ),
    ],
)
def test_stacked_table_cells_with_badges_and_a_venue_line(
    text: str, title: str, venue: str, year: int, authors: list[str]
) -> None:
    (entry,) = read_list(text + "\n")
    assert (entry.kind, entry.title, entry.venue.acronym if entry.venue else None) == (
        "paper",
        title,
        venue,
    )
    assert (entry.year, entry.authors) == (year, authors)


@pytest.mark.parametrize(
    ("line", "title", "year", "authors"),
    [
        (  # the link cites who and when; the title is before it
            "* Energy and Policy Considerations for Deep Learning in NLP - "
            "[Strubell et al. (2019)](https://arxiv.org/abs/1906.02243)",
            "Energy and Policy Considerations for Deep Learning in NLP",
            2019,
            ["Strubell"],
        ),
        (
            "* Green AI - [Schwartz et al. (2020)](https://cacm.acm.org/2020/12/green-ai)",
            "Green AI",
            2020,
            ["Schwartz"],
        ),
        (
            "* The carbon impact of artificial intelligence. - [Payal Dhar (2020)]"
            "(https://x.org/a.pdf)",
            "The carbon impact of artificial intelligence",
            2020,
            ["Payal Dhar"],
        ),
        (  # an escaped date before a paragraph line's title
            "\\[07/2025] Kevin: Multi-Turn RL for Generating CUDA Kernels "
            "[\\[paper\\]](https://arxiv.org/abs/2507.11948)",
            "Kevin: Multi-Turn RL for Generating CUDA Kernels",
            2025,
            [],
        ),
    ],
)
def test_a_citing_link_after_the_title_and_escaped_dates(
    line: str, title: str, year: int, authors: list[str]
) -> None:
    entry = _one(line)
    assert (entry.kind, entry.title, entry.year, entry.authors) == ("paper", title, year, authors)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a model's page on the Hub, a product's name, a toolkit or a repository named alone
        (
            "\\[06/2025] KernelLLM: Making Kernel Development More Accessible "
            "[\\[link\\]](https://huggingface.co/facebook/KernelLLM)",
            "skip",
        ),
        ("\\[10/2025] KernelGen [\\[link\\]](https://kernelgen.flagos.io/login)", "skip"),
        (
            "\\[03/2025] **IntelliKit**: LLM-ready profiling and analysis toolkit for AMD GPUs "
            "[\\[code\\]](https://github.com/AMDResearch/intellikit)",
            "software",
        ),
        ("- [OpenRLHF](https://github.com/OpenRLHF/OpenRLHF)\n  - OpenRLHF\n", "software"),
        (  # an industry report under "Reports"
            "## Reports\n\n* General framework for frugal AI - [AFNOR 2024](https://x.org/afnor)",
            "skip",
        ),
    ],
)
def test_models_products_tools_and_reports_are_no_papers(text: str, kind: str) -> None:
    entries = [e for e in read_list(text + "\n") if e.reason not in ("heading",)]
    assert entries[0].kind == kind, entries[0]


def test_marks_after_names_and_an_organisation_under_a_title() -> None:
    text = (
        "- [Fantastic Rewards and How to Tame Them](https://arxiv.org/pdf/2302.10342)\n"
        "  - Yihao Feng*, Shentao Yang*, Shujian Zhang†\n"
        "- [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)\n  - OpenAI\n"
    )
    found = [(e.authors, e.venue) for e in read_list(text) if e.kind == "paper"]
    assert found == [(["Yihao Feng", "Shentao Yang", "Shujian Zhang"], None), ([], None)]


def test_people_credited_after_a_title_and_a_row_that_says_it_has_no_paper() -> None:
    """ "Title(@Zhihang Yuan etc)" credits people; "(@Beihang etc)" or "(@Microsoft)" an
    organisation; a row whose Paper column is empty ("⚠️") and that links only code is
    software."""
    head = "|Date|Title|Paper|Code|\n|:---:|:---:|:---:|:---:|\n"
    text = (
        head + "|2024.02|[LLM-Viewer] LLM Inference Unveiled: Survey and Roofline Insights"
        "(@Zhihang Yuan etc)|[[pdf]](https://arxiv.org/pdf/2402.16363.pdf)|⚠️|\n"
        "|2024.04|A Survey of Low-bit Large Language Models(@Beihang etc)|"
        "[[pdf]](https://arxiv.org/pdf/2409.16694)|⚠️|\n"
        "|2025.02|[**DeepEP**] DeepSeek DeepEP(@deepseek-ai)|⚠️|"
        "[[DeepEP]](https://github.com/deepseek-ai/DeepEP)|\n"
    )
    found = [(e.kind, e.title, e.authors, e.et_al) for e in read_list(text)]
    assert found == [
        ("paper", "LLM Inference Unveiled: Survey and Roofline Insights", ["Zhihang Yuan"], True),
        ("paper", "A Survey of Low-bit Large Language Models", [], False),
        ("software", "DeepSeek DeepEP", [], False),
    ]


def test_a_sub_item_of_only_a_date_a_venue_and_links_belongs_to_the_entry_above() -> None:
    text = (
        '- [**DDPM**]  "Denoising Diffusion Probabilistic Models"; \n'
        "    - 2020/06 | NeurIPS20 | [[Paper](https://arxiv.org/abs/2006.11239)]\n"
        "    - The discrete time diffusion\n"
    )
    found = [
        (e.kind, e.title, e.venue.acronym if e.venue else None, e.year) for e in read_list(text)
    ]
    assert found[0] == ("paper", "Denoising Diffusion Probabilistic Models", "NeurIPS", 2020)
    assert [kind for kind, *_ in found[1:]] == ["skip", "skip"]


@pytest.mark.parametrize(
    ("line", "authors", "venue", "year"),
    [
        (  # Chicago: the first author inverted, the others not
            "- [Programs as Black-Box Explanations](https://arxiv.org/abs/1611.07579) - Singh, "
            "Sameer, Marco Tulio Ribeiro, and Carlos Guestrin, NIPS 2016.",
            ["Sameer Singh", "Marco Tulio Ribeiro", "Carlos Guestrin"],
            "NeurIPS",
            2016,
        ),
        (
            "- [Probabilistic Neural Programs](https://arxiv.org/abs/1612.00712) - Murray, "
            "Kenton W., and Jayant Krishnamurthy, NIPS 2016.",
            ["Kenton W. Murray", "Jayant Krishnamurthy"],
            "NeurIPS",
            2016,
        ),
        (  # a venue after the last name with no comma; a venue's name is no author
            "- [Learning to superoptimize programs](https://arxiv.org/abs/1611.01787v3) - Rudy "
            "Bunel, Alban Desmaison, Pushmeet Kohli ICLR 2017.",
            ["Rudy Bunel", "Alban Desmaison", "Pushmeet Kohli"],
            "ICLR",
            2017,
        ),
        (
            "- [Neural Random-Access Machines](https://arxiv.org/abs/1511.06392v3) - Karol Kurach, "
            "Marcin Andrychowicz, Ilya Sutskever, ERCIM News 2016.",
            ["Karol Kurach", "Marcin Andrychowicz", "Ilya Sutskever"],
            "ERCIM News",
            2016,
        ),
        (  # HTML: a venue-and-year badge on the paper's link
            '- GOBO: Quantizing Attention-Based NLP Models <a href="https://microarch.org/micro53/'
            'papers/738300a811.pdf" target="_blank"> <img src="https://img.shields.io/badge/'
            'MICRO-2020-b31b1b" alt="badge"/></a>',
            [],
            "MICRO",
            2020,
        ),
        (
            '- Edgellm: A cpu-fpga heterogeneous edge accelerator <a href="https://arxiv.org/abs/'
            '2407.21325"> <img src="https://img.shields.io/badge/arxiv-24.07-b31b1b"/></a>',
            [],
            "arXiv",
            2024,
        ),
    ],
)
def test_chicago_authors_glued_venues_and_html_badges(
    line: str, authors: list[str], venue: str, year: int
) -> None:
    entry = _one(line)
    assert (entry.kind, entry.authors, entry.year) == ("paper", authors, year)
    assert entry.venue is not None and entry.venue.acronym == venue


def test_a_venues_own_page_is_no_paper() -> None:
    text = "## Conferences\n\n- [ACM International Conference on Software Engineering, ICSE]" + (
        "(https://www.icse2018.org/)\n"
    )
    (entry,) = [e for e in read_list(text) if e.reason != "heading"]
    assert entry.kind == "skip"
    (entry,) = read_list(
        "- [International Conference on Compiler Construction, CC](https://x.org)\n"
    )
    assert (entry.kind, entry.reason) == ("skip", "a venue's name, not a paper")


def test_a_year_in_inline_html_a_project_under_a_year_and_a_talk_in_a_table() -> None:
    """ "<ins>**2025**</ins>" over a list is a year group; "[Coral NPU]: … [code]" under "###
    2023" is a project (its year is its heading's); a table row linking a video is a talk."""
    text = (
        "### <ins>**2023**</ins>\n- **[Coral NPU]**: A machine learning accelerator core for the"
        " edge.  |[`[code]`](https://github.com/google-coral/coralnpu)\n\n<ins>**2025**</ins>\n"
        "- SensorLM: Learning the Language of Wearable Sensors | | [`[pdf]`]"
        "(https://arxiv.org/pdf/2506.09108)\n\n"
        "| Title | Speaker | Date |\n|--|--|--|\n| [Building data-centric AI tooling]"
        "(https://youtu.be/9rnzM-C7QdA) | D. Situnayake | 2022-04-29 |\n"
    )
    found = [(e.kind, e.year) for e in read_list(text) if e.reason not in ("heading",)]
    assert found == [("software", 2023), ("paper", 2025), ("skip", 2022)]


def test_badges_in_table_rows_over_headings_and_an_italic_venue_under_a_title() -> None:
    """A row's own badge names its venue and year, over a heading's ("## ACL 2025" over
    "NAACL_Oral-2025"); "ACM_MM-2025" is ACM MM, not ACM; "A, B. *EuroS&P*, 2020." under a
    title gives authors, venue and year."""
    head = "| Paper | Area |\n|--|--|\n"
    text = (
        "## ACL 2025\n\n" + head + "| [![Publish](https://img.shields.io/badge/NAACL_Oral-2025-"
        "blue)]() <br>[Prompt Compression for LLMs: A Survey](https://arxiv.org/abs/2410.12388)"
        "<br>Zongqian Li, Yinhong Liu | x |\n"
        "| [![Publish](https://img.shields.io/badge/ACM_MM-2025-blue)]() <br>[VISA: Visual Token "
        "Selection](https://arxiv.org/abs/2508.17857)<br> | x |\n"
    )
    found = [
        (e.venue.acronym if e.venue else None, e.year, e.authors)
        for e in read_list(text)
        if e.kind == "paper"
    ]
    assert found == [("NAACL", 2025, ["Zongqian Li", "Yinhong Liu"]), ("ACM MM", 2025, [])]
    text = (
        "- Bypassing Backdoor Detection Algorithms in Deep Learning.\n"
        "  [[pdf]](https://arxiv.org/pdf/1905.13409.pdf)\n"
        "  - Te Juin Lester Tan, and Reza Shokri. *EuroS&P*, 2020.\n"
    )
    (entry,) = [e for e in read_list(text) if e.kind == "paper"]
    assert (entry.authors, entry.venue.acronym if entry.venue else None, entry.year) == (
        ["Te Juin Lester Tan", "Reza Shokri"],
        "EuroS&P",
        2020,
    )


@pytest.mark.parametrize(
    ("text", "title", "venue", "year"),
    [
        (  # a venue-and-year cell under any column's name ("Info")
            "|Name|Info|Link|\n|---|---|---|\n|**Data-driven fluid simulations using regression"
            " forests**| TOG 2015| [Link](https://dl.acm.org/doi/10.1145/2816795.2818129) |\n",
            "Data-driven fluid simulations using regression forests",
            "TOG",
            2015,
        ),
        (  # where and when after the linked title in its cell
            "| Title & Basic Information | Affiliation |\n| ---- | ---- |\n| [Communication-"
            "Efficient Learning of Deep Networks (FedAvg)](https://proceedings.mlr.press/v54/"
            "mcmahan17a.html) (AISTATS 2017) | Google |\n",
            "Communication-Efficient Learning of Deep Networks (FedAvg)",
            "AISTATS",
            2017,
        ),
        (  # GB/T 7714's type mark inside a link's text
            "| Title & Basic Information | Affiliation |\n| ---- | ---- |\n| [Big data cleaning "
            "based on mobile edge computing[J]. IEEE Trans. on Industrial Informatics, 2019.]"
            "(https://ieeexplore.ieee.org/abstract/document/8822503/) | Huaqiao University |\n",
            "Big data cleaning based on mobile edge computing",
            "IEEE Trans. on Industrial Informatics",
            2019,
        ),
        (  # a venue tag before the title wins over the date the list added it
            "- (WACV 2025) Mamba-based Model for Vision [[paper](https://arxiv.org/abs/2401.1)]"
            " (2024.12.29)\n",
            "Mamba-based Model for Vision",
            "WACV",
            2025,
        ),
        (
            "* Griffin: Mixing Gated Linear Recurrences [[paper](https://arxiv.org/abs/2402.19427)]"
            " [[code](https://github.com/kyegomez/Griffin)] (2024.02.29)\n",
            "Griffin: Mixing Gated Linear Recurrences",
            None,
            2024,
        ),
    ],
)
def test_info_columns_citations_in_links_and_dates_added(
    text: str, title: str, venue: str | None, year: int
) -> None:
    (entry,) = [e for e in read_list(text) if e.reason != "heading"]
    assert (entry.kind, entry.title, entry.venue.acronym if entry.venue else None, entry.year) == (
        "paper",
        title,
        venue,
        year,
    )


def test_a_url_label_names_no_venue() -> None:
    text = "### Blogs\n* The Annotated S4 [[URL](https://srush.github.io/annotated-s4/)]\n"
    (entry,) = [e for e in read_list(text) if e.reason != "heading"]
    assert (entry.kind, entry.venue) == ("skip", None)


@pytest.mark.parametrize(
    ("line", "title", "venue", "year", "authors"),
    [
        (  # a bold venue and year, a dash, then the linked title
            "- **ISCA'16**-[LaPerm: Locality Aware Scheduler for Dynamic Parallelism on GPUs]"
            "(http://ieeexplore.ieee.org/document/7551424/)",
            "LaPerm: Locality Aware Scheduler for Dynamic Parallelism on GPUs",
            "ISCA",
            2016,
            [],
        ),
        (
            "- **Berkeley TechRpts'16**-[Understanding Latency Hiding on GPUs]"
            "(https://www2.eecs.berkeley.edu/Pubs/TechRpts/2016/EECS-2016-143.html)",
            "Understanding Latency Hiding on GPUs",
            "Berkeley TechRpts",
            2016,
            [],
        ),
        (  # the first author's surname in italics, then venue and year
            "1. **Query2doc: Query Expansion with Large Language Models**, _Wang et al._, arXiv "
            "2023. \\[[Paper](https://arxiv.org/pdf/2303.07678.pdf)\\]",
            "Query2doc: Query Expansion with Large Language Models",
            "arXiv",
            2023,
            ["Wang"],
        ),
        (  # a venue after a comma, after the link
            "* [Client Selection for Federated Learning in Mobile Edge Computing]"
            "(https://ieeexplore.ieee.org/abstract/document/9345723), IEEE Network",
            "Client Selection for Federated Learning in Mobile Edge Computing",
            "IEEE Network",
            None,
            [],
        ),
        (
            "* [Survey of Personalization Techniques for Federated Learning]"
            "(https://arxiv.org/pdf/2003.08673.pdf), preprint 2020",
            "Survey of Personalization Techniques for Federated Learning",
            "arXiv",
            2020,
            [],
        ),
        (  # a preprint needs no comma
            "* [Agnostic Federated Learning](https://arxiv.org/abs/1902.00146) preprint 2019",
            "Agnostic Federated Learning",
            "arXiv",
            2019,
            [],
        ),
        (  # a remark in parentheses may follow
            "* [Communication-Efficient Learning of Deep Networks from Decentralized Data]"
            "(https://arxiv.org/abs/1602.05629), preprint (first FL paper by Google)",
            "Communication-Efficient Learning of Deep Networks from Decentralized Data",
            "arXiv",
            None,
            [],
        ),
    ],
)
def test_bold_venues_before_a_dash_surnames_in_italics_and_venues_after_a_comma(
    line: str, title: str, venue: str, year: int | None, authors: list[str]
) -> None:
    entry = _one(line)
    assert (entry.kind, entry.title, entry.year, entry.authors) == ("paper", title, year, authors)
    assert entry.venue is not None and entry.venue.acronym == venue


def test_a_second_link_after_a_comma_is_no_venue() -> None:
    entry = _one(
        "1. [Midgard GPU Architecture](http://malideveloper.arm.com/x.pdf), "
        "[ARM Mali-T880 GPU](https://www.hotchips.org/x.pdf)"
    )
    assert entry.venue is None


def test_the_slides_of_a_talk_or_a_tutorial_are_no_paper_whatever_their_tag() -> None:
    for line in (
        "- **GTC'17**-[COOPERATIVE GROUPS](http://on-demand.gputechconf.com/gtc/2017/"
        "presentation/s7622-kyrylo-perelygin-robust-and-scalable-cuda.pdf)",
        "- **SC'10**-[Fundamental_Optimizations](https://www.nvidia.com/content/PDF/sc_2010/"
        "CUDA_Tutorial/SC10_Fundamental_Optimizations.pdf)",
    ):
        assert _one(line).kind == "skip"


def test_a_plain_tag_before_a_dash_html_year_headings_and_a_tutorial_row() -> None:
    """Round 20: "arxiv'25-[Name: Title](url)" (the tag plain, a remark in parentheses, the
    publisher glued on, the name before the title's colon kept), a kind of venue ("journal")
    named instead of one, '<h3 align="center">2022</h3>' over a table, and a tutorial's row."""
    text = (
        "#### Compiler- and Directive-based Frameworks\n"
        "- arxiv'25-[Cuda-l1: Improving cuda optimization via contrastive reinforcement "
        "learning](https://arxiv.org/abs/2507.14111)\n"
        "- arxiv'25(special for Triton)-[AutoTriton: Automatic Triton Programming]"
        "(https://arxiv.org/abs/2507.05687)\n"
        "- C&EE’20-[Accelerating Sparse Matrix–Matrix Multiplication with GPU Tensor Cores]"
        "(https://doi.org/10.1016/j.compeleceng.2020.106848)\n"
        "- IEEE-TPDS'10-[hiCUDA: High-level GPGPU programming]"
        "(https://ieeexplore.ieee.org/abstract/document/5445082/)\n"
        "- journal'17-[RT-CUDA: a software tool for CUDA code restructuring]"
        "(https://link.springer.com/article/10.1007/s10766-016-0433-6)\n"
        "- 2016-ICLR-[Pruning Filters for Efficient ConvNets](https://arxiv.org/abs/1608.08710)\n"
        "\n## Conference Publications\n\n"
        '<h3 align="center">2022</h3>\n\n'
        "| Venue | Title | Type | Code |\n|:-----|:------|:-----:|:----:|\n"
        "| `CVPR`  | [Revisiting Random Channel Pruning for Neural Network Compression]"
        "(https://openaccess.thecvf.com/x.html) | `S` | |\n"
        "| `ICML` | **Tutorial** -- [Sparsity in Deep Learning: Pruning and growth]"
        "(https://icml.cc/virtual/2021/tutorial/10845) |  |  |\n"
    )
    found = [
        (e.kind, e.title, e.venue.acronym if e.venue else None, e.year)
        for e in read_list(text)
        if e.reason != "heading"
    ]
    assert found == [
        (
            "paper",
            "Cuda-l1: Improving cuda optimization via contrastive reinforcement learning",
            "arXiv",
            2025,
        ),
        ("paper", "AutoTriton: Automatic Triton Programming", "arXiv", 2025),
        (
            "paper",
            "Accelerating Sparse Matrix–Matrix Multiplication with GPU Tensor Cores",
            "C&EE",
            2020,
        ),
        ("paper", "hiCUDA: High-level GPGPU programming", "TPDS", 2010),
        ("paper", "RT-CUDA: a software tool for CUDA code restructuring", None, 2017),
        ("paper", "Pruning Filters for Efficient ConvNets", "ICLR", 2016),
        ("paper", "Revisiting Random Channel Pruning for Neural Network Compression", "CVPR", 2022),
        ("skip", "Sparsity in Deep Learning: Pruning and growth", "ICML", 2022),
    ]


def test_a_quoted_word_that_begins_a_title_and_a_preprint_typo() -> None:
    entry = _one(
        "- “Learning-Compression” Algorithms for Neural Net Pruning [[✏️CVPR](https://"
        "openaccess.thecvf.com/content_cvpr_2018/html/Carreira-Perpinan_Learning-Compression_"
        "Algorithms_for_CVPR_2018_paper.html)]"
    )
    assert (entry.kind, entry.title) == (
        "paper",
        "“Learning-Compression” Algorithms for Neural Net Pruning",
    )
    assert entry.venue is not None and entry.venue.acronym == "CVPR"
    assert match_venue("arVix") == match_venue("arXiv")


ACM = "https://dl.acm.org/doi/10.1145/3600006.3613165"
# Ways lists write a venue and year around a linked or plain title (60 of the 62 probed): a
# tag before it (plain, bold, italic, code, bracketed; a dash, bar, bullet or colon after
# it), after it, in a badge, in a citation with authors.
SOSP_FORMS = [
    f"1. [{VLLM}]({ACM}) (Oct 2023, SOSP)",
    f"- [{VLLM}]({ACM}). In SOSP, 2023.",
    f"- [SOSP 2023] [{VLLM}]({ACM})",
    f"- SOSP 2023: [{VLLM}]({ACM})",
    f"- SOSP'23 | [{VLLM}]({ACM})",
    f"- (SOSP 2023) [{VLLM}]({ACM})",
    f"- **SOSP 2023** [{VLLM}]({ACM})",
    f"- *SOSP 2023* [{VLLM}]({ACM})",
    f"- `SOSP 2023` [{VLLM}]({ACM})",
    f"- SOSP 2023 - [{VLLM}]({ACM})",
    f"- [{VLLM}]({ACM}) - SOSP 2023",
    f"- [{VLLM}]({ACM}), SOSP 2023",
    f"- [{VLLM}]({ACM}) (SOSP 2023)",
    f"- [{VLLM}]({ACM}) [SOSP 2023]",
    f"- [{VLLM}]({ACM}) **SOSP 2023**",
    f"- [{VLLM}]({ACM}) *SOSP 2023*",
    f"- [{VLLM}]({ACM}) `SOSP 2023`",
    f"- [{VLLM}]({ACM}) | SOSP 2023",
    f"- [{VLLM}]({ACM}). SOSP 2023.",
    f"- [{VLLM}]({ACM}) — SOSP, 2023",
    f"- {VLLM}. SOSP 2023. [[paper]]({ACM})",
    f"- {VLLM} (SOSP 2023) [[paper]]({ACM})",
    f"- **{VLLM}** (SOSP 2023) [[paper]]({ACM})",
    f'- "{VLLM}", SOSP 2023 [[paper]]({ACM})',
    f"- {VLLM}, SOSP 2023, [paper]({ACM})",
    f"- [SOSP'23] {VLLM} [[paper]]({ACM})",
    f"- 【SOSP 2023】[{VLLM}]({ACM})",
    f"- SOSP2023 [{VLLM}]({ACM})",
    f"- [{VLLM}]({ACM}) SOSP2023",
    f"- [{VLLM}]({ACM}) <br> SOSP 2023",
    f"- [{VLLM}]({ACM}) - *Woosuk Kwon, Zhuohan Li* - SOSP 2023",
    f"- SOSP-2023-[{VLLM}]({ACM})",
    f"- [{VLLM}]({ACM}) @ SOSP 2023",
    f"- [{VLLM}]({ACM}) [SOSP'23]",
    f"- [{VLLM}]({ACM}) (SOSP'23)",
    f"- **[SOSP'23]** [{VLLM}]({ACM})",
    f"- [{VLLM}]({ACM}) - SOSP'23",
    f"- [{VLLM}]({ACM}) · SOSP 2023",
    f"- [{VLLM}]({ACM}) in SOSP 2023",
    f"- [{VLLM}]({ACM}), in Proc. of SOSP 2023",
    f"- {VLLM} [[SOSP 2023]]({ACM})",
    f"- {VLLM} [[SOSP'23]({ACM})]",
    f"- {VLLM} ([SOSP 2023]({ACM}))",
    f"- [{VLLM}]({ACM}) ![SOSP](https://img.shields.io/badge/SOSP-2023-blue)",
    f"- {VLLM} - SOSP 2023 - [paper]({ACM})",
    f"- {VLLM} | SOSP 2023 | [paper]({ACM})",
    f"* **SOSP 2023** - [{VLLM}]({ACM})",
    f"- SOSP 2023 • [{VLLM}]({ACM})",
    f"- [{VLLM}]({ACM}) _(SOSP 2023)_",
    f"- [{VLLM}]({ACM}) **(SOSP 2023)**",
    f"- [{VLLM}]({ACM}) <sub>SOSP 2023</sub>",
    f"- [{VLLM}]({ACM}) ⟨SOSP 2023⟩",
    f"- [{VLLM}]({ACM}) 📄 SOSP 2023",
    f"- 📄 [{VLLM}]({ACM}) SOSP 2023",
    f"- [{VLLM}]({ACM}). Woosuk Kwon, Zhuohan Li. SOSP 2023.",
    f"- Woosuk Kwon, Zhuohan Li. [{VLLM}]({ACM}). SOSP 2023.",
    f"- Woosuk Kwon, Zhuohan Li. {VLLM}. In SOSP, 2023. [pdf]({ACM})",
    f"- {VLLM}. Kwon et al. SOSP 2023. [pdf]({ACM})",
    f"- [{VLLM}]({ACM}) Kwon et al., SOSP 2023",
    f"- [{VLLM}]({ACM}) (Kwon et al., SOSP 2023)",
]


@pytest.mark.parametrize("line", SOSP_FORMS)
def test_venue_and_year_around_a_title_in_common_forms(line: str) -> None:
    papers = [e for e in read_list("## Serving\n\n" + line + "\n") if e.kind == "paper"]
    assert len(papers) == 1, papers
    e = papers[0]
    assert (e.title, e.venue.acronym if e.venue else None, e.year) == (VLLM, "SOSP", 2023)


def test_bar_separated_items_a_named_venue_in_parentheses_and_a_tag_in_the_link() -> None:
    """Round 21: "+ YEAR | Title | Authors | Venue | [PDF](url)"; "**Title (Bioinformatics
    2018)**"; "[Title, FOCS'82](url)"; CRYPTO, an acronym that is also a word."""
    text = (
        "### Surveys\n"
        "+ 2019 | Survey on Automated Machine Learning | Marc Zoeller, Marco F. Huber | arXiv "
        "| [`PDF`](https://arxiv.org/pdf/1904.12054.pdf)\n"
        "+ 2020 | On Hyperparameter Optimization of Machine Learning Algorithms | Li Yang, et al. "
        "| Neurocomputing | [`PDF`](https://arxiv.org/pdf/2007.15745.pdf)\n"
        "- **Compound-Protein Interaction Prediction with End-to-end Learning (Bioinformatics "
        "2018)**\n"
        "- [Protocols for Secure Computations (Extended Abstract), FOCS'82]"
        "(https://research.cs.wisc.edu/areas/sec/yao1982-ocr.pdf)\n"
        "- [Precomputing Oblivious Transfer, CRYPTO'95](https://link.springer.com/chapter/1)\n"
    )
    found = [(*paper, e.authors) for paper, e in _papers(text)]
    assert found == [
        ("Survey on Automated Machine Learning", "arXiv", 2019, ["Marc Zoeller", "Marco F. Huber"]),
        (
            "On Hyperparameter Optimization of Machine Learning Algorithms",
            "Neurocomputing",
            2020,
            ["Li Yang"],
        ),
        (
            "Compound-Protein Interaction Prediction with End-to-end Learning",
            "Bioinformatics",
            2018,
            [],
        ),
        ("Protocols for Secure Computations (Extended Abstract)", "FOCS", 1982, []),
        ("Precomputing Oblivious Transfer", "CRYPTO", 1995, []),
    ]
    assert match_venue("Crypto mining") is None or not match_venue("Crypto mining").known


KWON_LI_TEXT = "Woosuk Kwon, Zhuohan Li"
# One citation with its authors in the styles lists use: after the link or title (a dash,
# "by", a comma, italics, a line break, sub-bullets), before it (DBLP, APA, ACM, IEEE,
# GB/T 7714), in parentheses.
AUTHOR_FORMS = [
    f'- "{VLLM}" - {KWON_LI_TEXT}, SOSP 2023 [paper]({ACM})',
    f"- [{VLLM}]({ACM})\n  {KWON_LI_TEXT}. SOSP 2023.",
    f"- [{VLLM}]({ACM}) ({KWON_LI_TEXT}; SOSP 2023)",
    f"- [{VLLM}]({ACM}). {KWON_LI_TEXT}, Siyuan Zhuang. SOSP 2023.",
    f"- **{VLLM}**. {KWON_LI_TEXT}. SOSP 2023. [[pdf]]({ACM})",
    f"- {VLLM}. *{KWON_LI_TEXT}*. SOSP 2023. [pdf]({ACM})",
    f"- [{VLLM}]({ACM}) <br> {KWON_LI_TEXT} <br> SOSP 2023",
    f"- [{VLLM}]({ACM})\n  - {KWON_LI_TEXT}\n  - SOSP 2023",
    f"- {KWON_LI_TEXT}: {VLLM}. SOSP 2023. [pdf]({ACM})",
    f"- Kwon, W., Li, Z. (2023). {VLLM}. SOSP. [pdf]({ACM})",
    f'- W. Kwon, Z. Li, "{VLLM}," in SOSP, 2023.',
    f"- Kwon W, Li Z. {VLLM}[C]//SOSP. 2023.",
    f"- Woosuk Kwon and Zhuohan Li. 2023. {VLLM}. In SOSP. [pdf]({ACM})",
    f"- [{VLLM}]({ACM}) - {KWON_LI_TEXT} (SOSP 2023)",
    f"- [{VLLM}]({ACM}) by {KWON_LI_TEXT}. SOSP 2023",
    f"- [{VLLM}]({ACM}), {KWON_LI_TEXT}, SOSP 2023",
    f"- [SOSP 2023] {VLLM}. {KWON_LI_TEXT}. [[paper]]({ACM})",
    f"1. **{VLLM}** <br> *{KWON_LI_TEXT}* <br> SOSP 2023 [paper]({ACM})",
    f"- {VLLM}, Woosuk Kwon and Zhuohan Li, SOSP 2023. [pdf]({ACM})",
    f"- [{VLLM}]({ACM}). W Kwon, Z Li. SOSP 2023",
    f"- [{VLLM}]({ACM}), W. Kwon, Z. Li, SOSP'23",
    f"- [{VLLM}]({ACM})<br>{KWON_LI_TEXT}<br>SOSP 2023",
    f"- [{VLLM}]({ACM}) | {KWON_LI_TEXT} | SOSP 2023",
    f"- [{VLLM}]({ACM}) - *{KWON_LI_TEXT}* - SOSP 2023",
    f"- [{VLLM}]({ACM}) — {KWON_LI_TEXT}. In *SOSP*, 2023.",
    f'- {KWON_LI_TEXT}. "{VLLM}." SOSP 2023. [pdf]({ACM})',
    f"- {KWON_LI_TEXT}. [{VLLM}]({ACM}). In Proceedings of the 29th Symposium on Operating "
    "Systems Principles (SOSP '23), 2023.",
    f"- **[SOSP 2023]** [{VLLM}]({ACM}) <br> {KWON_LI_TEXT}",
    f"- [{VLLM}]({ACM})\n\n  *{KWON_LI_TEXT}*\n\n  SOSP 2023",
    f"- {VLLM} ({KWON_LI_TEXT}), SOSP 2023, [paper]({ACM})",
    f"- 📄 [{VLLM}]({ACM}) — {KWON_LI_TEXT} · SOSP 2023",
    f"- **{VLLM}** [[Paper]]({ACM})\n  - *{KWON_LI_TEXT}*\n  - SOSP 2023",
    f"* {VLLM}\n  * {KWON_LI_TEXT}\n  * SOSP 2023\n  * [[paper]]({ACM})",
]


def _surname(name: str) -> str:
    first = name.replace(",", " ").split()
    return first[0] if first[0] in ("Kwon", "Li") else first[-1]


@pytest.mark.parametrize("line", AUTHOR_FORMS)
def test_authors_venue_and_year_in_common_citation_styles(line: str) -> None:
    papers = [e for e in read_list("## Serving\n\n" + line + "\n") if e.kind == "paper"]
    assert len(papers) == 1, papers
    e = papers[0]
    assert (e.title, e.venue.acronym if e.venue else None, e.year) == (VLLM, "SOSP", 2023)
    assert [_surname(a) for a in e.authors[:2]] == ["Kwon", "Li"], e.authors


def test_an_arxiv_id_tag_authors_after_by_and_parts_of_a_document_under_level_one_headings() -> (
    None
):
    """Round 22: "[1512.03385] [Title](url)" names arXiv; "[**FSE'19**] [Title](url), by A, B,
    and C. [**Org**]"; a document of several "# Part" headings files news and courses apart."""
    text = (
        "# Papers\n\n"
        "* [1512.03385] [Deep Residual Learning for Image Recognition]"
        "(https://arxiv.org/abs/1512.03385)\n"
        "1. [**ICDM'20**] [Self-Attentive Classification-Based Anomaly Detection in Unstructured "
        "Logs](https://arxiv.org/pdf/2008.09340.pdf), by Sasho Nedelkoski, Jasmin Bogatinovski, "
        "and Odej Kao. [**TU Berlin**]\n"
        "- [CLUSTER14] [Exploring void search for fault detection on extreme scale systems]"
        "(https://doi.org/10.1109/CLUSTER.2014.6968757)\n\n"
        "# Course\n\n"
        "* [Squeezing Deep Learning Into Mobile Phones](https://www.slideshare.net/a/squeezing)\n\n"
        "# News\n\n"
        "- [OpenCV 3.3 released](http://opencv.org/opencv-3-3.html)\n"
    )
    found = [(*paper, e.authors) for paper, e in _papers(text)]
    assert found == [
        ("Deep Residual Learning for Image Recognition", "arXiv", None, []),
        (
            "Self-Attentive Classification-Based Anomaly Detection in Unstructured Logs",
            "ICDM",
            2020,
            ["Sasho Nedelkoski", "Jasmin Bogatinovski", "Odej Kao"],
        ),
        (
            "Exploring void search for fault detection on extreme scale systems",
            "IEEE Cluster",
            2014,
            [],
        ),
    ]


def test_a_title_column_over_a_name_one_a_venue_after_italic_authors_and_a_dashed_year() -> None:
    """Round 23: "| Date | Name | Title | Paper |" (the Title column is the title); "**Title**,
    *A, B*, Communications in Mathematics and Statistics, 2018." (what follows the italic
    authors is the venue, a placeholder none); "[Title](url) - (2023) A benchmark …"."""
    text = (
        "## RL\n\n| Date | Name | Title | Paper | Github |\n|:-:|:-:|:-|:-:|:-:|\n"
        "| 2025-07 | `Kimi K2` | Kimi K2: Open Agentic Intelligence | [![Paper](https://img.shields"
        ".io/badge/PAPER-red)](https://arxiv.org/abs/2507.20534) | - |\n\n"
        "## PINN\n\n"
        "2. **The deep Ritz method: a deep learning-based numerical algorithm**, *E Weinan, Bing "
        "Yu*, Communications in Mathematics and Statistics, 2018. [[paper](https://link.springer"
        ".com/article/10.1007/s40304-018-0127-z)]\n"
        "3. **Physics-informed neural networks with hard constraints**, *Lu Lu, Raphael Pestourie*"
        ", **UNKNOWN_JOURNAL**, 2021. [[paper](https://arxiv.org/abs/2102.04626)]\n\n"
        "## Benchmarks\n\n"
        "- [RTLLM: An Open-Source Benchmark for Design RTL Generation](https://arxiv.org/abs/2308"
        ".05345) - (2023) Open RTL generation benchmark spanning Verilog, VHDL, and Chisel.\n"
    )
    found = [(*paper, e.authors) for paper, e in _papers(text)]
    assert found == [
        ("Kimi K2: Open Agentic Intelligence", None, 2025, []),
        (
            "The deep Ritz method: a deep learning-based numerical algorithm",
            "Communications in Mathematics and Statistics",
            2018,
            ["E Weinan", "Bing Yu"],
        ),
        (
            "Physics-informed neural networks with hard constraints",
            None,
            2021,
            ["Lu Lu", "Raphael Pestourie"],
        ),
        ("RTLLM: An Open-Source Benchmark for Design RTL Generation", None, 2023, []),
    ]


def test_a_model_name_before_an_italic_title_a_venue_in_code_a_paper_column_and_a_code_year() -> (
    None
):
    """Round 24: "**(SPECTER)** _Title_ ```Journal … 2022```" (a model's name, the title in
    italics, the venue and year in code); "| Name | Paper | … | Publication |" (the Paper
    column holds the title); "[Title](url) `Google` `2017`" (the year in code)."""
    text = (
        "## Text\n\n"
        "- **(SPECTER)** _SPECTER: Document-level Representation Learning_ ```ACL 2020```  \n"
        "[[Paper](https://arxiv.org/abs/2004.07180)]\n"
        "- **(MolT5)** _Translation between Molecules and Natural Language_ ```Journal of "
        "Chemical Information and Modeling 2022```  \n[[Paper](https://arxiv.org/abs/2204.11817)]"
        "\n\n## Recommendation\n\n| Name | Paper | LLM Backbone | Publication | Link |\n"
        "|:-:|:-:|:-:|:-:|:-:|\n| GIRL | Generative Job Recommendations with Large Language "
        "Model | BELLE | Arxiv 2023 | [[Link]](https://arxiv.org/abs/2307.02157) |\n\n"
        "## Data quality\n\n"
        "3. [Data Management Challenges in Production Machine Learning](https://research.google"
        "/pubs/pub46178/) ([Paper](https://x.org/p1723.pdf)) `Google` `2017`\n"
    )
    found = [paper for paper, _ in _papers(text)]
    assert found == [
        ("SPECTER: Document-level Representation Learning", "ACL", 2020),
        (
            "Translation between Molecules and Natural Language",
            "Journal of Chemical Information and Modeling",
            2022,
        ),
        ("Generative Job Recommendations with Large Language Model", "arXiv", 2023),
        ("Data Management Challenges in Production Machine Learning", None, 2017),
    ]


def test_a_system_name_in_code_a_year_glued_to_a_bold_title_and_a_cited_dataset_paper() -> None:
    """Round 25: "…*, [[Caffe](url)], `RCNN`" under "**2014 CVPR**" (the code names the
    system; the group names the venue); "**Title**(2022), Zalán Borsos et al."; a dataset's
    paper cited with its authors and link under "Datasets"."""
    text = (
        "## Two-stage Detection\n\n**2014 CVPR**\n\n"
        "1. **Rich Feature Hierarchies for Accurate Object Detection**, *R. Girshick, J. Donahue*"
        ", [[OpenAccess](https://www.cv-foundation.org/openaccess/a.pdf)], [[Caffe](https://"
        "github.com/rbgirshick/rcnn)], `RCNN`\n\n"
        "## Speech\n\n"
        "- **AudioLM: a Language Modeling Approach to Audio Generation**(2022), Zalán Borsos et "
        "al. [[pdf]](https://arxiv.org/pdf/2209.03143)\n\n"
        "## Face Detection Datasets\n\n"
        "2. `FDDB`: **Fddb: A benchmark for face detection in unconstrained settings**, *V. Jain, "
        "E. Learned-Miller*, [[OpenAccess](http://vis-www.cs.umass.edu/fddb/fddb.pdf)]\n"
    )
    found = [(*paper, e.authors) for paper, e in _papers(text)]
    assert found == [
        (
            "Rich Feature Hierarchies for Accurate Object Detection",
            "CVPR",
            2014,
            ["R. Girshick", "J. Donahue"],
        ),
        ("AudioLM: a Language Modeling Approach to Audio Generation", None, 2022, ["Zalán Borsos"]),
        (
            "Fddb: A benchmark for face detection in unconstrained settings",
            None,
            None,
            ["V. Jain", "E. Learned-Miller"],
        ),
    ]


def test_a_venue_after_in_tutorials_sections_a_changelog_and_authors_with_affiliations() -> None:
    """Round 26: "Title, in *arXiv* 2024." and an unknown journal after "in"; a tutorial at a
    conference is no paper, nor is the list's changelog ("Add papers accepted by ICLR'24");
    italic authors with affiliations, "et al.", and a venue without a year after them (the
    year then the month's in front)."""
    text = (
        "## Main Recent Update Note\n"
        "- [Mar. 04, 2024] Add papers accepted by ICLR'24, AAAI'24, WWW'24!\n\n"
        "## Tutorials and Surveys\n### Tutorials\n"
        "* Robust Time Series Analysis and Applications, in *KDD* 2022. [\\[Link\\]](https://"
        "qingsongedu.github.io/timeseries-tutorial-kdd-2022/)\n"
        "### Surveys\n"
        "* What Can Large Language Models Tell Us about Time Series Analysis, in *arXiv* 2024. "
        "[\\[paper\\]](https://arxiv.org/abs/2402.02713)\n"
        "* Deep learning for time series classification: a review, in *Data Mining and "
        "Knowledge Discovery* 2019. [\\[paper\\]](https://link.springer.com/article/10.1007/x)\n\n"
        "## Papers\n"
        '* 📖 [May 2024] **"Can Graph Learning Improve Planning in LLM-based Agents?"** *Xixi Wu '
        "(CUHK) and Yifei Shen (MSRA) et al.* NeurIPS 2024. [[paper](https://arxiv.org/abs/2405"
        ".19119)] [[code](https://github.com/WxxShirley/GNN4TaskPlan)]\n"
        '* 🔥 [May 2023] **"ReWOO: Decoupling Reasoning from Observations."** *Binfeng Xu et '
        "al.* arXiv. [[paper](https://arxiv.org/abs/2305.18323)]\n"
        '* [Oct 2023] **"Voice2Action: Language Models as Agent in Virtual Reality."** *Yang Su '
        "(Cornell Tech).* arXiv. [[paper](https://arxiv.org/abs/2310.00092)]\n"
    )
    found = [(*paper, e.authors, e.et_al) for paper, e in _papers(text)]
    assert found == [
        (
            "What Can Large Language Models Tell Us about Time Series Analysis",
            "arXiv",
            2024,
            [],
            False,
        ),
        (
            "Deep learning for time series classification: a review",
            "Data Mining and Knowledge Discovery",
            2019,
            [],
            False,
        ),
        (
            "Can Graph Learning Improve Planning in LLM-based Agents?",
            "NeurIPS",
            2024,
            ["Xixi Wu", "Yifei Shen"],
            True,
        ),
        ("ReWOO: Decoupling Reasoning from Observations", "arXiv", 2023, ["Binfeng Xu"], True),
        (
            "Voice2Action: Language Models as Agent in Virtual Reality",
            "arXiv",
            2023,
            ["Yang Su"],
            False,
        ),
    ]


def test_labels_between_bars_et_al_before_a_venue_publishers_books_and_slides() -> None:
    """Round 27: "…, Müller et al., SIGGRAPH 2022 | [github](u) | [bibtex](u)" (the labels
    and bars close the citation), "Yen-Chen et al. IROS 2021", "Title, Latincrypt'21", a
    publisher closing a title ("…, USENIX ATC'21"), "Springer Nature" (no journal), a
    journal's name is no author; a book on arXiv, slides, a special issue and a bare "FPGA"
    heading are no papers, or no venue."""
    text = (
        "## Papers\n"
        "- [Instant Neural Graphics Primitives with a Multiresolution Hash Encoding](https://"
        "nvlabs.github.io/instant-ngp/), Müller et al., SIGGRAPH 2022 | [github](https://github"
        ".com/NVlabs/instant-ngp) | [bibtex](./citations/instant-ngp.txt)\n"
        "- [iNeRF: Inverting Neural Radiance Fields for Pose Estimation](http://yenchenlin.me/"
        "inerf/), Yen-Chen et al. IROS 2021 | [bibtex](./NeRF-and-Beyond.bib#L321-L327)\n"
        "* [Honest Majority MPC with Abort with Minimal Online Communication, Latincrypt'21]"
        "(https://eprint.iacr.org/2021/1105)\n"
        "* [Batchcrypt: Efficient homomorphic encryption for cross-silo federated learning, "
        "USENIX ATC'21](https://www.usenix.org/conference/atc20/presentation/zhang)\n"
        '- Oguri, Yutaro, and Yusuke Matsui. "[General and practical tuning method for graph-'
        'based index.](https://arxiv.org/pdf/2309.00472.pdf)" International Conference on '
        "Similarity Search and Applications. Cham: Springer Nature Switzerland, 2023.\n"
        "* [Decentralized Knowledge Acquisition for Mobile Internet Applications](https://"
        "link.springer.com/article/10.1007/s11280-019-00775-w), World Wide Web, Springer journal\n"
        "- Special Issue on High-Dimensional Vector Similarity Search [[PDF](http://sites."
        "computer.org/debull/A24sept/A24SEPT-CD.pdf)]\n"
        "- [Approximate Nearest Neighbor Search in Recommender Systems](https://big-ann-"
        "benchmarks.com/neurips23_slides/ANNS_for_recommendation_systems_Yury.pdf). Yury Malkov.\n"
        "\n## 📚 Books\n- [Foundations of Vector Retrieval](https://arxiv.org/abs/2401.09350)\n"
        "\n### 🧩 FPGA\n- [Benchmarking LLM-Generated FPGA Designs with Resource Awareness]"
        "(https://arxiv.org/abs/2503.08823) - (2025).\n"
    )
    found = [(*paper, e.authors) for paper, e in _papers(text)]
    assert found == [
        (
            "Instant Neural Graphics Primitives with a Multiresolution Hash Encoding",
            "SIGGRAPH",
            2022,
            ["Müller"],
        ),
        ("iNeRF: Inverting Neural Radiance Fields for Pose Estimation", "IROS", 2021, ["Yen-Chen"]),
        (
            "Honest Majority MPC with Abort with Minimal Online Communication",
            "Latincrypt",
            2021,
            [],
        ),
        (
            "Batchcrypt: Efficient homomorphic encryption for cross-silo federated learning",
            "ATC",
            2021,
            [],
        ),
        (
            "General and practical tuning method for graph-based index",
            "International Conference on Similarity Search and Applications",
            2023,
            ["Yutaro Oguri", "Yusuke Matsui"],
        ),
        ("Decentralized Knowledge Acquisition for Mobile Internet Applications", None, None, []),
        ("Benchmarking LLM-Generated FPGA Designs with Resource Awareness", None, 2025, []),
    ]


def test_a_dashed_year_venue_tag_an_acronym_name_html_badges_and_names_after_a_link() -> None:
    """Round 28: "(2025-TKDE, CCF-A) Title" with the link on the next line; a bold name that
    closes in its acronym, then the title; an HTML badge whose image is ".svg" (and whose label
    has spaces) names venue and year, a badge that counts pages is no topic; people's names
    right after a link, with "et al." or two names at least, are the authors."""
    text = (
        "## Papers\n"
        "- (2025-TKDE, CCF-A) Next-Generation Database Interfaces: A Survey of LLM-based "
        "Text-to-SQL\n[[paper](https://arxiv.org/pdf/2406.08426)]\n\n"
        "- (2025-NAACL, CCF-B) **You Only Read Once (YORO)**: Learning to Internalize Database "
        "Knowledge for Text-to-SQL\n[[paper](https://arxiv.org/abs/2409.12172)]\n\n"
        "+ [Pauli-Based High-Level Optimization Engine for Instruction Execution on NISQ Devices]"
        "(https://arxiv.org/abs/2504.03529) Zhaohui Yang et al [[GitHub]](https://github.com/"
        'iqubit-org/phoenix) <img src="https://img.shields.io/badge/DAC-2025-green.svg">\n'
        "+ [QSSA: An SSA-based IR for Quantum computing](https://arxiv.org/abs/2109.02409) "
        "Anurudh Peduri, Siddharth Bhat, Tobias Grosser  "
        '<img src="https://img.shields.io/badge/Nature Machine Intelligence-2022-green.svg">\n'
        '+ <img src="https://img.shields.io/badge/17-pages-green.svg"> [Discovering faster '
        "matrix multiplication algorithms](https://www.nature.com/articles/s41586-022-05172-4"
        ".pdf) A fast way to multiply\n"
    )
    papers = _papers(text)
    assert papers[-1][1].topics == ["Papers"]  # not "17 pages"
    found = [(*paper, e.authors) for paper, e in papers]
    assert found == [
        (
            "Next-Generation Database Interfaces: A Survey of LLM-based Text-to-SQL",
            "TKDE",
            2025,
            [],
        ),
        (
            "You Only Read Once (YORO): Learning to Internalize Database Knowledge for Text-to-SQL",
            "NAACL",
            2025,
            [],
        ),
        (
            "Pauli-Based High-Level Optimization Engine for Instruction Execution on NISQ Devices",
            "DAC",
            2025,
            ["Zhaohui Yang"],
        ),
        (
            "QSSA: An SSA-based IR for Quantum computing",
            "Nature Machine Intelligence",
            2022,
            ["Anurudh Peduri", "Siddharth Bhat", "Tobias Grosser"],
        ),
        ("Discovering faster matrix multiplication algorithms", None, None, []),
    ]


def test_a_paper_column_labelled_with_its_venue_and_a_dated_news_line() -> None:
    """Round 28, after its first fixes: a table whose Title cell names a model and whose
    "Paper page" column links the paper under its venue's name ("[arXiv](url)",
    "[CVPR2023](url)"); a dated news line naming venues is no paper."""
    text = (
        "## News\n"
        "- 2026.4: Added RankSEG (NeurIPS 2025 & JMLR 2023), EfficientSAM (CVPR 2024) and more\n\n"
        "## Papers\n"
        "| Title | Presentation | Paper page | Code base |\n|:---:|:---:|:---:|:---:|\n"
        "| CLIP | ![img](./imgs/clip.png) | [arXiv](https://arxiv.org/abs/2103.00020) | "
        "[Code](https://github.com/openai/CLIP) |\n"
        "| OvSeg | ![img](./imgs/ovseg.gif) | [CVPR2023](https://arxiv.org/abs/2210.04150) | - |\n"
    )
    assert [paper for paper, _ in _papers(text)] == [
        ("CLIP", "arXiv", None),
        ("OvSeg", "CVPR", 2023),
    ]


def test_round_29_code_tags_dates_chinese_columns_and_a_lists_own_citation() -> None:
    """Round 29: a venue in code after a bold title, without a year (`preprint`, `BCB 19`, a
    journal's name) and the year from a "2023.6" date; a table whose columns are named in
    Chinese (年份, 名字); a nickname glued to a given name; a list's own heading over the
    BibTeX of its survey is no paper; "(2023-AAAI 2023, CCF-A）" with a full-width
    parenthesis; "**PICARD**:Parsing" keeps its spacing."""
    text = (
        "# Awesome Graph Attack and Defense Papers\n\ncite our survey:\n"
        "```\n@article{jin2021,\nauthor = {Jin, Wei and Li, Yaxing},\n"
        "title = {Adversarial Attacks and Defenses on Graphs},\nyear = {2021},\n"
        "journal = {SIGKDD Explor. Newsl.}\n}\n```\n\n"
        "1. **Unifying Large Language Models and Knowledge Graphs: A Roadmap.** `preprint`\n\n"
        "    *Shirui Pan, Linhao Luo* [[PDF](https://arxiv.org/pdf/2306.08302.pdf)], 2023.6\n\n"
        "2. **SMILES-BERT: Large Scale Unsupervised Pre-Training** `BCB 19`\n\n"
        "    *Sheng Wang , Yuzhi Guo* [[PDF](https://par.nsf.gov/servlets/purl/1)], 2019.09\n\n"
        "3. **Chemformer: a pre-trained transformer** "
        "`Machine Learning: Science and Technology`\n\n"
        "    *Ross Irwin and Esben Jannik Bjerrum* [[PDF](https://iop.org/a)], 2022.02\n\n"
        "4. **A Unified Framework for Data Poisoning Attack.**\n"
        "   *Xuanqing Liu, Si Si, Xiaojin(Jerry) Zhu.* NeurIPS 2019. [[paper]](https://x.org/a.pdf)\n\n"
        "- (2023-VLDB, CCF-A）A survey on deep learning approaches for text-to-SQL\n"
        "[[paper](https://x.org/b.pdf)]\n"
        "- (2023-AAAI 2023, CCF-A) **RESDSQL**: Decoupling Schema Linking and Skeleton Parsing\n"
        "- (2022-EMNLP, CCF-B) **PICARD**:Parsing Incrementally for Constrained Decoding\n\n"
        "### 计算机视觉\n\n| 已录制 | 年份 | 名字 | 简介 | 引用 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| ✅ | 2012 | [AlexNet](https://papers.nips.cc/x.pdf) | 深度学习热潮的奠基作 | |\n"
    )
    found = _papers(text)
    assert [paper for paper, _ in found] == [
        ("Unifying Large Language Models and Knowledge Graphs: A Roadmap", "arXiv", 2023),
        ("SMILES-BERT: Large Scale Unsupervised Pre-Training", "BCB", 2019),
        (
            "Chemformer: a pre-trained transformer",
            "Machine Learning: Science and Technology",
            2022,
        ),
        ("A Unified Framework for Data Poisoning Attack", "NeurIPS", 2019),
        ("A survey on deep learning approaches for text-to-SQL", "VLDB", 2023),
        ("RESDSQL: Decoupling Schema Linking and Skeleton Parsing", "AAAI", 2023),
        ("PICARD:Parsing Incrementally for Constrained Decoding", "EMNLP", 2022),
        ("AlexNet", None, 2012),
    ]
    assert found[3][1].authors == ["Xuanqing Liu", "Si Si", "Xiaojin(Jerry) Zhu"]
    assert found[1][1].authors == ["Sheng Wang", "Yuzhi Guo"]


def test_round_30_badges_placeholders_question_titles_and_siggraph() -> None:
    """Round 30: a venue badge of two words with a short year and a qualifier
    ("USENIX_Security'25", "ACL'24_(Findings)"); the placeholder row of a list's
    how-to-contribute table ("| aa | arxiv | github | bb'23 |") is no paper; a title's part
    after its question mark is not a list of people ("… Professionals? A Benchmark, Datasets
    and Models"); SIGGRAPH and SIGGRAPH Asia are known venues."""
    badge = "https://img.shields.io/badge"
    text = (
        "| Title | Link  | Code |   Venue |\n| ---- |---- |---- |---- |\n"
        "| aa |  arxiv | github  | bb'23    |\n\n"
        "- [2025/06] **[SoK: Can Synthetic Images Replace Real Data?](https://arxiv.org/abs/2506"
        f".19360)** ![Diffusion]({badge}/Diffusion-a99cf4) "
        f"![USENIX_Security'25]({badge}/USENIX_Security'25-f1b800)\n"
        "- [2024/05] **[Large Language Model Bias Mitigation](https://arxiv.org/abs/2405.1)** "
        f"![ACL'24_(Findings)]({badge}/ACL'24_(Findings)-f1b800)\n"
        "- (*NeurIPS'24 D&B*) Can Large Language Models Analyze Graphs like Professionals? "
        "A Benchmark, Datasets and Models [[paper](https://arxiv.org/abs/2409.19667)]\n\n"
        "|Name|Info|Link|Label|\n|---|---|---|---|\n"
        "|**Data-Free Learning of Reduced-Order Kinematics**| Siggraph 2023| "
        "[Link](https://nmwsharp.com/research/) | ![][~softbody]\n"
        "|**Learning Contact Deformations**| Siggraph Asia 2023| [Link](https://x.io/) |\n"
    )
    found = _papers(text)
    assert [paper for paper, _ in found] == [
        ("SoK: Can Synthetic Images Replace Real Data?", "USENIX Security", 2025),
        ("Large Language Model Bias Mitigation", "ACL", 2024),
        (
            "Can Large Language Models Analyze Graphs like Professionals? "
            "A Benchmark, Datasets and Models",
            "NeurIPS",
            2024,
        ),
        ("Data-Free Learning of Reduced-Order Kinematics", "SIGGRAPH", 2023),
        ("Learning Contact Deformations", "SIGGRAPH Asia", 2023),
    ]
    assert found[2][1].authors == []


def test_round_31_short_names_before_bold_titles_and_venues_after_italic_authors() -> None:
    """Round 31: "(Chat-REC) **Title.** arXiv:2303.14524." (a system's short name in
    parentheses before its bold title); an unknown acronym with a qualifier or a dash after
    a bold title ("NACCL 2024 (Findings).", "SIGIR-AP 2024."); the venue after italic authors
    on the entry's second line ("_A, B, et al._ arXiv 2026/06.", "_A, B._ ASE 2025.")."""
    text = (
        "* (Chat-REC) **Chat-REC: Towards Interactive and Explainable LLMs-Augmented "
        "Recommender System.** arXiv:2303.14524. [[paper](https://arxiv.org/pdf/2303.14524)]\n\n"
        "   *Yunfan Gao, Tao Sheng, Youlin Xiang.*\n"
        "* (RecMind) **RecMind: Large Language Model Powered Agent For Recommendation.** "
        "NACCL 2024 (Findings). [[paper](https://arxiv.org/pdf/2308.14296)]\n"
        "* (SEATER) **Generative Retrieval with Semantic Tree-Structured Item Identifiers.** "
        "SIGIR-AP 2024. [[paper](https://arxiv.org/abs/2309.13375)]\n"
        "- **LoopCoder-v2: Only Loop Once for Efficient Test-Time Computation Scaling.**  \n"
        "  _Jian Yang, Shawn Guo, Wei Zhang, et al._ arXiv 2026/06.  \n"
        "  [![Paper](https://img.shields.io/badge/Paper-A42C25)](https://arxiv.org/abs/2606.18023)\n"
        "- **Automated Generation of Issue-Reproducing Tests by Combining LLMs.**  \n"
        "  _Konstantinos Kitsios, Marco Castelluccio, Alberto Bacchelli._ ASE 2025.  \n"
        "  [![Paper](https://img.shields.io/badge/Paper-A42C25)](https://arxiv.org/abs/2509.01616)\n"
    )
    found = _papers(text)
    assert [paper for paper, _ in found] == [
        (
            "Chat-REC: Towards Interactive and Explainable LLMs-Augmented Recommender System",
            "arXiv",
            None,
        ),
        ("RecMind: Large Language Model Powered Agent For Recommendation", "NACCL", 2024),
        ("Generative Retrieval with Semantic Tree-Structured Item Identifiers", "SIGIR-AP", 2024),
        ("LoopCoder-v2: Only Loop Once for Efficient Test-Time Computation Scaling", "arXiv", 2026),
        (
            "Automated Generation of Issue-Reproducing Tests by Combining LLMs",
            "ASE",
            2025,
        ),
    ]
    assert found[0][1].authors == ["Yunfan Gao", "Tao Sheng", "Youlin Xiang"]
    assert found[0][1].topics[:1] == ["Chat-REC"]
    assert found[3][1].authors == ["Jian Yang", "Shawn Guo", "Wei Zhang"]


def test_round_32_citations_inside_links_and_method_names_before_links() -> None:
    """Round 32: a numbered reference whose link holds the whole citation (ACM, with one
    author and "et al." too; MLA with a quoted title; IEEE), read as that citation; a
    paragraph line opening with a method's name before its linked title ("Shap: [Title](url),
    NeurIPS 2017", "Guided Backpropagation, [Title](url), ICLR 2015"): the name is no author
    and no part of the title."""
    text = (
        "## 参考文献\n\n"
        "1. [Yanghua Peng, Yixin Bao, Yangrui Chen, Chuan Wu, and Chuanxiong Guo. 2018. Optimus: "
        "an efficient dynamic resource scheduler for deep learning clusters. In Proceedings of "
        "the Thirteenth EuroSys Conference (EuroSys '18).](https://dl.acm.org/doi/10.1145/3190508"
        ".3190517)\n"
        "2. [Brad Calder, et al. 2011. Windows Azure Storage: a highly available cloud storage "
        "service. In Proceedings of the Twenty-Third ACM Symposium on Operating Systems "
        "Principles (SOSP '11).](https://dl.acm.org/doi/10.1145/2043556.2043571)\n"
        '3. [Yu, Peifeng, and Mosharaf Chowdhury. "Salus: Fine-grained gpu sharing primitives '
        'for deep learning applications." arXiv preprint arXiv:1902.04610 (2019).]'
        "(https://arxiv.org/abs/1902.04610)\n\n"
        "## Feature attribution\n\n"
        "Shap: [A unified approach to interpreting model predictions](http://arxiv.org/abs/1705"
        ".07874), NeurIPS 2017\n\n"
        "Guided Backpropagation, [Striving for simplicity: The all convolutional net]"
        "(http://arxiv.org/abs/1412.6806), ICLR 2015\n"
    )
    found = _papers(text)
    assert [paper for paper, _ in found] == [
        (
            "Optimus: an efficient dynamic resource scheduler for deep learning clusters",
            "EuroSys",
            2018,
        ),
        ("Windows Azure Storage: a highly available cloud storage service", "SOSP", 2011),
        (
            "Salus: Fine-grained gpu sharing primitives for deep learning applications",
            "arXiv",
            2019,
        ),
        ("A unified approach to interpreting model predictions", "NeurIPS", 2017),
        ("Striving for simplicity: The all convolutional net", "ICLR", 2015),
    ]
    assert [e.authors for _, e in found] == [
        ["Yanghua Peng", "Yixin Bao", "Yangrui Chen", "Chuan Wu", "Chuanxiong Guo"],
        ["Brad Calder"],
        ["Peifeng Yu", "Mosharaf Chowdhury"],
        [],
        [],
    ]
    assert found[0][1].url == "https://dl.acm.org/doi/10.1145/3190508.3190517"


@pytest.mark.parametrize(
    ("written", "venue"),
    [
        (
            "Proceedings of the 14th USENIX Conference on Operating Systems Design and "
            "Implementation",
            "OSDI",
        ),
        (
            "Proceedings of the 2020 ACM SIGMOD International Conference on Management of Data",
            "SIGMOD",
        ),
        ("Proceedings of the ACM International Conference on Management of Data", "SIGMOD"),
        ("Proceedings of the Joint Meeting on Foundations of Software Engineering", "FSE"),
    ],
)
def test_proceedings_written_out_name_their_series(written: str, venue: str) -> None:
    """Round 32: a citation gives the proceedings' own name, not the short one (the AI-System
    textbook's ACM references)."""
    matched = match_venue(written)
    assert matched is not None and matched.known and matched.acronym == venue


def test_round_33_a_first_author_and_a_coded_venue_before_link_labels() -> None:
    """Round 33: "* [Title](url). First Author. `Venue Year`. [[code]](url)": the links'
    labels after the citation do not stop its author being read."""
    text = (
        "* [Yet Another Traffic Classifier: A Masked Autoencoder Based Traffic Transformer]"
        "(https://ojs.aaai.org/index.php/AAAI/article/view/25674). Ruijie Zhao. `AAAI 2023`. "
        "[[code]](https://github.com/NSSL-SJTU/YaTC)\n"
    )
    ((paper, entry),) = _papers(text)
    assert paper == (
        "Yet Another Traffic Classifier: A Masked Autoencoder Based Traffic Transformer",
        "AAAI",
        2023,
    )
    assert entry.authors == ["Ruijie Zhao"]


def test_round_34_tags_gluing_a_name_to_its_year() -> None:
    """Round 34 (ENSTA-U2IS-AI's uncertainty list): "Title [[ICCV Workshop2023]](<url>)",
    "[[(ICNN1994)]]", "[[Sensors2022]]", "[[ACM2021]]" (a publisher: the year only), and a
    label parted from its address by a space, "[[ACL2026]] (<url>)"."""
    text = (
        "# Papers\n\n"
        "- Sub-Ensembles for Fast Uncertainty Estimation in Neural Networks "
        "[[ICCV Workshop2023]](<https://openaccess.thecvf.com/x.pdf>)\n"
        "- Estimating the Mean and Variance of the Target Probability Distribution "
        "[[(ICNN1994)]](<https://ieeexplore.ieee.org/document/374138>)\n"
        "- Grace: A generative approach to better confidence elicitation in large language "
        "models [[ACL2026]] (<https://arxiv.org/pdf/2509.09438>)\n"
        "- Evaluating and Calibrating Uncertainty Prediction in Regression Tasks "
        "[[Sensors2022]](<https://arxiv.org/abs/1905.11659>)\n"
        "- A Survey on Uncertainty Estimation in Deep Learning Classification Systems "
        "[[ACM2021]](<https://dl.acm.org/doi/pdf/10.1145/3477140>)\n"
        "- CS294: AI For Systems and Systems For AI. [[Machine Learning Systems (Fall 2019)]]"
        "(https://ucbrise.github.io/cs294-ai-sys-fa19/)\n"
    )
    found = _papers(text)
    assert [p for p, _ in found][:5] == [
        ("Sub-Ensembles for Fast Uncertainty Estimation in Neural Networks", "ICCV", 2023),
        ("Estimating the Mean and Variance of the Target Probability Distribution", "ICNN", 1994),
        (
            "Grace: A generative approach to better confidence elicitation in large language "
            "models",
            "ACL",
            2026,
        ),
        ("Evaluating and Calibrating Uncertainty Prediction in Regression Tasks", "Sensors", 2022),
        (
            "A Survey on Uncertainty Estimation in Deep Learning Classification Systems",
            None,
            2021,
        ),
    ]
    assert found[0][1].venue is not None and found[0][1].venue.workshop
    assert found[1][1].venue is not None and not found[1][1].venue.known
    assert found[2][1].url == "https://arxiv.org/pdf/2509.09438"
    assert all(e.venue is None or e.venue.acronym != "Fall" for _, e in found)


def test_round_34_a_tag_closing_a_plain_title_and_a_star_after_it() -> None:
    """Round 34 (haoran-zha's SNN hub): "Title (PSN) (**NeurIPS 2023**) ★. \\[[paper](u)\\]":
    the last parenthesis is the tag (the short name before it stays), the star goes, a hyphen
    inside a word parts nothing, an abbreviated journal closes the title too."""
    text = (
        "# Papers\n\n"
        "- Temporal Spike Sequence Learning via Backpropagation for Deep SNNs (TSSL-BP) "
        "(**NeurIPS 2020**). \\[[paper](https://arxiv.org/abs/2002.10085)\\]\n"
        "- Temporal Efficient Training of SNNs via Gradient Re-weighting (TET) (**ICLR 2022**) "
        "★. \\[[paper](https://arxiv.org/abs/2202.11946)\\]\n"
        "- SENeCA: Building a Fully Digital Neuromorphic Processor (**Front. Neurosci. 2023**). "
        "\\[[paper](https://www.frontiersin.org/articles/10.3389/fnins.2023.1187252/full)\\]\n"
        "- Real-Time Computing Without Stable States (Liquid State Machine) "
        "(**Neural Computation 2002**) ★. \\[[paper](https://direct.mit.edu/neco/6650)\\]\n"
    )
    assert [p for p, _ in _papers(text)] == [
        (
            "Temporal Spike Sequence Learning via Backpropagation for Deep SNNs (TSSL-BP)",
            "NeurIPS",
            2020,
        ),
        ("Temporal Efficient Training of SNNs via Gradient Re-weighting (TET)", "ICLR", 2022),
        ("SENeCA: Building a Fully Digital Neuromorphic Processor", "Front. Neurosci.", 2023),
        (
            "Real-Time Computing Without Stable States (Liquid State Machine)",
            "Neural Computation",
            2002,
        ),
    ]


def test_round_34_notes_names_and_landmark_tables() -> None:
    """Round 34 (haoran-zha): a quoted note under an item is prose, not its citation; a name
    described, with only a homepage's and a repository's links, is no paper; a table whose
    title column is "Landmark" is read by its Year, Venue and Link columns."""
    text = (
        "# Groups\n\n"
        "- **Li Guoqi** — CASIA — spiking large models. "
        "\\[[homepage](https://casialiguoqi.github.io/)\\]\\[[github](https://github.com/BICLab)\\]\n"
        "  > CASIA's core SNN PI, heading the group behind the Spike-driven Transformer "
        "(NeurIPS 2023) and the SpikingBrain large-model series.\n\n"
        "# Start here\n\n"
        "| Year | Landmark | Venue | Link |\n|---|---|---|---|\n"
        "| 2023 | **Spikformer** — *the first spiking Transformer* | ICLR | "
        "[paper](https://arxiv.org/abs/2209.15425) |\n"
    )
    entries = read_list(text)
    person = next(e for e in entries if e.title == "Li Guoqi")
    assert person.kind == "skip" and "web page" in person.reason
    assert [p for p, _ in _papers(text)] == [("Spikformer", "ICLR", 2023)]


def test_round_34_a_gpu_cluster_and_the_authors_on_a_paragraph_of_their_own() -> None:
    """Round 34 (CaucherWang's ANN papers): "(必读)[1] **Title** VLDB 2021. [paper](url)"
    as a paragraph, the authors in italics in the next one ("&", ";", "and so on",
    "Fu, C., Wang, C. and Cai, D")."""
    text = (
        "### 1 Survey\n\n"
        "(必读)[1] **Approximate Nearest Neighbor Search on High Dimensional Data** TKDE 2020."
        "[paper](https://arxiv.org/pdf/1610.02455.pdf)\n\n"
        "*Wen Li, Ying Zhang , Yifang Sun & Xuemin Lin*\n\n---\n\n"
        "[2] **Manu: A Cloud Native Vector Database Management System** VLDB 2022. "
        "[paper](https://arxiv.org/pdf/2206.13843.pdf)\n\n"
        "*Rentong Guo, Xiaofan Luan, Long Xiang and so on*\n\n---\n\n"
        "**Data Structures and Algorithms for Nearest Neighbor Search** SODA 1993. "
        "[paper](https://dl.acm.org/doi/pdf/10.5555/313559.313789)\n\n"
        "*Fu, C., Wang, C. and Cai, D*\n\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        ("Approximate Nearest Neighbor Search on High Dimensional Data", "TKDE", 2020),
        ("Manu: A Cloud Native Vector Database Management System", "VLDB", 2022),
        ("Data Structures and Algorithms for Nearest Neighbor Search", "SODA", 1993),
    ]
    assert [(e.authors, e.et_al) for _, e in found] == [
        (["Wen Li", "Ying Zhang", "Yifang Sun", "Xuemin Lin"], False),
        (["Rentong Guo", "Xiaofan Luan", "Long Xiang"], True),
        (["C. Fu", "C. Wang", "D. Cai"], False),
    ]


def test_round_34_by_authors_then_an_italic_venue() -> None:
    """Round 34 (ContinualAI's papers): "[Title](url) by A, B and C. *Venue*, pages, YEAR."
    with an initial before the last name's full stop, a single author after "by  and", a
    venue the registry does not know in italics, and two addresses in one link."""
    text = (
        "# Papers\n\n"
        "- [Lifelong Learning for Scene Recognition in Remote Sensing Images]"
        "(https://ieeexplore.ieee.org/document/8662768/) by Min Zhai, Huaping Liu and Fuchun "
        "Sun. *IEEE Geoscience and Remote Sensing Letters*, 1472--1476, 2019. [vision]\n"
        "- [GDumb: A Simple Approach That Questions Our Progress in Continual Learning]"
        "(https://link.springer.com/chapter/10.1007%2F978-3-030-58536-5_31) by Ameya Prabhu, "
        "Philip H. S. Torr and Puneet K. Dokania. *ECCV*, 524--540, 2020.\n"
        "- [Catastrophic Interference in Connectionist Networks](https://doi.org/10.1016/x) "
        "by  and Robert French. *Trends in Cognitive Sciences*, 1999.\n"
        "- [On Tiny Episodic Memories in Continual Learning](https://github.com/facebookresearch/"
        "agem http://arxiv.org/abs/1902.10486) by Arslan Chaudhry and Marc'Aurelio Ranzato. "
        "*arXiv*, 2019. [cifar]\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        (
            "Lifelong Learning for Scene Recognition in Remote Sensing Images",
            "IEEE Geoscience and Remote Sensing Letters",
            2019,
        ),
        (
            "GDumb: A Simple Approach That Questions Our Progress in Continual Learning",
            "ECCV",
            2020,
        ),
        (
            "Catastrophic Interference in Connectionist Networks",
            "Trends in Cognitive Sciences",
            1999,
        ),
        ("On Tiny Episodic Memories in Continual Learning", "arXiv", 2019),
    ]
    assert [e.authors for _, e in found] == [
        ["Min Zhai", "Huaping Liu", "Fuchun Sun"],
        ["Ameya Prabhu", "Philip H. S. Torr", "Puneet K. Dokania"],
        ["Robert French"],
        ["Arslan Chaudhry", "Marc'Aurelio Ranzato"],
    ]
    assert found[3][1].code == "https://github.com/facebookresearch/agem"


def test_round_35_a_year_after_a_colon_and_bibtex_names_on_the_next_line() -> None:
    """Round 35 (alon-albalak's data-selection survey): "[Title](url): 2018<br/>&emsp;Grave,
    Edouard and Bojanowski, Piotr<br/>"; names left out ("... 52 hidden ...") end the list
    there, marked incomplete, for the ones after them have no known place; a title ending
    in "Code" is no "[Code]" label."""
    text = (
        "# Papers\n\n"
        "- [Learning Word Vectors for 157 Languages](https://aclanthology.org/L18-1550): 2018"
        "<br/>&emsp;Grave, Edouard and Bojanowski, Piotr and van Esch, Daan<br/>\n"
        "- [Evaluating Large Language Models Trained on Code](https://arxiv.org/abs/2107.03374)"
        ": 2021<br/>&emsp;Mark Chen and Jerry Tworek and Heewoo Jun... 52 hidden ... Sam "
        "McCandlish and Wojciech Zaremba<br/>\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        ("Learning Word Vectors for 157 Languages", None, 2018),
        ("Evaluating Large Language Models Trained on Code", None, 2021),
    ]
    assert [(e.authors, e.et_al) for _, e in found] == [
        (["Edouard Grave", "Piotr Bojanowski", "Daan van Esch"], False),
        (["Mark Chen", "Jerry Tworek", "Heewoo Jun"], True),
    ]


def test_round_36_a_closing_date_and_a_home_page() -> None:
    """Round 36 (zjukg's KG-LLM papers, louieworth's RLHF list): "\\[[arxiv](url)\\] Title
    `2024.12` \\[[Repo](url)\\]" gives the year of its date; "[Li Jiang](https://site/),
    McGill University" is a person's home page; "…, Alexander Julian Mattick. NeurIPS 2023."
    ends its authors before the venue."""
    text = (
        "# Papers\n\n"
        "- \\[[arxiv](https://arxiv.org/abs/2405.19877)\\] KNOW: A Real-World Ontology for "
        "Knowledge Capture with Large Language Models  `2024.05` "
        "\\[[Repo](https://github.com/KnowOntology)\\]\n"
        "- [Li Jiang](https://louieworth.github.io/), McGill University\n"
        "- [OpenAssistant Conversations](https://openreview.net/forum?id=VSJotgbPHF).\n"
        "  - Andreas Köpf, Yannic Kilcher, Alexander Julian Mattick. NeurIPS 2023.\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        (
            "KNOW: A Real-World Ontology for Knowledge Capture with Large Language Models",
            "arXiv",
            2024,
        ),
        ("OpenAssistant Conversations", "NeurIPS", 2023),
    ]
    assert found[1][1].authors == ["Andreas Köpf", "Yannic Kilcher", "Alexander Julian Mattick"]


def test_round_37_ins_tags_categories_and_surnames_before_the_link() -> None:
    """Round 37 (swordlidev's efficient-MLLM survey, wangxb96's edge-LLM survey):
    "Title.<ins>arXiv, 2024</ins> [[Paper](u)]" is a tag (and "<ins>website, 2023</ins>" no
    paper); "[System] [Title](url). Venue, YEAR. A remark." and "Shi et al., [Title](url),
    IEEE IoT Journal, 2016. A remark." give the venue and year before the remark."""
    text = (
        "# Papers\n\n"
        "- Gemini: a family of highly capable multimodal models<ins>arXiv, 2023</ins> "
        "[[Paper](https://arxiv.org/abs/2312.11805)]\n"
        "- Vicuna: An open-source chatbot.<ins>website, 2023</ins> [[web](https://lmsys.org/)]\n"
        "- [System] [EdgeLLM: Fast On-Device LLM Inference with Speculative Decoding]"
        "(https://doi.org/10.1109/tmc.2024.3513457). IEEE Transactions on Mobile Computing, "
        "2024. Shows how decoding policy directly changes on-device latency.\n"
        "- Shi et al., [Edge Computing: Vision and Challenges](https://doi.org/10.1109/jiot.2016"
        ".2579198), IEEE IoT Journal, 2016. Defines the classical edge-computing setting.\n"
        "- [A Game-Based Framework to Compare Program Classifiers and Evaders](https://x.org/"
        "CGO23.pdf) - Thais Damasio and Fernando Magno Quintao Pereira. CGO 2023. "
        "[Code and Data](https://zenodo.org/record/7374649)\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        ("Gemini: a family of highly capable multimodal models", "arXiv", 2023),
        ("EdgeLLM: Fast On-Device LLM Inference with Speculative Decoding", "TMC", 2024),
        ("Edge Computing: Vision and Challenges", "IEEE IoT Journal", 2016),
        ("A Game-Based Framework to Compare Program Classifiers and Evaders", "CGO", 2023),
    ]
    assert found[1][1].topics == ["System"]
    assert (found[2][1].authors, found[2][1].et_al) == (["Shi"], True)
    assert found[3][1].authors == ["Thais Damasio", "Fernando Magno Quintao Pereira"]


def test_round_38_a_two_digit_year_after_a_name_of_words_and_the_vldb_journal() -> None:
    """Round 38 (Wind-Gone's OLAP papers): "N. [Title](url) [VLDB Journal 24]" is The VLDB
    Journal (a journal, not the VLDB conference) of 2024; "[Journal of Software 24]" too."""
    text = (
        "# Papers\n\n"
        "4. [A survey on hybrid transactional and analytical processing]"
        "(https://link.springer.com/article/10.1007/s00778-024-00858-9) [VLDB Journal 24]\n"
        "2. [Survey on Database Management System Fuzzing Techniques]"
        "(https://jos.org.cn/jos/article/pdf/7048) [Journal of Software 24]\n"
    )
    assert [p for p, _ in _papers(text)] == [
        ("A survey on hybrid transactional and analytical processing", "VLDBJ", 2024),
        ("Survey on Database Management System Fuzzing Techniques", "Journal of Software", 2024),
    ]


def test_round_39_papers_written_as_numbered_headings() -> None:
    """Round 39 (w-m's 3D Gaussian splatting list): "### 3. [CVPR '24] Title" with
    "**Authors**: A, B" under it, a folded abstract, then its labelled links, under a
    "## 2024:" heading that gives the year; a folded "Abstract" is no year group."""
    text = (
        "## Autonomous Driving:\n## 2024:\n"
        "### 1. Street Gaussians for Modeling Dynamic Urban Scenes  \n"
        "**Authors**: Yunzhi Yan, Haotong Lin, Sida Peng \n"
        "<details span>\n<summary><b>Abstract</b></summary>\nThis paper aims to tackle …\n"
        "</details>\n\n"
        "  [📄 Paper](https://arxiv.org/pdf/2401.01339.pdf) | "
        "[💻 Code](https://github.com/zju3dv/street_gaussians)\n\n"
        "### 2. [CVPR '24] DrivingGaussian: Composite Gaussian Splatting for Surrounding Scenes\n"
        "**Authors**: Xiaoyu Zhou, Zhiwei Lin\n\n"
        "  [📄 Paper](https://arxiv.org/pdf/2312.07920.pdf)\n\n"
        "## Datasets\n### Training from scratch\n\n"
        "[MobiLlama](https://arxiv.org/abs/2402.16840) [[Paper](https://arxiv.org/abs/2402.16840)]\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        ("Street Gaussians for Modeling Dynamic Urban Scenes", None, 2024),
        ("DrivingGaussian: Composite Gaussian Splatting for Surrounding Scenes", "CVPR", 2024),
    ]
    assert found[0][1].authors == ["Yunzhi Yan", "Haotong Lin", "Sida Peng"]
    assert found[0][1].url == "https://arxiv.org/pdf/2401.01339.pdf"
    assert found[0][1].code == "https://github.com/zju3dv/street_gaussians"


def test_round_40_an_entry_as_a_paragraph_of_hard_broken_lines() -> None:
    """Round 40 (SuperBruceJia's mixture-of-experts list): "**_Note_ - Title**\\" over
    "_A, B_\\", "TMLR, [[Paper](url)]\\" and a date, one paragraph outside any list; the
    italic note before the dash is a topic, not the title."""
    text = (
        "# Papers\n## Survey\n"
        "**Routers in Vision Mixture of Experts: An Empirical Study**\\\n"
        "_Tianlin Liu, Mathieu Blondel, Carlos Riquelme, Joan Puigcerver_\\\n"
        "TMLR, [[Paper](https://arxiv.org/abs/2401.15969)]\\\n"
        "18 Apr 2024\n\n"
        "**_FFN_ - MoE-LLaVA: Mixture of Experts for Large Vision-Language Models**\\\n"
        "_Bin Lin, Zhenyu Tang_\\\n"
        "arXiv, [[Paper](https://arxiv.org/abs/2401.15947)]\\\n"
        "6 Jul 2024\n"
    )
    found = _papers(text)
    assert [p for p, _ in found] == [
        ("Routers in Vision Mixture of Experts: An Empirical Study", "TMLR", 2024),
        ("MoE-LLaVA: Mixture of Experts for Large Vision-Language Models", "arXiv", 2024),
    ]
    assert found[0][1].authors == [
        "Tianlin Liu",
        "Mathieu Blondel",
        "Carlos Riquelme",
        "Joan Puigcerver",
    ]
    assert "FFN" in found[1][1].topics
