"""sysml-graph: a curated knowledge graph of machine-learning-systems research.

The data flows one way, one package per step (docs/architecture.md): curated YAML is read
and checked (:mod:`sysml_graph.corpus`), mapped to one RDF graph (:mod:`sysml_graph.rdf`),
validated with SHACL (:mod:`sysml_graph.shacl`), queried (:mod:`sysml_graph.sparql`), drawn
(:mod:`sysml_graph.network`), counted (:mod:`sysml_graph.stats`) and exported
(:mod:`sysml_graph.exports`); :mod:`sysml_graph.importers` turns awesome lists into drafts,
:mod:`sysml_graph.builder` runs builds and :mod:`sysml_graph.cli` is the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"
