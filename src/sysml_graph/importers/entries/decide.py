"""What an entry is: a paper, software, or skipped with its reason."""

from __future__ import annotations

import re

from ...corpus.rules import NOT_A_PAPER
from ..markdown_list import Block
from ..venues import match_venue, registry
from .kinds import (
    BOOKS,
    INITIALLED_NAME,
    NOT_PAPER_MARK,
    NOT_PAPER_TITLE,
    TALK,
    TAUGHT,
    TUTORIALS,
    UNPROVEN,
    section_says_not,
    topics_of,
)
from .links import (
    PAPER_LABELS,
    SLIDES_LINK,
    TALK_LINK,
    VIDEO_LINK,
    blog_only,
    is_label_text,
)
from .names import NAME, person_like
from .reading import Reading
from .record import Entry
from .tags import (
    PAPER_PAGE,
    badge_venue,
)


def _names_a_venue(title: str) -> bool:
    """Whether a title is a known venue's name (and acronym), nothing more.

    >>> _names_a_venue("ACM International Conference on Software Engineering, ICSE")
    True
    >>> _names_a_venue("Learning to Optimize Tensor Programs")
    False
    """
    if len(title) > 160:  # (a venue's name is short; a long text costs every pattern a scan)
        return False
    v = match_venue(title)
    if v is None or not v.known:
        return False
    known = registry()[v.id]
    rest = title
    for said in sorted((known.name, known.acronym, *known.aliases), key=len, reverse=True):
        rest = re.sub(re.escape(said), " ", rest, flags=re.I)
    return not re.sub(r"\b(?:acm|ieee|usenix|the|\d{4})\b|[^\w]", "", rest, flags=re.I)


# Links' labels that name a site, a repository or a page about something ("[[info](u)]",
# "[[sdk](u)]", "[[scholar](u)]", "[[Chapter1](u)]"), never a paper.
SITE_LABELS = re.compile(
    r"info|sdk|scholar|homepage|home|webpage|website|site|github|code|repo|blog|webinar|talks?|"
    r"videos?|slides?|docs?|chapter ?\d*",
    re.I,
)


def decide(
    block: Block, entry: Entry, text: str, r: Reading, *, only_other: bool, dated: bool
) -> None:
    """What the entry is (a paper, software, or skipped with a reason); a paper's venue
    from a venue said late or a badge when nothing else named one."""
    head = block.head
    title, venue, year, url = entry.title, entry.venue, entry.year, entry.url
    topics = topics_of(block.sections)
    says_not = section_says_not(topics)
    # a citation with its authors and its link is a paper under "Datasets" too ("`FDDB`:
    # **Fddb: A benchmark …**, *V. Jain, E. Learned-Miller*, [[OpenAccess](….pdf)]")
    # (not under "Books", "Courses" or "Talks": a book cites its authors too)
    cited = bool(url) and len(entry.authors) >= 2 and not TAUGHT.search(" ".join(topics))
    # an arXiv paper is a paper under "Tools" or "Videos" too, but not under "Books": a book
    # is posted on arXiv as well ("📚 Books" > "[Foundations of Vector Retrieval](arxiv)")
    arxiv = bool(entry.arxiv) and not (topics and BOOKS.search(topics[-1]))
    if not title or (is_label_text(title) and len(title.split()) <= 2):
        entry.reason = "no title"  # "[Paper](url)" alone under a heading
    elif (
        r.not_paper
        or NOT_PAPER_TITLE.search(title)
        or NOT_PAPER_MARK.match(re.sub(r"`[^`]*`", "", head.text))
        or NOT_A_PAPER.search(title)
        or TALK.search(text)
        or re.match(r"^[\w.-]{2,}/[\w.-]+:", title)
        or re.search(r"\bis an? (framework|library|tool|platform|system)\b", title)
    ):
        entry.reason = "not a paper (book, repo, talk or tutorial)"
    elif _names_a_venue(title):
        entry.reason = "a venue's name, not a paper"  # "[ACM … Software Engineering, ICSE](site)"
    elif (
        re.fullmatch(r"[A-Za-z][\w.+-]*", title)
        and (venue is None or not venue.known)
        and not (url and PAPER_PAGE.search(url))
    ):
        if entry.code and not url:
            entry.kind, entry.reason = "software", "software project (code link only)"
        else:
            entry.reason = "a name, not a title (a project or a product)"  # "KernelGen [link]"
    elif (
        r.venue is None
        and r.year is None
        and (
            INITIALLED_NAME.fullmatch(title)
            # "[Li Jiang](https://louieworth.github.io/), McGill University": a site's root
            or (
                len(title.split()) <= 3
                and NAME.fullmatch(title) is not None
                and person_like(title)
                and re.fullmatch(r"https?://[^/]+/?", url or "") is not None
            )
        )
    ):
        # "**Instructor**: [Joseph E. Gonzalez](…)", "[Li Jiang](https://louieworth.github.io/)"
        entry.reason = "a person's name or a product's (a home page)"
    elif venue is None and (only_other or blog_only(url, head.links, entry, dated)):
        entry.reason = "a slide, video, blog or web page"
    elif url and (
        TALK_LINK.search(url) or (SLIDES_LINK.search(url) and venue is None and year is None)
    ):
        entry.reason = "the slides of a talk or tutorial"
    elif url and VIDEO_LINK.search(url):
        entry.reason = "a video (a talk or tutorial)"
    elif (
        not url
        and entry.code
        and (venue is None or not venue.known)
        # (a year of its own, not its heading's: "### 2023" over "[Coral NPU]: … [code]")
        and (r.year is None or re.search(r"\b(?:toolkit|library|sdk|tool)\b", title, re.I))
    ):
        # "- [OpenRLHF](github) / - OpenRLHF": a repository; an unknown "venue" read from its
        # description or the line under it does not make it a paper
        entry.kind, entry.reason = "software", "software project (code link only)"
    elif (
        venue is None
        and year is None
        and url
        and not arxiv
        and not cited
        and head.links
        and all(
            len(lk.text.split()) == 1
            and lk.text not in title
            and not PAPER_LABELS.match(lk.text)
            and not PAPER_PAGE.search(lk.href)
            for lk in head.links
        )
        and any(SITE_LABELS.fullmatch(lk.text.strip(" []")) for lk in head.links)
    ):
        # "**Lynxi KA200** — a chip … [[info](site)][[sdk](repo)]", "**Li Guoqi** — CASIA …
        # [[homepage](u)][[scholar](u)]": a name described, its links no paper's
        entry.reason = "a web page, not a paper (no venue or year, no paper among its links)"
    elif (
        venue is None
        and year is None
        and ((says_not and not arxiv) or not url or block.depth == 0)
        and not cited
    ):
        # (a line of a paragraph, outside any list, is an entry only with a venue or year)
        if entry.code and not url:
            entry.kind, entry.reason = "software", "software project (code link only)"
        else:
            entry.reason = UNPROVEN
    elif (
        says_not
        and venue is None
        and not arxiv
        and not (year is not None and not r.from_context and url and PAPER_PAGE.search(url))
        and not cited
    ):
        # (an arXiv paper is a paper under "Video" or "Tools" too, and so is an entry with a
        # year of its own and a publisher's page: "journal'13-[Title](…/doi/…)" under
        # "Compiler- and Directive-based Frameworks")
        entry.reason = f"in a non-paper section ({' > '.join(topics)})"
    elif (
        says_not
        and TUTORIALS.search(topics[-1])
        and not arxiv
        and not (url and PAPER_PAGE.search(url))
        and not cited
    ):
        # "### Tutorials" > "Time Series Anomaly Detection, in *DASFAA* 2022. [Link](site)": a
        # tutorial has a venue and a year too; its page is the tutorial's site, not a paper
        entry.reason = f"a tutorial ({' > '.join(topics)})"
    else:
        entry.kind = "paper"
    if entry.kind != "paper":
        entry.authors, entry.et_al = [], False
    elif entry.venue is None and r.year is None and r.said_late[0] is not None:
        # the entry's own venue and year, over a year its heading gives ("### 2024")
        entry.venue, entry.year = r.said_late
    elif entry.venue is None or r.from_context:
        # "![](https://img.shields.io/badge/ICML2024-orange)": a badge, not a link's button
        # ("[![arXiv](…/arXiv-2507.13575-b31b1b)](url)" says where the link goes), that names
        # the venue; it tells where a paper appeared, never that an entry is a paper. It says
        # better than a heading above ("### ACL 2025" over "NAACL_Oral-2025").
        for label in head.tags:
            v, y = badge_venue(label)
            if v is not None:
                entry.venue, entry.year = v, y or entry.year
                break
            entry.year = y or entry.year  # "Front-2021": a year, with a name no one knows
