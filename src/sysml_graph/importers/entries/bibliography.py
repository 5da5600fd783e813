"""BibTeX read into import entries (bibtexparser 2): a ``.bib`` file, or the ``bibtex`` block
under an entry of a list."""

from __future__ import annotations

import re

from ..venues import match_venue
from .record import Entry, clean_title
from .vocabulary import year_in


def _name(raw: str) -> str:
    """``Last, First`` → ``First Last``; braces and spaces tidied."""
    name = re.sub(r"\s+", " ", raw.replace("{", "").replace("}", "")).strip()
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        name = f"{first} {last}".strip()
    return name


def read_bibtex(text: str) -> tuple[list[Entry], list[tuple[int, str]]]:
    """Importer entries from BibTeX text, and (line, message) for blocks that failed."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    entries: list[Entry] = []
    for block in library.entries:
        f = {k.lower(): str(v.value) for k, v in block.fields_dict.items()}
        line = (block.start_line or 0) + 1
        title = clean_title(f.get("title", ""))
        entry = Entry(
            line=line,
            kind="paper" if title else "skip",
            title=title,
            reason="" if title else "a BibTeX entry without a title",
        )
        authors = [_name(a) for a in re.split(r"\s+and\s+", f.get("author", "")) if a.strip()]
        entry.et_al = "others" in authors
        entry.authors = [a for a in authors if a != "others"]
        entry.year = year_in(f.get("year", ""))
        venue_text = f.get("booktitle") or f.get("journal") or ""
        if f.get("archiveprefix", "").lower() == "arxiv" and not venue_text:
            venue_text = "arXiv"
        entry.venue = match_venue(venue_text) if venue_text else None
        entry.url = f.get("url")
        entry.doi = f.get("doi", "").lower() or None
        entry.arxiv = (
            f.get("eprint") if re.fullmatch(r"\d{4}\.\d{4,5}", f.get("eprint", "")) else None
        )
        # The LaTeX decoder turns "--" into an en dash; pages are written with a hyphen.
        entry.pages = re.sub(r"\s*(--|–|—)\s*", "-", f.get("pages", "")) or None
        entry.book = block.entry_type.lower() == "book"
        entry.publisher = f.get("publisher")
        entries.append(entry)
    failed = [
        (b.start_line + 1, f"cannot read this BibTeX block: {type(b).__name__}")
        for b in library.failed_blocks
    ]
    return entries, failed
