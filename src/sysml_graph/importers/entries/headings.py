"""Headings that are papers: ``#### Title [Venue 'YY]`` and linked headings with authors."""

from __future__ import annotations

import re

from ..markdown_list import Block
from ..venues import VenueMatch, match_venue
from .bibliography import read_bibtex
from .kinds import NOT_PAPER_TITLE, section_says_not
from .links import BLOG_LINK, CODE_HOSTS, CODE_LABELS, PAPER_LABELS, arxiv_id, on_host
from .names import author_line
from .record import Entry, clean_title, strip_decorations
from .tags import read_tag, venue_year_in
from .vocabulary import YEAR, date_year, is_acronym, year_in


def read_heading(block: Block, entry: Entry) -> Entry:
    """``#### Title [Venue 'YY]`` is a paper (or a talk, repository or book the tag names);
    a linked heading may be one (:func:`linked_heading`); any other heading is a section."""
    m = re.fullmatch(r"(.+?)\s*\[([^\[\]]*?(?:['’‘`]\s?\d{2}|\d{4})[^\[\]]*)\]\s*", block.head.text)
    if not m and not block.head.links:
        return fielded_heading(block, entry)
    if not m:
        return linked_heading(block, entry)
    entry.title = clean_title(m.group(1))
    entry.venue, entry.year, not_paper = read_tag(m.group(2))
    entry.kind = "skip" if not_paper else "paper"
    entry.reason = "talk, repo or book" if not_paper else ""
    return entry


def linked_heading(block: Block, entry: Entry) -> Entry:
    """``## [Title](url), 2019/09`` with the authors on the line below: a paper when the
    heading dates it or names its authors, links to a page that is no repository, video or
    blog, and sits in no section of tools, talks or courses; any other heading is a section."""
    head = block.head
    link = head.links[0] if head.links else None
    entry.reason = "heading"
    if (
        link is None
        or not link.href.startswith(("http://", "https://"))
        or len(link.text.split()) < 3
        or not head.text.startswith(link.text)
        or on_host(link.href, CODE_HOSTS)
        or BLOG_LINK.search(link.href)
        or NOT_PAPER_TITLE.search(link.text)
        or section_says_not(block.sections)
    ):
        return entry
    rest = head.text[len(link.text) :].strip(" ,.-–—")
    year = date_year(rest) if rest else None
    venue, said_year = venue_year_in(rest) if rest else (None, None)
    found = author_line(block.details[0].text) if block.details else None
    if year is None and said_year is None and not found:
        return entry
    title, tags = strip_decorations(clean_title(link.text))
    entry.kind, entry.reason = "paper", ""
    entry.title, entry.year, entry.venue, entry.url = title, year or said_year, venue, link.href
    entry.topics += tags
    if found:
        entry.authors, entry.et_al = found
    entry.arxiv = arxiv_id(link.href)
    return entry


# A field under a heading: "paper link: [here](url)", "Conference: OSDI 2024", "tag: `ICLR24`".
HEADING_FIELD = re.compile(r"\s*([A-Za-z][A-Za-z ]{1,20}?)\s*[:\uff1a]\s*(.*)$")


def fielded_heading(block: Block, entry: Entry) -> Entry:
    """``#### Title`` with fields below it (``paper link: [here](url)``, ``Conference: OSDI
    2024``, ``tag: `ICLR24` | `Sea AILab` ``) and maybe a BibTeX block: a paper when a field
    links to it, a BibTeX block describes it, or an ``Authors:`` field names its people and a
    labelled link below (``[📄 Paper](url)``) is its page; any other heading is a section.

    >>> from sysml_graph.importers.markdown_list import parse_markdown
    >>> text = "#### Pipeline Parallelism with Memory\\n\\ntag: `ZBPP` | `ICLR24`\\n\\n"
    >>> text += "paper link: [here](https://arxiv.org/pdf/2405.15362)\\n"
    >>> e = fielded_heading(parse_markdown(text)[0], Entry(line=1, kind="skip"))
    >>> e.kind, e.title, e.venue.acronym, e.year, e.url
    ('paper', 'Pipeline Parallelism with Memory', 'ICLR', 2024, 'https://arxiv.org/pdf/2405.15362')
    """
    entry.reason = "heading"
    # "### Title: HTMFS: Strong Consistency … (Kexin)": a label first, a reader's name last
    named = re.sub(r"^\s*(?:title|paper)\s*[:\uff1a]\s*", "", block.head.text, flags=re.I)
    # "### 12. [CVPR '24] Title": the list's number, then the venue's tag
    named = re.sub(r"^\s*\d{1,4}\.\s+", "", named)
    lead = re.match(r"\[([^\[\]]{2,30})\]\s*", named)
    said = read_tag(lead.group(1)) if lead else None
    if lead and said is not None and said[0] is not None and said[1] is not None:
        entry.venue, entry.year, named = said[0], said[1], named[lead.end() :]
    title, tags = strip_decorations(re.sub(r"\s*\([A-Z][a-z]+\)$", "", clean_title(named)))
    if len(title.split()) < 3 or section_says_not(block.sections):
        return entry
    if venue_year_in(title)[0] is not None and len(title.split()) <= 6:
        return entry  # "# NSDI 2021 MLsys or SysML" over "Paper Link: <programme>": an event
    url = code = None
    other = False  # a field links to docs, a blog or a homepage
    lines = [
        part
        for detail in block.details
        for line in detail.raw.split("\n")
        # "**Authors:** A, B | **Date:** 2026-03-13": two fields on a line, in bold
        for part in re.split(r"\s\|\s(?=[A-Za-z][A-Za-z ]{1,20}:)", re.sub(r"\*\*|__", "", line))
    ]
    for line in lines:
        field = HEADING_FIELD.match(line)
        if field is None:
            continue
        key, value = field.group(1).strip().casefold(), field.group(2)
        links = re.findall(r"\]\((https?://[^)\s]+)\)", value) or re.findall(
            r"(https?://\S+)", value
        )
        if re.search(r"\b(?:paper|pdf|arxiv|doi)\b|^(?:link|url)$", key) and links:
            url = url or links[0]
        elif re.search(r"\b(?:docs?|blog|homepage|website|slides|video)\b", key):
            other = True
        elif re.search(r"\b(?:code|github|repo)\b", key) and links:
            code = code or links[0]
        elif re.fullmatch(r"conference|venue|pub(?:lished)?(?: in)?|journal|source", key):
            coded = _coded_venue(value)  # "Source: SOSP25"
            entry.venue = entry.venue or coded[0] or match_venue(YEAR.sub(" ", value).strip(" .,"))
            entry.year = entry.year or year_in(value) or coded[1]
        elif key in ("tag", "tags"):
            for said in re.findall(r"`([^`]{2,30})`", value):
                v, y = _coded_venue(said)
                if v is not None and entry.venue is None:
                    entry.venue, entry.year = v, y
        elif re.fullmatch(r"date|year", key):
            entry.year = entry.year or year_in(value)
        elif re.fullmatch(r"authors?", key) and not entry.authors:
            found = author_line(value)
            if found:
                entry.authors, entry.et_al = found
    for link in (lk for detail in block.details for lk in detail.links):
        if not entry.authors:
            break  # (a section's heading, over the paragraphs of its papers)
        # "### 3. Title", "**Authors**: A, B", "[📄 Paper](url) | [💻 Code](url)": the
        # labelled links under a paper's own heading
        label = re.sub(r"^\W+", "", link.text).strip().split(" (")[0]
        # ("[📄 Paper](arxiv.org/pdf/2402.00525.pdf)": an address without its scheme)
        href = re.sub(r"^(?=(?:www\.)?[\w-]+\.(?:org|com|net|edu)/)", "https://", link.href)
        if PAPER_LABELS.match(label) and href.startswith("http"):
            url = url or href
        elif CODE_LABELS.match(label) and on_host(link.href, CODE_HOSTS):
            code = code or link.href
    cited = read_bibtex(block.bibtex[0])[0] if block.bibtex else []
    # (a list's "# Awesome … Papers" over "cite our survey: ```@article{…}```" is not that
    # survey: a BibTeX block describes the heading when most of its title's words are the
    # heading's, as a short form's are)
    cited = [c for c in cited if _shares_words(c.title, title)]
    published = [c for c in cited if c.venue is not None or c.arxiv or c.doi]
    if url is None and (other or not published) and entry.venue is None:
        return entry  # documentation, a blog post or a manual, however cited
    if cited:
        bib = cited[0]
        entry.authors, entry.et_al = entry.authors or bib.authors, entry.et_al or bib.et_al
        entry.year = entry.year or bib.year
        url = url or bib.url
    entry.kind, entry.reason = "paper", ""
    entry.title, entry.url, entry.code, entry.arxiv = title, url, code, arxiv_id(url)
    entry.topics += tags
    return entry


def _shares_words(one: str, other: str) -> bool:
    """Whether most words of the shorter title are the other's.

    >>> _shares_words("Efficient Memory", "Efficient Memory Management for LLM Serving")
    True
    >>> _shares_words("Adversarial Attacks and Defenses on Graphs", "Awesome Graph Attack Papers")
    False
    """
    a, b = (set(re.findall(r"\w+", t.casefold())) for t in (one, other))
    return bool(a and b) and len(a & b) >= 0.6 * min(len(a), len(b))


def _coded_venue(said: str) -> tuple[VenueMatch | None, int | None]:
    """A venue and year written as one code tag: ``ICLR24``, ``NeurIPS'23``, ``OSDI 2022``."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z&-]*?)\s?['’]?((?:19|20)?\d{2})", said.strip())
    if m is None:
        return None, None
    venue = match_venue(m.group(1))
    if venue is None or not (venue.known or is_acronym(m.group(1))):
        return None, None  # "PODC24" names an unknown venue; "Megatron24" none
    year = int(m.group(2))
    return venue, year if year > 1900 else 2000 + year
