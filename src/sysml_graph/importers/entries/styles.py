"""Whole citations in the standard styles, whatever list they sit in: APA (with names left
out, "…"), ACM's reference format and its kin (authors first), DBLP's, GB/T 7714 (Chinese
names and journals too); each reader returns what it read, as a :class:`Reading`."""

from __future__ import annotations

import re

from ..markdown_list import Inline
from ..venues import match_venue
from .names import ORG, author_line, person_like, split_names
from .reading import Reading
from .record import Entry
from .tags import cited_venue, venue_year_in
from .vocabulary import YEAR

# "Yu, P. and Chowdhury, M., 2019. Salus: Title. arXiv preprint arXiv:1902.04610."
APA = re.compile(
    r"^(?P<who>(?:[A-Z][\w'’-]+,\s[A-Z]\.(?:[\s-]?[A-Z]\.)*\s?(?:,\s|(?:and|&)\s|,\s(?:and|&)\s)?)+),?"
    r"\s*\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?\.\s+"
    r"(?P<title>.+?)\.\s+(?P<venue>[^\[]+)"
)
# GB/T 7714: "Li P, Luo Y, et al. Title[C]//Proceedings of …. IEEE, 2015: 347-348.", and
# with Chinese names: "王珊,王会举.题名[J].计算机学报,2011,34(10):1741-1752."
GBT = re.compile(
    r"(?P<who>[^.\[\]]{2,400}?)\s*[.\uff0e]\s*(?P<title>[^\[\]]{8,300}?)\s*\[(?P<kind>[A-Z]{1,2})\]"
    r"\s*(?P<tail>(?://|[.\uff0e]).*)$"
)
# DBLP: "Robert Ryan McCune, Tim Weninger: Title. ACM Comput. Surv. 48(2): 25:1-25:39 (2015)"
DBLP = re.compile(
    r"(?P<who>[^:]{3,400}?):\s+(?P<title>[^.?!]{8,300}[.?!])\s+(?P<venue>.+?)\s*"
    r"(?:\((?P<year>(?:19|20)\d{2})\)|(?P<late>(?:19|20)\d{2})(?::\s*[\d-]+)?)\s*\.?\s*$"
)
# Chinese names in a citation: "于戈, 谷峪, 鲍玉斌" (two to four characters each).
CJK_NAMES = re.compile(
    r"[\u4e00-\u9fff]{2,4}(?:\s*[,\uff0c\u3001]\s*[\u4e00-\u9fff]{2,4})*(?:\s*等)?"
)


def cites_a_title(text: str) -> bool:
    """Whether a line is a whole citation, with its own title, in APA, GB/T 7714 or DBLP's
    style ("Li, M., … (2014). Title. In OSDI."), not an author or venue line.

    >>> cites_a_title("Li, M., Andersen, D. G., … Ahmed, A. (2014). Parameter Server. In OSDI.")
    True
    >>> cites_a_title("Bailis, Peter, and Matei Zaharia. (*preprint 2017*)")
    False
    """
    elided = re.sub(r",?\s*(?:…|\.\.\.)(?:\s*(?:…|\.\.\.))*\s*", ", ", text)
    dblp = DBLP.match(text)
    return bool(
        APA.match(text)
        or APA.match(elided)
        or GBT.match(text)
        or (dblp and len(split_names(dblp.group("who")) or []) >= 2)
    )


def authors_first(head: Inline, text: str) -> tuple[list[str], bool, str] | None:
    """The authors that open a citation (in italics, or up to the first full stop) and the
    rest: ``_A, B, and C._ **Title** Venue 2024``, ``A and B. Title. arXiv (2024)``; at least
    two names, each a person's, so that a title's first sentence is never taken for them.

    >>> authors_first(Inline("", raw=""), "Brad Calder, et al. 2011. Windows Azure Storage.")
    (['Brad Calder'], True, '2011. Windows Azure Storage')
    """
    italic = head.emphasis[0] if head.emphasis and text.startswith(head.emphasis[0]) else ""
    cuts = [len(italic)] if italic else [m.end() for m in re.finditer(r"\w{2}\.\s", text[:600])]
    for cut in cuts[:3]:
        found = author_line(text[:cut].strip(" .,"))
        names = found[0] if found else []
        # every one a name ("VG Vydiswaran" too), none an organisation or a title's words
        # (one name is enough before "et al." and the year: "Brad Calder, et al. 2011. Title.")
        alone = len(names) == 1 and found is not None and found[1] and person_like(names[0])
        dated = re.match(r"\s*(?:19|20)\d{2}[a-z]?\.\s", text[cut:]) is not None
        if (
            found
            and (len(names) >= 2 or (alone and dated))
            and all(len(n.split()) >= 2 and not ORG.search(n) for n in names)
            and sum(person_like(n) for n in names) >= len(names) - 1
        ):
            return names, found[1], text[cut:].strip(" .")
    return None


def acm_reading(head: Inline, first: tuple[list[str], bool, str], entry: Entry) -> Reading:
    """ACM's reference format and its kin: authors, maybe the year, the title (in bold, or
    the next sentence), then venue and year: ``A, B. 2024. Title. Venue (2024)``."""
    entry.authors, entry.et_al, rest = first
    dated = re.match(r"((?:19|20)\d{2})\.\s+", rest)
    rest = rest[dated.end() :] if dated else rest
    bold = next((s for s in head.strong if rest.startswith(s)), None)
    if bold:
        title, tail = bold, rest[len(bold) :]
    else:
        ends = re.search(r"[.?!]\s+(?=\S)", rest)
        title, tail = (rest[: ends.start() + 1], rest[ends.end() :]) if ends else (rest, "")
    tail = re.sub(r"\[[^\[\]]*\]", " ", tail).strip(" .")
    venue, year = venue_year_in(tail)
    if venue is None and tail:
        venue, year = cited_venue(tail)
    return Reading(title.rstrip("."), venue, year or (int(dated.group(1)) if dated else None))


def gbt_reading(gbt: re.Match[str], entry: Entry) -> Reading:
    """A GB/T 7714 citation without links: authors, ``Title[C]//Venue, Year`` or
    ``Title[J]. Journal, Year``; Chinese names are read too."""
    who = gbt.group("who").strip()
    found = author_line(who)
    if found:
        entry.authors, entry.et_al = found
    elif CJK_NAMES.fullmatch(who):
        entry.authors = [
            n.strip() for n in re.split(r"[,\uff0c\u3001]", who.removesuffix("等")) if n.strip()
        ]
        entry.et_al = who.endswith("等")
    venue, year = cited_venue(gbt.group("tail"))
    return Reading(gbt.group("title"), venue, year)


def dblp_reading(dblp: re.Match[str], entry: Entry) -> Reading:
    """DBLP's style: ``A, B, C: Title. Venue Volume(Issue): pages (Year)`` or ``… Venue
    Year: pages``."""
    entry.authors = split_names(dblp.group("who")) or []
    said = re.sub(r"\s+\d+(?:\(\d+\))?\s*:.*$", "", dblp.group("venue")).strip(" .,")
    venue = match_venue(YEAR.sub(" ", said).strip(" .,")) if said else None
    return Reading(
        dblp.group("title").rstrip("."), venue, int(dblp.group("year") or dblp.group("late"))
    )


def apa_reading(apa: re.Match[str], entry: Entry) -> Reading:
    """``Kwon, W., Li, Z., & Stoica, I. (2023). Title. Venue``: every name a family name and
    dotted initials."""
    pairs = re.findall(r"\b([A-Z][\w'’-]+),\s([A-Z]\.(?:[\s-]?[A-Z]\.)*)", apa.group("who"))
    entry.authors = [f"{given.strip()} {family}" for family, given in pairs]
    # "In GRADES (p. 2:1-2:6).": the venue without its pages
    said = re.sub(r"\s*\((?:pp?\.|vol\.?)[^()]*\)\s*\.?\s*$", "", apa.group("venue")).strip(" .")
    return Reading(apa.group("title"), match_venue(said), int(apa.group("year")))
