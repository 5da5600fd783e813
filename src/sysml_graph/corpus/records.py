"""Typed records: what the curated YAML means, before any RDF.

Each record remembers where it came from (file and line) so that every later check —
cross references, SHACL — can point a curator at the exact place to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Where:
    """A place in a data file: path relative to the data folder, 1-based line."""

    file: str
    line: int


class PaperKind(StrEnum):
    """What kind of work a record describes; decides its RDF types."""

    CONFERENCE_PAPER = "conference-paper"
    WORKSHOP_PAPER = "workshop-paper"
    JOURNAL_ARTICLE = "journal-article"
    PREPRINT = "preprint"
    ARTICLE = "article"  # a paper whose kind of venue is not known (imported, not curated)
    BOOK = "book"


class Status(StrEnum):
    """Curated records were checked by a person; imported ones are drafts from a list."""

    CURATED = "curated"
    IMPORTED = "imported"


@dataclass(frozen=True)
class Source:
    """Where an imported record came from: a list, its commit, a file and line in it."""

    list: str  # repository address (https://github.com/Hsword/…), or a plain name ("refs.bib")
    commit: str | None
    file: str
    line: int

    @property
    def url(self) -> str:
        """A permanent link to the exact line (GitHub blob at the commit) when the list is on
        GitHub; otherwise an address in the project's space, named after the list."""
        ref = self.commit or "HEAD"
        if self.list.startswith("https://github.com/"):
            return f"{self.list}/blob/{ref}/{self.file}#L{self.line}"
        if self.list.startswith(("http://", "https://")):
            return f"{self.list}#{self.file}:{self.line}"
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", self.list)
        return f"https://w3id.org/sysml-graph/source/{name}/{self.file}#L{self.line}"


class VenueKind(StrEnum):
    """What kind of venue series: conferences and workshops have editions, journals not."""

    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    JOURNAL = "journal"


@dataclass
class Person:
    id: str
    name: str
    where: Where
    # Other spellings of the name (schema:alternateName). In a curated record, a curator's
    # decision too: the importer gives papers listing these spellings this person.
    alt_names: list[str] = field(default_factory=list)
    # Ids of records with a look-alike name that are other people (a curator's decision:
    # never merged, never reported as look-alikes).
    distinct_from: list[str] = field(default_factory=list)


@dataclass
class Edition:
    """One meeting of a conference or workshop series, e.g. MobiSys 2017."""

    id: str
    series: str
    year: int
    name: str
    where: Where
    location: str | None = None
    colocated_with: str | None = None


@dataclass
class Series:
    """A venue series (MobiSys) or a journal."""

    id: str
    acronym: str
    name: str
    kind: VenueKind
    where: Where
    alt_acronyms: list[str] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)


@dataclass
class Match:
    """The same (``exact``: ``skos:exactMatch``) or a nearly the same (``close``:
    ``skos:closeMatch``) concept in a public vocabulary, e.g. a Wikidata item, with the page
    on which a curator confirmed the identifier (identifiers are never guessed)."""

    iri: str
    kind: str  # one of MATCH_KINDS
    source: str


MATCH_KINDS = ("exact", "close")

# A curator's verdicts: a proposal accepted or rejected, a concept the tagger missed added.
DECISIONS = ("accepted", "rejected", "added")


@dataclass
class Concept:
    """A SKOS concept of a taxonomy (a technique or a hardware platform)."""

    id: str
    scheme: str
    label: str
    where: Where
    alt_labels: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    definition: str | None = None
    scope_note: str | None = None
    # Forms only the tagger matches (``skos:hiddenLabel``): inflections such as "pruned",
    # names of systems that imply the concept ("TVM").
    hidden_labels: list[str] = field(default_factory=list)
    # Phrases in which a label means something else ("gradient compression" is not model
    # compression): a label matched inside one of them does not count for the tagger.
    excluded_phrases: list[str] = field(default_factory=list)
    # Section headings of the source lists under which every entry is about this concept:
    # the list's author classified it (reviewed by hand, one heading per line).
    list_headings: list[str] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)


@dataclass
class Proposal:
    """A concept the tagger proposes for a paper, with what it rests on."""

    concept: str
    scheme: str  # "techniques" or "platforms"
    evidence: str  # one of EVIDENCE
    text: str  # the words of the title matched, or the list's heading


# What a proposal can rest on: words of the title, or the heading of the source list the
# paper is under (the list's author classified it).
EVIDENCE = ("title", "heading")


@dataclass
class Decision:
    """A curator's verdict on a concept: a proposal accepted becomes a curated tag, one
    rejected is never proposed again; an ``added`` concept is a curated tag the tagger did
    not propose (``why`` says what the curator read)."""

    concept: str
    scheme: str
    decision: str  # one of DECISIONS
    by: str
    date: str  # YYYY-MM-DD
    why: str | None = None


@dataclass
class Scheme:
    """A SKOS concept scheme: ``techniques`` or ``platforms``."""

    id: str
    title: str
    where: Where
    concepts: list[Concept] = field(default_factory=list)


@dataclass(kw_only=True)
class Paper:
    """A paper, book or other work; one YAML file each.

    The one schema of a paper record: its fields are the YAML keys, in their canonical
    order (``yaml`` metadata names a key spelt otherwise; ``""``: not a key). The loader
    (:func:`sysml_graph.corpus.parse.parse_paper`), the writer
    (:func:`sysml_graph.corpus.paper_yaml.paper_yaml`) and the importer's key order
    (:data:`sysml_graph.corpus.paper_yaml.PAPER_KEYS`) derive from them.
    """

    id: str
    kind: PaperKind = field(metadata={"yaml": "type"})
    status: Status = Status.CURATED
    title: str
    # Titles of records merged into this one (an arXiv and a proceedings title):
    # dcterms:alternative, so that a search by either finds the work.
    other_titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    authors_incomplete: bool = False  # "et al.": only the first authors are known
    venue: str | None = None
    year: int | None = None
    pages: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None
    code: str | None = None
    website: str | None = None
    publisher: str | None = None
    techniques: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    proposed: list[Proposal] = field(default_factory=list)  # the tagger's, with evidence
    decisions: list[Decision] = field(default_factory=list)  # a curator's on proposals
    extends: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    # Another record of the same work (a preprint or workshop paper of a conference paper):
    # dcterms:isVersionOf, never merged into it.
    version_of: str | None = None
    topics: list[str] = field(default_factory=list)  # section headings of the source list
    sources: list[Source] = field(default_factory=list)
    note: str | None = None
    where: Where = field(metadata={"yaml": ""})
    # Line of each field ("authors") and list item ("authors:song-han") in its file.
    lines: dict[str, int] = field(default_factory=dict, metadata={"yaml": ""})

    @property
    def inferred_techniques(self) -> list[str]:
        """The techniques proposed for the paper, each once, in the order proposed."""
        return list(dict.fromkeys(p.concept for p in self.proposed if p.scheme == "techniques"))

    @property
    def inferred_platforms(self) -> list[str]:
        """The platforms proposed for the paper, each once, in the order proposed."""
        return list(dict.fromkeys(p.concept for p in self.proposed if p.scheme == "platforms"))

    @property
    def complete(self) -> bool:
        """Has what the interop contract needs of a schema:ScholarlyArticle."""
        return bool(self.authors) and self.year is not None and bool(self.venue)

    def at(self, key: str, item: str | None = None) -> Where:
        """Where ``key`` (or one ``item`` of its list) is written; else the record's start."""
        line = self.lines.get(f"{key}:{item}") if item is not None else None
        return Where(self.where.file, line or self.lines.get(key, self.where.line))


@dataclass
class SourceList:
    """A list the importer read: its repository, commit and licence (from SOURCE.txt)."""

    id: str
    repository: str
    title: str
    where: Where
    commit: str | None = None
    licence: str | None = None  # an SPDX id such as MIT or Apache-2.0
    # Read with --complete-only: it fills drafts' fields and never makes a draft of its own.
    complete_only: bool = False


@dataclass
class Corpus:
    """Everything in one data folder: curated records and the importer's drafts."""

    papers: list[Paper]
    people: list[Person]
    series: list[Series]
    schemes: list[Scheme]
    source_lists: list[SourceList] = field(default_factory=list)

    @property
    def editions(self) -> list[Edition]:
        return [e for s in self.series for e in s.editions]
