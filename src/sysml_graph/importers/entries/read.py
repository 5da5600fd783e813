"""One block of a list read as an entry: a heading, a table row, or a list item."""

from __future__ import annotations

from ..markdown_list import Block
from .context import Context
from .headings import read_heading
from .items import read_item
from .kinds import topics_of
from .record import Entry
from .rows import read_row


def read_entry(block: Block, ctx: Context) -> Entry:
    """Interpret one block, with the heading context it sits under.

    >>> from sysml_graph.importers.markdown_list import parse_markdown
    >>> block = parse_markdown("- [Ray: A Distributed Framework](https://x.org/ray) OSDI 2018")[0]
    >>> entry = read_entry(block, Context())
    >>> entry.kind, entry.title, entry.venue.acronym, entry.year
    ('paper', 'Ray: A Distributed Framework', 'OSDI', 2018)
    """
    entry = Entry(
        line=block.line, kind="skip", topics=topics_of(block.sections) + block.head.badges
    )
    if block.kind == "heading":
        return read_heading(block, entry)
    if block.kind == "row":
        return read_row(block, entry, ctx)
    return read_item(block, ctx, entry)
