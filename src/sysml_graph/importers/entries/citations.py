"""Citations after, before or around a title: authors, venue and year."""

from __future__ import annotations

import itertools
import re

from pylatexenc.latex2text import LatexNodes2Text

from ..markdown_list import Link
from ..venues import VenueMatch, match_venue
from .links import is_label
from .names import NAME, ORG, author_line, last_first, person_like, split_names
from .record import Entry, clean_title
from .vocabulary import MONTH, VENUE_WORDS, YEAR, is_acronym, year_in


def known_field(key: str, value: str) -> bool:
    """Whether ``Key: value`` under an entry is one of the fields lists label (authors,
    venue, year, a link given as an address, a summary), not "arXiv: Distributed, … (2019)".

    >>> known_field("link", "https://arxiv.org/abs/1"), known_field("arxiv", "Distributed")
    (True, False)
    """
    if re.fullmatch(r"link|paper|pdf|url|arxiv", key):
        return re.fullmatch(r"https?://\S+", value) is not None
    return bool(
        re.fullmatch(
            r"authors?|by|pub(?:lished)?(?: in)?|venue|conference|journal|publication|year|date|"
            r"summary|abstract|tl;? ?dr|notes?|description|comments?|highlights?|keywords?|"
            r"[^\x00-\x7f]+",
            key,
        )
    )


def quote_opens_title(before: str) -> bool:
    """Whether a quotation is a citation's title: it opens the entry or follows the end of a
    citation's part ("Sze, Vivienne, … Emer. "Title."", "(Category) "Title""), not a word of
    a title that quotes ("Decoupling “when to sample” from …")."""
    if re.search(r":\s*$", before) and len(before.split()) <= 8:
        return True  # "**DeiT**: "Title", ICML, 2021", "On-device Agent: "Title""
    return not before.strip() or "," in before or re.search(r"[.;)]\s*$", before) is not None


def italic_tail(title: str, text: str, emphasis: list[str], entry: Entry) -> str:
    """``title`` without the italics that end the entry ("Title <br>*A, B, et al.*"); when
    they are people's names, they are the entry's authors (an affiliation is not)."""
    for em in emphasis:
        e = em.strip()
        if e and title.endswith(e) and len(title) > len(e):
            title = title[: -len(e)].strip()
        if e and text.rstrip().endswith(e):
            names = split_names(re.sub(r",?\s*et al\.?$", "", e))
            if names:
                entry.authors, entry.et_al = names, bool(re.search(r"et al\.?$", e))
    return title


def authors_before_link(text: str, links: list[Link]) -> tuple[list[str], bool, Link] | None:
    """``A, B, C .[Title](url) [J]. Venue`` and ``Zhao L, Wang Q, et al. [Title](url)``: a
    citation whose title is a link after its authors; the authors, et al., and the link.

    >>> title = Link("Gradient Sparsification", "https://arxiv.org/pdf/1910.10929")
    >>> who, more, link = authors_before_link(
    ...     "Yan Z, Li Q, et al. Gradient Sparsification[J]. arXiv", [title]
    ... )
    >>> who, more, link.text
    (['Yan Z', 'Li Q'], True, 'Gradient Sparsification')
    >>> authors_before_link("Read this: Title", [Link("Title", "u")]) is None
    True
    >>> authors_before_link("Integrated Gradients, Did It Work", [Link("Did It Work", "u")])
    """
    link = next((lk for lk in links if len(lk.text.split()) >= 2 and not is_label(lk)), None)
    at = text.find(link.text) if link is not None else -1
    if link is None or at <= 0:
        return None
    before = re.sub(r"^\s*(?:[\[【][^\[\]【】]{1,40}[\]】]\s*)+", "", text[:at])  # "[NN][MA]"
    before = re.sub(r"\s*\(\(.*\)$", "", before.strip().rstrip(" .:"))  # "A (1) ((1) Univ)"
    before = re.sub(r"\s*\(\d\)", "", before)
    before = re.sub(r"\(\s*(?:19|20)\d{2}[a-z]?\s*\)\.?\s*$", "", before.strip()).strip(" .")
    found = author_line(before) if before else None
    if not found:
        return None
    if len(found[0]) == 1 and not found[1] and text[:at].rstrip()[-1:] in (",", ":"):
        return None  # "Guided Backpropagation, [Title](url), ICLR 2015": a method's name
    return found[0], found[1], link


# A labelled line under an entry: "Authors: …", "Pub: …", "Link: …", "摘要: …".
FIELD = re.compile(r"([A-Za-z][A-Za-z ;./-]{0,24}?|[^\x00-\x7f]{1,6})\s*(?::\s+|\uff1a\s*)(.*)$")


# Family names first, each "Family, Given", ended by "et al." or a full stop: "Pham, Hieu
# et al.", "Cun, Xiaodong & Pun, Chi-Man." (one name alone ends the same way).
_INVERTED_NAME = r"[A-ZÀ-ÝĀ-ſ][\w'’-]+, [A-ZÀ-ÝĀ-ſ][\w'’-]*(?: [A-ZÀ-ÝĀ-ſ][\w'’-]*){0,2}"
INVERTED = re.compile(
    rf"(?P<who>{_INVERTED_NAME}(?:\s*(?:&|and|;)\s*{_INVERTED_NAME}){{0,20}})"
    r"(?P<end>\s*,?\s*et al\.?|\.|$)\s*(?P<rest>.*)$"
)
# Chicago's first author, inverted: "Singh, Sameer, ", "Murray, Kenton W., "
CHICAGO_FIRST = re.compile(
    r"([A-ZÀ-Ý][\w'’-]+), ((?:[A-ZÀ-Ý][\w'’-]+)(?: [A-Z]\.| [A-ZÀ-Ý][\w'’-]+){0,2}),"
    r"\s+(?=and\s|[A-ZÀ-Ý])"
)


def _full_name(text: str) -> bool:
    """A person's name of two words or more ("Marco Tulio Ribeiro", not "Kornblith", "ACM
    Computing Surveys" or "Hinton. NeurIPS")."""
    return (
        bool(NAME.match(text))
        and len(text.split()) >= 2
        and person_like(text)
        and not VENUE_WORDS.search(text)
        and not re.search(r"[a-z]{2}\.\s", text)
    )


def is_known_venue(text: str) -> bool:
    venue = match_venue(text)
    return venue is not None and venue.known


# BibTeX's "Kim, Young Geun and Wu, Carole-Jean": two inverted names or more, and nothing else
BIBTEX_NAMES = re.compile(rf"{_INVERTED_NAME}(?:\s+and\s+{_INVERTED_NAME})+")


def trailing_citation(tail: str) -> tuple[list[str], bool, str, int | None]:
    """What follows a linked title: ``- A, B and C, Venue, 2018``, ``, A, B, 2017`` or
    ``. A, B. Venue, February 2025``: (authors, et al., venue text, year).

    >>> trailing_citation(" - Zheng Wang and Michael O'Boyle, Proceedings of the IEEE, 2018")
    (['Zheng Wang', "Michael O'Boyle"], False, 'Proceedings of the IEEE', 2018)
    >>> trailing_citation(", L.K. Hansen, P. Salamon, 1990")
    (['L.K. Hansen', 'P. Salamon'], False, '', 1990)
    >>> trailing_citation(". Shulai Zhang, Xin Liu. arXiv, February 2025.")
    (['Shulai Zhang', 'Xin Liu'], False, 'arXiv', 2025)
    >>> trailing_citation(" - Luigi Nardi, Saman Amarasinghe. ASPLOS, 2021")
    (['Luigi Nardi', 'Saman Amarasinghe'], False, 'ASPLOS', 2021)
    >>> trailing_citation(" - Barry Porter, and Zheng Wang. Middleware 2017.")
    (['Barry Porter', 'Zheng Wang'], False, 'Middleware', 2017)
    >>> trailing_citation(", Philip H. S. Torr and Puneet K. Dokania. Computer Vision, 2020.")
    (['Philip H. S. Torr', 'Puneet K. Dokania'], False, 'Computer Vision', 2020)
    >>> trailing_citation(". Pham, Hieu et al. ICML 2020")
    (['Hieu Pham'], True, 'ICML', 2020)
    >>> trailing_citation(", Yen-Chen et al. IROS 2021")
    (['Yen-Chen'], True, 'IROS', 2021)
    """
    text = tail.strip().lstrip("-–—,.:; ").strip()
    if "\\" in text:  # LaTeX in a name ("Thomas K{\\"o}hler")
        text = LatexNodes2Text().latex_to_text(text)
    year = None
    paren_venue = ""
    closing = re.search(r"\s*\(([^()]*?)[,\s]*((?:19|20)\d{2})\)\s*[.,]?\s*$", text)
    if closing:  # "A, B (SOSP 2023)"
        paren_venue, year = closing.group(1).strip(" ,'’"), int(closing.group(2))
        text = text[: closing.start()]
    # A month may precede the year ("May 2023"); any other word ("MLSys 2020") is not one.
    m = re.search(
        rf"[,.(]?\s*(?:{MONTH}\.?\s+)?((?:19|20)\d{{2}})(?:\.(?:0[1-9]|1[0-2]))?\s*\)?\s*[.,]?\s*$",
        text,
    )
    if m and year is None:
        year = int(m.group(1))
        text = text[: m.start()].strip(" ,.")
    text = re.sub(r"(?<=[A-Za-z][a-z])\.\s*$", "", text)  # the closing dot, not an initial's
    first: list[str] = []
    chicago = CHICAGO_FIRST.match(text)
    rest = re.sub(r"^(?:and|&)\s+", "", text[chicago.end() :]) if chicago else ""
    second = re.split(r",\s*|\s+and\s+|\s*\(|\.\s", rest)[0].strip(" .")
    if chicago and re.search(r",\s+and\s+", text) and _full_name(second):
        # "Singh, Sameer, Marco Tulio Ribeiro, and Carlos Guestrin, NIPS": Chicago, the first
        # author inverted, the others not ("Müller, Rafael, Kornblith, and Hinton" is not)
        first, text = [f"{chicago.group(2).strip()} {chicago.group(1)}"], rest
    inverted = INVERTED.match(text) if not first else None
    if inverted and not inverted.group("end") and not BIBTEX_NAMES.fullmatch(text):
        inverted = None  # "Zhang, Xin Liu" alone may be two people
    if inverted:  # "Pham, Hieu et al. ICML", "Cun, Xiaodong & Pun, Chi-Man. TIP"
        names = re.split(r"\s*(?:&|\band\b|;)\s*", inverted.group("who"))
        given_first = [" ".join(reversed(n.split(", ", 1))) for n in names]
        return (
            given_first,
            "et al" in inverted.group("end"),
            inverted.group("rest").strip(" ."),
            year,
        )
    et_al = bool(re.search(r"\bet al\.?", text))
    lone = re.match(r"([A-ZÀ-Ý][\w'’-]+),?\s*et al\b", text)  # "Wang et al., arXiv 2023"
    text = re.sub(r",?\s*et al\.?\s*(?=[^\s,.])", ", ", text)  # "Yen-Chen et al. IROS"
    text = re.sub(r",?\s*et al\.?", "", text)
    # Each part with where it starts: a venue is the text from its start on, commas and
    # "and"s included ("Machine Learning and Systems").
    # "A, B and C", "A & B", "A, B · SOSP 2023"
    parts_at = r"\s*[·•]\s*|,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+"
    starts = [0] + [m.end() for m in re.finditer(parts_at, text)]
    ends = [m.start() for m in re.finditer(parts_at, text)] + [len(text)]
    spans = [(text[a:b].strip(), a) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]
    parts = [p for p, _ in spans]
    authors: list[str] = list(first)
    venue = ""
    for i, part in enumerate(parts):
        name = re.sub(r"(?<=[a-z])\d+$|[*†‡]+$", "", part)  # footnote marks
        inside = re.fullmatch(r"(.+?[a-z])\s*\(\*?([^()]+?)\*?\)", name)
        if inside and _full_name(inside.group(1)) and is_known_venue(inside.group(2)):
            # "… and Baochun Li (*ICML 18*)": the venue in parentheses after the last name
            authors.append(inside.group(1))
            venue = inside.group(2)
            break
        # "Saman Amarasinghe. ASPLOS", "Chengyong Wu. PLDI": a venue glued after the last name
        # ("Zhuohan Li. In SOSP": the venue after "In"; "Zheng Wang. Middleware 2017": a
        # venue's one word, the part's last: "St. Amant" is a name)
        glued = re.match(
            r"(.+?[a-z])\s?(?:\.|\s[-–—])\s+"
            r"((?:In\b|[A-Z]\w*[A-Z]\w*|[Aa]r[Xx]iv|(?<=[A-Za-z]{3}\. )[A-Z][a-z]+$)\b.*)$",
            name,
        )
        if glued and NAME.match(glued.group(1)):
            authors.append(glued.group(1))
            venue = text[spans[i][1] + glued.start(2) :]
            break
        acronym = re.fullmatch(r"(.+?[a-z])\s+([A-Z][A-Za-z]*[A-Z])", name)
        if acronym and _full_name(acronym.group(1)) and is_known_venue(acronym.group(2)):
            # "Pushmeet Kohli ICLR 2017": the venue after the last name, no comma between
            authors.append(acronym.group(1))
            venue = text[spans[i][1] + acronym.start(2) :]
            break
        if re.match(r"[A-Z]{3,}\b", name):  # "ERCIM News", "IEEE Access": a venue's name
            venue = text[spans[i][1] :]
            break
        opened = re.match(r"In\s+(\S+)", name)
        if opened and (
            is_known_venue(opened.group(1)) or (i > 0 and is_acronym(opened.group(1)))
        ):  # "A, B, In SOSP, 2023", ". In SOSP, 2023": the venue after "In"
            venue = text[spans[i][1] :]
            break
        if i == 0 and lone and name == lone.group(1) and not is_known_venue(name):
            authors.append(name)  # ", _Wang et al._, arXiv 2023": the first author's surname
            continue
        # ("D O Hebb. Lawrence Erlbaum": a name, its full stop, then a publisher or venue)
        stopped = re.search(r"[A-Za-z]{2}[a-z]\.\s", name)
        if (
            NAME.match(name)
            and not stopped
            and not ORG.search(name)
            and not VENUE_WORDS.search(name)
        ):
            authors.append(name)
            continue
        # the full stop that ends the name, not an initial's ("Puneet K. Dokania. ECCV")
        stop = re.search(r"(?<=[^\s.]{2})\.\s", part)
        left = part[: stop.start()] if stop else part
        if stop and NAME.match(left) and not VENUE_WORDS.search(left):
            authors.append(left)
            venue = text[spans[i][1] + len(left) + 2 :]
        else:
            venue = text[spans[i][1] :]
        break
    venue = venue.strip(" .,")
    late = YEAR.search(venue) if year is None else None
    # (a remark or a link's label may close it: "ASPLOS 2020. [presentation](url)")
    if late and re.fullmatch(
        r"[.,]?\s*(?:\([^()]*\)|\[?[A-Za-z]+\]?)?\s*\.?\s*", venue[late.end() :]
    ):
        # "…, ICLR 2020. (Data and Code)": the year before a closing remark
        venue, year = venue[: late.start()].strip(" .,"), int(late.group(1))
    if venue.startswith("@"):
        venue = ""  # "[@IEEE](url) 🔒 / [@author](url)": where to read it, not where it appeared
    year = year or (year_in(venue) if re.search(r"['’]\s?\d{2}\s*$", venue) else None)
    return authors, et_al, (venue or paren_venue), year  # ("SOSP'23": its year too)


def plain_citation(text: str) -> tuple[str, list[str], bool, str, int | None] | None:
    """``Title. A, B, C. Venue 2023.`` in plain text: (title, authors, et al., venue text,
    year), or None when no sentence after the first names people.

    >>> plain_citation("Memory Management for LLM Serving. Woosuk Kwon, Ion Stoica. SOSP 2023.")
    ('Memory Management for LLM Serving', ['Woosuk Kwon', 'Ion Stoica'], False, 'SOSP', 2023)
    >>> plain_citation("Is Attention Needed? A Study of Transformers") is None
    True
    """
    # A title ends within its first few sentences or commas; looking further would make a
    # long line cost the square of its length.
    boundaries = re.finditer(r"(?:(?<=[a-z0-9)?!])[.?!]|,|\s[-–—])\s+(?=[A-ZÀ-ÝĀ-ſ])", text)
    for m in itertools.islice(boundaries, 8):
        title, tail = text[: m.start()].strip(), text[m.end() :]
        if len(title.split()) < 3:
            continue
        cited, more, venue_text, year = trailing_citation(". " + tail)
        if not cited or last_first(title) or any(not person_like(c) for c in cited):
            continue  # "Saha, Swapnil Sayan, …" is no title; "Edge Devices" is no author
        if m.group(0).strip() in ".?!":
            # the names end the sentence: the rest is the venue, or nothing
            if venue_text or year or re.fullmatch(r"[^.]*\.?\s*", tail):
                return clean_title(title), cited, more, venue_text, year
        elif (
            (venue_text or year)
            and (len(cited) >= 2 or more)  # ("Title for Accurate, Long Range Localization")
            and all(len(c.split()) >= 2 for c in cited)
            and "," not in title  # "Saha, Swapnil Sayan", "A Zheng, Erihe": names, no title
        ):
            # "Title, A, B, SOSP, 2023", "Title — A, B — SOSP 2023": full names, then more
            return clean_title(title), cited, more, venue_text, year
    return None


def paren_citation(said: str, entry: Entry) -> tuple[VenueMatch | None, int | None]:
    """The venue and year of ``(Hongxu Ma & Guang Li et al., ECCV 2024)`` or ``(ICML
    2023)`` after a title; its names, when they are people's, become the entry's authors."""
    year = year_in(said)
    venue = match_venue(said)
    venue = venue if venue is not None and venue.known else None
    # "(Woosuk Kwon, Zhuohan Li; SOSP 2023)": a semicolon before the venue, as a comma
    cited, more, venue_text, _ = trailing_citation(", " + said.replace(";", ","))
    if cited and all(person_like(c) for c in cited):
        entry.authors, entry.et_al = cited, more
        v = match_venue(venue_text) if venue_text else None
        venue = venue or (v if v is not None and (v.known or is_acronym(venue_text)) else None)
    return venue, year
