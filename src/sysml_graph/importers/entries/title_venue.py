"""Venues and years written into a title: tags, trailing citations, GB/T 7714 marks."""

from __future__ import annotations

import re
import unicodedata

from ...corpus.rules import NOT_A_VENUE, TYPOGRAPHIC
from ..venues import VenueMatch, match_venue
from .links import (
    is_label_text,
)
from .reading import Reading
from .tags import (
    read_tag,
    venue_year_in,
)
from .vocabulary import IN_CAPITALS, VENUE_WORDS, YEAR, is_acronym, year_in


def venue_in_title(title: str) -> tuple[str, VenueMatch | None, int | None]:
    """The title without a venue written into it, and that venue and year (a table's title
    cell: "| Title [HPCA’21] |").

    >>> title, venue, year = venue_in_title("Heterogeneous Dataflow Accelerators [HPCA’21]")
    >>> title, venue.acronym, year
    ('Heterogeneous Dataflow Accelerators', 'HPCA', 2021)
    """
    r = Reading(title)
    read_venue_in_title(r)
    return r.title, r.venue, r.year


def _closing_tags(title: str) -> str:
    """The ``[tag]``s that end a title, with the spaces before them, read from the end (in
    one pass: a long run of brackets never closed costs no more).

    >>> _closing_tags("Title [ICLR'18] [Notes]"), _closing_tags("Title"), _closing_tags("[a" * 3)
    (" [ICLR'18] [Notes]", '', '')
    """
    reversed_tags = re.match(r"(?:\s*\][^\[\]]*\[)*\s*", title[::-1])
    said = reversed_tags.group(0)[::-1] if reversed_tags else ""
    return said if "[" in said else ""


# How a venue's long name opens: "IEEE Transactions on …", "In Proceedings of …", "ACM …".
SERIES_NAME = (
    r"(?:in\s+)?(?:ieee|acm|usenix|siam|proceedings|international|annual|journal|transactions|"
    r"advances in|\d+(?:st|nd|rd|th))\b"
)


def _marked_citation(r: Reading) -> None:
    """``Title[J]. Journal, 2022.``, ``Title[C]// CONF, 2021.``: GB/T 7714's type mark after a
    title, then where and when.

    >>> r = Reading("Big data cleaning[J]. IEEE Transactions on Industrial Informatics, 2019.")
    >>> _marked_citation(r); r.title, r.venue.acronym, r.year
    ('Big data cleaning', 'TII', 2019)
    """
    m = re.fullmatch(r"(.{8,}?)\s*\[(?:J|C|D|M|R|A|EB/OL)\]\s*(?:\.|//)?\s*(.*?)\s*\.?\s*", r.title)
    if m is None:
        return
    r.title, said = m.group(1).strip(), m.group(2)
    r.year = r.year or year_in(said)
    venue_text = YEAR.sub(" ", said).strip(" ,.;/")
    v = match_venue(venue_text) if venue_text else None
    if v is not None and (v.known or is_acronym(venue_text) or VENUE_WORDS.search(venue_text)):
        r.venue = r.venue or v


def _without_closing_marks(title: str) -> str:
    """A title without the pictographs a list closes it with, after its tag ("Title (**ICLR
    2022**) ★.": a landmark's star).

    >>> _without_closing_marks("Title (ICLR 2022) ★."), _without_closing_marks("360° Video")
    ('Title (ICLR 2022)', '360° Video')
    """
    end = len(title)
    while end and (
        title[end - 1] in " .\ufe0f"
        or (unicodedata.category(title[end - 1]) == "So" and title[end - 1] not in TYPOGRAPHIC)
    ):
        end -= 1
    # (only after a closing tag: "AI Town 🏠💻💌" may be a project, not a paper)
    return title[:end] if end < len(title.rstrip(" .")) and title[:end].endswith(")") else title


def _closing_date(r: Reading) -> None:
    """``Title. `2024.12```: the month a paper appeared, after its title, taken out.

    >>> r = Reading("GraphEval: A Hallucination Evaluation Framework. 2024.07")
    >>> _closing_date(r); r.title, r.year
    ('GraphEval: A Hallucination Evaluation Framework', 2024)
    """
    dated = re.search(r"[\s.]*`?((?:19|20)\d{2})\.(?:0?[1-9]|1[0-2])`?\s*$", r.title)
    if dated and len(r.title[: dated.start()].split()) >= 3:
        r.title, r.year = r.title[: dated.start()], r.year or int(dated.group(1))


def read_venue_in_title(r: Reading) -> None:
    """A venue written into the title: ``Title(SOSP2019)``, ``Title (OSDI 2020) [Notes]``,
    ``Title (NIPS 2016 Workshop on MLSys)``, ``Title (arXiv 2303.13803)``, ``Title (2023)``,
    ``Title, SOSP 2023``, ``Title - SOSP 2023``, ``Title. SOSP, 2023``, ``Title[J]. Journal,
    2022.``: taken out of the title."""
    r.title = _without_closing_marks(r.title)
    _closing_date(r)
    _marked_citation(r)
    closing = _closing_tags(r.title)
    for tag in re.findall(r"\[([^\[\]]*)\]", closing):
        if is_label_text(tag):
            continue  # "[URL]", "[PART1]": a link's label, not a venue
        v, y, _ = read_tag(tag)  # "[Title [ICLR’18]](url)": the tag inside the link's text
        # (an unknown venue only as capitals, "Title [[PMLR](url)]"; "[AMC]" leads, never ends)
        named = v is not None and (v.known or (tag.isupper() and is_acronym(tag)))
        if r.venue is None and r.year is None and named:
            r.venue, r.year = v, y
    r.title = r.title[: len(r.title) - len(closing)] if closing else r.title
    _closing_date(r)  # (before a link's label: "Title `2023.05` [[Repo](url)]")
    # ("Title (NeurIPS 2023)." with the list's full stop after the tag)
    glued = re.search(r"\s*[(（]([^()（）]{2,60})[)）]\s*\.?\s*$", r.title)
    if glued and re.fullmatch(r"\s*arxiv:?\s*\d{4}\.\d{3,5}(?:v\d+)?\s*", glued.group(1), re.I):
        r.title, r.venue = r.title[: glued.start()], r.venue or match_venue("arXiv")
    elif glued:
        v, y, _ = read_tag(glued.group(1))
        said = glued.group(1).strip()
        acronym = is_acronym(re.split(r"[\s'’-]", said)[0])  # "SIGMOD-Companion ’23"
        # "(Bioinformatics 2018)", "(Learning Theory and Kernel Machines 2003)": a name in
        # capitals and a year, nothing else, closing a title of some length
        # ("Front. Neurosci. 2023", "J. Neuroscience 1998": a journal's abbreviated name)
        named = re.fullmatch(rf"[A-Z][\w&.-]*(?: {IN_CAPITALS}){{0,6}} (?:19|20)\d{{2}}", said)
        if v is not None and (v.known or acronym or named) and y is not None:
            r.title = r.title[: glued.start()]
            r.venue, r.year = r.venue or v, r.year or y
        elif v is not None and v.known and is_acronym(said):  # "Title (TKDE)"
            r.title, r.venue = r.title[: glued.start()], r.venue or v
        elif y is not None and re.fullmatch(r"(?:19|20)\d{2}(?:[./-]\d{1,2})?", said):
            r.title, r.year = r.title[: glued.start()], r.year or y  # "Title (2023)"
    spaced = re.search(r"\s([A-Z][\w-]{1,15}['’]\s?\d{2})\s*$", r.title)
    if spaced and len(r.title[: spaced.start()].split()) >= 3:  # "Title OSDI'22"
        v, y, _ = read_tag(spaced.group(1))
        if v is not None and v.known and y is not None:
            r.title, r.venue, r.year = r.title[: spaced.start()], r.venue or v, r.year or y
    tail = re.search(
        # (a hyphen inside a word, "(TSSL-BP)", "Re-weighting", parts no citation)
        r"\s*(?:[,–—|]|(?<!\w)-|-(?!\w)|\.\s)\s*([^,\-–—|.]{2,80}?(?:,\s*(?:19|20)\d{2})?)\s*[,.]?\s*$",
        r.title,
    )
    if tail and tail.group(0).lstrip()[:1] == "," and NOT_A_VENUE.fullmatch(tail.group(1).strip()):
        # "Title, USENIX ATC'21" (its venue read above), "Title, IEEE": a publisher, no venue
        r.title, tail = r.title[: tail.start()], None
    if tail and len(r.title[: tail.start()].split()) >= 3:
        v, y = venue_year_in(tail.group(1))
        said = YEAR.sub("", tail.group(1)).strip(" ,")
        named = re.sub(r"^[Ii]n\s+", "", said)  # "Title. In MLSys'20.", "Title, in arXiv 2024"
        # one word ("SOSP 2023", "arXiv, 2024"), or a known venue's long name ("IEEE
        # Transactions on Mobile Computing 2024"), never a phrase of the title that holds one
        if v is not None and (
            re.fullmatch(r"[^a-z]*\w+[^a-z]*", named)
            or (v.known and re.match(SERIES_NAME, said, re.I))
        ):
            r.title = r.title[: tail.start()]
            r.venue, r.year = r.venue or v, r.year or y
        elif (
            v is None
            and r.venue is None
            and r.year is None
            and named != said
            and re.fullmatch(rf"[A-Z][\w&-]*(?: {IN_CAPITALS}){{0,8}}", named)
            and year_in(tail.group(1)) is not None
        ):
            # "Title, in Data Mining and Knowledge Discovery 2019": "in", a name in capitals
            # and a year close the title, the citation's way of saying where
            r.title, r.venue = r.title[: tail.start()], match_venue(named)
            r.year = year_in(tail.group(1))
        elif v is None and r.venue is None and r.year is None and tail.group(0).lstrip()[:1] == ",":
            # "[Title, FOCS'82](url)", "Title, Latincrypt'21": a name the registry does not
            # know, an acronym or one word with its year's two digits
            tag, year, _ = read_tag(tail.group(1))
            said = tail.group(1).strip()
            if (
                tag is not None
                and year is not None
                and (is_acronym(tag.acronym) or re.fullmatch(r"[^\W\d_][\w-]*['’]\d{2}", said))
            ):
                r.title, r.venue, r.year = r.title[: tail.start()], tag, year
