"""What one block of a list says (:class:`Entry`), and its title as the list writes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...corpus.rules import AFFILIATION
from ..venues import VenueMatch


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
    >>> clean_title("Inference Optimization of Foundation Models -")
    'Inference Optimization of Foundation Models'
    >>> clean_title('"Machine Learning for Microcontroller-Class Hardware')
    'Machine Learning for Microcontroller-Class Hardware'
    """
    t = text.replace("{", "").replace("}", "").replace("\\", "")
    t = re.sub(r"\s+", " ", t).strip().rstrip(" .,;:")
    # Quotes around the whole title go; quotes inside it ("Why Should I Trust You?": …) stay.
    m = re.fullmatch(r"[\"“”'‘’]([^\"“”]*)[\"“”'‘’]", t)
    if m:
        t = m.group(1)
    elif re.match(r"[\"“]", t) and len(re.findall(r"[\"“”]", t)) == 1:
        t = t[1:]  # a quotation the list opened and never closed
    return t.strip().rstrip(" .,;:").removesuffix(" -").removesuffix(" –").removesuffix(" —")


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
    >>> strip_decorations("(PyTorch DDP) PyTorch Distributed: Experiences")
    ('PyTorch Distributed: Experiences', ['PyTorch DDP'])
    >>> strip_decorations("ReckOn: A 28nm Spiking Recurrent Neural Network Processor(Reckon)")
    ('ReckOn: A 28nm Spiking Recurrent Neural Network Processor', [])
    >>> strip_decorations("[Long Title In Brackets Only]")
    ('Long Title In Brackets Only', [])
    """
    tags: list[str] = []
    # GitHub's ":fire:" emoji (its closing colon may have gone with the title's punctuation)
    t = re.sub(r"\s*:[a-z0-9_+-]+:(?=\s|$)|\s+:[a-z0-9_+-]+$", " ", title).strip()
    t = re.sub(r"^[^\w\[\]\"“'‘(]+", "", t).strip()
    m = re.match(r"\[([^\[\]]{1,80})\]\s*[:\-–—]?\s*(?=\S+\s+\S)", t) or re.match(
        r"\(([^()]{1,40})\)\s+(?=\S+\s+\S+\s+\S)",
        t,  # "(Horovod) Fast and easy …"
    )
    if m:
        tags.append(m.group(1).strip())
        t = t[m.end() :]
    whole = re.fullmatch(r"\[([^\[\]]+)\]\s*\|?", t)
    if whole and len(whole.group(1).split()) >= 3:  # "[Title]|[pdf](url)": brackets, no tag
        t = whole.group(1).strip()
    # a link the list wrote wrong ("Title [[Paper]](Title)"), "Code for paper: Title", "Title
    # (Abbr. HNSW)": the title is what remains
    t = re.sub(r"\s*\[\[[^\[\]]*\]\]\([^()]*\)", "", t)
    t = re.sub(
        r"^(?:official )?(?:code|implementation) (?:for|of) (?:the )?paper:\s*", "", t, flags=re.I
    )
    t = re.sub(r"\s*\(abbr(?:\.|eviated)?\s[^()]*\)\s*$", "", t, flags=re.I)
    named = re.match(r"([^:\s]+):", t)
    again = re.search(r"\s*\(([^()\s]+)\)$", t)
    if named and again and again.group(1).casefold() == named.group(1).casefold():
        # "Loihi: A Neuromorphic Manycore Processor …(Loihi)": the name said again
        t = t[: again.start()]
    affiliation = AFFILIATION.search(t)
    if affiliation:
        tags.append(affiliation.group(0).strip(" （()@"))
        t = t[: affiliation.start()]
    return t.strip().rstrip(" |").strip(), tags
