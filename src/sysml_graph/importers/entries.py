"""Recognise what a markdown block says: a paper (title, venue, year, links, authors),
software, or something to skip (course, blog, video, talk, heading, table of contents).

Entry styles seen in the field's lists, each handled below:

- ``1. **Title** OSDI 2018`` with an italic author paragraph and ``Code: url``;
- ``- 2016-ICLR-[Title](url) [[Code](url)]`` and ``- 2016.06-[Title](url)`` (preprints);
- ``1. [Title](url) [Venue 'YY, Org]`` and venue-first ``[OSDI'22] [Title](url)``;
- citations ``Author, et al. "Title." VENUE. YEAR.``;
- ``- Title [[Paper]](url) [[GitHub]](url)`` with sub-bullets for authors and venue;
- ``#### Title [Venue 'YY]`` headings; markdown tables with title/venue/year columns;
- venue and year given only by headings (``### OSDI`` / ``#### 2018``, ``### ATC 2020``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from pylatexenc.latex2text import LatexNodes2Text

from ..corpus.rules import AFFILIATION, NOT_A_PAPER
from .markdown_list import Block, Inline, Link
from .venues import VenueMatch, match_venue, registry

YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20[0-3])\d)(?!\d|\.\d)")

# A date "2024.01": a year and a month, never an arXiv id ("2004.06567").
DATE = re.compile(r"(?<![\d.:/])((?:19|20)\d{2})\.(?:0[1-9]|1[0-2])(?!\d)")

SHORT_YEAR = re.compile(r"['’‘`]\s?(\d{2})(?!\d)")

PAPER_LABELS = re.compile(
    r"^\[?(paper|pdf|pub|arxiv|acm|ieee|usenix|doi|proceedings|openreview|link|"
    r"mit short paper|extended version|journal version)\]?$",
    re.I,
)

CODE_LABELS = re.compile(r"^\[?(github|code|repo|source|source code|[\w ]*code)\]?$", re.I)

OTHER_LABELS = re.compile(
    r"^\[?(slides?|videos?|blog|website|course|tutorial|talk|advice|docs?|project|program|"
    r"(?:online |e-?)?books?|"
    r"all papers|workshop|homepage|news|notes?|summary|post|podcast|demo)\]?$",
    re.I,
)

# A video's page: an entry whose page it is is a talk or a tutorial, whatever venue it names.
VIDEO_HOSTS = r"youtube\.com|youtu\.be|vimeo\.com|bilibili\.com"
VIDEO_LINK = re.compile(VIDEO_HOSTS, re.I)

# A link to a blog post, a news story or a video: with no venue, the entry is no paper.
BLOG_LINK = re.compile(
    VIDEO_HOSTS + r"|medium\.com|towardsdatascience\.com|substack\.com|blogspot\.|"
    r"wordpress\.com|://blog\.|://news\.|/blog/|/news/|/20\d\d/\d\d/\d\d/",
    re.I,
)

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co/spaces")

NOT_PAPER_SECTIONS = re.compile(
    r"\b(courses?|videos?|blogs?|tutorials?|talks?|lectures?|podcasts?|tools?|librar(y|ies)|"
    r"frameworks?|projects?|repos?|repositories|websites?|people|slides|engines?|"
    r"resources|drivers?|demos?|related|books?|contributing|license|contents|conference|"
    r"workshops|competitions?|challenges?|white ?papers?)\b",
    re.I,
)

# A section that names papers ("Papers", "Mobile-Related Use-cases > Papers"), not white papers.
PAPERS_SECTION = re.compile(r"(?<!white )\bpapers?\b", re.I)

# A talk named on its entry's line ("Jeff Dean: "…" Keynote - Velocity 2014").
TALK = re.compile(r"\bkeynote\b|\binvited talk\b", re.I)

NOT_PAPER_TITLE = re.compile(
    r"^\d{4}-\S+ (tutorial|workshop)\b|^\d+(st|nd|rd|th)-\d{4}|^awesome\b|\bworkshop on\b"
    r"|^[\w-]+ workshop \(|\btutorial$",
    re.I,
)

NOT_PAPER_VENUE = re.compile(r"\b(talks?|repo|book|blog|slides?|video|tutorial|keynote)\b", re.I)

ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")


@dataclass
class Entry:
    """What one block of a list says, before it becomes a record."""

    line: int
    kind: str  # "paper", "software", "skip"
    reason: str = ""
    title: str = ""
    venue: VenueMatch | None = None
    year: int | None = None
    url: str | None = None
    code: str | None = None
    arxiv: str | None = None
    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    topics: list[str] = field(default_factory=list)
    doi: str | None = None
    pages: str | None = None
    book: bool = False  # a book, not a paper (BibTeX @book)
    publisher: str | None = None


def clean_title(text: str) -> str:
    """A title as the list writes it, without markdown leftovers.

    >>> clean_title(' "Ray: A Distributed Framework for Emerging {AI} Applications." ')
    'Ray: A Distributed Framework for Emerging AI Applications'
    """
    t = text.replace("{", "").replace("}", "").replace("\\", "")
    t = re.sub(r"\s+", " ", t).strip().rstrip(" .,;:")
    # Quotes around the whole title go; quotes inside it ("Why Should I Trust You?": …) stay.
    m = re.fullmatch(r"[\"“”'‘’]([^\"“”]*)[\"“”'‘’]", t)
    if m:
        t = m.group(1)
    return t.strip().rstrip(" .,;:")


def strip_decorations(title: str) -> tuple[str, list[str]]:
    """A title without what lists decorate it with: leading emoji and marks, a leading tag in
    brackets (``[MP: ZeRO] DeepSpeed-ZeRO: …``), a trailing affiliation ``(@Microsoft)``, a
    trailing ``|``; the tags are returned, to keep as evidence.

    >>> strip_decorations("🔥🔥[MP: ZeRO] DeepSpeed-ZeRO: Memory Optimizations(@microsoft.com)")
    ('DeepSpeed-ZeRO: Memory Optimizations', ['MP: ZeRO', 'microsoft.com'])
    >>> strip_decorations("HyperSched: Model Development on a Deadline (UC Berkerley)")
    ('HyperSched: Model Development on a Deadline', ['UC Berkerley'])
    >>> strip_decorations("[AMC] AutoML for Model Compression |")
    ('AutoML for Model Compression', ['AMC'])
    >>> strip_decorations("[Long Title In Brackets Only]")
    ('[Long Title In Brackets Only]', [])
    """
    tags: list[str] = []
    # GitHub's ":fire:" emoji (its closing colon may have gone with the title's punctuation)
    t = re.sub(r"\s*:[a-z0-9_+-]+:(?=\s|$)|\s+:[a-z0-9_+-]+$", " ", title).strip()
    t = re.sub(r"^[^\w\[\]\"“'‘(]+", "", t).strip()
    m = re.match(r"\[([^\[\]]{1,80})\]\s*[:\-–—]?\s*(?=\S+\s+\S)", t)
    if m:
        tags.append(m.group(1).strip())
        t = t[m.end() :]
    affiliation = AFFILIATION.search(t)
    if affiliation:
        tags.append(affiliation.group(0).strip(" （()@"))
        t = t[: affiliation.start()]
    return t.strip().rstrip(" |").strip(), tags


def _date_year(text: str) -> int | None:
    """The year of a date cell: ``2019.10``, ``2023-05``, ``2024/01``, or a plain year."""
    m = re.match(r"\s*((?:19|20)\d{2})(?:[.\-/](?:0?[1-9]|1[0-2])\b|\s*$)", text)
    return int(m.group(1)) if m else year_in(text)


def year_in(text: str) -> int | None:
    """A year written in full or as 'YY.

    >>> year_in("MobiSys '17"), year_in("[SenSys ’16]"), year_in("ASPLOS 20189"), year_in("x")
    (2017, 2016, None, None)
    >>> year_in("[pdf], 2024.01."), year_in("arXiv:2004.06567")
    (2024, None)
    """
    m = YEAR.search(text) or DATE.search(text)
    if m:
        return int(m.group(1))
    m = SHORT_YEAR.search(text) or VENUE_SHORT_YEAR.search(text)
    if m:
        yy = int(m.group(1))
        return 2000 + yy if yy <= 40 else 1900 + yy
    return None


# "NIPS 18", "ICML 17": a two-digit year right after a venue's acronym.
VENUE_SHORT_YEAR = re.compile(
    r"\b(?:NIPS|NeurIPS|ICML|ICLR|CVPR|ICCV|ECCV|OSDI|SOSP|NSDI|ATC|"
    r"MLSys|SysML|AAAI|KDD|ISCA|MICRO|HPCA|ASPLOS|MobiSys|MobiCom|"
    r"SenSys|EuroSys|SoCC|SIGCOMM|OpML)\s(\d{2})\b"
)


def _host(href: str, hosts: tuple[str, ...]) -> bool:
    return any(h in href.lower() for h in hosts)


def _classify_links(links: list[Link]) -> tuple[str | None, str | None, bool]:
    """(paper page, code repository, has only non-paper labels) from an entry's links."""
    url = code = None
    other = False
    for link in links:
        label, href = link.text.strip(), link.href
        if not href.startswith(("http://", "https://")):
            continue
        if PAPER_LABELS.match(label):
            url = url or href
        elif CODE_LABELS.match(label):
            if _host(href, CODE_HOSTS):
                code = code or href
            else:  # a "GitHub" link to a conference page is the paper's page
                url = url or href
        elif OTHER_LABELS.match(label):
            other = True
        elif _host(href, CODE_HOSTS) and not _host(href, (".pdf", "github.io")):
            code = code or href
        else:
            url = url or href
    return url, code, other and url is None


def _venue_tag(strong: str) -> bool:
    """Whether a bold ``[tag]`` names a venue or a year ("[MobiCom'24]", "[Arxiv'25]")."""
    venue, year, _ = _tag(strong.strip().strip("[]"))
    return year is not None or (venue is not None and venue.known)


def _venue_year_tag(text: str) -> bool:
    """Whether a short text is a known venue with its year, and nothing else ("SOSP 2023")."""
    venue, year, _ = _tag(text)
    rest = YEAR.sub("", SHORT_YEAR.sub("", text)).strip(" '’")
    return venue is not None and venue.known and year is not None and len(rest.split()) <= 2


def _known_field(key: str, value: str) -> bool:
    """Whether ``Key: value`` under an entry is one of the fields lists label (authors,
    venue, year, a link given as an address, a summary), not "arXiv: Distributed, … (2019)".

    >>> _known_field("link", "https://arxiv.org/abs/1"), _known_field("arxiv", "Distributed")
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


def _quote_opens_title(before: str) -> bool:
    """Whether a quotation is a citation's title: it opens the entry or follows the end of a
    citation's part ("Sze, Vivienne, … Emer. "Title."", "(Category) "Title""), not a word of
    a title that quotes ("Decoupling “when to sample” from …")."""
    return not before.strip() or "," in before or re.search(r"[.;)]\s*$", before) is not None


def _in_italics(cited: list[str], italics: str) -> list[str]:
    """The authors of a citation whose names are in italics: the names end where the italics
    do ("*A, B* <br> **SOSP 2023**" gives "B", not "B SOSP").

    >>> _in_italics(["Ann Lee", "Bo Chen SOSP"], "Ann Lee, Bo Chen")
    ['Ann Lee', 'Bo Chen']
    """
    named = split_names(re.sub(r",?\s*et al\.?$", "", italics))
    return named if named and len(named) == len(cited) else cited


def _italic_tail(title: str, text: str, emphasis: list[str], entry: Entry) -> str:
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


def _blog_only(url: str | None, links: list[Link], entry: Entry, prefix: object) -> bool:
    """An entry whose page is a blog post, news story or video, that no link labels a paper,
    with no authors and not in a list of dated papers ("2017.11-[Title](…)")."""
    labelled = any(PAPER_LABELS.match(lk.text.strip()) for lk in links)
    return bool(url and BLOG_LINK.search(url)) and not (labelled or entry.authors or prefix)


def _tag(text: str) -> tuple[VenueMatch | None, int | None, bool]:
    """A ``[Venue 'YY, Org]`` tag: its venue, year, and whether it names a non-paper."""
    year = year_in(text)
    head = text.split(",")[0]
    if NOT_PAPER_VENUE.search(head):
        return None, year, True
    return match_venue(head), year, False


def _published_as(tagged: VenueMatch, cited: VenueMatch) -> bool:
    """Whether a list's tag ("[ICLR]") names where a paper cited as a preprint appeared."""
    return tagged.known and cited.id == "arxiv" and registry()[tagged.id].kind != "journal"


# An acronym as venues are written ("SIGIR", "IVUS", "MobiSys"): two capitals at least;
# bounded, so that a long run of capitals is read in linear time.
ACRONYM = r"[A-Z][A-Za-z]{0,15}[A-Z][A-Za-z\d]{0,15}"


def is_acronym(text: str) -> bool:
    """Whether ``text`` is an acronym alone.

    >>> is_acronym("SIGIR"), is_acronym(" IVUS "), is_acronym("Survey"), is_acronym("A" * 40)
    (True, True, False, False)
    """
    return re.fullmatch(ACRONYM, text.strip()) is not None


def _without_leading_symbols(text: str) -> str:
    """The text without the emoji and marks lists put before an entry ("📄 ", "⭐ ")."""
    i = 0
    while i < len(text) and (unicodedata.category(text[i]) == "So" or text[i] in "\ufe0f\u200d "):
        i += 1
    return text[i:]


def _leading_tag(raw: str, text: str) -> tuple[VenueMatch | None, int | None, str]:
    """A tag in parentheses or code before the title that names a venue or a year:
    (venue, year, the text without it); a category in parentheses is left in place.

    >>> v, y, rest = _leading_tag("`SOSP 2023` [Title](u)", "SOSP 2023 Title")
    >>> v.acronym, y, rest
    ('SOSP', 2023, 'Title')
    >>> _leading_tag("(DNN Models) Sze, Vivienne", "(DNN Models) Sze, Vivienne")[2]
    '(DNN Models) Sze, Vivienne'
    """
    lead = re.match(r"\s*(?:`([^`]{2,40})`|\(([^()]{2,40})\)|\[([^\[\]]{2,80})\](?![(\[]))", raw)
    if lead is None:
        return None, None, text
    said = (lead.group(1) or lead.group(2) or lead.group(3)).strip("*_ ")  # "[**TCAD 2023**]"
    venue, year, _ = _tag(said)
    shown = lead.group(1) or (f"({said})" if lead.group(2) else f"[{said}]")
    if (year is None and (venue is None or not venue.known)) or not text.startswith(shown):
        return None, None, text
    if (
        venue is not None
        and not venue.known
        and not is_acronym(said.split()[0])
        and not VENUE_WORDS.search(said)  # "[Foundations and Trends in Machine Learning 2021]"
    ):
        venue = None  # "(Preprint 2020)" names a year; only an acronym is an unknown venue
    return venue, year, text[len(shown) :].lstrip(" :-–—")


def _badge_venue(label: str) -> tuple[VenueMatch | None, int | None]:
    """A shields.io badge that names a venue: "ICML2024", "ACL2024--findings", "Arxiv",
    "IVUS2024"; a badge naming anything else ("SpS", "Technical Report") gives nothing.

    >>> [v.acronym if v else None for v, _ in map(_badge_venue, ["ACL2024--findings", "SpS"])]
    ['ACL', None]
    >>> _badge_venue("IVUS2024")[1], _badge_venue("Technical Report")
    (2024, (None, None))
    """
    label = label.replace("--", "-")  # shields.io writes a dash as "--"
    year = year_in(label)
    name = re.split(r"[\s\-_:'’]+|(?=(?:19|20)\d{2})", label.strip(), maxsplit=1)[0]
    venue = match_venue(name) if name else None
    if venue is None or venue.known:
        return venue, year if venue else None
    # an unknown name only as an acronym with a year ("IVUS2024"), never a word ("Survey")
    if year is not None and is_acronym(name):
        return venue, year
    return None, None


def _cited_venue(tail: str) -> tuple[VenueMatch | None, int | None]:
    """The venue and year of a citation's tail after its title: ``[J]. IEEE Transactions on
    X, 2019, 15: 1486-1500``, ``[C]//Proceedings of …. 2015: 1-8``, ``. In Venue (Vol. 1)``.

    >>> v, y = _cited_venue("[J]. ACM Computing Surveys (CSUR), 2018, 51(3): 1-38.")
    >>> v.acronym, y
    ('CSUR', 2018)
    >>> v, y = _cited_venue("[J]. arXiv preprint arXiv:2004.06567, 2020.")
    >>> v.acronym, y
    ('arXiv', 2020)
    """
    t = re.sub(r"^\s*(?:\[[A-Z/]{1,5}\]\s*)?(?://)?[.,]?\s*", "", tail)  # GB/T 7714 "[J]."
    t = re.sub(r"^In:?\s+", "", t).split("[")[0]
    year = year_in(t)
    said = re.split(
        r",\s*(?:19|20)\d{2}|\.\s*(?:19|20)\d{2}|,\s*\d+\s*[:(]|,\s*(?:vol|pp|pages)\b|\s\(",
        t,
        maxsplit=1,
    )[0].strip(" .,")
    venue = match_venue(said) if said else None
    if venue is not None and not venue.known and not VENUE_WORDS.search(said):
        venue = None  # "Baseline", a phrase, is no venue; an unknown journal's name is one
    return venue, year


def _authors_before_link(text: str, links: list[Link]) -> tuple[list[str], bool, Link] | None:
    """``A, B, C .[Title](url) [J]. Venue`` and ``Zhao L, Wang Q, et al. [Title](url)``: a
    citation whose title is a link after its authors; the authors, et al., and the link.

    >>> title = Link("Gradient Sparsification", "https://arxiv.org/pdf/1910.10929")
    >>> who, more, link = _authors_before_link(
    ...     "Yan Z, Li Q, et al. Gradient Sparsification[J]. arXiv", [title]
    ... )
    >>> who, more, link.text
    (['Yan Z', 'Li Q'], True, 'Gradient Sparsification')
    >>> _authors_before_link("Read this: Title", [Link("Title", "u")]) is None
    True
    """
    link = next((lk for lk in links if len(lk.text.split()) >= 2 and not _is_label(lk)), None)
    at = text.find(link.text) if link is not None else -1
    if link is None or at <= 0:
        return None
    before = re.sub(r"^\s*(?:[\[【][^\[\]【】]{1,40}[\]】]\s*)+", "", text[:at])  # "[NN][MA]"
    before = re.sub(r"\s*\(\(.*\)$", "", before.strip().rstrip(" ."))  # "A (1) ((1) Univ)"
    before = re.sub(r"\s*\(\d\)", "", before)
    before = re.sub(r"\(\s*(?:19|20)\d{2}[a-z]?\s*\)\.?\s*$", "", before.strip()).strip(" .")
    found = author_line(before) if before else None
    if not found:
        return None
    return found[0], found[1], link


# A labelled line under an entry: "Authors: …", "Pub: …", "Link: …", "摘要: …".
FIELD = re.compile(r"([A-Za-z][A-Za-z ;./-]{0,24}?|[^\x00-\x7f]{1,6})\s*(?::\s+|\uff1a\s*)(.*)$")

# A note under an entry that reads like one name but is none: an institution in capitals
# ("UC Berkeley", "UMich SymbioticLab", "ETH Zurich") or an award.
NOT_A_LONE_NAME = re.compile(r"\b[A-Z]{2,}|(?i:\b(?:award|prize|best|outstanding|honou?rable)\b)")

NAME = re.compile(
    r"^(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|(?:de|van|von|der|den|da|di|le|la|du|dos|del|bin)"
    r")(?:\s+(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|(?:de|van|von|der|den|da|di|le|la|las|los|du|dos|"
    # a nickname in parentheses, maybe glued to the next name: "Yingyan (Celine)Lin"
    r"del|della|bin|ul|al|el|ibn)|[A-Z]\.|\([A-ZÀ-ÝĀ-ſ][\w'’.-]*\)(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*)?)){1,4}$"
)

ORG = re.compile(
    r"\b(univ|university|institute|inc|corp|research|lab|labs|laboratory|college|"
    r"school|google|microsoft|facebook|meta|amazon|alibaba|nvidia|intel|ibm|baidu|"
    r"tencent|huawei|bytedance|academy|centre|center|tech|technologies|ltd|llc|"
    r"epfl|eth|mit|cmu|ucla|ucsd|kaist|unist|department|national|state|group)\b",
    re.I,
)


def split_names(text: str) -> list[str] | None:
    """Person names from an author line, or None when it is not clearly one.

    >>> split_names("Cedric Renggli, Saleh Ashkboos, Dan Alistarh, and Torsten Hoefler")
    ['Cedric Renggli', 'Saleh Ashkboos', 'Dan Alistarh', 'Torsten Hoefler']
    >>> split_names("Summary: this paper shows") is None
    True
    """
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip(" .*"))]
    parts = [p for p in parts if p]
    if not parts or any(not NAME.match(p) or ORG.search(p) for p in parts):
        return None
    return parts


def _last_first(text: str) -> tuple[list[str], bool] | None:
    """``Crankshaw, Daniel, et al.`` / ``Chard, R., Li, Z., and Foster, I.`` style."""
    et_al = bool(re.search(r"\bet al\.?|\betc\.?$", text))
    body = re.sub(r",?\s*(?:et al\.?|etc\.?$).*$", "", text).strip(" ,.")
    body = re.sub(r",?\s*\d{4}.*$", "", body).strip(" ,.")
    if not body:
        return None
    m = re.fullmatch(r"([A-Z][\w'’-]+), ([A-Z][\w'’-]+(?: [A-Z][\w'’.-]*)*)", body)
    if m and et_al:
        return [f"{m.group(2)} {m.group(1)}"], True
    # Initials "A." or "J. R." with a space only between two of them, so that a long list
    # that does not match fails in linear time instead of trying every split of the spaces.
    pairs = re.findall(r"(?:and )?\b([A-Z][\w'’-]+), ([A-Z]\.(?:\s?[A-Z]\.)*)", body)
    if len(pairs) >= 2 and re.fullmatch(
        r"(?:(?:and )?[A-Z][\w'’-]+, [A-Z]\.(?:\s?[A-Z]\.)*,?\s*)+", body + ","
    ):
        return [f"{first.strip()} {last}" for last, first in pairs], et_al
    chicago = _chicago(body)
    if chicago:
        return chicago, et_al
    names = split_names(body)
    if names:
        return names, et_al
    return None


_GIVEN = re.compile(r"[A-ZÀ-ÝĀ-ſ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|[A-Z]\.)){0,2}")
_SURNAME = re.compile(r"(?:(?:de|van|von|der|den|da|di|le|la|du|dos|del)\s+)*[A-ZÀ-ÝĀ-ſ][\w'’-]+")


def _chicago(body: str) -> list[str] | None:
    """``Sze, Vivienne, Yu-Hsin Chen, and Joel S. Emer``: the first author inverted, the
    others not (Chicago style); one inverted name alone is one author.

    >>> _chicago("Sze, Vivienne, Yu-Hsin Chen, Tien-Ju Yang, and Joel S. Emer")
    ['Vivienne Sze', 'Yu-Hsin Chen', 'Tien-Ju Yang', 'Joel S. Emer']
    >>> _chicago("Rodriguez, Andres"), _chicago("Deep Learning, Systems") is None
    (['Andres Rodriguez'], True)
    """
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", body) if p.strip()]
    if len(parts) < 2 or not _SURNAME.fullmatch(parts[0]) or not _GIVEN.fullmatch(parts[1]):
        return None
    rest = parts[2:]
    if any(not NAME.match(r) or ORG.search(r) or VENUE_WORDS.search(r) for r in rest):
        return None
    if not rest and len(parts[1].split()) > 1 and not re.search(r"[A-Z]\.", parts[1]):
        return None  # "Deep Learning, Systems Design": two phrases, not a name
    return [f"{parts[1]} {parts[0]}", *rest]


# Words of a venue, never of a person's name ("ACM Computing Surveys").
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

VENUE_WORDS = re.compile(
    r"\b(proceedings|conference|symposium|workshop|journal|transactions|letters|surveys?|"
    r"review|magazine|arxiv|preprint|computing|computer|systems|press|society|acm|ieee|"
    r"usenix|international|annual|advances|neural|learning|intelligence)\b",
    re.I,
)


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
    et_al = bool(re.search(r"\bet al\.?", text))
    text = re.sub(r",?\s*et al\.?", "", text)
    # Each part with where it starts: a venue is the text from its start on, commas and
    # "and"s included ("Machine Learning and Systems").
    parts_at = r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+"  # "A, B and C", "A & B"
    starts = [0] + [m.end() for m in re.finditer(parts_at, text)]
    ends = [m.start() for m in re.finditer(parts_at, text)] + [len(text)]
    spans = [(text[a:b].strip(), a) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]
    parts = [p for p, _ in spans]
    authors: list[str] = []
    venue = ""
    for i, part in enumerate(parts):
        name = re.sub(r"(?<=[a-z])\d+$|[*†‡]+$", "", part)  # footnote marks
        # "Saman Amarasinghe. ASPLOS", "Chengyong Wu. PLDI": a venue glued after the last name
        glued = re.match(
            r"(.+?[a-z])\s?(?:\.|\s[-–—])\s+((?:[A-Z]\w*[A-Z]\w*|[Aa]r[Xx]iv)\b.*)$", name
        )
        if glued and NAME.match(glued.group(1)):
            authors.append(glued.group(1))
            venue = text[spans[i][1] + glued.start(2) :]
            break
        if NAME.match(name) and not ORG.search(name) and not VENUE_WORDS.search(name):
            authors.append(name)
            continue
        left, dot, _ = part.partition(". ")
        if dot and NAME.match(left) and not VENUE_WORDS.search(left):
            authors.append(left)
            venue = text[spans[i][1] + len(left) + 2 :]
        else:
            venue = text[spans[i][1] :]
        break
    venue = venue.strip(" .,")
    late = YEAR.search(venue) if year is None else None
    if late and re.fullmatch(r"[.,]?\s*(?:\([^()]*\))?\s*\.?\s*", venue[late.end() :]):
        # "…, ICLR 2020. (Data and Code)": the year before a closing remark
        venue, year = venue[: late.start()].strip(" .,"), int(late.group(1))
    return authors, et_al, (venue or paren_venue), year


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
        if not cited or _last_first(title) or any(not _person_like(c) for c in cited):
            continue  # "Saha, Swapnil Sayan, …" is no title; "Edge Devices" is no author
        if m.group(0).strip() in ".?!":
            # the names end the sentence: the rest is the venue, or nothing
            if venue_text or year or re.fullmatch(r"[^.]*\.?\s*", tail):
                return clean_title(title), cited, more, venue_text, year
        elif (
            (venue_text or year)
            and all(len(c.split()) >= 2 for c in cited)
            and "," not in title  # "Saha, Swapnil Sayan", "A Zheng, Erihe": names, no title
        ):
            # "Title, A, B, SOSP, 2023", "Title — A, B — SOSP 2023": full names, then more
            return clean_title(title), cited, more, venue_text, year
    return None


# Words of titles and organisations that a person's name never holds.
NOT_NAME_WORDS = re.compile(
    r"\b(models?|devices?|networks?|language|data|blog|inference|efficient|large|deep|"
    r"training|serving|edge|survey|systems?|mellon|berkeley|stanford|tsinghua|peking|face|"
    r"openai|deepmind|apple|qualcomm|samsung)\b",
    re.I,
)


def _person_like(name: str) -> bool:
    """Whether a name read from free text can be a person's ("Ann Lee", not "Large Language
    Models", "Hugging Face Blog", "Carnegie Mellon", "UC Berkeley")."""
    return not (ORG.search(name) or NOT_A_LONE_NAME.search(name) or NOT_NAME_WORDS.search(name))


def author_line(text: str) -> tuple[list[str], bool] | None:
    """The authors a line under an entry, a table's Authors cell or a heading's next line
    names, with "et al."; None when it names none, or only one "name" that is a note
    ("UC Berkeley", "Carnegie Mellon", "Outstanding Paper Award").

    >>> author_line("Zhang B, Zeng H, et al."), author_line("UC Berkeley")
    ((['Zhang B', 'Zeng H'], True), None)
    """
    found = _last_first(text.strip(" ,."))
    if found and len(found[0]) == 1 and not _person_like(found[0][0]):
        return None
    return found


def venue_year_in(text: str) -> tuple[VenueMatch | None, int | None]:
    """A known venue written with its year somewhere in the text around a title
    (``| SOSP 2023 |``, ``, *SOSP 2023*,``, ``Kwon et al., SOSP 2023``).

    >>> v, y = venue_year_in(", Kwon et al., SOSP 2023")
    >>> v.acronym, y
    ('SOSP', 2023)
    >>> venue_year_in(" - used by 2019 teams")
    (None, None)
    """
    text = re.sub(rf"\b({ACRONYM}),\s+((?:19|20)\d{{2}})\b", r"\1 \2", text)  # "SOSP, 2023"
    for part in re.split(r"[|,;()\[\]]|\s[-–—]\s|\.\s", text):
        year = year_in(part)
        said = YEAR.sub(" ", SHORT_YEAR.sub(" ", part)).strip(" .'’")
        if year is None or not said or len(said.split()) > 8:
            continue
        venue = match_venue(said)
        if venue is not None and venue.known:
            return venue, year
    return None, None


class Context:
    """Venue and year given by headings (or a file name) for the entries under them."""

    def __init__(self, venue: VenueMatch | None = None, year: int | None = None) -> None:
        self.levels: list[tuple[int, VenueMatch | None, int | None]] = []
        self.file_venue, self.file_year = venue, year

    def heading(self, level: int, text: str, event: bool = False) -> None:
        """Enter a heading; ``event`` when it links to a programme or proceedings."""
        just_year = re.fullmatch(r"\s*(?:year\s+)?(\d{4})\b.*", text, re.I)
        year = int(just_year.group(1)) if just_year else year_in(text)
        venue = None if just_year else _heading_venue(text)
        enclosing = [v for lv, v, _ in self.levels if lv < level and v is not None]
        if venue is not None and year is None and not event and (enclosing or self.file_venue):
            venue = None  # "## TinyML" inside "# MLsys 2021" is a topic, not a venue
        while self.levels and self.levels[-1][0] >= level:
            popped = self.levels.pop()
            # "### 2019" at the level of "### ASPLOS" keeps ASPLOS (seen in real lists).
            if just_year and popped[0] == level and popped[1] is not None:
                venue = popped[1]
        self.levels.append((level, venue, year))

    @property
    def venue(self) -> VenueMatch | None:
        for _, v, _ in reversed(self.levels):
            if v is not None:
                return v
        return self.file_venue

    @property
    def year(self) -> int | None:
        for _, _, y in reversed(self.levels):
            if y is not None:
                return y
        return self.file_year


def _heading_venue(text: str) -> VenueMatch | None:
    """A heading that names a venue: ``OSDI``, ``ATC 2020 [Program]``, ``ML System in OSDI
    2020``; not ``Papers`` or ``Model Compression``."""
    plain = re.sub(r"\[.*?\]|\(.*?\)", "", text).strip()
    # "MLsys in Eurosys2021": the venue with the year is the event, the other a topic.
    for found in re.finditer(r"([A-Za-z][\w+-]*?)\s?['’]?((?:19|20)\d{2})\b", plain):
        v = match_venue(found.group(1))
        if v is not None and v.known:
            return v
    if plain.lower().startswith("awesome") or (len(plain.split()) > 3 and year_in(plain) is None):
        return None
    named = match_venue(plain)
    return named if named is not None and named.known else None


def read_entry(block: Block, ctx: Context) -> Entry:
    """Interpret one block, with the heading context it sits under."""
    head = block.head
    text, raw = head.text, head.raw
    topics = [s for s in block.sections if not re.fullmatch(r"\s*(year\s+)?\d{4}.*", s, re.I)]
    entry = Entry(line=block.line, kind="skip", topics=topics + head.badges)
    if block.kind == "heading":
        m = re.fullmatch(r"(.+?)\s*\[([^\[\]]*?(?:['’‘`]\s?\d{2}|\d{4})[^\[\]]*)\]\s*", text)
        if not m:
            return _linked_heading(block, entry)
        entry.title = clean_title(m.group(1))
        entry.venue, entry.year, not_paper = _tag(m.group(2))
        entry.kind = "skip" if not_paper else "paper"
        entry.reason = "talk, repo or book" if not_paper else ""
        return entry
    if block.kind == "row":
        return _read_row(block, entry)
    lines = [line for line in head.lines if line]
    if len(lines) > 1:
        # "Title <br> EMNLP 2023 [[Paper]](url)", "Title <br>*A, B*": the lines after a
        # break are read like the lines under an entry; the links stay the entry's own.
        text = lines[0]
        block = dataclasses.replace(
            block,
            details=[
                Inline(
                    line,
                    [lk for lk in head.links if lk.text and lk.text in line],
                    [x for x in head.strong if x in line],
                    [x for x in head.emphasis if x in line],
                    line,
                )
                for line in lines[1:]
            ]
            + block.details,
        )
    if (
        head.links
        and all(
            lk.href.startswith("#")
            or re.search(r"github\.com/[^/]+/[^/#]+(?:/tree/[^#]*)?/?#|/tree/", lk.href)
            for lk in head.links
        )
        and len(text.split()) <= 4
    ):
        entry.reason = "table of contents"  # "[Papers](#papers)": a link into the page
        return entry

    url, code, only_other = _classify_links(head.links + _detail_links(block))
    entry.url, entry.code = url, code
    venue: VenueMatch | None = None
    year: int | None = None
    # A leading "(SOSP 2023)" or "`SOSP 2023`" naming venue or year, and a system's name
    # before its linked title ("**vLLM**: [Title](url)"), are set aside: the title follows.
    text = _without_leading_symbols(text)
    lead_venue, lead_year, text = _leading_tag(_without_leading_symbols(raw), text)
    system = re.match(r"([\w.+'’-]{2,30}(?: [\w.+'’-]+){0,2})\s?(?::|\s[-–—])\s+", text)
    said_venue, said_year, _ = _tag(system.group(1)) if system else (None, None, False)
    link_text = head.links[0].text if head.links else ""
    if system and lead_year is None and said_year is not None and said_venue is not None:
        # "SOSP 2023: [Title](url)", "SOSP'23 - Title": a known venue and year before the
        # title ("LLM 2024:" or "NEW 2024:" name none)
        if said_venue.known:
            lead_venue, lead_year, text = said_venue, said_year, text[system.end() :]
    elif system and len(link_text.split()) >= 3 and text[system.end() :].startswith(link_text):
        entry.topics.append(system.group(1))
        text = text[system.end() :]
    title = ""
    rest = ""
    not_paper = False
    # A venue and year said anywhere around the title ("| SOSP 2023 |", "Kwon et al., SOSP
    # 2023"): they tell where a paper appeared, never that an entry is one ("- [vLLM](repo)
    # - a serving engine, SOSP 2023" stays software).
    said_late: tuple[VenueMatch | None, int | None] = (None, None)

    prefix = re.match(
        r"^\s*(\d{4})(\.\d{1,2})?-((?:[^\[\]\s-][^\[\]-]*-)*)\s*\[(.+?)\]\s*\(", raw, re.S
    )
    if prefix is None:  # "[2018-ECCV-Title](url)": the tag inside the link text
        prefix = re.match(
            r"^\s*\[(\d{4})(\.\d{1,2})?-((?:[A-Za-z][^\[\]\s-]*-)+)(.+?)\]\s*\(", raw, re.S
        )
    venue_first = re.match(
        r"^\s*\[([^\[\]]*?(?:['’‘`]\s?\d{2}|\d{4})[^\[\]]*)\]\s*\[(.+?)\]\(", raw
    )
    quoted = re.search(r'["“](.{8,}?)[.,]?["”]', text)
    # "Yu, P. and Chowdhury, M., 2019. Salus: Title. arXiv preprint arXiv:1902.04610."
    apa = re.match(
        r"^(?P<who>(?:[A-Z][\w'’-]+,\s[A-Z]\.(?:\s?[A-Z]\.)*\s?(?:,\s|(?:and|&)\s|,\s(?:and|&)\s)?)+),?"
        r"\s*\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?\.\s+"
        r"(?P<title>.+?)\.\s+(?P<venue>[^\[]+)",
        text,
    )
    tag_first = bool(head.strong) and (
        re.fullmatch(r"\[[^\[\]]+\]", head.strong[0].strip())
        or _venue_year_tag(head.strong[0])  # "**SOSP 2023** [Title](url)"
    )
    # "*Title*, A, B. Venue 2023": an italic title, unless the italics are names
    lead_em = (
        head.emphasis[0]
        if head.emphasis
        and not head.strong
        and text.startswith(head.emphasis[0])
        and len(head.emphasis[0].split()) >= 3
        and not split_names(head.emphasis[0])
        else ""
    )
    if (head.strong and text.startswith(head.strong[0]) and not tag_first) or lead_em:
        title = lead_em or head.strong[0]
        rest = text[len(title) :]
        year = year_in(rest)
        # "**Title** [[pdf]](url) [[code]](url) ICLR 2022": the venue around the link labels
        said = re.sub(r"\[[^\[\]]*\]", " ", YEAR.sub(" ", rest))
        venue = match_venue(said) if said.strip() else None
        if venue is not None and not venue.known:
            # an unknown name counts only as a lone acronym ("SIGIR 2022"), never a phrase
            lone = is_acronym(said)
            venue = venue if lone and year is not None else None
        if head.emphasis and rest.strip().startswith(head.emphasis[0].strip()):
            # "**Title.** *A, B.* Venue 2024": the authors in italics right after the title
            cited, more, venue_text, when = trailing_citation(re.sub(r"\[[^\[\]]*\]", " ", rest))
            if cited:
                entry.authors, entry.et_al = _in_italics(cited, head.emphasis[0]), more
                year = year or when
                venue = match_venue(venue_text) if venue_text else venue
        elif re.match(r"\s*(?:[-–—,]|\.\s+[A-Z])", rest):
            # "**Title**, A, B, SOSP 2023 [[pdf]](url)": a citation after the title
            cited, more, venue_text, when = trailing_citation(re.sub(r"\[[^\[\]]*\]", " ", rest))
            if cited:
                entry.authors, entry.et_al = cited, more
                year = year or when
                v = match_venue(venue_text) if venue_text else None
                venue = (
                    v if v is not None and (v.known or VENUE_WORDS.search(venue_text)) else venue
                )
    elif prefix:
        year = int(prefix.group(1))
        tokens = [t for t in prefix.group(3).split("-") if t.strip()]
        title = (
            prefix.group(4)
            if raw.lstrip().startswith("[") or not head.links
            else head.links[0].text
        )
        for i, token in enumerate(tokens):
            if re.fullmatch(r"book", token, re.I):
                not_paper = True
                break
            flagged = re.fullmatch(r"(.+?)([osbw])", token)
            named = match_venue(token)
            if (named is None or not named.known) and flagged:
                base = match_venue(flagged.group(1))
                if base is not None and base.known:
                    named = VenueMatch(base.id, base.acronym, True, flagged.group(2) == "w")
            if named is not None and (named.known or (i == 0 and prefix.group(2) is None)):
                venue = named
                break
    elif venue_first:
        venue, year, not_paper = _tag(venue_first.group(1))
        title = head.links[0].text if head.links else venue_first.group(2)
        after = text[text.find(title) + len(title) :] if title in text else ""
        paren = re.search(r"\(([^()]*?(?:19|20)\d{2})\)", after)
        if venue is None and paren:  # "[2024/07/08] [Title](url) (A & B et al., ECCV 2024)"
            venue, year = _paren_citation(paren.group(1), entry)
    elif tag_first and text.startswith(head.strong[0]) and _venue_tag(head.strong[0]):
        # "**[MobiCom '25]** Title <br>*A, B et al.*", "**[Arxiv'25]** [Title.](url) *Org*":
        # the bold tag gives venue and year; the title is the link, or the plain text up to
        # the italics after it (authors, or an affiliation, which is no author). A tag that
        # names no venue or year ("**[AMC]** Title") is the list's own label (below).
        venue, year, not_paper = _tag(head.strong[0].strip().strip("[]"))
        rest = text[len(head.strong[0]) :].strip()
        link = next((lk for lk in head.links if lk.text.strip()), None)
        title = link.text if link is not None and rest.startswith(link.text) else rest
        title = _italic_tail(title, rest, head.emphasis, entry)
    elif apa and not quoted:
        title, year = apa.group("title"), int(apa.group("year"))
        venue = match_venue(apa.group("venue"))
        # "Kwon, W., Li, Z., & Stoica, I.": every name a family name and dotted initials
        pairs = re.findall(r"\b([A-Z][\w'’-]+),\s([A-Z]\.(?:\s?[A-Z]\.)*)", apa.group("who"))
        entry.authors = [f"{given.strip()} {family}" for family, given in pairs]
    elif (
        quoted
        and not (head.links and text.startswith(head.links[0].text))
        and _quote_opens_title(text[: quoted.start()])
    ):
        title = quoted.group(1)
        before, after = text[: quoted.start()], text[quoted.end() :]
        category = re.match(r"\s*\(([^()]{3,80})\)\s*", before)
        if category:  # "(DNN Models and Architectures) Sze, Vivienne, …": the list's section
            entry.topics.append(category.group(1).strip())
            before = before[category.end() :]
        authors = _last_first(before.strip(" ,."))
        if authors:
            entry.authors, entry.et_al = authors
        after = re.sub(r"^\s*[.,]?\s*(?:19|20)\d{2}\s+", "", after.split("[")[0])
        year = year_in(after)
        venue = match_venue(re.sub(r"\([^)]*\d{4}[^)]*\)|\b\d{4}\b.*$", "", after).strip(" .,"))
        if (venue is None or not venue.known) and after.strip():
            venue = match_venue(after.split(".")[0].strip()) or venue
    elif (
        head.links
        and head.links[0].text.strip()
        and text.startswith(head.links[0].text)
        and not _is_label(head.links[0])
    ):
        title = head.links[0].text
        rest = text[len(head.links[0].text) :]
        tags = re.findall(r"\[([^\[\]]+)\]", rest)
        for tag in tags:
            if _is_label_text(tag):
                if re.fullmatch(r"repo", tag.strip(), re.I):
                    not_paper = True
                continue
            v, y, np_ = _tag(tag)
            if y is not None or (v is not None and v.known):
                venue, year, not_paper = v, y, np_
                break
        plain = re.sub(r"\[[^\[\]]*\]", " ", rest)
        said = re.split(r"\s[-–—]\s", plain, maxsplit=1)[0] if plain.strip() else ""
        paren = re.search(r"\(([^()]*?((?:19|20)\d{2}))\)", said)
        if venue is None and year is None and paren:  # "… by Org et al. (ICML 2023)"
            venue, year = _paren_citation(paren.group(1), entry)
        alone = re.fullmatch(rf"\s*\(({ACRONYM})\)\s*", said)
        if venue is None and alone:  # "[Title](url) (SOSP)" under a "### 2023" heading
            v = match_venue(alone.group(1))
            venue = v if v is not None and v.known else None
        elif year is None and re.match(r"\s*by\s", said):  # "by NVIDIA, Arm, and Intel, 2022"
            year = year_in(said)
        # "[Title](url) *A, B.* Venue 2024": the authors in italics right after the link
        italic = bool(head.emphasis) and plain.strip().startswith(head.emphasis[0].strip())
        if not tags and (italic or re.match(r"\s*(?:[-–—,]|\.\s+[A-Z])", plain)):
            cited, more, venue_text, when = trailing_citation(plain)
            if cited:  # a citation, not a description ("- [MNN](…) - is a fast engine")
                entry.authors, entry.et_al = cited, more
                if italic:
                    entry.authors = _in_italics(cited, head.emphasis[0])
                year = year or when
                for candidate in [venue_text, *head.emphasis]:
                    v = match_venue(candidate) if candidate else None
                    if v is not None and (v.known or candidate == venue_text):
                        venue = venue or v
                        break
        if venue is None and year is None:  # "[Title](url) | SOSP 2023 | [code](url)"
            said_late = venue_year_in(plain)
    elif cited_first := _authors_before_link(text, head.links):
        # "[ICLR]A, B .[Title](url) [J]. arXiv preprint …", "Zhao L, et al. [Title](url)[J]. …"
        entry.authors, entry.et_al, link = cited_first
        title = link.text
        venue, year = _cited_venue(text[text.find(link.text) + len(link.text) :])
        for tag in re.findall(r"[\[【]([^\[\]【】]{1,40})[\]】]", text[: text.find(link.text)]):
            v, y, np_ = _tag(tag)
            not_paper = not_paper or np_
            if v is not None and v.known and (venue is None or _published_as(v, venue)):
                venue, year = v, y or year
    else:
        # "Title [[Paper]](url) [[GitHub]](url)" or plain text
        first_label = next((lk for lk in head.links if _is_label(lk)), None)
        cut = text.find(f"[{first_label.text}]") if first_label else -1
        if cut < 0 and first_label is not None:
            cut = text.find(first_label.text)
        title = text[:cut] if cut > 0 else text
        if first_label is None and head.links and head.links[0].text.strip():
            title = head.links[0].text if text.startswith(head.links[0].text) else title
        title = _italic_tail(title, text, head.emphasis, entry)
        tags = re.findall(r"\(\*?([^()]*?\d{4}[^()]*?)\*?\)", text)
        tags += [t for t in re.findall(r"\[([^\[\]]+)\]", text) if not _is_label_text(t)]
        for tag in tags:
            v = match_venue(tag)
            if v is not None and v.known:
                venue, year = v, year_in(tag)
                break
        # "Title. A, B. SOSP 2023. [[paper]](url)" or the citation after the labels:
        # "Title [[paper]](url) [[code]](url) <br> A, B. SOSP, 2023."
        after = text[cut:] if cut > 0 else ""
        for label in (lk.text for lk in head.links if _is_label(lk)):
            after = after.replace(label, " ")  # "[PDF](url) [PUB](url)" shows "PDF PUB"
        after = re.sub(r"\[[^\[\]]*\]", " ", after).strip(" ,")
        cited_plain = plain_citation(title) if re.search(r"[.,] | [-–—] ", title) else None
        if cited_plain and not entry.authors:
            title, entry.authors, entry.et_al, venue_text, when = cited_plain
            v = match_venue(venue_text) if venue_text else None
            venue = venue or (v if v is not None and v.known else None)
            year = year or when
        elif after and not entry.authors and re.match(r"[A-ZÀ-ÝĀ-ſ]", after):
            cited, more, venue_text, when = trailing_citation(". " + after)
            if cited:
                entry.authors, entry.et_al = cited, more
                v = match_venue(venue_text) if venue_text else None
                venue = venue or (v if v is not None and v.known else None)
                year = year or when
        if venue is None and year is None:
            said_late = venue_year_in(text[len(title) :])
    # A venue written into the title: "Title(SOSP2019)", "Title (OSDI 2020) [Notes]",
    # "Title (NIPS 2016 Workshop on MLSys)", "Title (arXiv 2303.13803)".
    title = re.sub(r"(?:\s*\[[^\[\]]*\])+\s*$", "", title)
    glued = re.search(r"\s*\(([^()]{2,60})\)\s*$", title)
    if glued and re.fullmatch(r"\s*arxiv:?\s*\d{4}\.\d{3,5}(?:v\d+)?\s*", glued.group(1), re.I):
        title, venue = title[: glued.start()], venue or match_venue("arXiv")
    elif glued:
        v, y, _ = _tag(glued.group(1))
        acronym = re.fullmatch(rf"\s*{ACRONYM}\s+(?:19|20)\d{{2}}\s*", glued.group(1))
        if v is not None and (v.known or acronym) and y is not None:
            title = title[: glued.start()]
            venue, year = venue or v, year or y
    # "Title, SOSP 2023", "Title - SOSP 2023": a known venue and its year after the title
    # "Title. SOSP, 2023" too
    tail = re.search(
        r"\s*(?:[,\-–—|]|\.\s)\s*([^,\-–—|.]{2,40}?(?:,\s*(?:19|20)\d{2})?)\s*[,.]?\s*$", title
    )
    if tail and len(title[: tail.start()].split()) >= 3:
        v, y = venue_year_in(tail.group(1))
        if v is not None and re.fullmatch(r"[^a-z]*\w+[^a-z]*", YEAR.sub("", tail.group(1))):
            title = title[: tail.start()]
            venue, year = venue or v, year or y
    # Details: author lines, venue lines, "Code:" lines (sub-items and further paragraphs).
    for d in block.details:
        dt = d.text.strip()
        field_ = FIELD.match(dt)
        key, value = (field_.group(1).casefold(), field_.group(2).strip()) if field_ else ("", "")
        if field_ and _known_field(key, value):
            # "- Authors: A, B, et al.", "- Pub: Neural Computation 1991", "- Link: https://…";
            # a summary ("Summary: This ICLR 2017 paper …", "摘要: …") says nothing of these
            if re.fullmatch(r"authors?|by", key) and not entry.authors:
                # "…, and James Laudon (Google, Mountain View, CA, USA)": no affiliation
                found = _last_first(re.sub(r"\s*\([^()]*\)\s*$", "", value).strip(" ."))
                if found:
                    entry.authors, entry.et_al = found
            elif re.fullmatch(r"pub(?:lished)?(?: in)?|venue|conference|journal|publication", key):
                venue = venue or match_venue(YEAR.sub(" ", value).strip(" ,."))
                year = year or year_in(value)
            elif re.fullmatch(r"year|date", key):
                year = year or _date_year(value)
            elif re.fullmatch(r"link|paper|pdf|url|arxiv", key) and not url:
                url = entry.url = value
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
                continue
        if venue is None and ctx.venue is None:
            v = _detail_venue(dt)
            if v is not None:
                venue = v
                year = year or year_in(dt)
        if not entry.authors:
            lf = author_line(re.sub(r"\(\*?[^()]*\*?\)\s*$", "", dt))
            if lf is None and _last_first(dt.strip(" ,.")):
                continue  # "UC Berkeley", "Outstanding Paper Award": a note, not an author
            if lf:
                entry.authors, entry.et_al = lf
            else:
                names = _affiliated_names(dt)
                if names:
                    entry.authors = names
        if year is None and not re.match(r"^in\b", dt, re.I):
            year = year_in(dt)
    if prefix:
        title = re.sub(r"^\d{4}(\.\d{1,2})?-[A-Za-z][\w]*-", "", title)
    # "(Georgia Institute of Technology)", "(UW的一个工作）": a comment, not the title.
    title = re.sub(
        r"\s*[（(][^()（）]*(?:[^\x00-\x7f]|\b(?:univ\w*|institute|inc|lab)\b)"
        r"[^()（）]*[)）]\s*$",
        "",
        title,
        flags=re.I,
    )
    parts = title.rsplit(". ", 1)
    if (
        len(parts) == 2
        and len(parts[1].split()) <= 3
        and len(parts[0].split()) >= 4
        and not re.match(r"part\b", parts[1], re.I)  # "… neural nets. Part II: quantization"
    ):
        title = parts[0]  # "…Models. Microsoft Work"
    title, tags = strip_decorations(clean_title(re.sub(r"\s*\[[^\]]*\]\s*$", "", title)))
    title = clean_title(title)
    entry.topics += tags  # the list's own tag for the paper: kept, as evidence
    entry.title = title
    if lead_venue is not None and (venue is None or _published_as(lead_venue, venue)):
        venue = lead_venue
    year = year or lead_year
    if venue is None and ctx.venue is not None:
        venue = ctx.venue
    if year is None:
        year = ctx.year
    entry.venue, entry.year = venue, year
    entry.arxiv = arxiv_id(entry.url)
    if venue is not None and venue.id == "preprint":
        # "preprint": one home for preprints, arXiv, when the link says so; else no venue.
        venue = match_venue("arXiv") if entry.arxiv else None
        entry.venue = venue
    # What is it?
    # A heading naming papers under one that does not ("Mobile-Related Use-cases > Papers")
    # has the last word.
    section_says_not = _section_says_not(topics)
    if not title:
        entry.reason = "no title"
    elif (
        not_paper
        or NOT_PAPER_TITLE.search(title)
        or NOT_A_PAPER.search(title)
        or TALK.search(text)
        or re.match(r"^[\w.-]{2,}/[\w.-]+:", title)
        or re.search(r"\bis an? (framework|library|tool|platform|system)\b", title)
    ):
        entry.reason = "not a paper (book, repo, talk or tutorial)"
    elif venue is None and (only_other or _blog_only(url, head.links, entry, prefix)):
        entry.reason = "a slide, video, blog or web page"
    elif url and VIDEO_LINK.search(url):
        entry.reason = "a video (a talk or tutorial)"
    elif venue is None and year is None and (section_says_not or not url):
        if code and not url:
            entry.kind, entry.reason = "software", "software project (code link only)"
        else:
            entry.reason = "no venue, year or paper link"
    elif section_says_not and venue is None:
        entry.reason = f"in a non-paper section ({' > '.join(topics)})"
    else:
        entry.kind = "paper"
    if entry.kind != "paper":
        entry.authors, entry.et_al = [], False
    elif entry.venue is None and entry.year is None and said_late[0] is not None:
        entry.venue, entry.year = said_late
    elif entry.venue is None:
        # "![](https://img.shields.io/badge/ICML2024-orange)": a badge, not a link's button
        # ("[![arXiv](…/arXiv-2507.13575-b31b1b)](url)" says where the link goes), that names
        # the venue; it tells where a paper appeared, never that an entry is a paper.
        for label in head.tags:
            v, y = _badge_venue(label)
            if v is not None:
                entry.venue, entry.year = v, y or entry.year
                break
    return entry


def arxiv_id(url: str | None) -> str | None:
    """The arXiv identifier a link carries, if any.

    >>> arxiv_id("https://arxiv.org/pdf/2309.06180v1.pdf"), arxiv_id("https://x.org")
    ('2309.06180', None)
    """
    m = ARXIV_ID.search(url or "")
    return m.group(1) if m else None


def _section_says_not(topics: list[str]) -> bool:
    """Whether the headings above an entry file it among courses, tools, talks and the like;
    a heading naming papers under one that does not ("Mobile-Related Use-cases > Papers")
    has the last word."""
    return any(
        NOT_PAPER_SECTIONS.search(s) and not PAPERS_SECTION.search(s) for s in topics
    ) and not (topics and PAPERS_SECTION.search(topics[-1]))


def _paren_citation(said: str, entry: Entry) -> tuple[VenueMatch | None, int | None]:
    """The venue and year of ``(Hongxu Ma & Guang Li et al., ECCV 2024)`` or ``(ICML
    2023)`` after a title; its names, when they are people's, become the entry's authors."""
    year = year_in(said)
    venue = match_venue(said)
    venue = venue if venue is not None and venue.known else None
    cited, more, venue_text, _ = trailing_citation(", " + said)
    if cited and all(_person_like(c) for c in cited):
        entry.authors, entry.et_al = cited, more
        v = match_venue(venue_text) if venue_text else None
        venue = venue or (v if v is not None and (v.known or is_acronym(venue_text)) else None)
    return venue, year


def _linked_heading(block: Block, entry: Entry) -> Entry:
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
        or _host(link.href, CODE_HOSTS)
        or BLOG_LINK.search(link.href)
        or NOT_PAPER_TITLE.search(link.text)
        or _section_says_not(block.sections)
    ):
        return entry
    rest = head.text[len(link.text) :].strip(" ,.-–—")
    year = _date_year(rest) if rest else None
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


def _detail_venue(text: str) -> VenueMatch | None:
    """The venue a detail line names: ``In Proceedings of … (IPDPS)``, ``(*HPCA 2018*)``,
    ``arXiv 2018``, ``IEEE Transactions on …, 30(5)``; a short unknown name like
    ``preprint`` counts too, but never a line of people's names."""
    body = re.sub(r"^in\s+", "", text.strip(" *"), flags=re.I)
    m = match_venue(body)
    if m is not None and m.known:
        return m
    if re.search(r"\bpreprint\b", body, re.I):
        return VenueMatch("preprint", "preprint", False)
    if m is not None and (
        re.fullmatch(r"[A-Z][\w&+.-]*(?:\s[A-Z][\w&+.-]*){0,2}\s*(?:['’]?\d{2,4})?", body)
    ):
        return m if split_names(body) is None else None
    return None


def _is_label_text(text: str) -> bool:
    t = text.strip()
    return bool(PAPER_LABELS.match(t) or CODE_LABELS.match(t) or OTHER_LABELS.match(t))


def _is_label(link: Link) -> bool:
    return _is_label_text(link.text)


def _detail_links(block: Block) -> list[Link]:
    """Links under an entry that are the entry's: a "Code:" line's, and the labelled links
    ([Paper], [Code]) of the line right under an entry that has no link of its own."""
    links: list[Link] = []
    for d in block.details:
        if re.match(r"code:", d.text, re.I):
            links += [Link("Code", lk.href) for lk in d.links]
    if block.details and not any(lk.href.startswith("http") for lk in block.head.links):
        links += [lk for lk in block.details[0].links if _is_label(lk)]
    return links


def _affiliated_names(text: str) -> list[str] | None:
    """``A, B, and C, University X; D, Company Y`` → [A, B, C, D], only when every group
    clearly ends in an organisation and everything before it is a person's name."""
    if ";" not in text and not ORG.search(text):
        return None
    names: list[str] = []
    for group in text.split(";"):
        parts = [p.strip() for p in re.split(r",\s*", group.strip(" ."))]
        cut = next((i for i, p in enumerate(parts) if ORG.search(p)), None)
        if cut is None or cut == 0:
            return None
        people = split_names(", ".join(parts[:cut]))
        if not people:
            return None
        names += people
    return names or None


def _read_row(block: Block, entry: Entry) -> Entry:
    cells = {k: v for k, v in block.cells.items()}
    title_cell = next((cells[k] for k in cells if re.search(r"title|paper|name", k)), None)
    if title_cell is None:
        entry.reason = "table row without a title column"
        return entry
    title, tags = strip_decorations(
        clean_title(title_cell.links[0].text if title_cell.links else title_cell.text)
    )
    entry.title = clean_title(title)
    entry.topics += tags
    venue_cell = next((cells[k] for k in cells if re.search(r"venue|conf|journal|where", k)), None)
    year_cell = next((cells[k] for k in cells if re.search(r"year|date", k)), None)
    # A venue column saying "GitHub" or "Blog" names no venue; the row is software when
    # its only link is code (a paper's link keeps it a paper: "| [PaLM](arxiv) | Github |").
    said_label = venue_cell is not None and bool(
        CODE_LABELS.match(venue_cell.text.strip()) or OTHER_LABELS.match(venue_cell.text.strip())
    )
    if said_label:
        venue_cell = None
    if venue_cell is not None:
        entry.venue = match_venue(venue_cell.text)
        entry.year = year_in(venue_cell.text)
    if year_cell is not None:
        entry.year = _date_year(year_cell.text) or entry.year
    author_cell = next((cells[k] for k in cells if re.search(r"author", k)), None)
    found = author_line(author_cell.text) if author_cell is not None else None
    if found:
        entry.authors, entry.et_al = found
    links = [lk for c in cells.values() for lk in c.links]
    entry.url, entry.code, only_other = _classify_links(links)
    entry.kind = "paper" if entry.title and (entry.venue or entry.year or entry.url) else "skip"
    if said_label and entry.url is None:
        entry.kind, entry.reason = "software", "software (a code link, 'GitHub' as its venue)"
        entry.authors, entry.et_al = [], False
        return entry
    entry.reason = "" if entry.kind == "paper" else "table row without venue, year or link"
    if only_other and entry.venue is None:  # its links are a blog, docs or slides only
        entry.kind, entry.reason = "skip", "a slide, video, blog or web page"
    return entry
