"""Step 2, RDF: the vocabulary, the mapping of records to N-Triples, the pyoxigraph store and the
serialisations.
"""
