"""Headings that are papers: ``#### Title [Venue 'YY]`` and linked headings with authors."""

from __future__ import annotations

import re

from ..markdown_list import Block
from .kinds import NOT_PAPER_TITLE, section_says_not
from .links import BLOG_LINK, CODE_HOSTS, arxiv_id, on_host
from .names import author_line
from .record import Entry, clean_title, strip_decorations
from .tags import read_tag, venue_year_in
from .vocabulary import date_year


def read_heading(block: Block, entry: Entry) -> Entry:
    """``#### Title [Venue 'YY]`` is a paper (or a talk, repository or book the tag names);
    a linked heading may be one (:func:`linked_heading`); any other heading is a section."""
    m = re.fullmatch(r"(.+?)\s*\[([^\[\]]*?(?:['’‘`]\s?\d{2}|\d{4})[^\[\]]*)\]\s*", block.head.text)
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
