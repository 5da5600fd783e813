"""Step 8, importers: awesome lists and BibTeX files read into draft YAML for curators."""
