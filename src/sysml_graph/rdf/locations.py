"""Where each node of the graph was written: its IRI to the file and line of the YAML."""

from __future__ import annotations

from ..corpus.records import Corpus, Where
from .namespaces import BASE, concept_kind


def locations(corpus: Corpus) -> dict[str, Where]:
    """Where each entity of the graph (by IRI) was written, for messages about it."""
    out: dict[str, Where] = {}
    for p in corpus.papers:
        out[f"{BASE}paper/{p.id}"] = p.where
        for pos, _ in enumerate(p.authors, start=1):
            out[f"{BASE}authorship/{p.id}-{pos}"] = p.at("authors")
        out[f"{BASE}software/{p.id}"] = p.at("code")
    for person in corpus.people:
        out[f"{BASE}person/{person.id}"] = person.where
    for s in corpus.series:
        out[f"{BASE}venue/{s.id}"] = s.where
        for e in s.editions:
            out[f"{BASE}venue/{e.id}"] = e.where
    for scheme in corpus.schemes:
        for c in scheme.concepts:
            out[f"{BASE}{concept_kind(scheme.id)}/{c.id}"] = c.where
    return out
