"""Step 3, SHACL: the shapes checked on the graph, compiled to SPARQL (or by pyshacl, an extra)."""
