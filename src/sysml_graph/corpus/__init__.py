"""Step 1, the corpus: the curated YAML read into typed records, checked by the data rules."""
