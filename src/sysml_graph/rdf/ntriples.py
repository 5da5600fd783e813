"""N-Triples terms: the vocabulary as ``<IRI>`` terms and the writers of literals and nodes.

The mapping writes N-Triples lines of text (a Python object per triple cost seconds at a
million triples); these are the only functions that spell a term.
"""

from __future__ import annotations

import dataclasses
import re

from ..corpus.iri import escape, path_part
from ..corpus.records import (
    Source,
)
from .namespaces import BASE, NAMESPACES, RDF_TYPE, RDFS, XSD_INTEGER


class Terms:
    """``SKOS.prefLabel`` → ``<http://www.w3.org/2004/02/skos/core#prefLabel>``."""

    def __init__(self, prefix: str) -> None:
        self._base = NAMESPACES[prefix]

    def __getattr__(self, name: str) -> str:
        return f"<{self._base}{name}>"


SG, SKOS, DCTERMS, SDO, BIBO = (Terms(p) for p in ("sg", "skos", "dcterms", "schema", "bibo"))
FABIO, PRO, CITO, PROV, FOAF, VOID = (
    Terms(p) for p in ("fabio", "pro", "cito", "prov", "foaf", "void")
)
TYPE = f"<{RDF_TYPE}>"
LABEL = f"<{RDFS}label>"
COMMENT = f"<{RDFS}comment>"

# Canonical N-Triples escapes these with ECHAR and other controls with UCHAR.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b"}

_ECHAR["\f"] = "\\f"


def _escape(match: re.Match[str]) -> str:
    c = match.group(0)
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def lit(text: str) -> str:
    """A plain (xsd:string) literal.

    >>> print(lit('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    return f'"{text}"'


def en(text: str) -> str:
    return lit(text) + "@en"


def typed(lexical: str, datatype: str) -> str:
    return f'"{lexical}"^^<{datatype}>'


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD_INTEGER}>'


def node(kind: str, ident: str) -> str:
    """The IRI of an entity minted from its curated id, as an N-Triples term."""
    return f"<{BASE}{kind}/{ident}>"


def link(url: str) -> str:
    """An IRI from the data as an N-Triples term.

    The loader has checked and encoded every link (:func:`sysml_graph.corpus.iri.web_link`);
    :func:`~sysml_graph.corpus.iri.escape` (one regular-expression match for a valid IRI) still
    keeps a record made in Python, or an IRI composed of parts, from breaking the line.

    >>> link("https://example.org/a b>")
    '<https://example.org/a%20b%3E>'
    """
    return f"<{escape(url)}>"


def is_link(text: str) -> bool:
    """Whether a list's name or repository is a link (the loader checked those with a
    scheme, and wrote it in lower case) rather than a plain name such as ``refs.bib``."""
    return text.startswith(("http://", "https://"))


def origin_link(origin: Source) -> str:
    """The IRI of the line of a list a record came from: the file's path in it is a path,
    not a piece of IRI, so its spaces, ``%``, ``?`` and ``#`` are encoded."""
    file = path_part(origin.file)
    return link((dataclasses.replace(origin, file=file) if file != origin.file else origin).url)
