"""BibTeX in and out (bibtexparser 2.x).

Export reads the RDF graph (like every other output), so a Turtle file from elsewhere
exports the same way; import turns ``.bib`` entries into importer entries, so BibTeX drafts
are deduplicated and carry provenance exactly like awesome-list drafts. Titles, authors,
venue, year, DOI, URL, pages and arXiv ids round-trip."""

from __future__ import annotations

import re
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SDO

from .entries import Entry, clean_title, year_in
from .network import short_id
from .venues import match_venue
from .vocab import BIBO, FABIO, PRO, SG

_SPECIAL = re.compile(r"([&%$#_])")
TEXT_FIELDS = ("title", "author", "booktitle", "journal", "publisher")


def escape(text: str) -> str:
    """TeX's special characters escaped; Unicode stays (biber and bibtex8 read UTF-8).

    >>> print(escape("R&D: 100% of #1_x"))
    R\\&D: 100\\% of \\#1\\_x
    """
    return _SPECIAL.sub(r"\\\1", text)


def _text(graph: Graph, s: Any, p: URIRef) -> str | None:
    value = graph.value(s, p)
    return str(value) if value is not None else None


def export_bibtex(graph: Graph) -> str:
    """Every paper and book of ``graph`` as BibTeX, one entry per work, keyed by its id.

    >>> from rdflib import Literal
    >>> g = Graph()
    >>> p = URIRef("https://w3id.org/sysml-graph/paper/x")
    >>> _ = g.add((p, RDF.type, SDO.ScholarlyArticle)).add((p, DCTERMS.title, Literal("A & B")))
    >>> print(export_bibtex(g).strip())
    @misc{x,
      title = {A \\& B}
    }
    """
    import bibtexparser
    from bibtexparser.model import Entry as BibEntry
    from bibtexparser.model import Field

    works = sorted(
        set(graph.subjects(RDF.type, SDO.ScholarlyArticle))
        | set(graph.subjects(RDF.type, SG.PaperDraft))
        | set(graph.subjects(RDF.type, SDO.Book)),
        key=str,
    )
    library = bibtexparser.Library()
    for work in works:
        key = (short_id(work) or str(work)).split(":", 1)[-1]
        types = set(graph.objects(work, RDF.type))
        fields: dict[str, str] = {}
        title = _text(graph, work, DCTERMS.title)
        if title:
            fields["title"] = title
        authors = sorted(
            (
                (int(str(graph.value(role, SDO.position))), graph.value(role, PRO.isHeldBy))
                for role in graph.subjects(PRO.relatesToDocument, work)
            ),
            key=lambda pair: pair[0],
        )
        names = [_text(graph, person, FOAF.name) or "" for _, person in authors]
        if names:
            fields["author"] = " and ".join(names)
        issued = _text(graph, work, DCTERMS.issued)
        if issued:
            fields["year"] = issued[:4]
        edition = graph.value(work, BIBO.presentedAt)
        journal = graph.value(work, DCTERMS.isPartOf)
        entry_type = "misc"
        if SDO.Book in types:
            entry_type = "book"
            publisher = _text(graph, work, DCTERMS.publisher)
            if publisher:
                fields["publisher"] = publisher
        elif edition is not None:
            entry_type = "inproceedings"
            fields["booktitle"] = _text(graph, edition, SDO.name) or ""
        elif journal is not None:
            name = _text(graph, journal, SDO.name) or ""
            if FABIO.Preprint in types:
                fields["journal"] = name
            else:
                entry_type = "article"
                fields["journal"] = name
        fields = {k: escape(v) if k in TEXT_FIELDS else v for k, v in fields.items()}
        for bib, prop in (("doi", BIBO.doi), ("pages", BIBO.pages), ("eprint", SG.arxiv)):
            value = _text(graph, work, prop)
            if value:
                fields[bib] = value.replace("-", "--") if bib == "pages" else value
        if "eprint" in fields:
            fields["archiveprefix"] = "arXiv"
        url = _text(graph, work, SDO.url)
        if url:
            fields["url"] = url
        library.add(BibEntry(entry_type, key, [Field(k, v) for k, v in fields.items()]))
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    layout.block_separator = "\n\n"
    text: str = bibtexparser.write_string(library, bibtex_format=layout)
    return text


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
