"""The lines under an entry: author lines, venue lines, labelled fields, code lines."""

from __future__ import annotations

import re

from ..markdown_list import Block, Inline
from ..venues import match_venue
from .citations import (
    FIELD,
    known_field,
    trailing_citation,
)
from .context import Context
from .names import (
    ORG,
    affiliated_names,
    author_line,
    last_first,
    person_like,
    split_names,
)
from .reading import Reading
from .record import Entry
from .tags import (
    detail_venue,
)
from .vocabulary import YEAR, date_year, is_acronym, year_in


def _italic_venue_citation(
    d: Inline, dt: str
) -> tuple[tuple[list[str], bool], str, int | None] | None:
    """``A, B, and C. *Venue*, 2020.``: the names before the italic venue, the venue, the year.

    >>> line = "Z Xiang, DJ Miller, and G Kesidis. IEEE Trans. on Neural Networks, 2020."
    >>> _italic_venue_citation(Inline(line, emphasis=["IEEE Trans. on Neural Networks"]), line)
    ((['Z Xiang', 'DJ Miller', 'G Kesidis'], False), 'IEEE Trans. on Neural Networks', 2020)
    """
    if not d.emphasis:
        return None
    venue_text = d.emphasis[-1].strip()
    m = re.fullmatch(
        rf"(.+?)\.\s+{re.escape(venue_text)}\s*(?:[,.]\s*((?:19|20)\d{{2}}))?\s*\.?\s*", dt
    )
    if m is None:
        return None
    found = author_line(m.group(1))
    if found is None or any(ORG.search(n) for n in found[0]):
        return None
    # ("*arXiv 2018*": the year inside the italics)
    return found, venue_text, int(m.group(2)) if m.group(2) else year_in(venue_text)


def read_details(block: Block, ctx: Context, r: Reading, entry: Entry) -> None:
    """The lines under an entry (sub-items and further paragraphs): author lines, venue
    lines, labelled fields (``Authors:``, ``Pub:``, ``Link:``) and ``Code:`` lines."""
    for d in block.details:
        dt = d.text.strip()
        italic = _italic_venue_citation(d, dt)
        if italic is not None and not entry.authors:
            # "- A, B, and C. *EuroS&P*, 2020.": names, then the venue in italics, then the year
            (entry.authors, entry.et_al), venue_text, when = italic
            r.venue = r.venue or match_venue(venue_text)
            r.year = r.year or when
            continue
        field_ = FIELD.match(dt)
        key, value = (field_.group(1).casefold(), field_.group(2).strip()) if field_ else ("", "")
        if field_ and known_field(key, value):
            # "- Authors: A, B, et al.", "- Pub: Neural Computation 1991", "- Link: https://…";
            # a summary ("Summary: This ICLR 2017 paper …", "摘要: …") says nothing of these
            if re.fullmatch(r"authors?|by", key) and not entry.authors:
                # "…, and James Laudon (Google, Mountain View, CA, USA)": no affiliation
                found = last_first(re.sub(r"\s*\([^()]*\)\s*$", "", value).strip(" ."))
                if found:
                    entry.authors, entry.et_al = found
            elif re.fullmatch(r"pub(?:lished)?(?: in)?|venue|conference|journal|publication", key):
                r.venue = r.venue or match_venue(YEAR.sub(" ", value).strip(" ,."))
                r.year = r.year or year_in(value)
            elif re.fullmatch(r"year|date", key):
                r.year = r.year or date_year(value)
            elif re.fullmatch(r"link|paper|pdf|url|arxiv", key) and not entry.url:
                entry.url = value
            continue
        if re.match(r"(summary|code|note|slides?|video)\s*:", dt, re.I):
            m = re.match(r"code:\s*(<?)(https?://\S+)", dt, re.I)
            if m and not entry.code:
                # Sentence punctuation and autolink brackets are no part of the address;
                # whatever else no link may hold, the importer leaves out with a reason.
                code = m.group(2).rstrip(".,;:")
                entry.code = code.removesuffix(">") if m.group(1) else code
            continue
        if d.emphasis and dt.strip(" *") == d.emphasis[0].strip() and not entry.authors:
            names = split_names(d.emphasis[0])
            if names:
                entry.authors = names
                continue
        if d.emphasis and dt.startswith(d.emphasis[0]) and not entry.authors:
            # "> *Zhang B, Zeng H, et al.* [[Paper]](url)": the names are the italics
            found = author_line(d.emphasis[0])
            if found:
                entry.authors, entry.et_al = found
                # "*A, B.* [[pdf]](url), 2023.02": the year after the names
                r.year = r.year or year_in(dt[len(d.emphasis[0]) :])
                # "_A, B, et al._ arXiv 2026/06.", "_A, B._ ASE 2025.": and where, before
                # any link
                after = dt[len(d.emphasis[0]) :].split("[")[0]
                said = re.sub(r"(?:19|20)\d{2}(?:[./-]\d{1,2})*", " ", after).strip(" ,.;*_")
                if r.venue is None and said and ctx.venue is None:
                    v = match_venue(said)
                    lone = year_in(after) is not None and all(map(is_acronym, said.split("-")))
                    r.venue = v if v is not None and (v.known or lone) else None
                continue
        if r.venue is None and ctx.venue is None:
            v = detail_venue(dt)
            if v is not None:
                r.venue = v
                r.year = r.year or year_in(dt)
        if not entry.authors and re.match(r"[A-ZÀ-ÝĀ-ſ]", dt):
            # "Woosuk Kwon, Zhuohan Li. SOSP, 2023.": names, then where and when
            cited, more, venue_text, when = trailing_citation(". " + dt)
            v = match_venue(venue_text) if venue_text else None
            if cited and v is not None and v.known and all(person_like(c) for c in cited):
                entry.authors, entry.et_al = cited, more
                r.venue, r.year = r.venue or v, r.year or when
                continue
        if not entry.authors:
            lf = author_line(re.sub(r"\(\*?[^()]*\*?\)\s*$", "", dt))
            if lf is None and last_first(dt.strip(" ,.")):
                continue  # "UC Berkeley", "Outstanding Paper Award": a note, not an author
            if lf:
                entry.authors, entry.et_al = lf
            else:
                names = affiliated_names(dt)
                if names:
                    entry.authors = names
        if r.year is None and not re.match(r"^in\b", dt, re.I):
            r.year = year_in(dt)
