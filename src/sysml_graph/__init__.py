"""sysml-graph: a curated knowledge graph of machine-learning-systems research.

The data flows one way (see DESIGN.md): curated YAML is loaded and checked
(:mod:`sysml_graph.load`, :mod:`sysml_graph.check`), mapped to one RDF graph
(:mod:`sysml_graph.to_rdf`), validated with SHACL (:mod:`sysml_graph.shacl`), and
serialised or queried (:mod:`sysml_graph.export`, :mod:`sysml_graph.sparql`).
"""

__version__ = "0.1.0"
