"""Read an awesome list (one markdown file) into entries, with heading context."""

from __future__ import annotations

import re
from pathlib import Path

from .entries import Context, Entry, read_entry, year_in
from .entries.kinds import UNPROVEN, titled
from .entries.links import is_label
from .entries.styles import cites_a_title
from .entries.tags import read_tag, venue_year_tag
from .markdown_list import PSEUDO, Block, parse_markdown
from .venues import match_venue


def file_context(path: Path) -> Context:
    """Venue and year a file's name gives, like ``note/OSDI2020.md``."""
    m = re.fullmatch(r"([A-Za-z]+)[-_ ]?((?:19|20)\d{2})", path.stem)
    if m:
        venue = match_venue(m.group(1))
        if venue is not None and venue.known:
            return Context(venue, int(m.group(2)))
    return Context()


def read_list(text: str, path: Path | None = None) -> list[Entry]:
    """Every entry of one markdown file, in order (papers, software and skipped blocks).

    >>> text = "### OSDI\\n#### 2018\\n1. **Ray: A Framework**\\n\\n\\t*Philipp Moritz*\\n"
    >>> [(e.title, e.venue.acronym, e.year, e.authors) for e in read_list(text) if e.title]
    [('Ray: A Framework', 'OSDI', 2018, ['Philipp Moritz'])]
    """
    ctx = file_context(path) if path is not None else Context()
    entries: list[Entry] = []
    blocks = parse_markdown(text)
    promoted = _citations_under_topics(blocks)
    labels, members = _group_labels(blocks)
    promoted |= members
    groups: list[int] = []  # the depths of the group labels the entries are under
    for block in blocks:
        while groups and (block.kind != "item" or block.depth <= groups[-1]):
            ctx.leave(PSEUDO + groups.pop())
        if id(block) in labels:
            # "- **DAC2022**" over the items of its papers: a heading of the items under it
            groups.append(block.depth)
            ctx.heading(PSEUDO + block.depth, labels[id(block)])
            entries.append(Entry(line=block.line, kind="skip", reason="a group's venue or year"))
            continue
        if (
            block.kind == "item"
            and block.depth > 1
            and (not block.head.links or _only_tags(block))
            and id(block) not in promoted
        ):
            # A sub-item without a link of its own (authors, venue, summary, notes) belongs
            # to the entry above, which already read it as a detail.
            entries.append(Entry(line=block.line, kind="skip", reason="detail of the entry above"))
            continue
        if block.kind == "heading":
            event = any(
                re.fullmatch(
                    r"\[?(program|proceedings?|all papers|accepted papers)\]?", lk.text, re.I
                )
                for lk in block.head.links
            )
            ctx.heading(block.depth, block.head.text, event)
        entries.append(read_entry(block, ctx))
    _papers_by_form(blocks, entries)
    return entries


def _form(block: Block) -> str | None:
    """How an item without a link writes its title: all bold, or all italic."""
    head = block.head
    if block.kind != "item" or head.links or not head.text.strip():
        return None
    for form, spans in (("bold", head.strong), ("italic", head.emphasis)):
        if len(spans) == 1 and spans[0].strip() == head.text.strip():
            return form
    return None


def _papers_by_form(blocks: list[Block], entries: list[Entry]) -> None:
    """A list that writes its papers as bold titles without links ("- **Title**") and gives
    venue or year to some of them only (under "- **DAC2022**"): the others written the
    same way are papers too, when they read as titles."""
    by_form: dict[str, list[tuple[Block, Entry]]] = {}
    for block, entry in zip(blocks, entries, strict=True):
        form = _form(block)
        if form is not None:
            by_form.setdefault(form, []).append((block, entry))
    for pairs in by_form.values():
        proven = [e for _, e in pairs if e.kind == "paper" and (e.venue or e.year)]
        if len(proven) < 3:
            continue
        for _, entry in pairs:
            if entry.kind == "skip" and entry.reason == UNPROVEN and titled(entry.title):
                entry.kind, entry.reason = "paper", ""


def _only_tags(block: Block) -> bool:
    """Whether a sub-item holds only where and when and the links of the entry above
    ("  - 2015/03 | ICML15 | [[Paper](url)]"), no title of its own."""
    labels = {lk.text for lk in block.head.links if is_label(lk)}
    if not labels or len(labels) < len(block.head.links):
        return False
    text = block.head.text
    for label in labels:
        text = text.replace(f"[{label}]", " ").replace(label, " ")
    parts = [p.strip(" ,;") for p in re.split(r"[|\[\]]", text) if p.strip(" ,;")]
    return all(
        re.fullmatch(r"(?:19|20)\d{2}(?:[/.-]\d{1,2}){0,2}", p)
        or venue_year_tag(p)
        or read_tag(p)[1]
        for p in parts
    )


def _group_labels(blocks: list[Block]) -> tuple[dict[int, str], set[int]]:
    """The items that only name a venue and a year ("- **DAC2022**", "* ISSCC 2024:",
    "- 2022") and have items under them, with their label (by ``id``); and the items right
    under them, which are entries of their own, not details of the label."""
    labels: dict[int, str] = {}
    members: set[int] = set()
    for i, block in enumerate(blocks[:-1]):
        below = blocks[i + 1]
        if block.kind != "item" or block.head.links or below.kind != "item":
            continue
        label = block.head.text.strip(" :*_")
        if below.depth != block.depth + 1 or not (
            re.fullmatch(r"(?:19|20)\d{2}", label) or venue_year_tag(label)
        ):
            continue
        labels[id(block)] = label
        for sub in blocks[i + 1 :]:
            if sub.kind != "item" or sub.depth <= block.depth:
                break
            if sub.depth == block.depth + 1:
                members.add(id(sub))
    return labels, members


def _citations_under_topics(blocks: list[Block]) -> set[int]:
    """The sub-items that are entries of their own under a topic (by ``id``); the topic
    item no longer reads them as its details."""
    parents: dict[int, Block] = {}  # the last item at each depth
    promoted: set[int] = set()
    for block in blocks:
        if block.kind != "item":
            continue
        parents[block.depth] = block
        parent = parents.get(block.depth - 1)
        if parent is not None and block.depth > 1 and _topic_over_citation(parent, block):
            promoted.add(id(block))
            for depth in range(1, block.depth):  # every item above it
                above = parents.get(depth)
                if above is not None:
                    above.details = [d for d in above.details if d is not block.head]
    return promoted


def _topic_over_citation(parent: Block, block: Block) -> bool:
    """Whether a sub-item is an entry of its own under a topic ("* Training System" over
    "  + Low, Y., … (2012). Distributed GraphLab: …"), not a detail of the item above: the
    item above is a short label without a link or a year, the sub-item a whole citation."""
    above = parent.head
    return (
        not above.links
        and len(above.text.split()) <= 12
        and year_in(above.text) is None
        and cites_a_title(block.head.text)
    )


__all__ = ["file_context", "read_list", "year_in"]
