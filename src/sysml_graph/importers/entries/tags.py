"""Venue and year tags around a title: ``[OSDI'22]``, ``(SOSP 2023)``, badges, headings."""

from __future__ import annotations

import re
import unicodedata

from ..venues import VenueMatch, match_venue, registry
from .kinds import NOT_PAPER_VENUE
from .names import NOT_NAME_WORDS, ORG, split_names
from .vocabulary import SHORT_YEAR, VENUE_WORDS, YEAR, is_acronym, year_in


def venue_tag(strong: str) -> bool:
    """Whether a bold ``[tag]`` names a venue or a year ("[MobiCom'24]", "[Arxiv'25]")."""
    venue, year, _ = read_tag(strong.strip().strip("[]"))
    return year is not None or (venue is not None and venue.known)


def venue_year_tag(text: str) -> bool:
    """Whether a short text is a known venue with its year, and nothing else ("SOSP 2023")."""
    venue, year, _ = read_tag(text)
    rest = YEAR.sub("", SHORT_YEAR.sub("", text)).strip(" '’")
    return venue is not None and venue.known and year is not None and len(rest.split()) <= 2


def read_tag(text: str) -> tuple[VenueMatch | None, int | None, bool]:
    """A ``[Venue 'YY, Org]`` tag: its venue, year, and whether it names a non-paper.

    >>> [(v.acronym, y) for v, y, _ in map(read_tag, ["KDD20", "VLDB 22", "ACMMM20"])]
    [('KDD', 2020), ('VLDB', 2022), ('ACM MM', 2020)]
    >>> [(v.acronym, y) for v, y, _ in map(read_tag, ["VLDB Journal 24", "Journal of Software 24"])]
    [('VLDBJ', 2024), ('Journal of Software', 2024)]
    >>> tags = ["2025-TKDE, CCF-A", "ICML-2024", "2023-AAAI 2023, CCF-A"]
    >>> [(v.acronym, v.known, y) for v, y, _ in map(read_tag, tags)]
    [('TKDE', True, 2025), ('ICML', True, 2024), ('AAAI', True, 2023)]
    """
    year = year_in(text)
    head = text.split(",")[0]
    # "(2025-TKDE, CCF-A)", "[ICML-2024]": a dash between a year and one venue's name
    dashed = re.fullmatch(
        r"\s*(?:((?:19|20)\d{2})-([A-Za-z][\w&]*)(?:\s+\1)?|([A-Za-z][\w&]*)-((?:19|20)\d{2}))\s*",
        head,
    )
    if dashed:
        head = " ".join(g for g in dashed.groups() if g)
    if NOT_PAPER_VENUE.search(head):
        return None, year, True
    venue = match_venue(head)
    # ("VLDB 22", and a name of a few words: "VLDB Journal 24", "Journal of Software 24")
    short = re.fullmatch(r"\s*([A-Za-z][\w&-]*(?: [A-Za-z][\w&-]*){0,3})\s+(\d{2})\s*", head)
    if (
        year is None
        and short
        and venue is not None
        and (venue.known or is_acronym(short[1]) or VENUE_WORDS.search(short[1]))
    ):
        yy = int(short.group(2))
        year = 2000 + yy if yy <= 40 else 1900 + yy
    glued = re.fullmatch(r"\s*([A-Za-z][A-Za-z&-]*[A-Za-z])(\d{2})\s*", head)
    if year is None and glued and venue is not None and venue.known:
        yy = int(glued.group(2))  # "[KDD20]", "[ACMMM20]": a known venue's year, glued
        year = 2000 + yy if yy <= 40 else 1900 + yy
    return venue, year, False  # "[VLDB 22]", "[EDBT 26]": an acronym's two-digit year


def published_as(tagged: VenueMatch, cited: VenueMatch) -> bool:
    """Whether a list's tag ("[ICLR]") names where a paper cited as a preprint appeared."""
    return tagged.known and cited.id == "arxiv" and registry()[tagged.id].kind != "journal"


def without_leading_symbols(text: str) -> str:
    """The text without the emoji and marks lists put before an entry ("📄 ", "⭐ ")."""
    i = 0
    while i < len(text) and (unicodedata.category(text[i]) == "So" or text[i] in "\ufe0f\u200d "):
        i += 1
    return text[i:]


# Where a paper's own page is: a linked tag to one names the paper's venue ("[[IJNS](…pdf)]").
PAPER_PAGE = re.compile(
    r"arxiv\.org|doi\.org|/doi/|\.pdf$|ieeexplore|openreview|proceedings|aclanthology"
    r"|link\.springer\.com/(?:article|chapter)/|sciencedirect\.com/science/article/"
    r"|nature\.com/articles/|openaccess\.thecvf\.com|papers\.nips\.cc|usenix\.org/system/files/",
    re.I,
)


def leading_tag(raw: str, text: str) -> tuple[VenueMatch | None, int | None, str]:
    """Tags in parentheses, code or brackets before the title that name a venue or a year:
    (venue, year, the text without them); a category in parentheses is left in place.

    >>> v, y, rest = leading_tag("`SOSP 2023` [Title](u)", "SOSP 2023 Title")
    >>> v.acronym, y, rest
    ('SOSP', 2023, 'Title')
    >>> v, y, rest = leading_tag("`2023` `SOSP` [Title](u)", "2023 SOSP Title")
    >>> v.acronym, y, rest
    ('SOSP', 2023, 'Title')
    >>> leading_tag("【SOSP 2023】Title", "【SOSP 2023】Title")[1:]
    (2023, 'Title')
    >>> leading_tag("[[TACL](https://x.org/1)] Title", "[TACL] Title")[0].acronym
    'TACL'
    >>> leading_tag("(2023-VLDB, CCF-A）A survey", "(2023-VLDB, CCF-A）A survey")[1:]
    (2023, 'A survey')

    >>> leading_tag("(DNN Models) Sze, Vivienne", "(DNN Models) Sze, Vivienne")[2]
    '(DNN Models) Sze, Vivienne'
    """
    venue: VenueMatch | None = None
    year: int | None = None
    for _ in range(3):  # "`2023` `SOSP` [Title](url)": a tag for each
        found = _leading_tag(raw, text)
        if found is None:
            break
        v, y, text, raw = found
        venue, year = venue or v, year or y
    return venue, year, text


def _leading_tag(raw: str, text: str) -> tuple[VenueMatch | None, int | None, str, str] | None:
    """One leading tag (see :func:`leading_tag`), and the text and markdown after it."""
    lead = re.match(
        r"\s*(?:`([^`]{2,40})`|[(（]([^()（）]{2,40})[)）]|\[([^\[\]]{2,80})\](?![(\[])|【([^【】]{2,80})】"
        r"|\[\[([^\[\]]{2,40})\]\(([^()\s]*)\)\])",  # "[[Arxiv](url)] Title": a linked tag
        raw,
    )
    if lead is None:
        return None
    said = next(g for g in lead.groups() if g is not None).strip("*_ ")  # "[**TCAD 2023**]"
    linked = lead.group(5) is not None
    venue, year, _ = read_tag(said)
    marks = {2: ("(", ")"), 3: ("[", "]"), 4: ("【", "】")}.get(lead.lastindex or 1)
    if lead.lastindex == 2:  # "(2023-VLDB, CCF-A）": either parenthesis may be full-width
        marks = (lead.group(0).lstrip()[0], lead.group(0)[-1])
    marks = ("[", "]") if linked else marks
    shown = f"{marks[0]}{said}{marks[1]}" if marks else lead.group(1)
    if not text.startswith(shown):
        return None
    paper_page = linked and PAPER_PAGE.search(lead.group(6)) is not None
    if (
        year is None
        and (venue is None or not venue.known)
        and not (paper_page and is_acronym(said))
    ):
        return None
    if linked and (venue is None or not venue.known) and not paper_page:
        return None  # "[[FLSys'23](url)] …, Miami": a linked tag names a known venue or an event
    if (
        venue is not None
        and not venue.known
        and not is_acronym(next(iter(YEAR.sub(" ", SHORT_YEAR.sub(" ", said)).split()), ""))
        and not VENUE_WORDS.search(said)  # "[Foundations and Trends in Machine Learning 2021]"
    ):
        venue = None  # "(Preprint 2020)" names a year; only an acronym is an unknown venue
    return venue, year, text[len(shown) :].lstrip(" :-–—"), raw[lead.end() :]


def badge_venue(label: str) -> tuple[VenueMatch | None, int | None]:
    """A shields.io badge that names a venue: "ICML2024", "ACL2024--findings", "Arxiv",
    "IVUS2024"; a badge naming anything else ("SpS", "Technical Report") gives nothing.

    >>> [v.acronym if v else None for v, _ in map(badge_venue, ["ACL2024--findings", "SpS"])]
    ['ACL', None]
    >>> badge_venue("IVUS2024")[1], badge_venue("Technical Report"), badge_venue("Front-2021")
    (2024, (None, None), (None, 2021))
    >>> badge_venue("Nature-2024")[0].acronym
    'Nature'
    >>> badge_venue("2026-ASPLOS")[0].acronym
    'ASPLOS'
    >>> v, y = badge_venue("Conference-SIGMOD 2026")
    >>> v.acronym, y
    ('SIGMOD', 2026)
    >>> v, y = badge_venue("USENIX_Security'25")
    >>> v.acronym, y
    ('USENIX Security', 2025)
    """
    label = label.replace("--", "-")  # shields.io writes a dash as "--"
    dated = re.fullmatch(r"((?:19|20)\d{2})[-_ ]+(.+)", label.strip())
    if dated:  # "2026-ASPLOS": the year first
        label = f"{dated.group(2)} {dated.group(1)}"
    # "Conference-SIGMOD 2026", "Journal-TPDS 2024": the kind of venue, then the venue
    label = re.sub(
        r"^(?:conference|journal|venue|published|publish|accepted)\s*[-:]\s*", "", label, flags=re.I
    )
    year = year_in(label)
    # ("USENIX_Security'25": a name of two words, its short year, a qualifier maybe)
    said = re.sub(r"['’]\d{2}(?:[_ ]*\(?[A-Za-z]+\)?)?$", "", label).replace("_", " ")
    said = re.sub(r"[-_ ]*(?:(?:19|20)\d{2}|\d{2}\.\d{2})$", "", said).strip()
    whole = match_venue(said)
    if whole is not None and whole.known and year is not None:
        known = registry()[whole.id]
        if said.casefold() in {a.casefold() for a in (known.acronym, *known.aliases)}:
            return whole, year  # "ACM_MM-2025": the whole name, not its first word
    yymm = re.search(r"[-_ ](\d{2})\.(?:0[1-9]|1[0-2])$", label)
    if year is None and yymm:  # "arxiv-24.07": a year and its month
        year = 2000 + int(yymm.group(1))
    name = re.split(r"[\s\-_:'’]+|(?=(?:19|20)\d{2})", label.strip(), maxsplit=1)[0]
    venue = match_venue(name) if name else None
    if venue is None or venue.known:
        return venue, year if venue else None
    # an unknown name only as an acronym with a year ("IVUS2024"), never a word ("Survey",
    # "Nature-2024": its year, then)
    if year is not None and is_acronym(name):
        return venue, year
    return None, year if re.fullmatch(r"[A-Z][a-z]+", name) else None


def cited_venue(tail: str) -> tuple[VenueMatch | None, int | None]:
    """The venue and year of a citation's tail after its title: ``[J]. IEEE Transactions on
    X, 2019, 15: 1486-1500``, ``[C]//Proceedings of …. 2015: 1-8``, ``. In Venue (Vol. 1)``.

    >>> v, y = cited_venue("[J]. ACM Computing Surveys (CSUR), 2018, 51(3): 1-38.")
    >>> v.acronym, y
    ('CSUR', 2018)
    >>> v, y = cited_venue("[J]. arXiv preprint arXiv:2004.06567, 2020.")
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
        # "Baseline", a phrase, is no venue; an unknown journal's name is one ("软件学报")
        venue = venue if re.search(r"学报|期刊|会议|杂志", said) else None
    return venue, year


def venue_year_in(text: str) -> tuple[VenueMatch | None, int | None]:
    """A known venue written with its year somewhere in the text around a title
    (``| SOSP 2023 |``, ``, *SOSP 2023*,``, ``Kwon et al., SOSP 2023``).

    >>> v, y = venue_year_in(", Kwon et al., SOSP 2023")
    >>> v.acronym, y
    ('SOSP', 2023)
    >>> venue_year_in(" - used by 2019 teams")
    (None, None)
    >>> [(v.acronym, y) for v, y in [venue_year_in(", arXiv, 2024"), venue_year_in(", IPSN 19")]]
    [('arXiv', 2024), ('IPSN', 2019)]
    """
    # "SOSP, 2023", "arXiv, 2024"; "[arxiv 2019.7]", a year and its month in a tag
    text = re.sub(r"(?<=\s)((?:19|20)\d{2})\.\d{1,2}(?=\])", r"\1", text)
    text = re.sub(r"\b([A-Za-z][\w&+-]*),\s+((?:19|20)\d{2})\b", r"\1 \2", text)
    for part in re.split(r"[|,;()\[\]]|\s[-–—]\s|\.\s", text):
        year = year_in(part)
        if year is None and re.fullmatch(r"\s*[A-Za-z][A-Za-z&-]*\d{2}\s*", part):
            v, y, _ = read_tag(part)  # "[KDD20]"
            if v is not None and v.known and y is not None:
                return v, y
        short = re.fullmatch(r"\s*([A-Za-z][\w&-]*)\s+(\d{2})\s*", part)
        if year is None and short:  # "IPSN 19": a known venue's two-digit year
            venue = match_venue(short.group(1))
            if venue is not None and venue.known:
                yy = int(short.group(2))
                return venue, 2000 + yy if yy <= 40 else 1900 + yy
        said = YEAR.sub(" ", SHORT_YEAR.sub(" ", part)).strip(" .'’")
        if year is None or not said or len(said.split()) > 8:
            continue
        venue = match_venue(said)
        if venue is not None and venue.known:
            return venue, year
    return None, None


def heading_venue(text: str) -> VenueMatch | None:
    """A heading that names a venue: ``OSDI``, ``ATC 2020 [Program]``, ``ML System in OSDI
    2020``; not ``Papers``, ``Model Compression`` or ``CPU/GPU/FPGA Inference`` (topics).

    >>> heading_venue("OSDI").acronym, heading_venue("CPU/Single GPU/FPGA/NPU/Mobile Inference")
    ('OSDI', None)
    >>> heading_venue("OSDI Papers").acronym, heading_venue("Big Data Systems")
    ('OSDI', None)
    >>> heading_venue("🧩 FPGA"), heading_venue("FPGA 2019").acronym
    (None, 'FPGA')
    """
    plain = re.sub(r"\[.*?\]|\(.*?\)", "", text).strip()
    # "MLsys in Eurosys2021": the venue with the year is the event, the other a topic.
    for found in re.finditer(r"([A-Za-z][\w+-]*?)\s?['’]?((?:19|20)\d{2})\b", plain):
        v = match_venue(found.group(1))
        if v is not None and v.known:
            return v
    words = re.split(r"[\s/|,&+]+", plain.strip())
    if plain.lower().startswith("awesome") or (len(words) > 3 and year_in(plain) is None):
        return None
    named = match_venue(plain)
    if named is None or not named.known:
        return None
    # a heading without a year names a venue only when it is the venue's name, give or take
    # "Papers" ("OSDI", "OSDI Papers"), not a topic that holds one ("Big Data Systems")
    known = registry()[named.id]
    generic = (
        r"(?i:\b(?:papers?|accepted|conference|proceedings|track|workshops?|companion|findings|"
        r"short|demos?|industry|main|oral|posters?|spotlight)\b)"
    )
    said = re.sub(generic + r"|[^\w\s&'’-]", " ", plain)
    if re.fullmatch(r"(?i)\s*(?:fpga|gpu|cpu|tpu|npu|asic|dsp)s?\s*", said):
        return None  # "### 🧩 FPGA": the hardware, a topic (the symposium's year says it)
    names = {known.acronym.casefold(), known.name.casefold(), *map(str.casefold, known.aliases)}
    return named if " ".join(said.split()).casefold() in names else None


# Words that say where a paper appeared, in a note's sentence.
PUBLISHED = (
    r"\b(?:in proceedings|proceedings|published|accepted|appear(?:s|ed)?|presented|"
    r"conference|symposium|journal|transactions|workshop|vol|pp)\b|^\W*in\s"
)


def detail_venue(text: str) -> VenueMatch | None:
    """The venue a detail line names: ``In Proceedings of … (IPDPS)``, ``(*HPCA 2018*)``,
    ``arXiv 2018``, ``IEEE Transactions on …, 30(5)``; a short unknown name like
    ``preprint`` counts too, but never a line of people's names."""
    body = re.sub(r"^in\s+", "", text.strip(" *"), flags=re.I)
    m = match_venue(body)
    if (
        len(body.split()) > 8
        and year_in(body) is None
        and not re.search(PUBLISHED, text, re.I)
        and not re.search(r"\b[A-Z][A-Za-z]*['’]?\d{2}\b", body)  # "… Megatron-LM SC21"
    ):
        return None  # a sentence of a note ("Compared with TTFS, TSC has fewer operations")
    if m is not None and m.known:
        return m
    if re.search(r"\bpreprint\b", body, re.I):
        return VenueMatch("preprint", "preprint", False)
    if m is not None and (
        re.fullmatch(r"[A-Z][\w&+.-]*(?:\s[A-Z][\w&+.-]*){0,2}\s*(?:['’]?\d{2,4})?", body)
    ):
        if ORG.search(body) or NOT_NAME_WORDS.search(body):
            return None  # "OpenAI", "Google Research": who wrote it, not where it appeared
        return m if split_names(body) is None else None
    return None
