"""The whole way from a data folder to a checked graph: load, check, map, SHACL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..corpus.read import read_corpus
from ..corpus.records import Corpus
from ..corpus.rules import check_corpus
from ..gcpause import no_gc_pauses
from ..problems import InvalidInput
from ..rdf.locations import locations
from ..rdf.mapping import knowledge_graph
from ..rdf.store import KnowledgeGraph
from ..shacl.validate import shacl_problems
from .parse_cache import ParseCache


def kg_from_data(
    data_dir: Path,
    shacl: bool = True,
    cache: Path | None = None,
    save_cache: bool = True,
    sink: Callable[[bytes], None] | None = None,
) -> tuple[KnowledgeGraph, Corpus]:
    """Load ``data_dir``, check it, and map it to RDF; raise :class:`InvalidInput`.

    With ``cache`` (a file), files parsed by an earlier run are not parsed again; with
    ``save_cache`` the cache is then updated for the next run. ``sink`` gets the outputs'
    units (:func:`sysml_graph.rdf.mapping.knowledge_graph`).

    >>> from sysml_graph.resources import default_data_dir
    >>> kg, corpus = kg_from_data(default_data_dir())
    >>> len(corpus.papers) >= 16 and len(kg) > 1000
    True
    """
    with no_gc_pauses():
        parse_cache = ParseCache(cache) if cache is not None else None
        corpus, problems = read_corpus(data_dir, parse_cache)
        if parse_cache is not None and save_cache:
            parse_cache.save()  # what each file holds, valid or not, is worth keeping
        check_corpus(corpus, problems)
        kg = knowledge_graph(corpus, sink=sink)
    if shacl:
        problems = shacl_problems(kg, locations(corpus))
        if problems:
            raise InvalidInput(problems)
    return kg, corpus
