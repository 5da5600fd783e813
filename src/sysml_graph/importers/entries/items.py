"""List items and paragraphs: the layouts of the field's lists, one reader each.

A layout reader reads an entry's first line (its title, and the venue, year and authors
written around it); what every layout shares follows: a venue glued to the title, the
lines under the entry, the title's tidying, the heading context, and what the entry is.
"""

from __future__ import annotations

import dataclasses
import re

from ...corpus.rules import AFFILIATION
from ..markdown_list import Block, Inline, Link
from ..venues import VenueMatch, match_venue
from .cells import barred
from .citations import (
    authors_before_link,
    is_known_venue,
    italic_tail,
    paren_citation,
    plain_citation,
    quote_opens_title,
    trailing_citation,
)
from .context import Context
from .decide import decide
from .details import read_details
from .kinds import PAPERS_SECTION
from .links import (
    arxiv_id,
    classify_links,
    detail_links,
    is_label,
    is_label_text,
)
from .names import (
    NOT_NAME_WORDS,
    ORG,
    author_line,
    credited,
    in_italics,
    last_first,
    person_like,
    split_names,
)
from .reading import Reading
from .record import Entry, clean_title, strip_decorations
from .styles import (
    APA,
    DBLP,
    GBT,
    acm_reading,
    apa_reading,
    authors_first,
    dblp_reading,
    gbt_reading,
)
from .tags import (
    cited_venue,
    leading_tag,
    published_as,
    read_tag,
    venue_tag,
    venue_year_in,
    venue_year_tag,
    without_leading_symbols,
)
from .title_venue import read_venue_in_title
from .vocabulary import ACRONYM, IN_CAPITALS, MONTH, VENUE_WORDS, YEAR, is_acronym, year_in

# "2016-ICLR-[Title](url)", "2016.06-[Title](url)", and the tag inside the link text:
# "[2018-ECCV-Title](url)".
DATED_PREFIX = re.compile(
    r"^\s*(\d{4})(\.\d{1,2})?-((?:[^\[\]\s-][^\[\]-]*-)*)\s*\[(.+?)\]\s*\(", re.S
)
DATED_LINK = re.compile(
    r"^\s*\[(\d{4})(\.\d{1,2})?-((?:[A-Za-z][^\[\]\s-]*-){1,6})([^\[\]]+?)\]\s*\(", re.S
)
# A tag before the linked title: "arxiv'25-[Title](url)", "Euro-Par'25 (LNCS)-[Title](url)",
# "SOSP'23 | [Title](url)", "SOSP2023 [Title](url)"; bold or italic, "**ISCA'16**-[Title](url)"
PLAIN_TAG = re.compile(r"\s*([^\s\[\]*_][^\[\]*\n]{1,40}?)\s*(?:[-–—|•·:]\s*|\s)(?=\[)")
# (a bracketed bold tag, "**[FAST'25]** [Title](url) *Org*", is read with what follows it)
MARKED_TAG = re.compile(r"\s*(\*\*|__|\*|_)([^*_\n\[][^*_\n]{1,39})\1\s*(?:[-–—|•·:]\s*)?(?=\[)")
VENUE_FIRST = re.compile(r"^\s*\[([^\[\]]*?(?:['’‘`]\s?\d{2}|\d{4})[^\[\]]*)\]\s*\[(.+?)\]\(")
# (no quotation mark inside, so that a quote never closed costs one pass, not one per mark)
QUOTED = re.compile(r'["“]([^"“”]{8,}?)[.,]?["”]')
# A year and a venue before a linked title, with no mark around them: "2016 ICDM [Title](url)".
LEAD_YEAR_VENUE = (
    r"\s*((?:19|20)\d{2}\s+[A-Za-z][\w&'’-]{1,15}|[A-Za-z][\w&'’-]{1,15}\s+(?:19|20)\d{2})\s+(?=\[)"
)
# A citation that follows a title: "- A, B", ", A, B", ". A, B."
CITATION_AFTER = re.compile(r"\s*(?:[-–—,]|\.\s+[A-Z])")


def read_item(block: Block, ctx: Context, entry: Entry, row_links: tuple[Link, ...] = ()) -> Entry:
    """Interpret a list item or paragraph, with the heading context it sits under (and, for
    a table's cell read as an item, the links of the row's other cells)."""
    head = block.head
    text = head.text
    raw = re.sub(r"\\([\[\]()])", r"\1", head.raw)  # "\[TWC'23\] Title": escaped brackets
    # a task list's box, "- [ ] [Title](url): note", or a label word, "- code [Title](repo)"
    task = re.match(
        r"\s*\[[ xX]?\]\s+|\s*(?:code|paper|pdf|repo)\s+(?=\[[^\]]{8})"
        # a reference's number, "[12] **Title** VLDB 2021.", "(必读)[1]（a note） **Title**"
        + r"|\s*(?:[(（][^()（）\[\]]{1,12}[)）]\s*)?\[\d{1,4}\]\s*"
        + r"(?:[(（][^()（）]{1,40}[)）]\s*)?(?=\*\*)",
        raw,
        re.I,
    )
    if task and text.startswith(task.group(0).strip()):
        raw, text = raw[task.end() :], text[len(task.group(0).strip()) :].lstrip()
        lines = [line[len(task.group(0).strip()) :].lstrip() for line in head.lines[:1]]
        head = dataclasses.replace(head, text=text, raw=raw, lines=lines + head.lines[1:])
        block = dataclasses.replace(block, head=head)
    lines = [line for line in head.lines if line]
    first_tag: tuple[VenueMatch | None, int | None] = (None, None)
    if (
        len(lines) > 2
        and len(lines[0].split()) <= 3
        and not any(lk.text in lines[0] for lk in head.links if lk.text)
    ):
        # "| NeurIPS 2024 <br> [Title](url) <br> A, B |": the venue and year on a line first
        v, y, _ = read_tag(lines[0])
        if v is not None and v.known and y is not None:
            first_tag, lines = (v, y), lines[1:]
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

    entry.url, entry.code, only_other = classify_links(
        head.links + detail_links(block) + list(row_links)
    )
    # A leading "(SOSP 2023)" or "`SOSP 2023`" naming venue or year, and a system's name
    # before its linked title ("**vLLM**: [Title](url)"), are set aside: the title follows.
    text = without_leading_symbols(text)
    lead_venue, lead_year, text = leading_tag(without_leading_symbols(raw), text)
    bare = re.match(LEAD_YEAR_VENUE, raw)
    if lead_year is None and bare and text.startswith(bare.group(1)):
        # "- 2016 ICDM [Title](url)": a year and a venue, plain, before the linked title
        v, y, _ = read_tag(bare.group(1))
        if v is not None and (v.known or is_acronym(YEAR.sub("", bare.group(1)).strip())):
            lead_venue, lead_year, text = v, y, text[len(bare.group(1)) :].lstrip()
    marked = MARKED_TAG.match(raw)
    plain_tag = None if marked or DATED_PREFIX.match(raw) else PLAIN_TAG.match(raw)
    tag_text = marked.group(2) if marked else plain_tag.group(1) if plain_tag else ""
    # (a remark in parentheses, "arxiv'25(special for Triton)", tells neither venue nor year)
    said_tag = read_tag(re.sub(r"\s*\([^()]*\)", "", tag_text)) if tag_text else None
    # with only a space before the link, the tag must name a known venue ("SOSP2023 [Title]")
    spaced = plain_tag is not None and not re.search(r"[-–—|•·:]\s*$", plain_tag.group(0))
    if (
        said_tag is not None
        and lead_year is None
        and said_tag[1] is not None
        and text.startswith(tag_text)
        and not (spaced and (said_tag[0] is None or not said_tag[0].known))
    ):
        # "- **ISCA'16**-[LaPerm: Locality Aware …](url)", "**Berkeley TechRpts'16**-[…](url)",
        # "- C&EE’20-[Title](url)", "- SOSP'23 | [Title](url)", "- *SOSP 2023* [Title](url)":
        # a venue and its year, then the linked title
        lead_venue, lead_year = said_tag[0], said_tag[1]
        text = text[len(tag_text) :].lstrip(" -–—|•·:")
        if marked and len(marked.group(1)) == 2:
            head = dataclasses.replace(head, strong=head.strong[1:])
        elif marked:
            head = dataclasses.replace(head, emphasis=head.emphasis[1:])
    system = re.match(r"([\w.+'’-]{2,30}(?: [\w.+'’-]+){0,2})\s?(?::|\s[-–—])\s+", text)
    said_venue, said_year, _ = read_tag(system.group(1)) if system else (None, None, False)
    link_text = head.links[0].text if head.links else ""
    if system and lead_year is None and said_year is not None and said_venue is not None:
        # "SOSP 2023: [Title](url)", "SOSP'23 - Title": a known venue and year before the
        # title ("LLM 2024:" or "NEW 2024:" name none)
        if said_venue.known:
            lead_venue, lead_year, text = said_venue, said_year, text[system.end() :]
    elif (
        system
        and any(
            len(named.split()) >= 3
            and text[system.end() :].startswith(named)
            and not re.search(
                r"\(?(?:19|20)\d{2}\)?$", named
            )  # "Green AI - [Schwartz et al. (2020)]"
            for named in (link_text, *head.strong[:1])
        )
    ):  # "**vLLM**: [Title](url)", "WebDataset: **Title**.
        entry.topics.append(system.group(1))
        text = text[system.end() :]
    tagged = re.match(r"\[([^\[\]]{2,30})\]\s*", text)
    said_tagged = read_tag(tagged.group(1)) if tagged else None
    if (
        tagged
        and said_tagged is not None
        and said_tagged[1] is None  # ("[OSDI'24] [Title](url)": a venue's tag, read above)
        and re.search(r"[A-Za-z]{2}", tagged.group(1)) is not None  # ("[1512.03385]": an id)
        and (said_tagged[0] is None or not said_tagged[0].known)
        and link_text
        and len(link_text.split()) >= 3
        and text[tagged.end() :].startswith(link_text)
    ):
        # "[System] [PowerInfer-2: Fast …](url). arXiv, 2024.": the list's category first
        entry.topics.append(tagged.group(1))
        text = text[tagged.end() :]
    short = re.match(r"\(([^()]{2,30})\)\s*", text) or re.match(
        r"([\w.+'’-]{2,30}(?: [\w.+'’-]+){0,2}),\s+", text
    )
    cited_short = last_first(short.group(1)) if short else None
    pair = (
        re.fullmatch(r"([A-Z][\w'’-]+) (?:and|&) ([A-Z][\w'’-]+)", short.group(1))
        if short
        else None
    )
    cited_short = ([pair.group(1), pair.group(2)], False) if pair else cited_short
    if (
        short
        and cited_short
        and (cited_short[1] or pair)
        and link_text
        and text[short.end() :].startswith(link_text)
    ):
        # "Shi et al., [Edge Computing: Vision and Challenges](url), IEEE IoT Journal, 2016.":
        # the first author's surname before the linked title
        entry.authors, entry.et_al = cited_short
        text = text[short.end() :]
    elif short and any(
        len(named.split()) >= 3 and text[short.end() :].startswith(named)
        for named in (link_text, *head.strong[:1])
    ):
        # "(Chat-REC) **Chat-REC: Towards …** arXiv:2303.14524.", "Guided Backpropagation,
        # [Striving for simplicity: …](url), ICLR 2015": a system's or a method's short name
        # before its title (a venue or year there was read as a tag above)
        entry.topics.append(short.group(1))
        text = text[short.end() :]

    lead_venue, lead_year = lead_venue or first_tag[0], lead_year or first_tag[1]
    prefix = DATED_PREFIX.match(raw) or DATED_LINK.match(raw)
    r = _read_first_line(head, text, raw, prefix, entry)
    before, dash, after = r.title.partition(" - ")
    rest = before
    for em in head.emphasis:
        rest = rest.replace(em.strip(), "", 1) if em.strip() else rest
    if dash and head.emphasis and before.strip() != rest.strip() and not rest.strip(" &,"):
        # "**_Fine-grained and Shared Experts_ - DeepSeekMoE: Towards …**": the list's
        # note in italics, then the title
        entry.topics.append(before.strip())
        r.title = after
    read_venue_in_title(r)
    read_details(block, ctx, r, entry)
    if not entry.authors:
        entry.authors, entry.et_al = credited(r.title) or ([], entry.et_al)
        if entry.authors:
            # "Title (Woosuk Kwon, Zhuohan Li)": the people, not the title ("(@…)" is tidied
            # away below, and kept among the topics)
            named = re.search(r"\s*\(([^()@]+)\)\s*$", r.title)
            r.title = r.title[: named.start()] if named else r.title
    if prefix:
        r.title = re.sub(r"^\d{4}(\.\d{1,2})?-[A-Za-z][\w]*-", "", r.title)
    title, tags = _tidy_title(r.title)
    entry.topics += tags  # the list's own tag for the paper: kept, as evidence
    entry.title = title
    venue, year = r.venue, r.year
    if lead_venue is not None and (venue is None or published_as(lead_venue, venue)):
        venue = lead_venue
    year = year or lead_year or r.dated  # ("(WACV 2025) Title … (2024.12.29)": 2025)
    if venue is None and ctx.venue is not None:
        venue, r.from_context = ctx.venue, True
    if year is None and ctx.year is not None:
        year, r.from_context = ctx.year, True
    entry.venue, entry.year = venue, year
    entry.arxiv = arxiv_id(entry.url)
    if venue is not None and venue.id == "preprint":
        # "preprint": one home for preprints, arXiv, when the link says so; else no venue.
        entry.venue = match_venue("arXiv") if entry.arxiv else None
    decide(block, entry, text, r, only_other=only_other, dated=prefix is not None)
    return entry


def _read_first_line(
    head: Inline, text: str, raw: str, prefix: re.Match[str] | None, entry: Entry
) -> Reading:
    """The layout an entry's first line is written in, read by its reader."""
    venue_first = VENUE_FIRST.match(raw)
    quoted = QUOTED.search(text)
    # "Li, M., Andersen, D. G., … Ahmed, A. (2014).": APA with authors left out
    elided = re.sub(r",?\s*(?:…|\.\.\.)(?:\s*(?:…|\.\.\.))*\s*", ", ", text)
    apa = APA.match(text) or APA.match(elided)
    tag_first = bool(head.strong) and bool(
        re.fullmatch(r"\[[^\[\]]+\]", head.strong[0].strip())
        or venue_year_tag(head.strong[0])  # "**SOSP 2023** [Title](url)"
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
    # "**Hunt, P., … (2010). ZooKeeper : Title. In USENIX ATC.**": bold around a whole citation
    whole_bold = bool(head.strong) and head.strong[0].strip(" .") == text.strip(" .")
    if whole_bold and (apa or quoted or GBT.match(text) or DBLP.match(text)):
        head = dataclasses.replace(head, strong=[])
    # "[Wencong Xiao, Shiru Ren, …. 2020. AntMan: Title. In OSDI 20.](url)": a link around a
    # whole citation, read as the citation (the link is its page)
    whole_link = bool(head.links) and head.links[0].text.strip(" .") == text.strip(" .")
    if whole_link and (
        apa
        or quoted
        or GBT.match(text)
        or DBLP.match(text)
        or authors_first(dataclasses.replace(head, links=[]), text) is not None
    ):
        head = dataclasses.replace(head, links=head.links[1:])
    if (
        head.strong
        and quoted
        and re.fullmatch(r"\s*:\s*", text[len(head.strong[0]) : quoted.start()])
    ):
        head = dataclasses.replace(head, strong=[])  # "**DeiT**: "Title"": a name, then the title
    named = re.fullmatch(r"\s*\(([^()]{1,40})\)\s*", head.strong[0]) if head.strong else None
    after_name = text[len(head.strong[0]) :].lstrip() if named else ""
    if named and head.emphasis and after_name.startswith(head.emphasis[0]):
        # "**(SPECTER)** _Title_ ```EMNLP 2020```": a model's name, then the title in italics
        entry.topics.append(named.group(1))
        head = dataclasses.replace(head, strong=head.strong[1:])
        return _emphasised_title(head, after_name, head.emphasis[0], entry)
    if (cells := barred(head, text, entry)) is not None:
        return cells  # "+ 2019 | Title | A, B et al. | arXiv | [PDF](url)"
    if (head.strong and text.startswith(head.strong[0]) and not tag_first) or lead_em:
        return _emphasised_title(head, text, lead_em or head.strong[0], entry)
    if prefix:
        return _dated(head, raw, prefix)
    if venue_first:
        return _venue_first(head, text, venue_first, entry)
    if tag_first and text.startswith(head.strong[0]) and venue_tag(head.strong[0]):
        return _bold_tag_first(head, text, entry)
    if apa and not quoted:
        reading = apa_reading(apa, entry)
        entry.et_al = apa.string != text  # names were left out ("…")
        return reading
    if (
        quoted
        and not (head.links and text.startswith(head.links[0].text))
        and quote_opens_title(text[: quoted.start()])
        and not _quote_begins_title(text, quoted)
    ):
        return _quoted(head, text, quoted, entry)
    if (
        head.links
        and head.links[0].text.strip()
        and text.startswith(head.links[0].text)
        and not is_label(head.links[0])
    ):
        return _linked_title(head, text, entry)
    if cited_first := authors_before_link(text, head.links):
        return _cited_before_link(text, cited_first, entry)
    if gbt := GBT.match(text):
        return gbt_reading(gbt, entry)
    # (the labels of links may close it: "A, B: Title. SOSP 2023. [pdf](url)")
    labels = [lk.text for lk in head.links if lk.text.strip() and is_label(lk)]
    bare = text
    while labels and (end := next((t for t in labels if bare.rstrip(" []").endswith(t)), None)):
        bare = bare.rstrip(" []")[: -len(end)]
        labels.remove(end)
    if (dblp := DBLP.match(bare.rstrip(" []"))) and len(split_names(dblp.group("who")) or []) >= 2:
        return dblp_reading(
            dblp, entry
        )  # (one "name" before a colon is a title's: "Domain Impression:")
    if (first := authors_first(head, text)) is not None:
        return acm_reading(head, first, entry)
    return _plain(head, text, entry)


def _quote_begins_title(text: str, quoted: re.Match[str]) -> bool:
    """Whether a quotation is only the first words of a longer title, which goes on after it
    with no mark between (a citation's quoted title ends it, or punctuation follows).

    >>> t = "“Learning-Compression” Algorithms for Neural Net Pruning [[CVPR](u)]"
    >>> _quote_begins_title(t, QUOTED.search(t))
    True
    >>> t = '"Title of a paper" (ICML 2019)'
    >>> _quote_begins_title(t, QUOTED.search(t))
    False
    """
    inside = text[quoted.end() - 2 : quoted.end() - 1]
    after = text[quoted.end() :]
    return (
        inside not in ".,"
        and re.match(r"\s+(?!(?:In|By|At)\s)[A-Z][\w-]*\s+[a-z]", after) is not None
    )


# Words that carry a title on after its bold part ("**Federated Adversarial Debiasing** for
# Fair …"); not "by", "in", "at", which open its authors or venue.
TITLE_WORDS = r"for|of|with|via|to|on|towards|using|through|against|without|under|from|and"


def _emphasised_title(head: Inline, text: str, title: str, entry: Entry) -> Reading:
    """``**Title** [[pdf]](url) ICLR 2022``, ``**Title.** *A, B.* Venue 2024``, ``**Title**,
    A, B, SOSP 2023``, ``*Title*, A, B. Venue 2023``; a title only partly bold, ``**FedFast:**
    Going Beyond …``, ``**Federated Adversarial Debiasing** for Fair … [KDD20]``."""
    rest = text[len(title) :]
    # (a short name, or one closing in its acronym: "**You Only Read Once (YORO)**: Learning …")
    short = len(title.split()) <= 3 or title.rstrip().endswith(")")
    continued = _title_continues(title, rest) if short else None
    if continued is None and not head.links:
        m = re.match(rf"\s+((?:{TITLE_WORDS})\s[^\[\](),|]*?)\s*(?:[\[(|]|$)", rest)
        continued = m.group(1) if m and not YEAR.search(m.group(1)) else None
        title = f"{title} {continued}" if continued else title
    elif continued is not None:
        # as written: "**PICARD**:Parsing …" keeps its colon's spacing
        title = text[: len(title) + rest.index(continued) + len(continued)].strip()
    if continued is not None:
        rest = rest[rest.index(continued) + len(continued) :]
    glued_year = re.match(r"\s*\(((?:19|20)\d{2})\)", rest)
    if glued_year:  # "**Title**(2022), Zalán Borsos et al. [[pdf]](url)": the year first
        rest = rest[glued_year.end() :]
    year = int(glued_year.group(1)) if glued_year else year_in(rest)
    # "**Title** [[pdf]](url) [[code]](url) ICLR 2022": the venue around the link labels
    said = re.sub(r"\[[^\[\]]*\]", " ", YEAR.sub(" ", rest))
    venue = match_venue(said) if said.strip() else None
    if venue is not None and not venue.known:
        # an unknown name counts only as a lone acronym ("SIGIR 2022", "SIGIR-AP 2024",
        # "NACCL 2024 (Findings)."), never a phrase
        said = re.sub(r"\([^()]*\)", " ", said).strip(" .,;:")
        for label in (lk.text for lk in head.links if is_label(lk) and lk.text.strip()):
            # ("**Title** SODA 1993. [paper](url)": the text shows the link's label)
            said = said.removesuffix(label).strip(" .,;:")
        lone = bool(said) and all(is_acronym(part) for part in said.split("-"))
        venue = match_venue(said) if lone and year is not None else None
    italics = head.emphasis[0].strip() if head.emphasis else ""
    own = author_line(italics) if rest.lstrip(" ,.;:").startswith(italics) and italics else None
    if own and all(person_like(n) for n in own[0]):
        # "**"Title."** *Xixi Wu (CUHK) et al.* arXiv.": the italics bound the authors, and
        # what follows them, up to the first link, is where and when
        entry.authors, entry.et_al = own
        after = rest.split(italics, 1)[1].split("[")[0]
        year = year or year_in(after)
        said_after = YEAR.sub(" ", after).strip(" ,.;*_")
        if said_after and (
            is_known_venue(said_after)
            or (
                year is not None
                and re.fullmatch(rf"[A-Z][\w&.-]*(?:,? {IN_CAPITALS}){{0,8}}", said_after)
            )
        ):
            venue = match_venue(said_after)
    elif head.emphasis and rest.lstrip(" ,.;:").startswith(head.emphasis[0].strip()):
        # "**Title.** *A, B.* Venue 2024", "**Title**, *A, B*, Venue, 2018": the authors in
        # italics right after the title
        cited, more, venue_text, when = trailing_citation(re.sub(r"\[[^\[\]]*\]", " ", rest))
        if cited:
            entry.authors, entry.et_al = in_italics(cited, head.emphasis[0]), more
            year = year or when
            if venue_text and f"`{venue_text}`" in head.raw and not is_known_venue(venue_text):
                venue_text = ""  # "…, [[Caffe](url)], `RCNN`": the system's name in code
            # what follows the italics is where it appeared: "*A, B*, Communications in
            # Mathematics and Statistics, 2018."
            # (up to the first link: "…*, [[OpenAccess](url)], `RCNN`" names a system)
            after = rest.split(head.emphasis[0], 1)[1].split("[")[0] if not venue_text else ""
            said_after = YEAR.sub(" ", after).strip(" ,.;*_")
            named = re.fullmatch(rf"[A-Z][\w&.-]*(?:,? {IN_CAPITALS}){{0,8}}", said_after)
            venue_text = venue_text or (said_after if named else "")
            venue = match_venue(venue_text) if venue_text else venue
    elif CITATION_AFTER.match(rest):
        # "**Title**, A, B, SOSP 2023 [[pdf]](url)": a citation after the title
        cited, more, venue_text, when = trailing_citation(re.sub(r"\[[^\[\]]*\]", " ", rest))
        if cited:
            entry.authors, entry.et_al = cited, more
            year = year or when
            v = match_venue(venue_text) if venue_text else None
            venue = v if v is not None and (v.known or VENUE_WORDS.search(venue_text)) else venue
    if venue is None:
        v, y = venue_year_in(rest)  # "**Title** [arxiv 2019.7] [paper](url)"
        venue, year = v, year or y
    coded = re.search(r"`+\s*([^`]{2,80}?)\s+((?:19|20)\d{2})(\s+\w+)?\s*`+", head.raw)
    if venue is None and coded and len(coded.group(1).split()) <= 8:
        # "_Title_ ```Journal of Chemical Information and Modeling 2022```": code holding a
        # venue and its year, nothing else, names the venue whatever it is
        venue = match_venue(f"{coded.group(1)}{coded.group(3) or ''}")
        year = year or int(coded.group(2))
    if venue is None and (tag := _code_tag_after(head, rest)) is not None:
        venue, year = tag[0], year or tag[1]
    return Reading(title, venue, year)


def _code_tag_after(head: Inline, rest: str) -> tuple[VenueMatch, int | None] | None:
    """A venue in code right after an emphasised title, without a year or with a short one:
    ``**Title.** `preprint` ``, `` `BCB 19` ``, `` `Machine Learning: Science and Technology` ``;
    a known venue, a preprint, an acronym with its year, or a name in capitals with a
    venue's word (code holding one unknown name, `` `RCNN` ``, is a system's name).

    >>> [_code_tag_after(Inline("", raw=f"**T.** `{c}`"), f" {c}") for c in ("RCNN", "cnn")]
    [None, None]
    >>> v, y = _code_tag_after(Inline("", raw="**T.** `BCB 19`"), " BCB 19")
    >>> v.acronym, y
    ('BCB', 2019)
    >>> _code_tag_after(Inline("", raw="**T.** `preprint`"), " preprint")[0].id
    'preprint'
    """
    code = re.search(r"`([^`]{2,80})`", head.raw)
    said = code.group(1).strip() if code else ""
    if not said or not rest.lstrip(" .,:").startswith(said):
        return None
    venue, year, not_paper = read_tag(said)
    if venue is None or not_paper:
        return None
    named = re.fullmatch(rf"[A-Z][\w&-]*:?(?: {IN_CAPITALS}:?)+", said) and VENUE_WORDS.search(said)
    if venue.known or venue.id == "preprint" or (year is not None and is_acronym(said.split()[0])):
        return venue, year
    return (venue, year) if named else None


def _dated(head: Inline, raw: str, prefix: re.Match[str]) -> Reading:
    """``- 2016-ICLR-[Title](url)``, ``- 2016.06-[Title](url)`` (a preprint's month),
    ``[2018-ECCV-Title](url)``; a ``-book-`` tag makes it no paper."""
    r = Reading(year=int(prefix.group(1)))
    tokens = [t for t in prefix.group(3).split("-") if t.strip()]
    r.title = (
        prefix.group(4) if raw.lstrip().startswith("[") or not head.links else head.links[0].text
    )
    for i, token in enumerate(tokens):
        if re.fullmatch(r"book", token, re.I):
            r.not_paper = True
            break
        flagged = re.fullmatch(r"(.+?)([osbw])", token)  # "ICLRo", "NIPSw": oral, workshop
        named = match_venue(token)
        if (named is None or not named.known) and flagged:
            base = match_venue(flagged.group(1))
            if base is not None and base.known:
                named = VenueMatch(base.id, base.acronym, True, flagged.group(2) == "w")
        if named is not None and (named.known or (i == 0 and prefix.group(2) is None)):
            r.venue = named
            break
    return r


def _venue_first(head: Inline, text: str, venue_first: re.Match[str], entry: Entry) -> Reading:
    """``[OSDI'22] [Title](url)``, and ``[2024/07/08] [Title](url) (A & B et al., ECCV
    2024)`` where the bracket is a date and the citation follows."""
    venue, year, not_paper = read_tag(venue_first.group(1))
    if re.fullmatch(r"\s*(?:arxiv:?\s*)?\d{4}\.\d{4,5}(?:v\d+)?\s*", venue_first.group(1), re.I):
        venue, year = match_venue("arXiv"), None  # "[1512.03385] [Title](url)": an arXiv id
    title = head.links[0].text if head.links else venue_first.group(2)
    after = text[text.find(title) + len(title) :] if title in text else ""
    paren = re.search(r"\(([^()]*?(?:19|20)\d{2})\)", after)
    if venue is None and paren:
        venue, year = paren_citation(paren.group(1), entry)
    by = re.match(r"\s*,?\s*by\s+([^\[\]]+)", after)
    if by:  # "[**FSE'19**] [Title](url), by A, B, and C. [**Org**]"
        found = author_line(re.sub(r",?\s+and\s+", ", ", by.group(1)).strip(" ."))
        if found and all(person_like(n) for n in found[0]):
            entry.authors, entry.et_al = found
    return Reading(title, venue, year, not_paper)


def _bold_tag_first(head: Inline, text: str, entry: Entry) -> Reading:
    """``**[MobiCom '25]** Title <br>*A, B et al.*``, ``**[Arxiv'25]** [Title.](url) *Org*``:
    the bold tag gives venue and year; the title is the link, or the plain text up to the
    italics after it (authors, or an affiliation, which is no author). A tag that names no
    venue or year (``**[AMC]** Title``) is the list's own label, read by another layout."""
    venue, year, not_paper = read_tag(head.strong[0].strip().strip("[]"))
    rest = text[len(head.strong[0]) :].strip()
    link = next((lk for lk in head.links if lk.text.strip()), None)
    title = link.text if link is not None and rest.startswith(link.text) else rest
    title = italic_tail(title, rest, head.emphasis, entry)
    return Reading(title, venue, year, not_paper)


def _quoted(head: Inline, text: str, quoted: re.Match[str], entry: Entry) -> Reading:
    """``Author, et al. "Title." VENUE. YEAR.``, with an optional ``(Category)`` first."""
    before, after = text[: quoted.start()], text[quoted.end() :]
    category = re.match(r"\s*\(([^()]{3,80})\)\s*", before)
    if category:  # "(DNN Models and Architectures) Sze, Vivienne, …": the list's section
        entry.topics.append(category.group(1).strip())
        before = before[category.end() :]
    named = re.match(r"\s*(.{1,60}?)\s*:\s*$", before)
    if named and not last_first(before.strip(" ,.:")):  # "**DeiT**: "Title"": the system's name
        entry.topics.append(named.group(1).strip("* "))
        before = ""
    authors = last_first(before.strip(" ,."))
    if authors:
        entry.authors, entry.et_al = authors
    elif not before.strip() and CITATION_AFTER.match(after):
        # '"Title" - A, B, SOSP 2023 [paper](url)': the citation follows the quoted title
        cited, more, venue_text, when = trailing_citation(after.split("[")[0])
        v = match_venue(venue_text) if venue_text else None
        if cited and all(person_like(c) for c in cited) and v is not None and v.known:
            entry.authors, entry.et_al = cited, more
            return Reading(quoted.group(1), v, when)
    after = re.sub(r"^\s*[.,]?\s*(?:19|20)\d{2}\s+", "", after.split("[")[0])
    year = year_in(after) or year_in(before)  # "Soatto. 2019. “Title.” In _Venue_
    venue = match_venue(re.sub(r"\([^)]*\d{4}[^)]*\)|\b\d{4}\b.*$", "", after).strip(" .,"))
    if (venue is None or not venue.known) and after.strip():
        venue = match_venue(after.split(".")[0].strip()) or venue
    if (
        venue is not None
        and not venue.known
        and not (VENUE_WORDS.search(after) or is_acronym(venue.acronym))
    ):
        venue = None  # '"Multi-Level IR" Compiler Infrastructure [[GitHub]]': words, no venue
    italic = next((em for em in head.emphasis if len(em) > 2 and em in after), None)
    plausible = italic and (not ORG.search(italic) or VENUE_WORDS.search(italic))
    said = match_venue(italic) if italic and plausible else None
    if said is not None and (venue is None or not venue.known):
        venue = said  # "“Title.” In _Network Neuroscience_ 1 (1): 42–68": the venue in italics
    later = re.search(r"\(([^()]{2,40})\)\s*\.?\s*$", after)
    if later:  # "… arXiv preprint arXiv:2507.16782 (2025). (ICCV 2025)": published since
        v, y, _ = read_tag(later.group(1))
        if v is not None and v.known and y is not None:
            venue, year = v, y
    return Reading(quoted.group(1), venue, year)


def _linked_title(head: Inline, text: str, entry: Entry) -> Reading:
    """``[Title](url)`` first, then tags (``[Venue 'YY, Org]``), a citation in parentheses,
    a trailing citation (``- A, B, Venue, 2018``) or a venue and year said anywhere."""
    r = Reading(head.links[0].text)
    given = (list(entry.authors), entry.et_al)  # "Shi et al., [Title](url)": read before it
    rest = text[len(r.title) :]
    continued = _title_continues(r.title, rest)
    if continued is not None:  # "[Punica](url): Multi-Tenant LoRA Serving | MLSys' 24"
        at = rest.find(continued) + len(continued)
        r.title, rest = f"{r.title.rstrip(' :')}: {continued}", rest[at:]
    tags = re.findall(r"\[([^\[\]]+)\]", rest)
    for tag in tags:
        if is_label_text(tag):
            if re.fullmatch(r"repo", tag.strip(), re.I):
                r.not_paper = True
            continue
        v, y, np_ = read_tag(tag)
        if y is not None or (v is not None and v.known):
            r.venue, r.year, r.not_paper = v, y, np_
            break
    plain = re.sub(r"\[[^\[\]]*\]", " ", rest)
    for label in (lk.text.strip() for lk in head.links[1:] if is_label(lk)):
        plain = plain.replace(label, " ", 1) if label else plain
    # "…, Müller et al., SIGGRAPH 2022 | [github](u) | [bibtex](u)": the bars between labels
    plain = re.sub(r"(?:\s*\|)+\s*$", " ", plain)
    bold = _bold_venue_after(head, plain)
    if bold is not None:
        # "[Title](url) **MAPL 2019**. [Github Page](…). A, B, C. _Org_.": the bold venue,
        # then the links' labels and a closing affiliation around the citation
        r.venue, r.year = r.venue or bold[1], r.year or bold[2]
        plain = _without_asides(head, plain.replace(bold[0], " ", 1))
    # "…, FnT TCS, 2014. Remains the core privacy baseline …": a remark after the year, unless
    # it names where the paper appeared
    cut = re.split(r"(?<=\d{4})\.\s+(?=[A-Z][a-z]+(?:\s+[\w-]+){2})", plain, maxsplit=1)
    remark = cut[1] if len(cut) > 1 else ""
    # (nor names: "SOSP 2023. [Github Page](u). Woosuk Kwon, Zhuohan Li. _UC Berkeley_.")
    names = re.search(r"[A-Z][a-z]+ [A-Z][a-z]+,", remark) is not None
    closing = cut[0] if venue_year_in(remark)[0] is None and not names else plain
    said = re.split(r"\s[-–—]\s", plain, maxsplit=1)[0] if plain.strip() else ""
    paren = re.search(r"\(([^()]*?(?:19|20)\d{2}(?:,? [A-Za-z]{2,12}){0,2})\)", said)
    # "… by Org et al. (ICML 2023)", "(Oct 2023, SOSP)"
    if r.venue is None and r.year is None and paren:
        r.venue, r.year = paren_citation(paren.group(1), entry)
    alone = re.fullmatch(rf"\s*\(({ACRONYM})\)\s*", said)
    if r.venue is None and alone:  # "[Title](url) (SOSP)" under a "### 2023" heading
        v = match_venue(alone.group(1))
        r.venue = v if v is not None and v.known else None
    if not alone and (by := re.match(r"\s*by\s", said)):
        # "by Mingzhen Li et al., TPDS 2021"; "by NVIDIA, Arm, and Intel, 2022" names no people;
        # "by A, B and C. *Proceedings of … (IJCNN 2020)*, 2020." (its venue read above)
        r.year = r.year or year_in(said)
        # ("by  and Robert French. *Venue*": one author, a bibliography's empty first name)
        who = re.sub(r"^\s*and\s+", "", said[by.end() :])
        cited, more, venue_text, when = trailing_citation(", " + who)
        if cited and all(person_like(c) for c in cited):
            entry.authors, entry.et_al = cited, more
            v = match_venue(venue_text) if venue_text else None
            # (a name the registry does not know, in italics: "*IEEE Geoscience and Remote
            # Sensing Letters*, 1472--1476, 2019.")
            italic = any(
                e.strip(" .,") and venue_text.startswith(e.strip(" .,")) for e in head.emphasis
            )
            if r.venue is None and v is not None and (v.known or is_acronym(venue_text) or italic):
                r.venue = v
            r.year = r.year or when
    # "[Title](url) *A, B.* Venue 2024": the authors in italics right after the link
    italic = bool(head.emphasis) and plain.strip().startswith(head.emphasis[0].strip())
    # "[Title](url)⏎  A, B. SOSP 2023.": the citation on the item's next line, a soft break
    soft = "\n" in head.raw and head.raw.split("\n")[0].rstrip().endswith(")")
    # (links' labels after the citation are no tags: "… Ruijie Zhao. `AAAI 2023`. [[code]](u)")
    named_tags = [t for t in tags if not is_label_text(t)]
    if (not named_tags or bold is not None) and (italic or CITATION_AFTER.match(plain) or soft):
        cited, more, venue_text, when = trailing_citation(closing)
        if soft and not (italic or CITATION_AFTER.match(plain)):
            cited = cited if all(person_like(c) for c in cited) else []
        elif any(ORG.search(c) or NOT_NAME_WORDS.search(c) for c in cited):
            cited = []  # "[Title](url), World Wide Web, Springer journal": a journal's name
        if given[0] and cited:
            # "Dwork and Roth, [Title](url), FnT TCS, 2014.": the authors came first; what
            # follows the link is where and when
            venue_text, cited = ", ".join([*cited, venue_text]).strip(", "), []
            v = match_venue(venue_text) if venue_text else None
            r.venue, r.year = r.venue or v, r.year or when
        if cited:  # a citation, not a description ("- [MNN](…) - is a fast engine")
            entry.authors, entry.et_al = cited, more
            if italic:
                entry.authors = in_italics(cited, head.emphasis[0])
            r.year = r.year or when
            for candidate in [venue_text, *head.emphasis]:
                v = match_venue(candidate) if candidate else None
                if v is not None and (v.known or candidate == venue_text):
                    r.venue = r.venue or v
                    break
    after_link = re.sub(r"\s*\(\s*(?:19|20)\d{2}\s*\)\s*\.?\s*$", "", plain).strip(" .")
    labels_only = all(is_label_text(tag) for tag in tags)  # "[[GitHub]](url)", no "[SOSP'23]"
    if not entry.authors and labels_only and after_link and not CITATION_AFTER.match(plain):
        # "[Title](url) Zhaohui Yang et al [[GitHub]](url) <img badge>", "[Title](url) Anurudh
        # Peduri, Siddharth Bhat, Tobias Grosser": names alone after the link, no mark between;
        # only "et al." or two names at least, all of them people's (no description)
        found = author_line(after_link)
        if found and (found[1] or len(found[0]) >= 2) and all(person_like(n) for n in found[0]):
            entry.authors, entry.et_al = found
    # ", preprint (first FL paper by Google)", " preprint 2019": a remark may follow, and a
    # preprint needs no comma
    # (or a colon before a year: "[Title](url): 2018<br/>A and B"; or a full stop: "[Title](u).
    # IEEE Transactions on Mobile Computing, 2024. Shows how …", a remark after the year)
    tail = re.fullmatch(
        r"\s*(?:,\s*|:\s*(?=(?:19|20)\d{2}\b)|\.\s+(?=[^.]{2,70}?(?:19|20)\d{2}\s*\.?\s*$)|"
        r"(?=preprint\b))([^,;|()\[\]]{2,70}?(?:,\s*(?:19|20)\d{2})?)\s*[.,]?\s*"
        r"(?:\([^()]{0,80}\)\s*\.?\s*)?",
        closing,
        re.I,
    )
    linked = {lk.text.strip() for lk in head.links}
    if r.venue is None and r.year is None and tail and tail.group(1).strip() not in linked:
        # "[Title](url), IEEE TBD 2022", ", preprint 2020", ", 2019", ", IEEE Access"
        r.year = year_in(tail.group(1))
        name = YEAR.sub(" ", tail.group(1)).strip(" ,.")
        v = match_venue(name) if name else None
        if name.casefold() == "preprint":
            r.venue = VenueMatch("preprint", "preprint", False)
        elif v is not None and not ORG.search(name) and not PLACE.search(name):
            capitalised = re.fullmatch(r"[A-Z][\w&.-]*(?: [A-Z]?[\w&.-]*){0,4}", name)
            named = r.year is not None or VENUE_WORDS.search(name) or is_acronym(name)
            r.venue = v if v.known or (capitalised and named) else None
        if r.venue is not None or r.year is not None:
            entry.authors, entry.et_al = given  # (the names before the link stay)
    if r.venue is None and r.year is None:  # "[Title](url) | SOSP 2023 | [code](url)"
        r.said_late = venue_year_in(plain)
    dated = re.search(rf"\((?:{MONTH}\.?\s+)?((?:19|20)\d{{2}})\)\s*\.?\s*$", plain)
    # or right after a dash, a description following: "[Title](url) - (2023) An RTL benchmark";
    # or in code at the end: "[Title](url) `Google` `2017`"
    dated = dated or re.match(r"\s*[-–—]\s*\(((?:19|20)\d{2})\)", plain)
    dated = dated or re.search(r"`((?:19|20)\d{2})`\s*$", head.raw)
    if r.year is None and dated:  # "[Title](url) – Google / DeepMind (Feb 2024)"
        r.year = int(dated.group(1))
    return r


# Who or where, not a venue, after a linked title: "[Title](url), Stanford".
PLACE = re.compile(r"\b(?:stanford|berkeley|mellon|tsinghua|peking|openai|deepmind|apple)\b", re.I)


def _title_continues(linked: str, rest: str) -> str | None:
    """The rest of a title that its link only begins: ``[Punica](url): Multi-Tenant LoRA
    Serving | MLSys' 24``, ``[Name:](url) Rest``; a short name (or one ending in an
    acronym in parentheses) and a capitalised continuation, up to a ``|``, a dash or a tag.

    >>> _title_continues("Punica", ": Multi-Tenant LoRA Serving | MLSys' 24")
    'Multi-Tenant LoRA Serving'
    >>> _title_continues("A Long Paper Title Of Six Words", ": Some description") is None
    True
    """
    if len(linked.split()) > 5 and not linked.endswith(")"):
        return None
    pattern = r"\s*:\s*" if not linked.endswith(":") else r"\s*"
    m = re.match(pattern + r"([A-Z0-9][^|\[]*?)\s*(?:\||\[|$)", rest)
    if m is None or len(m.group(1).split()) < 2:
        return None
    # "… Serving Systems – Google (Feb 2024)": who wrote a report and when, not its title
    return re.sub(r"\s[-–—]\s[^–—]*\(\s*[\w.]*\s*(?:19|20)\d{2}\s*\)\.?$", "", m.group(1)).strip()


def _bold_venue_after(head: Inline, plain: str) -> tuple[str, VenueMatch, int] | None:
    """A bold venue and year after a linked title (``**MAPL 2019**``): the bold text, the
    venue (known, or an acronym) and the year."""
    for bold in head.strong:
        if not bold.strip() or bold not in plain:
            continue
        venue, year, not_paper = read_tag(bold.strip(" []*"))
        if venue is None or year is None or not_paper:
            continue
        if venue.known or is_acronym(re.split(r"[\s'’]", bold.strip(" []*"))[0]):
            return bold, venue, year
    return None


ASIDE = re.compile(r"\b(?:page|docs?|document(?:ation)?|website|project|code|cdoe|github)\b", re.I)


def _without_asides(head: Inline, plain: str) -> str:
    """The text after a title without its links' labels (``Github Page``, ``code``) and a
    closing affiliation in italics (``_OpenAI_``), so that a citation among them reads."""
    for link in head.links[1:]:
        label = link.text.strip()
        if label and (is_label_text(label) or ASIDE.search(label)):
            plain = plain.replace(label, " ", 1)
    last = head.emphasis[-1].strip() if head.emphasis else ""
    if last and plain.rstrip(" .").endswith(last) and not split_names(last):
        plain = plain.rstrip(" .")[: -len(last)]
    return ". " + plain.lstrip(" .,;:")  # the bold venue ended the title's part


def _cited_before_link(
    text: str, cited_first: tuple[list[str], bool, Link], entry: Entry
) -> Reading:
    """``[ICLR]A, B .[Title](url) [J]. arXiv preprint …``, ``Zhao L, et al. [Title](url)[J].``:
    the authors first, the linked title, a GB/T 7714 tail."""
    entry.authors, entry.et_al, link = cited_first
    title = link.text
    r = Reading(title)
    r.venue, r.year = cited_venue(text[text.find(title) + len(title) :])
    for tag in re.findall(r"[\[【]([^\[\]【】]{1,40})[\]】]", text[: text.find(title)]):
        v, y, np_ = read_tag(tag)
        r.not_paper = r.not_paper or np_
        if v is not None and v.known and (r.venue is None or published_as(v, r.venue)):
            r.venue, r.year = v, y or r.year
    return r


def _cited_link(head: Inline, text: str, entry: Entry) -> Reading | None:
    """``Title - [Strubell et al. (2019)](url)``: the link's text cites who and when, the
    title is before it."""
    if not head.links:
        return None
    link = head.links[0]
    m = re.fullmatch(r"(.{2,60}?)[\s,]*\(?((?:19|20)\d{2})\)?", link.text.strip())
    at = text.find(link.text)
    if m is None or at <= 0 or text[at + len(link.text) :].strip(" .[]()"):
        return None
    title = text[:at].strip().rstrip("-–—:,|").strip()
    who = m.group(1).strip()
    found = author_line(who)
    if len(title.split()) < 2 or (found is None and not re.fullmatch(r"[\w&.' -]{2,40}", who)):
        return None
    title = title.rstrip(" ([").strip()
    v, y, _ = read_tag(link.text)
    if v is not None and v.known:  # "Title ([SoCC 2023](notes))": where, not who
        return Reading(title, v, y)
    if found and all(person_like(n) and not n.isupper() for n in found[0]):
        entry.authors, entry.et_al = found
    return Reading(title, None, int(m.group(2)))


def _glued_tag(tags: list[str]) -> tuple[VenueMatch | None, int | None]:
    """A tag of one name glued to its year, ``[Sensors2022]``, ``[(ICNN1994)]``: a venue the
    registry does not know, and its year (a publisher's, ``[ACM2021]``, a kind's,
    ``[PhDThesis2019]``, or a term's, ``(Fall 2019)``, gives the year only).

    >>> [(v and v.acronym, y) for v, y in [_glued_tag(["Sensors2022"]), _glued_tag(["ACM2021"])]]
    [('Sensors', 2022), (None, 2021)]
    >>> _glued_tag(["Survey2022"]), _glued_tag(["PyTorch"]), _glued_tag(["Fall 2019"])
    ((None, 2022), (None, None), (None, 2019))
    """
    for tag in tags:
        glued = re.fullmatch(r"\(?([A-Za-z][A-Za-z&-]{1,24}?)[ -]?((?:19|20)\d{2})\)?", tag.strip())
        if glued is None:
            continue
        word = glued.group(1)
        v, _, not_paper = read_tag(word)
        # ("[Github 2023]" links a PDF; "(Fall 2019)" is a course's term)
        dated = re.fullmatch(rf"{MONTH}|spring|summer|fall|autumn|winter|\w*thesis", word, re.I)
        if v is None or not_paper or dated or is_label_text(word) or PAPERS_SECTION.fullmatch(word):
            return None, int(glued.group(2))
        return v, int(glued.group(2))
    return None, None


def _plain(head: Inline, text: str, entry: Entry) -> Reading:
    """``Title [[Paper]](url) [[GitHub]](url)``, plain text, ``Title. A, B. SOSP 2023.`` and
    the citation after the labels (``Title [[paper]](url) <br> A, B. SOSP, 2023.``)."""
    r = Reading()
    by_link = _cited_link(head, text, entry)
    if by_link is not None:
        return by_link
    first_label = next((lk for lk in head.links if is_label(lk)), None)
    cut = text.find(f"[{first_label.text}]") if first_label else -1
    if cut < 0 and first_label is not None:
        cut = text.find(first_label.text)
        # "Title [✏️CVPR][⭐github]": back to the bracket that opens the label, over its marks
        opening = text.rfind("[", 0, cut)
        if opening >= 0 and not re.search(r"[\w\]]", text[opening + 1 : cut]):
            cut = opening
    title = text[:cut] if cut > 0 else text
    if first_label is None and head.links and head.links[0].text.strip():
        title = head.links[0].text if text.startswith(head.links[0].text) else title
    title = italic_tail(title, text, head.emphasis, entry)
    tags = re.findall(r"\(\*?([^()]{0,80}?\d{4}[^()]{0,80}?)\*?\)", text)
    tags += [t for t in re.findall(r"\[([^\[\]]+)\]", text) if not is_label_text(t)]
    linked_texts = {re.sub(r"\W", "", lk.text).casefold() for lk in head.links}
    for tag in tags:
        v, y, not_paper = read_tag(tag)  # (its venue may say "[ACMMM20]")
        if (
            not_paper
            and len(tag.split()) <= 3
            and re.sub(r"\W", "", tag).casefold() not in linked_texts
        ):
            # "Title.<ins>website, 2023</ins>", "[blog 2023]": no paper (a link's label,
            # "[[Project Website]](url)" beside "[[Paper]](url)", says nothing of the entry)
            r.not_paper = True
        if v is not None and v.known:
            r.venue, r.year = v, year_in(tag) or y
            break
    else:
        r.venue, r.year = _glued_tag(tags)
        # "Title. <ins>2024</ins>": a year alone, set off like a venue would be
        alone = next((t for t in tags if re.fullmatch(r"\s*(?:19|20)\d{2}\s*", t)), None)
        r.year = r.year or (int(alone) if alone else None)
    dated = re.search(r"[(\[]((?:19|20)\d{2})(?:[./-]\d{1,2}){1,2}[)\]]", text[len(title) :])
    if dated:  # "Title [[paper](url)] (2024.02.29)": the date it was added
        r.dated = int(dated.group(1))
    after = text[cut:] if cut > 0 else ""
    for label in (lk.text for lk in head.links if is_label(lk)):
        after = after.replace(label, " ")  # "[PDF](url) [PUB](url)" shows "PDF PUB"
    after = re.sub(r"\[[^\[\]]*\]", " ", after).strip(" ,")
    cited_plain = plain_citation(title) if re.search(r"[.,] | [-–—] ", title) else None
    late = re.search(r"\s+[-–—|•·]\s*([^-–—|•·,:()\[\]]{2,30}?)\s*[-–—|•·]?\s*$", title)
    said = read_tag(late.group(1)) if late and not cited_plain and r.venue is None else None
    if late and said is not None and said[0] is not None and said[0].known and said[1]:
        # "Title - SOSP 2023 - [paper](url)", "Title | SOSP 2023 | [paper](url)"
        title, r.venue, r.year = title[: late.start()], said[0], said[1]
    if cited_plain and not entry.authors:
        title, entry.authors, entry.et_al, venue_text, when = cited_plain
        v = match_venue(venue_text) if venue_text else None
        r.venue = r.venue or (v if v is not None and (v.known or is_acronym(venue_text)) else None)
        r.year = r.year or when
    elif after and not entry.authors and re.match(r"[A-ZÀ-ÝĀ-ſ]", after):
        cited, more, venue_text, when = trailing_citation(". " + after)
        if cited:
            entry.authors, entry.et_al = cited, more
            v = match_venue(venue_text) if venue_text else None
            r.venue = r.venue or (v if v is not None and v.known else None)
            r.year = r.year or when
    if r.venue is None and r.year is None:
        r.said_late = venue_year_in(text[len(title) :])
    if r.venue is None and ARXIV_CITED.search(text):  # "Title. A et al. arXiv:2012.08922"
        r.venue = match_venue("arXiv")
    r.title = title
    return r


# An arXiv identifier cited in the text, not linked ("arXiv:1503.02531", "arXiv 2303.13803").
ARXIV_CITED = re.compile(r"\barxiv[:\s]\s*\d{4}\.\d{4,5}\b", re.I)


def _tidy_title(title: str) -> tuple[str, list[str]]:
    """The title without a comment in parentheses (``(Georgia Institute of Technology)``,
    ``(UW的一个工作）``), a short closing sentence (``…Models. Microsoft Work``) and the
    list's decorations; the decorations are returned as tags."""
    # "(formerly: DNN Dataflow Choice Is Overrated)": another name, not the title; "(Section
    # 5.3)", "(Chapter 2)": the part to read
    title = re.sub(
        r"\s*\((?:formerly|previously|aka|sections?|chapters?|§)\b[^()]*\)\s*$",
        "",
        title,
        flags=re.I,
    )
    title = re.sub(
        r"\s*[（(][^()（）]*(?:[^\x00-\x7f]|\b(?:univ\w*|institute|inc|lab)\b)"
        r"[^()（）]*[)）]\s*$",
        "",
        title,
        flags=re.I,
    )
    remark = re.search(r"\s*[（(]([^()（）]*)[)）]\s*$", title)
    said: list[str] = []
    # ("(Liquid State Machine)": a method's name, though "State" may name a university)
    if remark and (AFFILIATION.search(title) or re.search(r"\.\s*$", title[: remark.start()])):
        # "Title. (Chinese Academy of Sciences)": a remark, kept as the list's tag
        title, said = title[: remark.start()], [remark.group(1).strip()]
    parts = title.rsplit(". ", 1)
    if (
        len(parts) == 2
        and len(parts[1].split()) <= 3
        and len(parts[0].split()) >= 4
        and not re.match(r"part\b", parts[1], re.I)  # "… neural nets. Part II: quantization"
    ):
        title = parts[0]
    # "Title. Hinton et al.": a citation's authors that no reader took
    title = re.sub(r"\.\s+[A-Z][\w'’-]+(?:,? [A-Z][\w'’-]+)? et al\.?$", "", title)
    title, tags = strip_decorations(clean_title(re.sub(r"\s*\[[^\]]*\]\s*$", "", title)))
    return clean_title(title), tags + said
