"""Read an awesome list (one markdown file) into entries, with heading context."""

from __future__ import annotations

import re
from pathlib import Path

from .entries import Context, Entry, read_entry, year_in
from .markdown_list import parse_markdown
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
    for block in parse_markdown(text):
        if block.kind == "item" and block.depth > 1 and not block.head.links:
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
    return entries


__all__ = ["file_context", "read_list", "year_in"]
