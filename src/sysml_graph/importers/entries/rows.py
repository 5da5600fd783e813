"""Table rows with title, venue, year and author columns."""

from __future__ import annotations

import dataclasses
import re

from ..markdown_list import Block
from ..venues import match_venue
from .context import Context
from .items import read_item
from .kinds import INITIALLED_NAME
from .links import (
    CODE_LABELS,
    OTHER_LABELS,
    TALK_LINK,
    VIDEO_LINK,
    classify_links,
    is_label,
    is_label_text,
)
from .names import author_line, credited
from .record import Entry, clean_title, strip_decorations
from .tags import badge_venue, read_tag, venue_year_in
from .title_venue import venue_in_title
from .vocabulary import MONTH, YEAR, date_year, is_acronym, year_in

# The column of venues: "Venue", "Conf.", "Journal", "Published In", "Pub.", "Where".
VENUE_COLUMN = re.compile(r"venue|conf|journal|where|publi|^pub\b|proceedings|booktitle|series")
# Columns that never hold a paper's name.
OTHER_COLUMN = re.compile(
    VENUE_COLUMN.pattern + r"|year|date|code|author|link|pdf|star|note|tag|type|keyword|objective"
)


# An arXiv identifier tagged with its venue: "2402.01234_(ICLR)", "2402.01234 (ICLR)".
ARXIV_TAGGED = r"\b\d{4}\.\d{4,5}(?:v\d+)?_?\s*\(([A-Za-z][\w&' -]{1,20})\)"


def _venue_and_year(text: str) -> bool:
    """A cell that names a venue (known, or an acronym) and a year, or a year alone.

    >>> [_venue_and_year(t) for t in ["TOG 2015", " 2020", "CAVW 2016", "fluid", "Google"]]
    [True, True, True, False, False]
    """
    if re.fullmatch(r"\s*(?:19|20)\d{2}\s*", text):
        return True
    venue, year, _ = read_tag(text.strip())
    rest = YEAR.sub("", text).strip(" ,'’")
    return (
        venue is not None
        and year is not None
        and len(rest.split()) <= 3
        and (venue.known or is_acronym(rest.split()[0] if rest else ""))
    )


def read_row(block: Block, entry: Entry, ctx: Context) -> Entry:
    """A table row: title, venue, year and authors from their columns; venue and year from
    the headings above when the row gives none ("### 2023" over "| Title | Venue |")."""
    cells = {k: v for k, v in block.cells.items()}
    # a "Title" column over a "Paper" one, and that over a "Name" one ("| Date | Name |
    # Title | Paper |", "| Name | Paper | Publication |"); a paper column of links' labels
    # only gives way below
    title_cell = next(
        (
            cells[k]
            for pattern in ("title", "paper", "name")
            for k in cells
            if re.search(pattern, k)
        ),
        None,
    )
    # (a year's, a venue's and a link's column, each: no dataset's, product's or leaderboard's)
    paper_table = all(
        any(re.search(pattern, k) for k in cells)
        for pattern in (r"year|date", VENUE_COLUMN.pattern, r"link|pdf|url")
    )
    if title_cell is None and paper_table:
        # "| Year | Landmark | Venue | Link |": a paper table whose title column has a name
        # of its own, the first column that is none of the others
        title_cell = next(
            (
                cell
                for key, cell in cells.items()
                if not OTHER_COLUMN.search(key) and re.search(r"[A-Za-z]{2}", cell.text)
            ),
            None,
        )
    if title_cell is None:
        entry.reason = "table row without a title column"
        return entry
    entry.line = title_cell.line or entry.line  # an HTML row's title may start below the row
    echoed = [
        k
        for k, c in cells.items()
        if not c.links and re.sub(r"\d+$", "", c.text.strip()).casefold() == k
    ]
    if len(echoed) >= 2:  # "| Year | Pub | Title1 | Framework |" under that very header
        entry.reason = "a placeholder row (its cells repeat the table's header)"
        return entry
    unlinked = [
        k
        for k, c in cells.items()
        if re.search(r"link|code|pdf|url", k)
        and not c.links
        and re.fullmatch(r"\s*(?:arxiv|github|link|pdf|paper|code|url)\s*", c.text, re.I)
    ]
    if unlinked and not any(c.links for c in cells.values()):
        # "| aa | arxiv | github | bb'23 |" in a list's how-to-contribute: a link's kind
        # where the link would go, and no link in the row
        entry.reason = "a placeholder row (its link columns name a link and give none)"
        return entry
    if is_label_text(title_cell.text):
        # "| Acme | 2024 | NSDI | [Paper](url) |": the paper is named in another column
        named = next(
            (
                cell
                for key, cell in cells.items()
                if cell is not title_cell
                and not OTHER_COLUMN.search(key)
                and re.search(r"[A-Za-z]{2}", cell.text)
                and not is_label_text(cell.text)
                and len(cell.text.split()) <= 20
            ),
            None,
        )
        title_cell = dataclasses.replace(named, links=[]) if named is not None else title_cell
    stacked = len([line for line in title_cell.lines if line]) > 1 or any(
        is_label(lk)
        for lk in title_cell.links  # "Title [[Link](url)] *A, B*": an item's layout
    )
    if stacked:
        # "| Title [[Link](url)] <br> *A, B* |": a cell written like a list item is read as
        # one (title, authors, a venue badge); the other columns still have their say.
        item = Block(block.line, title_cell, "item", sections=block.sections, depth=1)
        others = tuple(lk for c in cells.values() if c is not title_cell for lk in c.links)
        read = read_item(item, ctx, Entry(line=block.line, kind="skip"), others)
        entry.title, entry.authors, entry.et_al = read.title, read.authors, read.et_al
        entry.venue, entry.year = read.venue, read.year
        entry.topics += read.topics
    else:
        # the title is the cell's link, unless that link is a badge ("Title [![arXiv](…)](url)")
        linked = next((lk.text for lk in title_cell.links if lk.text.strip()), None)
        bold = title_cell.strong[0].strip() if title_cell.strong else ""
        remark = title_cell.text.strip()[len(bold) :].strip(" —–")
        if (
            not linked
            and bold
            and title_cell.text.strip().startswith(bold)
            and remark in (e.strip() for e in title_cell.emphasis)
        ):
            linked = bold  # "| **Spikformer** — *the first spiking Transformer* |": a remark
        said, entry.venue, entry.year = venue_in_title(linked or title_cell.text)
        entry.authors, entry.et_al = credited(title_cell.text) or ([], False)
        title, tags = strip_decorations(clean_title(said))
        entry.title = clean_title(title)
        entry.topics += tags
        after = title_cell.text.split(linked, 1)[-1] if linked else ""
        if entry.venue is None and entry.year is None and after.strip():
            # "| [Title](url) (AISTATS 2017) |": where and when after the linked title
            entry.venue, entry.year = venue_year_in(after)
            if entry.venue is None:
                v, y, _ = read_tag(after.strip(" ()[],;"))
                entry.venue, entry.year = (v, y) if y is not None else (None, None)
    venue_cell = next((cells[k] for k in cells if VENUE_COLUMN.search(k)), None)
    year_cell = next((cells[k] for k in cells if re.search(r"year|date", k)), None)
    if venue_cell is None and year_cell is None:
        # "| **Title** | TOG 2015 | [Link](url) |" under "Info": a cell that is a venue and
        # its year, and nothing else, whatever its column is called
        venue_cell = next(
            (
                c
                for c in cells.values()
                if c is not title_cell and not c.links and _venue_and_year(c.text)
            ),
            None,
        )
    # A venue column saying "GitHub" or "Blog" names no venue; the row is software when
    # its only link is code (a paper's link keeps it a paper: "| [PaLM](arxiv) | Github |").
    said_label = venue_cell is not None and bool(
        CODE_LABELS.match(venue_cell.text.strip()) or OTHER_LABELS.match(venue_cell.text.strip())
    )
    if said_label:
        venue_cell = None
    # "| Sep 2024 |", "| July'24 |", "| Tech report, Oct 13 2025 |": a date, no venue
    dated = rf"\s*(?:tech(?:nical)? report,?\s*)?(?:{MONTH}\.?,?\s*(?:\d{{1,2}},?\s)?)?"
    dated += r"(?:['’]?\s?\d{2}|\d{4})?\s*"
    if venue_cell is not None and re.fullmatch(dated, venue_cell.text, re.I):
        entry.year = year_in(venue_cell.text) or entry.year
        venue_cell = None
    if venue_cell is not None:
        entry.venue = match_venue(venue_cell.text) or entry.venue
        entry.year = year_in(venue_cell.text) or entry.year
    if year_cell is not None:
        # a venue's year ("| ICML 2025 |") over a Years column (often the preprint's year)
        entry.year = entry.year or date_year(year_cell.text)
        if entry.venue is None:  # "| ICML 2023 |" in a Years column
            entry.venue = venue_year_in(year_cell.text)[0]
    tagged = (re.search(ARXIV_TAGGED, c.text) for c in cells.values() if entry.venue is None)
    published = next((m.group(1) for m in tagged if m), None)
    if published:  # "| [2402.01234_(ICLR)](url) |": the venue an arXiv paper was published at
        v = match_venue(published)
        entry.venue = v if v is not None and v.known else None
    paper_column = next(
        (c for k, c in cells.items() if re.match(r"(?:paper|pdf)s?\b", k) and c is not title_cell),
        None,
    )
    for link in paper_column.links if paper_column and entry.venue is None else []:
        # "| CLIP | … | [arXiv](url) |", "| OvSeg | … | [CVPR2023](url) |": the paper's link
        # in its own column, labelled with where it appeared
        v, y, _ = read_tag(link.text.strip())
        name = re.sub(r"\d+$", "", link.text.strip())
        if v is not None and v.known and (v.id == "arxiv" or is_acronym(name)):
            entry.venue, entry.year = v, y or entry.year
            break
    for label in title_cell.tags if entry.venue is None else []:
        v, y = badge_venue(label)  # "| [![Publish](…/ICLR-2026-blue)]() <br>[Title](url) |"
        if v is not None:
            entry.venue, entry.year = v, y or entry.year
            break
    entry.venue = entry.venue or ctx.venue
    entry.year = entry.year or ctx.year
    author_cell = next((cells[k] for k in cells if re.search(r"author", k)), None)
    if stacked and author_cell is title_cell:
        author_cell = None  # "| Title & Authors |": read with the title, line by line
    # "Glenn Henry; Parviz Palangpour": a semicolon between names, as a comma
    found = author_line(author_cell.text.replace(";", ",")) if author_cell is not None else None
    if found:
        entry.authors, entry.et_al = found
    links = [lk for c in cells.values() for lk in c.links]
    entry.url, entry.code, only_other = classify_links(links)
    entry.kind = "paper" if entry.title and (entry.venue or entry.year or entry.url) else "skip"
    if not re.search(r"[^\W\d_]", entry.title):  # "| NeurIPS | 2021 | 32 |": a count
        entry.kind, entry.reason = "skip", "no title (a number)"
        return entry
    if (
        entry.venue is None
        and entry.year is None
        and (len(entry.title.split()) < 2 or INITIALLED_NAME.fullmatch(entry.title))
    ):
        entry.kind = "skip"  # "| Skywork-MoE-Base-FP8 | [here](url) |", "| Joseph E. Gonzalez |"
    paper_cell = next(
        (
            c
            for k, c in cells.items()
            if re.fullmatch(r"(?:paper|pdf|arxiv)s?", k) and c is not title_cell
        ),
        None,
    )
    unpublished = paper_cell is not None and not paper_cell.links and entry.url is None
    if (
        entry.code
        and (unpublished or (entry.url is None and len(entry.title.split()) == 1))
        and (entry.venue is None or not entry.venue.known)
    ):
        # "| 2022 | [Alpa](https://github.com/alpa-projects/alpa) | ✔ |": a project's name;
        # "| [DeepEP] DeepSeek DeepEP | ⚠️ | [[DeepEP]](github) |": no paper, its code
        entry.kind, entry.reason = "software", "software (a name linking to its code)"
        entry.authors, entry.et_al = [], False
        return entry
    if said_label and entry.url is None:
        entry.kind, entry.reason = "software", "software (a code link, 'GitHub' as its venue)"
        entry.authors, entry.et_al = [], False
        return entry
    entry.reason = "" if entry.kind == "paper" else "table row without venue, year or link"
    if entry.url and VIDEO_LINK.search(entry.url) and entry.venue is None:
        entry.kind, entry.reason = "skip", "a video (a talk or tutorial)"
        return entry
    if entry.url and TALK_LINK.search(entry.url):
        # "| `ICML` | **Tutorial** -- [Title](https://icml.cc/…/tutorial/10845) |", whatever
        # venue its row names (as for a list's item)
        entry.kind, entry.reason = "skip", "the slides of a talk or tutorial"
        entry.authors, entry.et_al = [], False
        return entry
    if only_other and entry.venue is None:  # its links are a blog, docs or slides only
        entry.kind, entry.reason = "skip", "a slide, video, blog or web page"
    return entry
