"""One block of a list read as an entry: a heading, a table row, or a list item."""

from __future__ import annotations

import re

from ...corpus.rules import title_decoration
from ..markdown_list import Block
from .context import Context
from .headings import read_heading
from .items import read_item
from .kinds import topics_of
from .record import Entry
from .rows import read_row

COUNT_BADGE = re.compile(r"\b(?:pages?|citations?|cited|stars?|forks?|downloads?|views?)\b", re.I)


def read_entry(block: Block, ctx: Context) -> Entry:
    """Interpret one block, with the heading context it sits under.

    >>> from sysml_graph.importers.markdown_list import parse_markdown
    >>> block = parse_markdown("- [Ray: A Distributed Framework](https://x.org/ray) OSDI 2018")[0]
    >>> entry = read_entry(block, Context())
    >>> entry.kind, entry.title, entry.venue.acronym, entry.year
    ('paper', 'Ray: A Distributed Framework', 'OSDI', 2018)
    >>> read_entry(parse_markdown("- : [OSDI '19]1. ")[0], Context()).reason
    'partly read: the title keeps a tag in brackets'
    """
    # a badge names a topic ("Image_Classification-green"), not when it counts something
    # ("17-pages-green", "Citations-4500+-blue")
    badges = [b for b in block.head.badges if not COUNT_BADGE.search(b)]
    entry = Entry(line=block.line, kind="skip", topics=topics_of(block.sections) + badges)
    if block.kind == "heading":
        entry = read_heading(block, entry)
        if entry.kind == "paper" and entry.year is None:
            # "## 2024:" then "### 1. Street Gaussians for …" with its authors and links
            outer_venue, entry.year = ctx.outer()
            entry.venue = entry.venue or outer_venue
    elif block.kind == "row":
        entry = read_row(block, entry, ctx)
    else:
        entry = read_item(block, ctx, entry)
    kept = title_decoration(entry.title) if entry.kind == "paper" else None
    if kept is not None:
        # only partly read: a title that `validate` would refuse is reported, not written
        entry.kind, entry.reason = "skip", f"partly read: the title keeps {kept}"
        entry.authors, entry.et_al = [], False
    return entry
