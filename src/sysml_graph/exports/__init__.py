"""Step 7, exports for other tools: BibTeX, CSV tables, GraphML."""
