"""The shapes checked by pyshacl (the reference engine; the ``pyshacl`` extra)."""

from __future__ import annotations

from typing import Any

from ..rdf.namespaces import SGS, SH
from ..rdf.rdflib_api import to_rdflib
from ..rdf.store import KnowledgeGraph
from ..resources import shapes_file
from .shapes import _Result, year_pattern


def _pyshacl_results(graph: Any) -> list[_Result]:
    import pyshacl  # slow to import; only needed here
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    if isinstance(graph, KnowledgeGraph):
        graph = to_rdflib(graph)

    def sh(name: str) -> URIRef:
        return URIRef(SH + name)

    shapes = Graph().parse(shapes_file(), format="turtle")
    shapes.set((URIRef(SGS + "PaperYearRange"), sh("pattern"), Literal(year_pattern())))
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    out = []
    nested = set(report.objects(None, sh("detail")))  # reported again by their parent
    for result in report.subjects(RDF.type, sh("ValidationResult")):
        if result in nested:
            continue
        message = report.value(result, sh("resultMessage"))
        path = report.value(result, sh("resultPath"))
        value = report.value(result, sh("value"))
        out.append(
            _Result(
                str(report.value(result, sh("focusNode"))),
                str(message) if message is not None else "breaks a SHACL shape",
                str(path) if isinstance(path, URIRef) else None,
                None if value is None else str(value),
            )
        )
    return out
