"""What an entry's links are: its paper's page, its code, or a slide, video or blog."""

from __future__ import annotations

import re

from ..markdown_list import Block, Link
from .record import Entry

PAPER_LABELS = re.compile(
    r"^\[?(paper|pdf|pub|arxiv|acm|ieee|usenix|doi|proceedings|openreview|link|"
    r"(?:link to (?:the )?)?paper(?: link| page)?|pdf link|full paper|url|part ?\d+|"
    r"mit short paper|extended version|journal version)\]?$",
    re.I,
)

CODE_LABELS = re.compile(
    # ("Official code", "PyTorch code"; not a title that ends in one: "… Trained on Code")
    r"^\[?(?:(?:github|code|repo|source)(?: link| repo(?:sitory)?| page)?|source code|"
    r"(?:\w+ ){0,2}code)\]?$",
    re.I,
)

OTHER_LABELS = re.compile(
    r"^\[?(slides?|videos?|blog|website|course|tutorial|talk|advice|docs?|project|program|"
    r"(?:online |e-?)?books?|"
    r"all papers|workshop|homepage|news|notes?|summary|post|podcast|demo|"
    r"bibtext?|bib|citation|cite)\]?$",
    re.I,
)

# A video's page: an entry whose page it is is a talk or a tutorial, whatever venue it names.
VIDEO_HOSTS = r"youtube\.com|youtu\.be|vimeo\.com|bilibili\.com"
VIDEO_LINK = re.compile(VIDEO_HOSTS, re.I)

# The slides of a talk or a tutorial, whatever venue its entry names ("**GTC'17**-[…](…
# gputechconf.com/gtc/2017/presentation/…pdf)", "…/CUDA_Tutorial/SC10_….pdf").
TALK_LINK = re.compile(r"gputechconf\.com/|[/_]tutorials?/", re.I)

# Slides ("…/neurips23_slides/ANNS_for_recommendation_systems.pdf"): a paper's second link
# often, so they make an entry a talk only when it names no venue or year.
SLIDES_LINK = re.compile(r"[/_]slides?[/_.]", re.I)

# A link to a blog post, a news story or a video: with no venue, the entry is no paper.
BLOG_LINK = re.compile(
    VIDEO_HOSTS + r"|medium\.com|towardsdatascience\.com|substack\.com|blogspot\.|"
    r"wordpress\.com|://blog\.|://news\.|/blog/|/news/|/20\d\d/\d\d/\d\d/",
    re.I,
)

# A model's or a dataset's page on the Hugging Face Hub (its papers' pages are papers).
MODEL_PAGE = re.compile(r"huggingface\.co/(?!papers/|spaces/|blog/|docs/)[\w.-]+/[\w.-]+", re.I)

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co/spaces")


ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")


def on_host(href: str, hosts: tuple[str, ...]) -> bool:
    return any(h in href.lower() for h in hosts)


def classify_links(links: list[Link]) -> tuple[str | None, str | None, bool]:
    """(paper page, code repository, has only non-paper labels) from an entry's links."""
    url = code = None
    other = False
    for link in links:
        label, href = link.text.strip(), link.href
        if not href.startswith(("http://", "https://")):
            continue
        if MODEL_PAGE.search(href):  # a model's or a dataset's page, whatever its label
            other = True
            continue
        if PAPER_LABELS.match(label):
            url = url or href
        elif CODE_LABELS.match(label):
            if on_host(href, CODE_HOSTS):
                code = code or href
            else:  # a "GitHub" link to a conference page is the paper's page
                url = url or href
        elif OTHER_LABELS.match(label):
            other = True
        elif on_host(href, CODE_HOSTS) and not on_host(href, (".pdf", "github.io")):
            code = code or href
        else:
            url = url or href
    return url, code, other and url is None


def blog_only(url: str | None, links: list[Link], entry: Entry, dated: bool) -> bool:
    """An entry whose page is a blog post, news story or video, that no link labels a paper,
    with no authors and not in a list of dated papers ("2017.11-[Title](…)")."""
    labelled = any(PAPER_LABELS.match(lk.text.strip()) for lk in links)
    return bool(url and BLOG_LINK.search(url)) and not (labelled or entry.authors or dated)


def arxiv_id(url: str | None) -> str | None:
    """The arXiv identifier a link carries, if any.

    >>> arxiv_id("https://arxiv.org/pdf/2309.06180v1.pdf"), arxiv_id("https://x.org")
    ('2309.06180', None)
    """
    m = ARXIV_ID.search(url or "")
    return m.group(1) if m else None


def is_label_text(text: str) -> bool:
    """Whether a link's text names what it links to ("Paper", "Code", "Slides") or is its
    address written out ("https://arxiv.org/pdf/2401.06118.pdf"), not a title."""
    t = text.strip()
    return bool(
        PAPER_LABELS.match(t)
        or CODE_LABELS.match(t)
        or OTHER_LABELS.match(t)
        or re.fullmatch(r"(?:https?://|www\.)\S+", t)
        or re.fullmatch(r"\[[^\[\]]+\]", t)  # "[[ArXiv 2024]](url)": a tag, not a title
    )


def is_label(link: Link) -> bool:
    return is_label_text(link.text)


def detail_links(block: Block) -> list[Link]:
    """Links under an entry that are the entry's: a "Code:" line's, and the labelled links
    ([Paper], [Code]) of the line right under an entry that has no link of its own."""
    links: list[Link] = []
    for d in block.details:
        if re.match(r"code:", d.text, re.I):
            # (an address written out is read, and checked, from the line's text)
            links += [Link("Code", lk.href) for lk in d.links if not lk.bare]
        elif re.match(r"(?:paper|pdf)\b:?\s*\[", d.raw or d.text, re.I) and d.links:
            links.append(Link("Paper", d.links[0].href))  # "paper [Title](url)" under it
    if block.details and not any(lk.href.startswith("http") for lk in block.head.links):
        links += [lk for lk in block.details[0].links if is_label(lk) and not lk.bare]
    return links
